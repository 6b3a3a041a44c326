package org.seawallsim.transport.tcp;

/**
 * The sender's record of selectively acknowledged data (RFC 6675's scoreboard): disjoint byte ranges above
 * snd.una, sorted. Loss is inferred the RFC 6675 way: an unacknowledged byte is lost once more than
 * (DupThresh - 1) x SMSS bytes above it have been SACKed, or DupThresh separate ranges lie above it.
 */
final class SackScoreboard {
    private static final int DUP_THRESH = 3;

    private final ByteRanges r = new ByteRanges();

    void clear() {
        r.clear();
    }

    /** Number of SACKed ranges (for tests). */
    int ranges() {
        return r.count();
    }

    /** Merges an ACK's blocks ({@code [s0, e0, s1, e1, ...]}) and forgets everything below {@code sndUna}. */
    void update(long[] blocks, long sndUna) {
        if (blocks != null) {
            for (int k = 0; k + 1 < blocks.length; k += 2) {
                long s = Math.max(blocks[k], sndUna);
                long e = blocks[k + 1];
                if (e > s) {
                    r.add(s, e);
                }
            }
        }
        r.removeBelow(sndUna);
    }

    /** SACKed bytes in all (above snd.una as of the last update). */
    long sackedBytes() {
        long n = 0;
        for (int i = 0; i < r.count(); i++) {
            n += r.end(i) - r.start(i);
        }
        return n;
    }

    /** One past the highest SACKed byte, or {@code floor} if nothing is SACKed. */
    long highestSacked(long floor) {
        int n = r.count();
        return n == 0 ? floor : Math.max(floor, r.end(n - 1));
    }

    /**
     * The lowest sequence at or above which unSACKed bytes are not (yet) considered lost: unSACKed bytes below it
     * have more than 2 SMSS SACKed above them, or 3 ranges. Returns {@code sndUna} if nothing is lost.
     */
    long lossBoundary(long sndUna, int mss) {
        long sackedAbove = 0;
        int n = r.count();
        for (int i = n - 1; i >= 0; i--) {
            sackedAbove += r.end(i) - r.start(i);
            if (sackedAbove > (long) (DUP_THRESH - 1) * mss || n - i >= DUP_THRESH) {
                return r.start(i);
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
        for (int i = 0; i < r.count(); i++) {
            long s = Math.max(r.start(i), from);
            long e = Math.min(r.end(i), to);
            if (e > s) {
                n -= e - s;
            }
        }
        return n;
    }

    /** The first unSACKed byte at or after {@code seq}, below {@code limit}, or -1. */
    long nextHole(long seq, long limit) {
        long s = seq;
        for (int i = 0; i < r.count() && s < limit; i++) {
            if (r.end(i) <= s) {
                continue;
            }
            if (r.start(i) > s) {
                return s;
            }
            s = r.end(i);
        }
        return s < limit ? s : -1;
    }

    /** Length of the unSACKed stretch starting at {@code hole}, capped at {@code max} and {@code limit}. */
    int holeLength(long hole, long limit, int max) {
        long stop = limit;
        for (int i = 0; i < r.count(); i++) {
            if (r.start(i) > hole) {
                stop = Math.min(stop, r.start(i));
                break;
            }
        }
        return (int) Math.min(max, stop - hole);
    }
}
