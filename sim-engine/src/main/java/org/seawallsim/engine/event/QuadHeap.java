package org.seawallsim.engine.event;

import java.util.Arrays;

/**
 * A 4-ary min-heap of (time, slot) ordered by (time, tie key from {@link HandleTable#rec}), kept in two parallel
 * primitive arrays. Entries are not removed by handle: a cancelled event's entry stays until it reaches the root or a
 * compaction ({@link #dropCancelled()}) drops it, so sifting writes nothing but the two arrays.
 *
 * <p>Why 4-ary: with random keys the cost of a binary heap is dominated by mispredicted branches, one per level. Four
 * children per node halve the depth, the four sibling keys share a cache line, and the minimum of four is found with
 * sign-bit arithmetic instead of branches. Positions past the last entry hold {@link Long#MAX_VALUE} times, so every
 * internal node has four readable children and the fast path needs no bounds checks.
 *
 * <p>The tie key lives with the slot, not in the heap: ties are rare, so sifting moves two arrays, not three.
 * {@link EventLoop} extends this class (see {@link HandleTable} for why).
 */
abstract class QuadHeap extends HandleTable {
    private static final int ARITY_SHIFT = 2;
    /** Sentinel entries beyond the last entry, so the last internal node always has four readable children. */
    private static final int PAD = 4;
    /**
     * Above this many entries the heap no longer fits in cache; then plain branches are faster than selects because
     * speculation overlaps the memory loads of consecutive levels (measured: selects win at 3e5 entries, branches at
     * 1e6).
     */
    private static final int BRANCHLESS_MAX = 1 << 19;

    long[] heapTime;
    int[] heapSlot;
    int heapSize;
    /**
     * Entries the radix tier handed over, sorted by (time, tie key), not yet in the heap: positions [runPos, runEnd).
     * While any are left the root is the least of the heap and the run, and a removed root is replaced from the run
     * when the run's head is smaller; so a batch from the tier, into which few events are scheduled, costs a sort and
     * no sift. Hold model at 10^6 pending events: sifting the removed root through a heap of the tier's ~400 events
     * took a third of the time (JFR, 35 % of samples in siftDown and minChild, ties being frequent at one event per
     * ps).
     */
    private long[] runTime = new long[0];
    private int[] runSlot = new int[0];
    int runPos;
    int runEnd;
    /** Events due at or before this go to the heap, later ones to the tier (a copy of the tier's bound). */
    long heapMaxPs = Long.MAX_VALUE;
    /**
     * An event due at or before this may simply replace a dispatched root ({@link #replaceRoot}): {@link #heapMaxPs},
     * or, while the run holds entries, less if the run's head is due sooner. Kept up to date here so that the
     * dispatch path of a small heap compares one field, as before the run (a check of the run in replaceRoot
     * measured 3-4 % of the hold model at 16 pending events: 48.1-53.8 vs 54.1-57.2 M events per CPU-s).
     */
    long replaceMaxPs = Long.MAX_VALUE;
    /** Counting-sort scratch, one count per cell of a batch's time span. */
    private int[] runCounts = new int[0];
    /** Batches with more entries than this in one cell are heapified instead (see {@link #runCellsFit()}). */
    private static final int RUN_CELL_MAX = 32;

    QuadHeap(int slotCapacity, int heapCapacity) {
        super(slotCapacity);
        int cap = Math.max(16, heapCapacity);
        heapTime = new long[cap + PAD];
        Arrays.fill(heapTime, Long.MAX_VALUE);
        heapSlot = new int[cap + PAD];
    }

    /** Adds an entry. */
    void push(long t, int s) {
        if (heapSize + PAD == heapTime.length) {
            grow();
        }
        int pos = heapSize++;
        heapTime[pos] = t;
        heapSlot[pos] = s;
        siftUp(pos);
    }

    /** Adds an entry without restoring the order: {@link #heapify()} must follow before the heap is used. */
    void append(long t, int s) {
        if (heapSize + PAD == heapTime.length) {
            grow();
        }
        heapTime[heapSize] = t;
        heapSlot[heapSize++] = s;
    }

    /** Restores the heap order over all entries (bottom-up, linear time). */
    void heapify() {
        for (int i = (heapSize - 2) >> ARITY_SHIFT; i >= 0; i--) {
            siftDown(i);
        }
    }

    /**
     * Puts an entry where the root was (the root's event has run) and restores the order. Only for entries due at or
     * before {@link #replaceMaxPs}: one due later than the run's head could leave a root greater than that head.
     */
    void replaceRoot(long t, int s) {
        heapTime[0] = t;
        heapSlot[0] = s;
        siftDown(0);
    }

    /** Removes the root entry. */
    void removeHeapRoot() {
        int last = --heapSize;
        if (last > 0) {
            heapTime[0] = heapTime[last];
            heapSlot[0] = heapSlot[last];
            heapTime[last] = Long.MAX_VALUE;
            siftDown(0);
        } else {
            heapTime[0] = Long.MAX_VALUE;
        }
        if (runPos != runEnd) {
            takeFromRun();
        }
    }

    /** Sets the heap's bound ({@link #heapMaxPs}) and so the bound of root replacements. */
    void setHeapMaxPs(long maxPs) {
        heapMaxPs = maxPs;
        updateReplaceMax();
    }

    private void updateReplaceMax() {
        // Strictly before the head's time: at the same time the tie keys would decide.
        replaceMaxPs = runPos != runEnd ? Math.min(heapMaxPs, runTime[runPos] - 1) : heapMaxPs;
    }

    /** Entries in the run, not yet in the heap. */
    int runLeft() {
        return runEnd - runPos;
    }

    /** The root just left: the run's head becomes the root if it is smaller than the heap's new root. */
    private void takeFromRun() {
        int i = runPos;
        long t = runTime[i];
        int s = runSlot[i];
        if (heapSize == 0) {
            heapTime[0] = t;
            heapSlot[0] = s;
            heapSize = 1;
            runPos = i + 1;
            updateReplaceMax();
        } else {
            long rt = heapTime[0];
            if (t < rt || (t == rt && rec[s << REC_SHIFT] < rec[heapSlot[0] << REC_SHIFT])) {
                runPos = i + 1;
                updateReplaceMax();
                push(t, s);
            }
        }
    }

    /** The run being built by {@link #startRun}: its earliest time and the cell width as a shift. */
    private long runMin;
    private int runShift;
    private int runCells;

    /**
     * Starts a sorted run of up to {@code n} entries timed in [min, max] (a batch from the tier, which places them
     * straight from its buckets, never copying them into the heap): {@link #countInRun} for each entry, then
     * {@link #runCellsFit}, {@link #placeInRun} for each, and {@link #finishRun}. The heap and the run must be empty.
     * Returns false if there is nothing to sort (fewer than 2 entries): then they go to the heap instead.
     */
    boolean startRun(int n, long min, long max) {
        if (n < 2) {
            return false;
        }
        // Counting sort on the time offset in about n cells (a power of two), then an insertion sort, which only
        // reorders entries within a cell. A per-picosecond count measured well while a batch spanned up to 4 096 ps
        // and slower beyond (hold model at 10^5: 23 M events per CPU-s with spans up to 4 096 counted, 17 with up to
        // 8 192; batches spanning more were heapified, 18).
        int cellBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long span = max - min;
        runShift = 64 - Long.numberOfLeadingZeros(span >>> cellBits);
        runCells = (int) (span >>> runShift) + 1;
        runMin = min;
        if (runCounts.length < runCells + 1) {
            runCounts = new int[Math.max(runCells + 1, 1024)];
        }
        if (runTime.length < n) {
            int cap = Math.max(n, runTime.length * 2);
            runTime = new long[cap];
            runSlot = new int[cap];
        }
        return true;
    }

    void countInRun(long t) {
        runCounts[(int) ((t - runMin) >>> runShift) + 1]++;
    }

    /**
     * Turns the counts into positions; false (counts cleared) if one cell holds too many entries to sort: many events
     * at one instant, say, for which the insertion sort would be quadratic (the batch is heapified instead).
     */
    boolean runCellsFit() {
        final int[] cnt = runCounts;
        int crowded = 0;
        for (int k = 1; k <= runCells; k++) {
            crowded = Math.max(crowded, cnt[k]);
            cnt[k] += cnt[k - 1];
        }
        if (crowded > RUN_CELL_MAX) {
            Arrays.fill(cnt, 0, runCells + 1, 0);
            return false;
        }
        return true;
    }

    void placeInRun(long t, int s) {
        int at = runCounts[(int) ((t - runMin) >>> runShift)]++;
        runTime[at] = t;
        runSlot[at] = s;
    }

    /** Orders the {@code n} placed entries by tie key within their cells and makes the run current. */
    void finishRun(int n) {
        Arrays.fill(runCounts, 0, runCells + 1, 0);
        insertionSortRun(n);
        runPos = 0;
        runEnd = n;
        if (n > 0) {
            takeFromRun();
        }
    }

    private void insertionSortRun(int n) {
        final long[] rt = runTime;
        final int[] rs = runSlot;
        final long[] seq = rec;
        for (int i = 1; i < n; i++) {
            long t = rt[i];
            int s = rs[i];
            long pt = rt[i - 1];
            if (pt < t || (pt == t && seq[rs[i - 1] << REC_SHIFT] < seq[s << REC_SHIFT])) {
                continue;
            }
            long key = seq[s << REC_SHIFT];
            int j = i - 1;
            do {
                rt[j + 1] = rt[j];
                rs[j + 1] = rs[j];
                j--;
            } while (j >= 0 && (rt[j] > t || (rt[j] == t && seq[rs[j] << REC_SHIFT] > key)));
            rt[j + 1] = t;
            rs[j + 1] = s;
        }
    }

    /** The heap position of the slot's entry, or -1; a linear scan, for small heaps. */
    int find(int slot) {
        final int[] hslot = heapSlot;
        for (int i = 0, n = heapSize; i < n; i++) {
            if (hslot[i] == slot) {
                return i;
            }
        }
        return -1;
    }

    /** Removes the entry at {@code pos}. */
    void removeAt(int pos) {
        if (pos == 0) {
            removeHeapRoot();
            return;
        }
        int last = --heapSize;
        if (pos != last) {
            heapTime[pos] = heapTime[last];
            heapSlot[pos] = heapSlot[last];
            heapTime[last] = Long.MAX_VALUE;
            if (pos == 0 || !siftUp(pos)) {
                siftDown(pos);
            }
        } else {
            heapTime[last] = Long.MAX_VALUE;
        }
    }

    /** Drops every entry whose slot's target was cleared (a cancelled event), then restores the heap order. */
    int dropCancelled() {
        // The run's entries go back to the heap, so that one heapify orders everything.
        for (int i = runPos; i < runEnd; i++) {
            if (heapSize + PAD == heapTime.length) {
                grow();
            }
            heapTime[heapSize] = runTime[i];
            heapSlot[heapSize++] = runSlot[i];
        }
        runPos = 0;
        runEnd = 0;
        updateReplaceMax();
        int kept = 0;
        int n = heapSize;
        for (int i = 0; i < n; i++) {
            int s = heapSlot[i];
            if (slotTarget[s] == null) {
                dropCancelledSlot(s);
            } else {
                heapTime[kept] = heapTime[i];
                heapSlot[kept++] = s;
            }
        }
        for (int i = kept; i < n; i++) {
            heapTime[i] = Long.MAX_VALUE;
        }
        heapSize = kept;
        heapify();
        return n - kept;
    }

    /** Empties the heap, handing every entry to {@code tier}. */
    void moveAllTo(RadixTier tier) {
        for (int i = 0; i < heapSize; i++) {
            tier.add(heapTime[i], heapSlot[i]);
            heapTime[i] = Long.MAX_VALUE;
        }
        heapSize = 0;
    }

    private void grow() {
        int old = heapTime.length;
        int cap = (old - PAD) * 2 + PAD;
        heapTime = Arrays.copyOf(heapTime, cap);
        Arrays.fill(heapTime, old, cap, Long.MAX_VALUE);
        heapSlot = Arrays.copyOf(heapSlot, cap);
    }

    /** Moves the entry at {@code pos} toward the root while it is smaller than its parent. Returns true if it moved. */
    private boolean siftUp(int pos) {
        final long[] ht = heapTime;
        final int[] hslot = heapSlot;
        final long[] seq = rec;
        long t = ht[pos];
        int start = pos;
        int s = hslot[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> ARITY_SHIFT;
            long tp = ht[parent];
            int ps = hslot[parent];
            if (tp < t || (tp == t && seq[ps << REC_SHIFT] < seq[s << REC_SHIFT])) {
                break;
            }
            ht[pos] = tp;
            hslot[pos] = ps;
            pos = parent;
        }
        ht[pos] = t;
        hslot[pos] = s;
        return pos != start;
    }

    /** Moves the entry at {@code pos} toward the leaves while a child is smaller. */
    private void siftDown(int pos) {
        final long[] ht = heapTime;
        final int[] hslot = heapSlot;
        final long[] seq = rec;
        final int n = heapSize;
        final boolean branchless = n <= BRANCHLESS_MAX;
        long t = ht[pos];
        int s = hslot[pos];
        while (true) {
            int c = (pos << ARITY_SHIFT) + 1;
            if (c >= n) {
                break;
            }
            int best;
            long bt;
            if (branchless) {
                // Tournament on time alone; sentinels (MAX_VALUE) fill missing children. A tie for the minimum
                // needs the tie key: rare for random keys, so that case takes the exact loop.
                long t0 = ht[c];
                long t1 = ht[c + 1];
                long t2 = ht[c + 2];
                long t3 = ht[c + 3];
                // Times are >= 0, so the differences cannot overflow, and the sign bit selects without a branch
                // (C2 compiles the equivalent ternaries to branches, which random keys mispredict half the time;
                // this form measured 1.7x faster at n = 1000).
                long d01 = t1 - t0;
                long s01 = d01 >> 63;
                int a = c + (int) (s01 & 1);
                long ta = t0 + (d01 & s01);
                long d23 = t3 - t2;
                long s23 = d23 >> 63;
                int b = c + 2 + (int) (s23 & 1);
                long tb = t2 + (d23 & s23);
                long dab = tb - ta;
                long sab = dab >> 63;
                best = a + ((b - a) & (int) sab);
                bt = ta + (dab & sab);
                // Only a tie for the minimum needs the tie keys. Sentinel children tie with each other at MAX_VALUE,
                // which is never the minimum here (child c exists), so they do not force the slow path at the last
                // internal node, which in a small heap is on most paths.
                if (ta == tb || (t0 == t1 && t0 == bt) || (t2 == t3 && t2 == bt)) {
                    best = minChild(c, Math.min(c + 4, n));
                    bt = ht[best];
                }
            } else {
                best = minChild(c, Math.min(c + 4, n));
                bt = ht[best];
            }
            int bs = hslot[best];
            if (t < bt || (t == bt && seq[s << REC_SHIFT] < seq[bs << REC_SHIFT])) {
                break;
            }
            ht[pos] = bt;
            hslot[pos] = bs;
            pos = best;
        }
        ht[pos] = t;
        hslot[pos] = s;
    }

    /** The smallest (time, tie key) among heap positions [from, to). */
    private int minChild(int from, int to) {
        final long[] ht = heapTime;
        final int[] hslot = heapSlot;
        final long[] seq = rec;
        int best = from;
        long bt = ht[from];
        for (int j = from + 1; j < to; j++) {
            long tj = ht[j];
            if (tj < bt || (tj == bt && seq[hslot[j] << REC_SHIFT] < seq[hslot[best] << REC_SHIFT])) {
                best = j;
                bt = tj;
            }
        }
        return best;
    }
}
