package org.seawallsim.seawall.controller;

/** Told by the sender SW-port when a VM sends to a destination host it has no tunnel to yet. */
public interface TunnelObserver {
    /** Returns the rate the new tunnel starts at. */
    long tunnelOpened(long tunnelKey);

    /** The administrator weight of a VM of this host (1 if unknown), by which the sender port shares its NIC. */
    default double vmWeight(int vm) {
        return 1.0;
    }
}
