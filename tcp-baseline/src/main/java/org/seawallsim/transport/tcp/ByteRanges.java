package org.seawallsim.transport.tcp;

import java.util.Arrays;

/**
 * Disjoint, sorted byte ranges [start, end) of a sequence space: the receiver's out-of-order data and the sender's
 * SACK scoreboard. Arrays, not objects: touched on every out-of-order arrival and every ACK in recovery.
 */
final class ByteRanges {
    private long[] start = new long[8];
    private long[] end = new long[8];
    private int count;

    int count() {
        return count;
    }

    long start(int i) {
        return start[i];
    }

    long end(int i) {
        return end[i];
    }

    void clear() {
        count = 0;
    }

    /** Adds [s, e), merging it with every range it overlaps or touches. */
    void add(long s, long e) {
        int i = 0;
        while (i < count && end[i] < s) {
            i++;
        }
        if (i < count && start[i] <= e) {
            start[i] = Math.min(start[i], s);
            end[i] = Math.max(end[i], e);
            int j = i + 1;
            while (j < count && start[j] <= end[i]) {
                end[i] = Math.max(end[i], end[j]);
                j++;
            }
            removeRun(i + 1, j);
            return;
        }
        if (count == start.length) {
            start = Arrays.copyOf(start, count * 2);
            end = Arrays.copyOf(end, count * 2);
        }
        System.arraycopy(start, i, start, i + 1, count - i);
        System.arraycopy(end, i, end, i + 1, count - i);
        start[i] = s;
        end[i] = e;
        count++;
    }

    /** Bytes of [s, e) that the ranges already cover. */
    long covered(long s, long e) {
        long n = 0;
        for (int i = 0; i < count && start[i] < e; i++) {
            long lo = Math.max(start[i], s);
            long hi = Math.min(end[i], e);
            if (hi > lo) {
                n += hi - lo;
            }
        }
        return n;
    }

    /** Removes the first {@code n} ranges. */
    void removeFirst(int n) {
        removeRun(0, n);
    }

    /** Forgets everything below {@code seq}, trimming a range that straddles it. */
    void removeBelow(long seq) {
        int drop = 0;
        while (drop < count && end[drop] <= seq) {
            drop++;
        }
        removeRun(0, drop);
        if (count > 0 && start[0] < seq) {
            start[0] = seq;
        }
    }

    private void removeRun(int from, int to) {
        int removed = to - from;
        if (removed > 0) {
            System.arraycopy(start, to, start, from, count - to);
            System.arraycopy(end, to, end, from, count - to);
            count -= removed;
        }
    }
}
