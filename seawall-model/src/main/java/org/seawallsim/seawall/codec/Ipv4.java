package org.seawallsim.seawall.codec;

/** Read-only accessors and checks for an IPv4 header at an offset in a byte array. */
public final class Ipv4 {
    public static final int ID_OFFSET = 4;
    public static final int FLAGS_OFFSET = 6;
    public static final int CHECKSUM_OFFSET = 10;

    private Ipv4() {
    }

    public static boolean isIpv4(byte[] b, int ip, int available) {
        return available >= 20 && ((b[ip] & 0xFF) >>> 4) == 4 && headerBytes(b, ip) >= 20
                && headerBytes(b, ip) <= available;
    }

    public static int headerBytes(byte[] b, int ip) {
        return (b[ip] & 0x0F) * 4;
    }

    public static int totalLength(byte[] b, int ip) {
        return InternetChecksum.u16(b, ip + 2);
    }

    public static int id(byte[] b, int ip) {
        return InternetChecksum.u16(b, ip + ID_OFFSET);
    }

    public static boolean dontFragment(byte[] b, int ip) {
        return (b[ip + FLAGS_OFFSET] & 0x40) != 0;
    }

    public static boolean moreFragments(byte[] b, int ip) {
        return (b[ip + FLAGS_OFFSET] & 0x20) != 0;
    }

    public static int fragmentOffset(byte[] b, int ip) {
        return InternetChecksum.u16(b, ip + FLAGS_OFFSET) & 0x1FFF;
    }

    /** Atomic datagram (RFC 6864): DF set, MF clear, offset 0; its ID carries no meaning. */
    public static boolean isAtomic(byte[] b, int ip) {
        return dontFragment(b, ip) && !moreFragments(b, ip) && fragmentOffset(b, ip) == 0;
    }

    public static int protocol(byte[] b, int ip) {
        return b[ip + 9] & 0xFF;
    }

    public static int checksum(byte[] b, int ip) {
        return InternetChecksum.u16(b, ip + CHECKSUM_OFFSET);
    }

    /** The header checksum a full recomputation gives (the stored field treated as zero). */
    public static int computeChecksum(byte[] b, int ip) {
        int hl = headerBytes(b, ip);
        int s = InternetChecksum.sum(b, ip, CHECKSUM_OFFSET, 0);
        s = InternetChecksum.sum(b, ip + CHECKSUM_OFFSET + 2, hl - CHECKSUM_OFFSET - 2, s);
        return ~s & 0xFFFF;
    }

    public static boolean headerChecksumValid(byte[] b, int ip) {
        return InternetChecksum.sum(b, ip, headerBytes(b, ip), 0) == 0xFFFF;
    }

    /**
     * Verifies the TCP or UDP checksum of an unfragmented datagram (pseudo-header included). UDP checksum 0 means
     * "none" and counts as valid. Returns true for other protocols and for fragments (nothing to verify).
     */
    public static boolean transportChecksumValid(byte[] b, int ip) {
        int proto = protocol(b, ip);
        if ((proto != 6 && proto != 17) || moreFragments(b, ip) || fragmentOffset(b, ip) != 0) {
            return true;
        }
        int hl = headerBytes(b, ip);
        int len = totalLength(b, ip) - hl;
        if (proto == 17 && InternetChecksum.u16(b, ip + hl + 6) == 0) {
            return true;
        }
        int s = InternetChecksum.sum(b, ip + 12, 8, 0);
        s = InternetChecksum.sum(new byte[] {0, (byte) proto, (byte) (len >>> 8), (byte) len}, 0, 4, s);
        s = InternetChecksum.sum(b, ip + hl, len, s);
        return s == 0xFFFF;
    }
}
