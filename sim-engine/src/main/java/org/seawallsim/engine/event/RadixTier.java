package org.seawallsim.engine.event;

import java.util.Arrays;

/**
 * The far future of a large pending set, kept out of the heap: a radix heap on picosecond times (event times never
 * lie before now, so the queue is monotone), with digits of {@link #DIGIT_BITS} bits.
 *
 * <p>Relative to a reference time {@code last} (no pending event is earlier), an event goes to the bucket named by
 * the highest digit in which its time differs from {@code last} and by its own value of that digit; bucket 0 holds
 * times equal to {@code last}. Every bucket is an append-only array, and the buckets are ordered: every time in a
 * lower bucket is smaller than every time in a higher one. When the heap runs dry the lowest non-empty bucket is
 * either small enough (at most {@code bucketTarget} events) or holds one time only, and then moves into the heap
 * together with the next buckets while they all hold at most {@code bucketTarget} events, or it is spread:
 * {@code last} becomes its minimum, and its events move to lower buckets (each move lowers an event by at least one
 * digit). An event is so copied a few times, always by appending to one of a few dozen arrays whose
 * ends stay in cache, and never visits a random memory location until it enters the heap; the calendar ring it
 * replaces appended each event to the tail of one of 10^4-10^5 buckets, one cache miss each.
 *
 * <p>Order is exact: the heap holds every event due at or before {@link #heapMaxPs()} and the tier every later one,
 * so the heap's minimum by (time, tie key) is the global one. A cancelled event's entry is dropped when it would enter
 * the heap (or by a compaction, {@link #dropCancelled()}).
 */
final class RadixTier {
    /**
     * Bits per digit; 2^this buckets per digit position. Hold model at 10^6 pending events (mean delay 10^6 ps), M
     * events per CPU-s, with the lowest buckets drained together up to the bucket target (best target each): 4 bits
     * 10.6, 5 10.6, 6 11.3, 7 12.6, 8 12.7-12.9, 9 12.1, 10 10.1; at 10^5: 7 17.4, 8 18.9, 9 17.4. With 8 bits an
     * event is inserted at most a digit position or two above the one it leaves from (one spread instead of four
     * with 4 bits); wider digits leave buckets of one time each at the lowest position, too fine for the heap.
     */
    static final int DIGIT_BITS = 8;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int DIGIT_MASK = DIGITS - 1;
    /** Digit positions in a 63-bit time. */
    private static final int POSITIONS = (63 + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final int BUCKETS = 1 + POSITIONS * DIGITS;
    /**
     * Buckets below this hold times that differ from {@code last} in their low 32 bits only, and store each entry as
     * one long, (low 32 bits of the time) << 32 | slot; the time's high bits are those of {@code last}, which every
     * entry of such a bucket shares (and keeps sharing as {@code last} moves: see {@link #spread}). Higher buckets,
     * for events more than about 4 ms ahead, store (time, slot) pairs. Half the bytes per copy: an entry is appended
     * and read two or three times on its way to the heap, each time a cache line missed once in four (or in eight).
     */
    private static final int PACKED_BUCKETS = 1 + (32 / DIGIT_BITS) * DIGITS;
    private static final long LOW32 = 0xffff_ffffL;

    private final HandleTable slots;
    private final int bucketTarget;

    /** Per bucket, packed entries below {@link #PACKED_BUCKETS}, (time, slot) pairs at stride 2 above. */
    private final long[][] data = new long[BUCKETS][];
    private final int[] count = new int[BUCKETS];
    /** Bit b of word b >>> 6 is set if bucket b holds entries. */
    private final long[] nonEmpty = new long[(BUCKETS + 63) >>> 6];
    /**
     * Per digit position, the arrays of emptied buckets, last freed on top, for the next bucket of that position to
     * receive an entry. Without them every bucket kept its own array, grown to the most it ever held, so over a long
     * run each of a position's 256 buckets held an array sized for a bucket's worth of events. Hold model, resident
     * memory of the whole process: 10^6 pending events, 2 * 10^8 dispatched, 468 MB before and 208 MB with spares;
     * 10^7 pending, 10^8 dispatched, 2.95 GB and 0.85 GB. Speed unchanged (the spares' lines have left the cache
     * by the time a bucket is filled again).
     */
    private final long[][][] spare = new long[POSITIONS + 1][][];
    private final int[] spareCount = new int[POSITIONS + 1];
    private static final long[] NONE = new long[0];
    /** The buckets of one refill's batch (scratch). */
    private int[] batch = new int[16];
    private int held;
    private long last;
    /** Read from every slot entering the heap, so that its record is in cache when it is dispatched. */
    private long touched;
    private long heapMaxPs = -1;

    RadixTier(HandleTable slots, int bucketTarget) {
        this.slots = slots;
        this.bucketTarget = bucketTarget;
        // 2 049 buckets: empty ones share one empty array until their first entry.
        Arrays.fill(data, NONE);
        for (int p = 0; p <= POSITIONS; p++) {
            spare[p] = new long[8][];
        }
    }

    /** The latest time that belongs in the heap: everything here is later. */
    long heapMaxPs() {
        return heapMaxPs;
    }

    /** Longs in the arrays the tier keeps, buckets' and spares' (for tests: memory follows the entries held). */
    long retainedLongs() {
        long n = 0;
        for (long[] d : data) {
            n += d.length;
        }
        for (int p = 0; p <= POSITIONS; p++) {
            for (int i = 0; i < spareCount[p]; i++) {
                n += spare[p][i].length;
            }
        }
        return n;
    }

    /** Entries held, cancelled ones not yet dropped included. */
    int held() {
        return held;
    }

    /** The bucket of time {@code t} relative to {@code ref} (t >= ref). */
    private static int bucketOf(long t, long ref) {
        long x = t ^ ref;
        if (x == 0) {
            return 0;
        }
        int pos = (63 - Long.numberOfLeadingZeros(x)) / DIGIT_BITS;
        return 1 + pos * DIGITS + ((int) (t >>> (pos * DIGIT_BITS)) & DIGIT_MASK);
    }

    /** Adds an event due after {@link #heapMaxPs()}. */
    void add(long t, int slot) {
        int b = bucketOf(t, last);
        if (b < PACKED_BUCKETS) {
            appendPacked(b, (t << 32) | slot);
        } else {
            appendPair(b, t, slot);
        }
        held++;
    }

    private void appendPacked(int b, long entry) {
        int n = count[b];
        long[] d = data[b];
        if (n == d.length) {
            d = grow(b, d, n);
        }
        d[n] = entry;
        if (n == 0) {
            nonEmpty[b >>> 6] |= 1L << b;
        }
        count[b] = n + 1;
    }

    private void appendPair(int b, long t, int slot) {
        int n = count[b];
        long[] d = data[b];
        int i = n << 1;
        if (i == d.length) {
            d = grow(b, d, i);
        }
        d[i] = t;
        d[i + 1] = slot;
        if (n == 0) {
            nonEmpty[b >>> 6] |= 1L << b;
        }
        count[b] = n + 1;
    }

    /** The index of bucket {@code b}'s digit position among the spare lists (bucket 0 has its own). */
    private static int positionOf(int b) {
        return (b + DIGIT_MASK) >>> DIGIT_BITS;
    }

    /** Bucket {@code b}'s array {@code d} is full at {@code used} longs: a spare if it was empty, else a doubling. */
    private long[] grow(int b, long[] d, int used) {
        int p = positionOf(b);
        if (used == 0 && spareCount[p] > 0) {
            int top = --spareCount[p];
            d = spare[p][top];
            spare[p][top] = null;
        } else {
            d = Arrays.copyOf(d, Math.max(32, used << 1));
        }
        data[b] = d;
        return d;
    }

    /** Bucket {@code b} is empty: its array becomes a spare of its position. */
    private void release(int b) {
        long[] d = data[b];
        data[b] = NONE;
        count[b] = 0;
        nonEmpty[b >>> 6] &= ~(1L << b);
        if (d.length == 0) {
            return;
        }
        int p = positionOf(b);
        if (spareCount[p] == spare[p].length) {
            spare[p] = Arrays.copyOf(spare[p], spareCount[p] << 1);
        }
        spare[p][spareCount[p]++] = d;
    }

    /** Entry {@code i} of bucket data {@code d}: its time ({@code packed}: high bits from {@code last}). */
    private long timeAt(long[] d, int i, boolean packed) {
        return packed ? (last & ~LOW32) | (d[i] >>> 32) : d[i << 1];
    }

    private static int slotAt(long[] d, int i, boolean packed) {
        return packed ? (int) d[i] : (int) d[(i << 1) + 1];
    }

    private int lowestNonEmpty() {
        return nextNonEmpty(0);
    }

    /** The lowest non-empty bucket at or above {@code from}, or -1. */
    private int nextNonEmpty(int from) {
        int w = from >>> 6;
        if (w >= nonEmpty.length) {
            return -1;
        }
        long bits = nonEmpty[w] & (-1L << from);
        while (bits == 0) {
            if (++w == nonEmpty.length) {
                return -1;
            }
            bits = nonEmpty[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits);
    }

    /**
     * Called with an empty heap: moves the next live events into {@code heap}. Returns false if the tier holds
     * nothing live, or fewer than {@code heapOnlyBelow} events, which then all go to the heap: the caller switches
     * the tier off.
     */
    boolean refill(QuadHeap heap, int heapOnlyBelow) {
        while (true) {
            if (held < heapOnlyBelow) {
                for (int b = lowestNonEmpty(); b >= 0; b = lowestNonEmpty()) {
                    drain(b, heap);
                }
                heap.heapify();
                heapMaxPs = Long.MAX_VALUE;
                return false;
            }
            int b = lowestNonEmpty();
            // Bucket 0 and the lowest digit position hold a single time each.
            if (b <= DIGITS || count[b] <= bucketTarget) {
                // The lowest buckets go together while they hold at most bucketTarget events in all: every bucket
                // lies wholly before the next, so the heap then holds everything up to the last one's bound.
                int total = count[b];
                int k = 0;
                batch[k++] = b;
                for (int nb = nextNonEmpty(b + 1); nb >= 0 && total + count[nb] <= bucketTarget;
                        nb = nextNonEmpty(nb + 1)) {
                    total += count[nb];
                    if (k == batch.length) {
                        batch = Arrays.copyOf(batch, k << 1);
                    }
                    batch[k++] = nb;
                }
                int lastB = batch[k - 1];
                drainIntoRun(k, total, heap);
                last = upperBound(lastB);
                heapMaxPs = last;
                if (heap.heapSize > 0) {
                    return true;
                }
            } else {
                spread(b);
            }
        }
    }

    /** The latest time bucket {@code b} can hold: its digit and everything above as in {@code last}, ones below. */
    private long upperBound(int b) {
        if (b == 0) {
            return last;
        }
        int pos = (b - 1) / DIGITS;
        int digit = (b - 1) & DIGIT_MASK;
        int shift = pos * DIGIT_BITS;
        long low = shift + DIGIT_BITS >= 63 ? Long.MAX_VALUE : (1L << (shift + DIGIT_BITS)) - 1;
        return (last & ~low) | ((long) digit << shift) | ((1L << shift) - 1);
    }

    /**
     * Moves the live events of the {@code k} buckets in {@link #batch} ({@code n} entries) into the heap's run, sorted
     * by (time, tie key), dropping cancelled ones: {@link #drain} and a counting sort in one, placing each entry
     * straight from its bucket, so that entries are not first copied into the heap (nor its slots reset after).
     */
    private void drainIntoRun(int k, int n, QuadHeap heap) {
        final EventTarget[] targets = slots.slotTarget;
        final long[] rec = slots.rec;
        final long high = last & ~LOW32;
        // The touch pass (see drain), which also finds the batch's time range.
        long sum = touched;
        int nulls = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int j = 0; j < k; j++) {
            int b = batch[j];
            long[] d = data[b];
            int c = count[b];
            boolean packed = b < PACKED_BUCKETS;
            for (int i = 0; i < c; i++) {
                int s = slotAt(d, i, packed);
                sum += rec[(s << HandleTable.REC_SHIFT) + HandleTable.GEN_TAG];
                nulls += targets[s] == null ? 1 : 0;
                long t = packed ? high | (d[i] >>> 32) : d[i << 1];
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        touched = sum + nulls;
        held -= n;
        boolean sorted = heap.startRun(n, min, max);
        if (sorted) {
            for (int j = 0; j < k; j++) {
                int b = batch[j];
                long[] d = data[b];
                int c = count[b];
                boolean packed = b < PACKED_BUCKETS;
                for (int i = 0; i < c; i++) {
                    int s = slotAt(d, i, packed);
                    if (targets[s] != null) {
                        heap.countInRun(packed ? high | (d[i] >>> 32) : d[i << 1]);
                    }
                }
            }
            sorted = heap.runCellsFit();
        }
        int live = 0;
        for (int j = 0; j < k; j++) {
            int b = batch[j];
            long[] d = data[b];
            int c = count[b];
            boolean packed = b < PACKED_BUCKETS;
            for (int i = 0; i < c; i++) {
                int s = slotAt(d, i, packed);
                if (targets[s] == null) {
                    slots.dropCancelledSlot(s);
                } else {
                    long t = packed ? high | (d[i] >>> 32) : d[i << 1];
                    if (sorted) {
                        heap.placeInRun(t, s);
                    } else {
                        heap.append(t, s);
                    }
                    live++;
                }
            }
            release(b);
        }
        if (sorted) {
            heap.finishRun(live);
        } else {
            heap.heapify();
        }
    }

    /** Moves bucket {@code b}'s events into the heap, dropping cancelled ones. */
    private void drain(int b, QuadHeap heap) {
        int n = count[b];
        long[] d = data[b];
        boolean packed = b < PACKED_BUCKETS;
        held -= n;
        // First a tight pass that only loads each entry's slot record and target: with 10^6 pending events these
        // are cache misses, and a loop this short keeps dozens in flight at once; the pass that pushes the entries
        // (and the dispatches after it) then hit in cache. The loads must be kept by the JIT, hence the sum, stored.
        final EventTarget[] targets = slots.slotTarget;
        final long[] rec = slots.rec;
        long sum = touched;
        int nulls = 0;
        for (int i = 0; i < n; i++) {
            int s = slotAt(d, i, packed);
            sum += rec[(s << HandleTable.REC_SHIFT) + HandleTable.GEN_TAG];
            nulls += targets[s] == null ? 1 : 0;
        }
        sum += nulls;
        // Cancelled entries are told by their cleared target. The heap is empty when refill starts: the entries are
        // copied and the order built once, bottom-up (refill's heapify), rather than sifted in one at a time.
        for (int i = 0; i < n; i++) {
            int s = slotAt(d, i, packed);
            if (targets[s] == null) {
                slots.dropCancelledSlot(s);
            } else {
                heap.append(timeAt(d, i, packed), s);
            }
        }
        release(b);
        touched = sum;
    }

    /**
     * Makes bucket {@code b}'s minimum the reference time and spreads its events over the buckets below it. The new
     * reference shares every bit above b's digit with the old one, so entries of packed buckets keep their meaning.
     */
    private void spread(int b) {
        int n = count[b];
        long[] d = data[b];
        if (b < PACKED_BUCKETS) {
            long min = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, d[i] >>> 32);
            }
            last = (last & ~LOW32) | min;
            for (int i = 0; i < n; i++) {
                long e = d[i];
                appendPacked(bucketOf(e >>> 32, min), e);
            }
        } else {
            long min = Long.MAX_VALUE;
            for (int i = 0; i < n << 1; i += 2) {
                min = Math.min(min, d[i]);
            }
            last = min;
            for (int i = 0; i < n << 1; i += 2) {
                long t = d[i];
                int lb = bucketOf(t, min);
                if (lb < PACKED_BUCKETS) {
                    appendPacked(lb, (t << 32) | d[i + 1]);
                } else {
                    appendPair(lb, t, (int) d[i + 1]);
                }
            }
        }
        // Every entry differs from the new reference only below b's digit position, so all went to lower buckets
        // and b itself was never touched: it is emptied now, its array a spare.
        release(b);
    }

    /** Drops the entries of cancelled events (their slots' targets are cleared). */
    void dropCancelled() {
        final EventTarget[] targets = slots.slotTarget;
        for (int b = 0; b < BUCKETS; b++) {
            int n = count[b];
            if (n == 0) {
                continue;
            }
            long[] d = data[b];
            boolean packed = b < PACKED_BUCKETS;
            int kept = 0;
            for (int i = 0; i < n; i++) {
                int s = slotAt(d, i, packed);
                if (targets[s] == null) {
                    slots.dropCancelledSlot(s);
                } else if (packed) {
                    d[kept++] = d[i];
                } else {
                    d[kept << 1] = d[i << 1];
                    d[(kept << 1) + 1] = s;
                    kept++;
                }
            }
            count[b] = kept;
            held -= n - kept;
            if (kept == 0) {
                release(b);
            }
        }
    }

    /** Puts everything in the heap into the tier (the pending set outgrew the heap); the tier is empty. */
    void takeFrom(QuadHeap heap, long nowPs) {
        last = nowPs;
        heapMaxPs = nowPs - 1;
        heap.moveAllTo(this);
    }
}
