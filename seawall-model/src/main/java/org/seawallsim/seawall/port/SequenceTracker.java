package org.seawallsim.seawall.port;

import java.util.Arrays;
import org.seawallsim.seawall.controller.Tunnels;

/**
 * Loss detection for one tunnel from its 16-bit sequence numbers, which the sender stamps in sending order on every
 * packet of the tunnel whatever guest flow it belongs to.
 *
 * <p>Why per path: a switch's ECMP hash keeps each guest flow on one path, but a tunnel's flows spread over several,
 * and the paths' queues differ. Over a leaf-spine whose one spine uplink holds 60 KB (0.5 ms at 1 Gb/s) and the
 * other none, half of a tunnel's packets arrive 20-40 numbers behind the other half: judged against the highest
 * number seen, every one of them was declared lost, then counted late, and the destination reported the honest
 * source for invalid stamps and filtered it (measured: two of four VMs at 0 goodput from 0.03 and 0.25 s). Each path
 * is FIFO, so a missing number is lost once every path the tunnel uses has delivered a number more than
 * {@code tolerance} beyond it: whichever path it took, a later packet on that path has overtaken it. With one path
 * that is the highest number seen, as before. A path that delivered nothing in a report interval while another
 * did stops holding the others back ({@link #endInterval}). The tracker learns of a path from its first packet, so
 * a path that appears late (a new flow on a slower path, or one back after a silent interval) finds the numbers
 * before it judged against the others alone: a number so judged lost that still arrives before the next report was
 * never a loss and is taken back (on one FIFO path that cannot happen); one that arrives after its loss was
 * reported is counted apart from late arrivals ({@link #lateOnJoiningPath()}). It is what an honest tunnel's path
 * skew does, not evidence of bad stamps: in a k = 4 fat-tree with 150-KB buffers an ACK path whose packets were all
 * still queued fell silent for an interval, came back with numbers already reported lost, and its honest source was
 * reported for invalid stamps and filtered. A late arrival on a path that was known when its number was judged is
 * reordering within a FIFO path, which honest stamps never show.
 *
 * <p>State: the highest number seen (unwrapped), each path's highest, and a bitmap of the last {@value #WINDOW}
 * numbers; numbers that fall out of the window undecided are declared lost. Comparisons are modulo 2^16, sound while
 * fewer than 2^15 packets of one tunnel are in flight or lost in a row. The path of a packet is an opaque key from
 * the receiving hypervisor ({@link HeaderView#pathKey}).
 */
public final class SequenceTracker {
    /** Numbers kept behind the highest: paths may skew by this many of the tunnel's packets. */
    static final int WINDOW = 1024;
    private static final int MAX_PATHS = 64;

    private final int tolerance;
    /** Bit {@code s mod WINDOW}: number s arrived (for s in (highest - WINDOW, highest]). */
    private final long[] seen = new long[WINDOW / 64];
    private boolean started;
    private long highest;
    /** Every number up to this one has been judged (arrived or declared lost). */
    private long decided;
    /** Every number up to this one was judged before the last report (see {@link #endInterval}). */
    private long reported;
    private int[] pathKeys = new int[1];
    private long[] pathHighest = new long[1];
    private boolean[] pathActive = new boolean[1];
    /** {@link #decided} when the path was (re)joined: numbers up to it were judged without it. */
    private long[] pathJoined = new long[1];
    private int paths;

    private long lost;
    private long duplicates;
    private long late;
    private long lateOnJoiningPath;
    private long retracted;
    private int lastLostSeq = -1;

    public SequenceTracker(int tolerance) {
        if (tolerance < 0 || tolerance > 62) {
            throw new IllegalArgumentException("tolerance must be in [0, 62] packets, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /** Records the arrival of sequence number {@code seq16} on the tunnel's only path. */
    public void onSequence(int seq16) {
        onSequence(seq16, 0);
    }

    /** Records the arrival of sequence number {@code seq16} on the path with key {@code pathKey}. */
    public void onSequence(int seq16, int pathKey) {
        seq16 &= 0xFFFF;
        if (!started) {
            started = true;
            highest = seq16;
            decided = seq16;
            reported = seq16;
            // Nothing before the first arrival is owed to us.
            Arrays.fill(seen, -1L);
            notePath(pathKey, seq16, -1);
            return;
        }
        long s = highest + Tunnels.seqDiff(seq16, (int) (highest & 0xFFFF));
        long before = highest;
        int path = pathIndex(pathKey);
        if (s > highest) {
            // Numbers about to leave the window are judged now, whatever the paths say.
            decideUpTo(s - WINDOW, before);
            for (long n = Math.max(highest + 1, s - WINDOW + 1); n < s; n++) {
                clear(n);
            }
            set(s);
            highest = s;
        } else {
            long pos = highest - s;
            if (pos >= WINDOW) {
                late++;
            } else if (isSet(s)) {
                duplicates++;
            } else {
                set(s);
                if (s > reported && s <= decided) {
                    // Judged lost since the last report, which has not told anyone yet: the first packet of a path
                    // the tracker did not know (a new flow on a slower path, or one back after a silent interval)
                    // finds the numbers before it judged against the other paths alone.
                    lost--;
                    retracted++;
                } else if (s <= decided) {
                    // Already reported lost. Judged while this path was unknown (new, or back after a silent
                    // interval): the path's own lag. Otherwise reordering within a FIFO path.
                    if (path < 0 || s <= pathJoined[path]) {
                        lateOnJoiningPath++;
                    } else {
                        late++;
                    }
                }
            }
        }
        notePath(pathKey, s, path);
        decideUpTo(frontier() - tolerance - 1, before);
    }

    /**
     * A report interval ended: a path that delivered nothing in it, while another did, no longer holds back the
     * judgement of missing numbers (its flows ended or moved). A single path is never dropped.
     */
    public void endInterval() {
        boolean any = false;
        for (int i = 0; i < paths; i++) {
            any |= pathActive[i];
        }
        if (any && paths > 1) {
            int kept = 0;
            for (int i = 0; i < paths; i++) {
                if (pathActive[i]) {
                    pathKeys[kept] = pathKeys[i];
                    pathHighest[kept] = pathHighest[i];
                    pathJoined[kept] = pathJoined[i];
                    kept++;
                }
            }
            paths = kept;
            decideUpTo(frontier() - tolerance - 1, highest);
        }
        Arrays.fill(pathActive, 0, paths, false);
        reported = decided;
    }

    private int pathIndex(int key) {
        for (int i = 0; i < paths; i++) {
            if (pathKeys[i] == key) {
                return i;
            }
        }
        return -1;
    }

    /** Notes number {@code s} on the path with {@code key}, at index {@code i} in the path table, or new if -1. */
    private void notePath(int key, long s, int i) {
        if (i >= 0) {
            pathHighest[i] = Math.max(pathHighest[i], s);
            pathActive[i] = true;
            return;
        }
        if (paths == MAX_PATHS) {
            // More paths than any fabric gives one tunnel: fold the newcomer into the first.
            pathHighest[0] = Math.max(pathHighest[0], s);
            pathActive[0] = true;
            return;
        }
        if (paths == pathKeys.length) {
            int n = Math.min(MAX_PATHS, paths * 2);
            pathKeys = Arrays.copyOf(pathKeys, n);
            pathHighest = Arrays.copyOf(pathHighest, n);
            pathActive = Arrays.copyOf(pathActive, n);
            pathJoined = Arrays.copyOf(pathJoined, n);
        }
        pathKeys[paths] = key;
        pathHighest[paths] = s;
        pathActive[paths] = true;
        pathJoined[paths] = decided;
        paths++;
    }

    /** The highest number every path has reached. */
    private long frontier() {
        long f = highest;
        for (int i = 0; i < paths; i++) {
            f = Math.min(f, pathHighest[i]);
        }
        return f;
    }

    /**
     * Judges every number in (decided, limit]: a missing one is lost. The last lost number reported is the newest
     * judged when the judgement reaches past the highest number seen before this arrival (numbers skipped over,
     * missing for certain), else the oldest missing one judged.
     */
    private void decideUpTo(long limit, long highestBefore) {
        if (limit <= decided) {
            return;
        }
        long oldestMissing = -1;
        long top = Math.min(limit, highest);
        for (long n = decided + 1; n <= top; n++) {
            if (!isSet(n)) {
                lost++;
                if (oldestMissing < 0) {
                    oldestMissing = n;
                }
            }
        }
        if (limit > highest) {
            // Beyond the highest number seen (judged before an arrival jumps past them): none arrived.
            long from = Math.max(decided, highest);
            lost += limit - from;
            if (oldestMissing < 0) {
                oldestMissing = from + 1;
            }
        }
        if (oldestMissing >= 0) {
            lastLostSeq = (int) ((limit > highestBefore ? limit : oldestMissing) & 0xFFFF);
        }
        decided = limit;
    }

    private boolean isSet(long n) {
        int bit = bit(n);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    private void set(long n) {
        int bit = bit(n);
        seen[bit >>> 6] |= 1L << bit;
    }

    private void clear(long n) {
        int bit = bit(n);
        seen[bit >>> 6] &= ~(1L << bit);
    }

    /** Number n's bit in the window (n mod WINDOW, a power of two, for negative n too). */
    private static int bit(long n) {
        return (int) n & (WINDOW - 1);
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

    /**
     * Arrivals of numbers already reported lost that were judged while their path was unknown to the tracker (its
     * first packets, or its first after a silent interval): an honest tunnel's path skew, not bad stamps.
     */
    public long lateOnJoiningPath() {
        return lateOnJoiningPath;
    }

    /** Numbers judged lost that arrived before the next report, and so were never reported lost. */
    public long retracted() {
        return retracted;
    }

    /** Highest sequence number seen, or -1. */
    public int highest() {
        return started ? (int) (highest & 0xFFFF) : -1;
    }

    /** The most recent sequence number declared lost, or -1. */
    public int lastLostSeq() {
        return lastLostSeq;
    }
}
