package org.seawallsim.seawall.sim;

/** How a host's hypervisor misbehaves (E8). */
public enum Compromise {
    /** Honest. */
    NONE,
    /** The SW-port still stamps and rate-limits, but the controller ignores feedback: every tunnel at line rate. */
    IGNORES_FEEDBACK,
    /** The SW-port is switched off: VM traffic goes to the NIC unstamped and unlimited. */
    DISABLED_PORT
}
