package org.seawallsim.engine.event;

import java.util.Arrays;

/**
 * The single-threaded future-event set and dispatcher of one simulation run. Not thread-safe; one per run, passed
 * explicitly (there is no static or global loop).
 *
 * <p>Implementation: a 4-ary min-heap ordered by (time, insertion sequence) kept in parallel primitive arrays, plus a
 * handle table that records every pending event's heap position. Handles are {@code (generation << 32) | slot}, so a
 * stale handle (already run or cancelled) is recognised and cancelling is O(log n) with no search. In steady state
 * scheduling and dispatch allocate nothing; the arrays only grow by doubling.
 *
 * <p>Why 4-ary: with random keys the cost of a binary heap is dominated by mispredicted branches, one per level. Four
 * children per node halve the depth, the four sibling keys share a cache line, and the minimum of four is found with
 * sign-bit arithmetic instead of branches. Positions past the last entry hold {@link Long#MAX_VALUE} times, so every
 * internal node has four readable children and the fast path needs no bounds checks.
 *
 * <p>Every dispatch also folds (time, tag, target class name) into a 64-bit fingerprint, so two runs can be compared
 * for an identical trajectory at negligible cost (INET's fingerprints).
 *
 * <p>Invariant checked on every dispatch: time never goes backwards. {@link #scheduled()} always equals
 * {@link #dispatched()} + {@link #cancelled()} + {@link #pending()}.
 */
public final class EventLoop {
    /** A handle that never names a pending event. */
    public static final long NO_EVENT = -1L;

    private static final int ARITY_SHIFT = 2;
    /** Sentinel entries beyond the last heap entry, so the last internal node always has four readable children. */
    private static final int PAD = 4;
    /**
     * Above this many pending events the heap no longer fits in cache; then plain branches are faster than selects
     * because speculation overlaps the memory loads of consecutive levels (measured: selects win at 3e5 pending
     * events, branches at 1e6).
     */
    private static final int BRANCHLESS_MAX = 1 << 19;

    private long nowPs;
    private long nextSeq;
    /**
     * When set, equal-time events run in a seeded pseudo-random order instead of the order they were scheduled: the
     * tie key is a bijective 64-bit mix of the insertion sequence, so keys stay unique and the order stays total and
     * reproducible. Models must not depend on same-instant order (a real host has no such order); running the same
     * scenario under two tie seeds is how the tests check that.
     */
    private boolean permuteTies;
    private long tieSalt;
    private long dispatched;
    private long cancelled;
    private long fingerprint = 0xcbf29ce484222325L;
    private static final int FP_CACHE = 16;
    private final Class<?>[] fpClasses = new Class<?>[FP_CACHE];
    private final int[] fpHashes = new int[FP_CACHE];
    private Class<?> lastClass;
    private int lastClassHash;

    // Heap, indexed by heap position: the time and the slot in the handle table. The insertion sequence that breaks
    // ties lives with the slot (slotSeq), not in the heap: ties are rare, so sifting moves two arrays, not three.
    private long[] heapTime;
    private int[] heapSlot;
    private int size;
    /**
     * True while an event is being dispatched and its entry still occupies the root. Most handlers schedule their
     * next wake-up (a port its next transmission, a pipe its next arrival, a source its next packet), so the first
     * event scheduled during a dispatch simply replaces the root and sifts down once, instead of the root being
     * removed (one sift down) and the new event inserted (one sift up).
     */
    private boolean rootDead;
    /**
     * The dispatched root's slot while {@link #rootDead}: its handle is already stale (the generation moved on),
     * but the slot itself is kept for the event the handler most likely schedules next, which skips a release and
     * an allocation per dispatch.
     */
    private int deadSlot;

    // Handle table, indexed by slot.
    private EventTarget[] slotTarget;
    private int[] slotTag;
    private int[] slotHeapPos;
    private int[] slotGeneration;
    private long[] slotSeq;
    private int[] freeSlots;
    private int freeCount;
    private int slotsUsed;

    public EventLoop() {
        this(1024);
    }

    public EventLoop(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0, got " + initialCapacity);
        }
        int cap = Math.max(16, initialCapacity);
        heapTime = new long[cap + PAD];
        Arrays.fill(heapTime, Long.MAX_VALUE);
        heapSlot = new int[cap + PAD];
        slotTarget = new EventTarget[cap];
        slotTag = new int[cap];
        slotHeapPos = new int[cap];
        slotGeneration = new int[cap];
        slotSeq = new long[cap];
        freeSlots = new int[cap];
    }

    public long nowPs() {
        return nowPs;
    }

    /** Number of events dispatched so far. */
    public long dispatched() {
        return dispatched;
    }

    /** Number of events ever scheduled. */
    public long scheduled() {
        return nextSeq;
    }

    /** Number of events cancelled while pending. */
    public long cancelled() {
        return cancelled;
    }

    /** Number of events scheduled and neither run nor cancelled. */
    public int pending() {
        return rootDead ? size - 1 : size;
    }

    /** Hash over (time, tag, target class name) of every dispatch so far; equal runs give equal fingerprints. */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * From now on, events due at the same instant run in an order drawn from {@code seed} rather than in scheduling
     * order. Must be called before the first event is scheduled, so that one run has one tie rule throughout.
     */
    public void permuteTies(long seed) {
        if (nextSeq != 0) {
            throw new IllegalStateException("permuteTies must be called before any event is scheduled");
        }
        permuteTies = true;
        tieSalt = seed;
    }

    /** Whether {@link #permuteTies(long)} is in force. */
    public boolean tiesPermuted() {
        return permuteTies;
    }

    private long tieKey(long seq) {
        return permuteTies ? mix64(seq + tieSalt) : seq;
    }

    /** The SplitMix64 finalizer: a bijection on 64-bit values, so distinct sequences keep distinct tie keys. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Time of the earliest pending event, or {@link Long#MAX_VALUE} if none. */
    public long peekTimePs() {
        settle();
        return size == 0 ? Long.MAX_VALUE : heapTime[0];
    }

    /**
     * Schedules {@code target.onEvent(tag)} at absolute time {@code atPs}; events at equal times run in the order
     * they were scheduled (or in a seeded order after {@link #permuteTies(long)}).
     *
     * @return a handle for {@link #cancel(long)}
     * @throws IllegalArgumentException if {@code atPs} lies in the past: time never goes backwards
     */
    public long schedule(long atPs, EventTarget target, int tag) {
        if (atPs < nowPs) {
            throw new IllegalArgumentException("cannot schedule at " + atPs + " ps, before now " + nowPs + " ps");
        }
        if (target == null) {
            throw new NullPointerException("target");
        }
        if (rootDead) {
            rootDead = false;
            int slot = deadSlot;
            slotTarget[slot] = target;
            slotTag[slot] = tag;
            slotSeq[slot] = tieKey(nextSeq++);
            heapTime[0] = atPs;
            heapSlot[0] = slot;
            slotHeapPos[slot] = 0;
            siftDown(0);
            return ((long) slotGeneration[slot] << 32) | slot;
        }
        int slot = allocateSlot();
        slotTarget[slot] = target;
        slotTag[slot] = tag;
        slotSeq[slot] = tieKey(nextSeq++);
        if (size + PAD == heapTime.length) {
            growHeap();
        }
        int pos = size++;
        heapTime[pos] = atPs;
        heapSlot[pos] = slot;
        slotHeapPos[slot] = pos;
        siftUp(pos);
        return ((long) slotGeneration[slot] << 32) | slot;
    }

    /** Schedules {@code delayPs} after now. */
    public long scheduleIn(long delayPs, EventTarget target, int tag) {
        if (delayPs < 0) {
            throw new IllegalArgumentException("negative delay " + delayPs + " ps");
        }
        return schedule(nowPs + delayPs, target, tag);
    }

    /**
     * Cancels a pending event. Cancelling a handle that already ran, was cancelled, or is {@link #NO_EVENT} does
     * nothing and returns false.
     */
    public boolean cancel(long handle) {
        if (!isPending(handle)) {
            return false;
        }
        settle();
        int slot = (int) handle;
        int pos = slotHeapPos[slot];
        releaseSlot(slot);
        cancelled++;
        int last = --size;
        if (pos != last) {
            moveHeap(last, pos);
            heapTime[last] = Long.MAX_VALUE;
            if (!siftUp(pos)) {
                siftDown(pos);
            }
        } else {
            heapTime[last] = Long.MAX_VALUE;
        }
        return true;
    }

    /** True if the handle names an event that has neither run nor been cancelled. */
    public boolean isPending(long handle) {
        if (handle < 0) {
            return false;
        }
        int slot = (int) handle;
        return slot < slotsUsed && slotGeneration[slot] == (int) (handle >>> 32) && slotTarget[slot] != null;
    }

    /** Runs the earliest event. Returns false if there was none. */
    public boolean step() {
        settle();
        if (size == 0) {
            return false;
        }
        dispatchRoot();
        return true;
    }

    /** Runs the root event; the heap is settled and not empty. */
    private void dispatchRoot() {
        long t = heapTime[0];
        int slot = heapSlot[0];
        EventTarget target = slotTarget[slot];
        int tag = slotTag[slot];
        slotGeneration[slot]++;
        deadSlot = slot;
        rootDead = true;
        if (t < nowPs) {
            throw new IllegalStateException("time went backwards: " + t + " < " + nowPs);
        }
        nowPs = t;
        dispatched++;
        long h = fingerprint;
        h = (h ^ t) * 0x100000001b3L;
        h = (h ^ tag) * 0x100000001b3L;
        h = (h ^ classHash(target.getClass())) * 0x100000001b3L;
        fingerprint = h;
        target.onEvent(tag);
        if (rootDead) {
            removeRoot();
        }
    }

    /** Removes a dispatched root nobody replaced (also after a handler threw). */
    private void settle() {
        if (rootDead) {
            removeRoot();
        }
    }

    /** Frees the dispatched root's slot and removes the root. */
    private void removeRoot() {
        rootDead = false;
        slotTarget[deadSlot] = null;
        freeSlots[freeCount++] = deadSlot;
        int last = --size;
        if (last > 0) {
            moveHeap(last, 0);
            heapTime[last] = Long.MAX_VALUE;
            siftDown(0);
        } else {
            heapTime[0] = Long.MAX_VALUE;
        }
    }

    /**
     * Runs every event at or before {@code endPs} (including events those events schedule within the window), then
     * sets the clock to {@code endPs}. Events after it stay pending.
     */
    public void runUntil(long endPs) {
        if (endPs < nowPs) {
            throw new IllegalArgumentException("runUntil(" + endPs + ") is before now " + nowPs);
        }
        while (true) {
            settle();
            if (size == 0 || heapTime[0] > endPs) {
                break;
            }
            dispatchRoot();
        }
        nowPs = endPs;
    }

    /** Runs until no event is pending. */
    public void runToCompletion() {
        while (step()) {
            // dispatch everything
        }
    }

    /**
     * Hash of a target's class name for the fingerprint. Name hashes are stable across runs (identity hashes are
     * not), but reaching one costs several dependent loads, so a small direct-mapped cache indexed by the class's
     * identity hash remembers them (a packet network dispatches to a handful of classes: ports, pipes, sources,
     * timers). The identity hash only picks the cache line; the fingerprint never depends on it.
     */
    private int classHash(Class<?> c) {
        // Most dispatches go to the same class as the one before (pipes, in a packet network): one compare.
        if (c == lastClass) {
            return lastClassHash;
        }
        int h = cachedClassHash(c);
        lastClass = c;
        lastClassHash = h;
        return h;
    }

    private int cachedClassHash(Class<?> c) {
        int i = System.identityHashCode(c) & (FP_CACHE - 1);
        if (fpClasses[i] == c) {
            return fpHashes[i];
        }
        String name = c.getName();
        // A lambda's class name carries a spin counter and an address ("Foo$$Lambda$42/0x...") that differ between
        // JVM runs, so it is hashed by its enclosing class only: the fingerprint stays comparable across processes.
        int lambda = name.indexOf("$$Lambda");
        int hash = (lambda < 0 ? name : name.substring(0, lambda + 8)).hashCode();
        fpClasses[i] = c;
        fpHashes[i] = hash;
        return hash;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotTarget.length) {
            int cap = slotTarget.length * 2;
            slotTarget = Arrays.copyOf(slotTarget, cap);
            slotTag = Arrays.copyOf(slotTag, cap);
            slotHeapPos = Arrays.copyOf(slotHeapPos, cap);
            slotGeneration = Arrays.copyOf(slotGeneration, cap);
            slotSeq = Arrays.copyOf(slotSeq, cap);
            freeSlots = Arrays.copyOf(freeSlots, cap);
        }
        return slotsUsed++;
    }

    private void releaseSlot(int slot) {
        slotTarget[slot] = null;
        slotGeneration[slot]++;
        freeSlots[freeCount++] = slot;
    }

    private void growHeap() {
        int old = heapTime.length;
        int cap = (old - PAD) * 2 + PAD;
        heapTime = Arrays.copyOf(heapTime, cap);
        Arrays.fill(heapTime, old, cap, Long.MAX_VALUE);
        heapSlot = Arrays.copyOf(heapSlot, cap);
    }

    private void moveHeap(int from, int to) {
        heapTime[to] = heapTime[from];
        int slot = heapSlot[from];
        heapSlot[to] = slot;
        slotHeapPos[slot] = to;
    }

    /** Moves the entry at {@code pos} toward the root while it is smaller than its parent. Returns true if it moved. */
    private boolean siftUp(int pos) {
        final long[] ht = heapTime;
        final int[] hslot = heapSlot;
        final int[] where = slotHeapPos;
        final long[] seq = slotSeq;
        int start = pos;
        long t = ht[pos];
        int slot = hslot[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> ARITY_SHIFT;
            long tp = ht[parent];
            int ps = hslot[parent];
            if (tp < t || (tp == t && seq[ps] < seq[slot])) {
                break;
            }
            ht[pos] = tp;
            hslot[pos] = ps;
            where[ps] = pos;
            pos = parent;
        }
        ht[pos] = t;
        hslot[pos] = slot;
        where[slot] = pos;
        return pos != start;
    }

    /** Moves the entry at {@code pos} toward the leaves while a child is smaller. */
    private void siftDown(int pos) {
        final long[] ht = heapTime;
        final int[] hslot = heapSlot;
        final int[] where = slotHeapPos;
        final int n = size;
        final boolean branchless = n <= BRANCHLESS_MAX;
        long t = ht[pos];
        int slot = hslot[pos];
        while (true) {
            int c = (pos << ARITY_SHIFT) + 1;
            if (c >= n) {
                break;
            }
            int best;
            long bt;
            if (branchless) {
                // Tournament on time alone; sentinels (MAX_VALUE) fill missing children. A tie for the minimum
                // needs the sequence number: rare for random keys, so that case takes the exact loop.
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
                // Only a tie for the minimum needs the sequence numbers. Sentinel children tie with each other
                // at MAX_VALUE, which is never the minimum here (child c exists), so they no longer force the slow
                // path at the last internal node, which in a small heap is on most paths.
                if (ta == tb || (t0 == t1 && t0 == bt) || (t2 == t3 && t2 == bt)) {
                    best = minChild(c, Math.min(c + 4, n));
                    bt = ht[best];
                }
            } else {
                best = minChild(c, Math.min(c + 4, n));
                bt = ht[best];
            }
            int bs = hslot[best];
            if (t < bt || (t == bt && slotSeq[slot] < slotSeq[bs])) {
                break;
            }
            ht[pos] = bt;
            hslot[pos] = bs;
            where[bs] = pos;
            pos = best;
        }
        ht[pos] = t;
        hslot[pos] = slot;
        where[slot] = pos;
    }

    /** The smallest (time, seq) among heap positions [from, to). */
    private int minChild(int from, int to) {
        final long[] ht = heapTime;
        final int[] hslot = heapSlot;
        final long[] seq = slotSeq;
        int best = from;
        long bt = ht[from];
        for (int j = from + 1; j < to; j++) {
            long tj = ht[j];
            if (tj < bt || (tj == bt && seq[hslot[j]] < seq[hslot[best]])) {
                best = j;
                bt = tj;
            }
        }
        return best;
    }
}
