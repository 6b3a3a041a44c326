package org.seawallsim.seawall.codec;

/**
 * The encapsulation header mode, and the fallback for packets bit stealing cannot stamp: the SW-port prepends an
 * outer IPv4 header (hypervisor addresses, protocol 253, "for experimentation", RFC 3692) and an 8-byte Seawall
 * header (magic 0x5357 "SW", the 16-bit sequence number, the inner EtherType, 2 reserved bytes) to the Ethernet
 * payload, and sets the EtherType to IPv4. The receiver strips both and gets back the exact original frame.
 * {@link #OVERHEAD_BYTES} = 28 on the wire; the NIC now sees protocol 253, so TSO and checksum offload of the
 * guest's TCP no longer apply.
 */
public final class Encapsulation {
    public static final int OUTER_IPV4_BYTES = 20;
    public static final int SEAWALL_HEADER_BYTES = 8;
    public static final int OVERHEAD_BYTES = OUTER_IPV4_BYTES + SEAWALL_HEADER_BYTES;
    public static final int PROTOCOL = 253;
    public static final int MAGIC = 0x5357;
    private static final int ETHER_HEADER = 14;

    private Encapsulation() {
    }

    /** A new frame: {@code frame}'s Ethernet header, outer IPv4, Seawall header, then the original L3 payload. */
    public static byte[] encapsulate(byte[] frame, int length, int seq16, int srcAddr, int dstAddr) {
        if (length < ETHER_HEADER) {
            throw new IllegalArgumentException("frame too short for Ethernet: " + length + " bytes");
        }
        int payload = length - ETHER_HEADER;
        byte[] out = new byte[length + OVERHEAD_BYTES];
        System.arraycopy(frame, 0, out, 0, 12);
        InternetChecksum.put16(out, 12, 0x0800);
        int ip = ETHER_HEADER;
        out[ip] = 0x45;
        InternetChecksum.put16(out, ip + 2, OVERHEAD_BYTES + payload);
        out[ip + 6] = 0x40; // DF: the outer datagram is atomic too
        out[ip + 8] = 64;
        out[ip + 9] = (byte) PROTOCOL;
        putInt(out, ip + 12, srcAddr);
        putInt(out, ip + 16, dstAddr);
        InternetChecksum.put16(out, ip + Ipv4.CHECKSUM_OFFSET, InternetChecksum.checksum(out, ip, OUTER_IPV4_BYTES));
        int sw = ip + OUTER_IPV4_BYTES;
        InternetChecksum.put16(out, sw, MAGIC);
        InternetChecksum.put16(out, sw + 2, seq16 & 0xFFFF);
        InternetChecksum.put16(out, sw + 4, InternetChecksum.u16(frame, 12));
        System.arraycopy(frame, ETHER_HEADER, out, ETHER_HEADER + OVERHEAD_BYTES, payload);
        return out;
    }

    /** True if {@code frame} carries a Seawall encapsulation header. */
    public static boolean isEncapsulated(byte[] frame, int length) {
        return length >= ETHER_HEADER + OVERHEAD_BYTES && InternetChecksum.u16(frame, 12) == 0x0800
                && Ipv4.protocol(frame, ETHER_HEADER) == PROTOCOL
                && InternetChecksum.u16(frame, ETHER_HEADER + OUTER_IPV4_BYTES) == MAGIC;
    }

    public static int sequence(byte[] frame) {
        return InternetChecksum.u16(frame, ETHER_HEADER + OUTER_IPV4_BYTES + 2);
    }

    /** The original frame. */
    public static byte[] decapsulate(byte[] frame, int length) {
        if (!isEncapsulated(frame, length)) {
            throw new IllegalArgumentException("not a Seawall-encapsulated frame");
        }
        byte[] out = new byte[length - OVERHEAD_BYTES];
        System.arraycopy(frame, 0, out, 0, 12);
        InternetChecksum.put16(out, 12, InternetChecksum.u16(frame, ETHER_HEADER + OUTER_IPV4_BYTES + 4));
        System.arraycopy(frame, ETHER_HEADER + OVERHEAD_BYTES, out, ETHER_HEADER, length - ETHER_HEADER - OVERHEAD_BYTES);
        return out;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
