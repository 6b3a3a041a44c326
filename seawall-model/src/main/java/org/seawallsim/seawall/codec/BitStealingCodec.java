package org.seawallsim.seawall.codec;

/**
 * Carries a 16-bit tunnel sequence number in the IPv4 Identification field of atomic datagrams (DF set, not a
 * fragment), whose ID RFC 6864 says carries no meaning, and patches the header checksum incrementally (RFC 1624), so
 * routers, ACLs on the 5-tuple, TSO and RSS all see an ordinary packet. TCP and UDP checksums do not cover the ID,
 * so they stay valid untouched. Anything else is left alone and reported as {@link StampResult#FALLBACK}.
 *
 * <p>Works in place on real packet bytes; allocation-free. The simulator's SW-port applies the same rule to the
 * ipId and DF fields of its packets.
 */
public final class BitStealingCodec {
    private BitStealingCodec() {
    }

    /** True if the datagram at {@code ip} can carry a stamp. */
    public static boolean stampable(byte[] b, int ip, int available) {
        return Ipv4.isIpv4(b, ip, available) && Ipv4.isAtomic(b, ip);
    }

    /** Writes {@code seq16} into the ID of the IPv4 datagram at {@code ip} if it is atomic. */
    public static StampResult stamp(byte[] b, int ip, int available, int seq16) {
        if (!stampable(b, ip, available)) {
            return StampResult.FALLBACK;
        }
        int oldId = Ipv4.id(b, ip);
        int newId = seq16 & 0xFFFF;
        int sum = InternetChecksum.update(Ipv4.checksum(b, ip), oldId, newId);
        InternetChecksum.put16(b, ip + Ipv4.ID_OFFSET, newId);
        InternetChecksum.put16(b, ip + Ipv4.CHECKSUM_OFFSET, sum);
        return StampResult.STAMPED;
    }

    /** The stamped sequence number, or -1 if the packet cannot carry one. */
    public static int read(byte[] b, int ip, int available) {
        return stampable(b, ip, available) ? Ipv4.id(b, ip) : -1;
    }

    /**
     * Receiver side. Nothing to undo: the stamped ID of an atomic datagram is as meaningless to the guest's stack as
     * the one it replaced (RFC 6864 section 4.1), and the header checksum is already consistent. Kept as an explicit
     * step so the receive path reads the same for both header modes.
     */
    public static void restore(byte[] b, int ip, int available) {
        // intentionally empty: see above
    }
}
