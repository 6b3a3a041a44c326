package org.seawallsim.engine.probe;

/**
 * A network element as probes see it: a host, a switch or an egress port. Only its stable name, so that the probe
 * layer sits below the network it reports on. A recorder that needs more of an element compares it by identity with
 * the elements it was given when it was built (or keys a map by it).
 */
public interface NetElement {
    /** Stable name, the same one drop reports give as {@code where}. */
    String name();
}
