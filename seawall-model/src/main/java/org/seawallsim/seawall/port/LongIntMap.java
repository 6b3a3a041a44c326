package org.seawallsim.seawall.port;

import java.util.Arrays;

/** Open-addressing map from long keys to non-negative int values, so per-packet tunnel lookup does not box. */
public final class LongIntMap {
    private long[] keys = new long[16];
    private int[] values = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    /** The value for {@code key}, or -1. */
    public int get(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Maps {@code key} to {@code value} (>= 0). */
    public void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private void grow() {
        long[] ok = keys;
        int[] ov = values;
        boolean[] ou = used;
        keys = new long[ok.length * 2];
        values = new int[ok.length * 2];
        used = new boolean[ok.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (ou[i]) {
                put(ok[i], ov[i]);
            }
        }
    }

    public int size() {
        return size;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return "LongIntMap" + Arrays.toString(Arrays.copyOf(keys, Math.min(keys.length, 8)));
    }
}
