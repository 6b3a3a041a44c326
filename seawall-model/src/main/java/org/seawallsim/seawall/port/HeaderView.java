package org.seawallsim.seawall.port;

/**
 * What the SW-ports may read and write of a packet, whatever its representation (simulator object or real bytes).
 * Stamping and restoring are the codec's job; the ports only decide when.
 *
 * @param <P> the packet type
 */
public interface HeaderView<P> {
    int srcVm(P p);

    int srcHost(P p);

    int dstHost(P p);

    /** Bytes the packet occupies on the wire, framing and any encapsulation included. */
    int wireBytes(P p);

    /** IP datagram bytes plus encapsulation: the unit of queue limits and counters. */
    int sizeBytes(P p);

    /** True if the packet arrived with ECN Congestion Experienced. */
    boolean congestionExperienced(P p);

    /** Writes the tunnel sequence number; returns false if the packet left untracked (fallback PASS_UNTRACKED). */
    boolean stamp(P p, int seq16, HeaderMode mode, Fallback fallback);

    /** The sequence number carried, or -1 if the packet carries none. */
    int readStamp(P p);

    /**
     * Makes a packet the guest sent as not ECN-capable ECN-capable with the hypervisor's own codepoint, ECT(1)
     * (guest stacks that use ECN send ECT(0)), so that switches mark it instead of dropping it; returns whether it
     * did. Views of packets without an ECN field do nothing.
     */
    default boolean setHypervisorEct(P p) {
        return false;
    }

    /** True if the packet carries the ECT(0) codepoint a guest's own ECN-capable stack sets. */
    default boolean guestEct(P p) {
        return false;
    }

    /**
     * Undoes {@link #setHypervisorEct}: ECT(1) becomes not-ECT again, and so does CE unless the guest's own stack
     * uses ECN on this tunnel (then CE is the guest's congestion signal too and is delivered).
     */
    default void restoreEcn(P p, boolean guestUsesEcn) {
    }

    /**
     * Which of the network's paths between its source and this host the packet took, as an opaque key (equal keys,
     * same path), or 0 where there is one path. The operator knows its routing and its switches' ECMP hash, so a
     * receiving hypervisor can tell from a packet's headers; {@link SequenceTracker} judges losses per path.
     */
    default int pathKey(P p) {
        return 0;
    }

    /** Undoes what {@link #stamp} changed that the guest could notice (strips encapsulation). */
    void restore(P p);
}
