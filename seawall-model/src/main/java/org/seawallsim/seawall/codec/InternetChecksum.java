package org.seawallsim.seawall.codec;

/** The Internet checksum (RFC 1071) and its incremental update (RFC 1624), on big-endian byte arrays. */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** One's-complement sum of {@code len} bytes from {@code off}, folded to 16 bits (not complemented). */
    public static int sum(byte[] b, int off, int len, int initial) {
        long s = initial;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            s += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            s += (b[i] & 0xFF) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum field value for the covered bytes (with the field itself zeroed). */
    public static int checksum(byte[] b, int off, int len) {
        return ~sum(b, off, len, 0) & 0xFFFF;
    }

    /**
     * RFC 1624 equation 3: the new checksum after one 16-bit word of the covered data changes from {@code oldWord}
     * to {@code newWord}: HC' = ~(~HC + ~m + m'). Unlike equation 2 of RFC 1141 it never produces 0xFFFF from a
     * sum that should give 0x0000 (the corner case RFC 1624 fixes).
     */
    public static int update(int oldChecksum, int oldWord, int newWord) {
        int s = (~oldChecksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return ~s & 0xFFFF;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
