package org.seawallsim.seawall.controller;

/** A tunnel is (source VM, destination host); its key packs both into one {@code long} so maps need no objects. */
public final class Tunnels {
    private Tunnels() {
    }

    public static long key(int srcVm, int dstHost) {
        return ((long) srcVm << 32) | (dstHost & 0xFFFF_FFFFL);
    }

    public static int srcVm(long key) {
        return (int) (key >> 32);
    }

    public static int dstHost(long key) {
        return (int) key;
    }

    /** Signed distance a - b between two 16-bit sequence numbers, valid while they are less than 2^15 apart. */
    public static int seqDiff(int a, int b) {
        return (short) (a - b);
    }
}
