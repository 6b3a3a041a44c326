package org.seawallsim.engine.packet;

/**
 * Ethernet framing on the wire: preamble+SFD 8 B, MAC header 14 B, FCS 4 B, inter-frame gap 12 B, minimum frame 64 B
 * (header to FCS). A 1500-B IP datagram therefore costs 1538 B of wire time.
 */
public final class Ethernet {
    public static final int PREAMBLE_SFD_BYTES = 8;
    public static final int HEADER_BYTES = 14;
    public static final int FCS_BYTES = 4;
    public static final int IFG_BYTES = 12;
    public static final int MIN_FRAME_BYTES = 64;
    public static final int MTU_BYTES = 1500;
    public static final int IPV4_HEADER_BYTES = 20;
    public static final int TCP_HEADER_BYTES = 20;
    public static final int UDP_HEADER_BYTES = 8;

    private Ethernet() {
    }

    /** Wire bytes for an IP datagram of {@code l3Bytes}. */
    public static int wireBytes(int l3Bytes) {
        int frame = Math.max(l3Bytes + HEADER_BYTES + FCS_BYTES, MIN_FRAME_BYTES);
        return frame + PREAMBLE_SFD_BYTES + IFG_BYTES;
    }
}
