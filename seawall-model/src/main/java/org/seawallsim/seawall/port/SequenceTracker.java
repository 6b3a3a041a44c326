package org.seawallsim.seawall.port;

import org.seawallsim.seawall.controller.Tunnels;

/**
 * Loss detection for one tunnel from its 16-bit sequence numbers. Keeps the highest sequence seen (unwrapped) and
 * a 64-bit map of which of the preceding numbers arrived. A missing number is declared lost once the highest has
 * moved more than {@code tolerance} beyond it, so reordering by up to {@code tolerance} packets costs nothing.
 * Comparisons are modulo 2^16 (a signed 16-bit difference), which is sound while fewer than 2^15 packets of one
 * tunnel are in flight or lost in a row.
 */
public final class SequenceTracker {
    private final int tolerance;
    private boolean started;
    private int highest;
    private long received;

    private long lost;
    private long duplicates;
    private long late;
    private int lastLostSeq = -1;

    public SequenceTracker(int tolerance) {
        if (tolerance < 0 || tolerance > 62) {
            throw new IllegalArgumentException("tolerance must be in [0, 62] packets, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /** Records the arrival of sequence number {@code seq16}. */
    public void onSequence(int seq16) {
        seq16 &= 0xFFFF;
        if (!started) {
            started = true;
            highest = seq16;
            received = -1L; // nothing before the first arrival is owed to us
            return;
        }
        int d = Tunnels.seqDiff(seq16, highest);
        if (d > 0) {
            // Numbers at positions j <= tolerance that move past it without having arrived are now lost.
            int from = Math.max(0, tolerance + 1 - d);
            for (int j = from; j <= tolerance && j < 64; j++) {
                if ((received & (1L << j)) == 0) {
                    lost++;
                    lastLostSeq = (highest - j) & 0xFFFF;
                }
            }
            // Numbers skipped over that land beyond the tolerance at once.
            int skippedBeyond = d - 1 - tolerance;
            if (skippedBeyond > 0) {
                lost += skippedBeyond;
                lastLostSeq = (seq16 - tolerance - 1) & 0xFFFF;
            }
            received = (d >= 64 ? 0 : received << d) | 1L;
            highest = seq16;
        } else {
            int pos = -d;
            if (pos >= 64) {
                late++;
            } else if ((received & (1L << pos)) != 0) {
                duplicates++;
            } else {
                received |= 1L << pos;
                if (pos > tolerance) {
                    late++; // already counted as lost; reordering deeper than the tolerance
                }
            }
        }
    }

    public long lost() {
        return lost;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Arrivals older than the window or after being declared lost. */
    public long late() {
        return late;
    }

    /** Highest sequence number seen, or -1. */
    public int highest() {
        return started ? highest : -1;
    }

    /** The most recent sequence number declared lost, or -1. */
    public int lastLostSeq() {
        return lastLostSeq;
    }
}
