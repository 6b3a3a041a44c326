package org.seawallsim.seawall.port;

/**
 * What a destination learns from the network's control plane about its sources: the administrator weight of a
 * source VM, and whether traffic from a source host is already filtered. A destination judges a tunnel's
 * share with it and never with anything the (possibly compromised) source hypervisor says.
 */
public interface SourceWeights {
    /** Every VM weighs 1 (no control plane at hand). */
    SourceWeights EQUAL = vm -> 1.0;

    /**
     * The weight of VM {@code srcVm} (> 0); 1 for a VM the control plane does not know, 0 for one it knows has
     * left (its tunnel wants no share any more).
     */
    double weight(int srcVm);

    /**
     * The NIC rate of host {@code srcHost} in bit/s: an honest tunnel's limit never exceeds it, so a tunnel arriving
     * near it has a limit that binds and must show its cut. {@code Long.MAX_VALUE} when unknown.
     */
    default long nicRateBps(int srcHost) {
        return Long.MAX_VALUE;
    }

    /** Whether the network already filters traffic from {@code srcHost} to {@code dstHost} (it wants no share). */
    default boolean filtered(int srcHost, int dstHost) {
        return false;
    }
}
