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

    /** Undoes what {@link #stamp} changed that the guest could notice (strips encapsulation). */
    void restore(P p);
}
