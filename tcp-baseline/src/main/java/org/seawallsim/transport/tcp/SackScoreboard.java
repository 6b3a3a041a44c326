package org.seawallsim.transport.tcp;

import java.util.Arrays;

/**
 * The sender's record of selectively acknowledged data (RFC 6675's scoreboard): disjoint byte ranges above
 * snd.una, sorted. Loss is inferred the RFC 6675 way: an unacknowledged byte is lost once more than
 * (DupThresh - 1) x SMSS bytes above it have been SACKed, or DupThresh separate ranges lie above it.
 */
final class SackScoreboard {
    private static final int DUP_THRESH = 3;

    private long[] start = new long[8];
    private long[] end = new long[8];
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    void clear() {
        count = 0;
    }

    /** Number of SACKed ranges (for tests). */
    int ranges() {
        return count;
    }

    /** Merges an ACK's blocks ({@code [s0, e0, s1, e1, ...]}) and forgets everything below {@code sndUna}. */
    void update(long[] blocks, long sndUna) {
        if (blocks != null) {
            for (int k = 0; k + 1 < blocks.length; k += 2) {
                long s = Math.max(blocks[k], sndUna);
                long e = blocks[k + 1];
                if (e > s) {
                    add(s, e);
                }
            }
        }
        int drop = 0;
        while (drop < count && end[drop] <= sndUna) {
            drop++;
        }
        if (drop > 0) {
            System.arraycopy(start, drop, start, 0, count - drop);
            System.arraycopy(end, drop, end, 0, count - drop);
            count -= drop;
        }
        if (count > 0 && start[0] < sndUna) {
            start[0] = sndUna;
        }
    }

    private void add(long s, long e) {
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
            int removed = j - i - 1;
            if (removed > 0) {
                System.arraycopy(start, j, start, i + 1, count - j);
                System.arraycopy(end, j, end, i + 1, count - j);
                count -= removed;
            }
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

    /** One past the highest SACKed byte, or {@code floor} if nothing is SACKed. */
    long highestSacked(long floor) {
        return count == 0 ? floor : Math.max(floor, end[count - 1]);
    }

    boolean isSacked(long seq) {
        for (int i = 0; i < count && start[i] <= seq; i++) {
            if (seq < end[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The lowest sequence at or above which unSACKed bytes are not (yet) considered lost: unSACKed bytes below it
     * have more than 2 SMSS SACKed above them, or 3 ranges. Returns {@code sndUna} if nothing is lost.
     */
    long lossBoundary(long sndUna, int mss) {
        long sackedAbove = 0;
        for (int i = count - 1; i >= 0; i--) {
            sackedAbove += end[i] - start[i];
            if (sackedAbove > (long) (DUP_THRESH - 1) * mss || count - i >= DUP_THRESH) {
                return start[i];
            }
        }
        return sndUna;
    }

    /** UnSACKed bytes in [from, to). */
    long unsackedBytes(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long n = to - from;
        for (int i = 0; i < count; i++) {
            long s = Math.max(start[i], from);
            long e = Math.min(end[i], to);
            if (e > s) {
                n -= e - s;
            }
        }
        return n;
    }

    /** The first unSACKed byte at or after {@code seq}, below {@code limit}, or -1. */
    long nextHole(long seq, long limit) {
        long s = seq;
        for (int i = 0; i < count && s < limit; i++) {
            if (end[i] <= s) {
                continue;
            }
            if (start[i] > s) {
                return s;
            }
            s = end[i];
        }
        return s < limit ? s : -1;
    }

    /** Length of the unSACKed stretch starting at {@code hole}, capped at {@code max} and {@code limit}. */
    int holeLength(long hole, long limit, int max) {
        long stop = limit;
        for (int i = 0; i < count; i++) {
            if (start[i] > hole) {
                stop = Math.min(stop, start[i]);
                break;
            }
        }
        return (int) Math.min(max, stop - hole);
    }
}
