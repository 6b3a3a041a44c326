package org.seawallsim.engine.event;

import java.util.Arrays;

/**
 * The single-threaded future-event set and dispatcher of one simulation run. Not thread-safe; one per run, passed
 * explicitly (there is no static or global loop).
 *
 * <p>Implementation: a binary min-heap ordered by (time, insertion sequence) kept in parallel primitive arrays, plus a
 * handle table that records every pending event's heap position. Handles are {@code (generation << 32) | slot}, so a
 * stale handle (already run or cancelled) is recognised and cancelling is O(log n) with no search. In steady state
 * scheduling and dispatch allocate nothing; the arrays only grow by doubling.
 *
 * <p>Every dispatch also folds (time, tag, target class) into a 64-bit fingerprint, so two runs can be compared for
 * an identical trajectory at negligible cost (INET's fingerprints).
 */
public final class EventLoop {
    /** A handle that never names a pending event. */
    public static final long NO_EVENT = -1L;

    private long nowPs;
    private long nextSeq;
    private long dispatched;
    private long fingerprint = 0xcbf29ce484222325L;

    // Heap, indexed by heap position: the key (time, seq) and the slot in the handle table.
    private long[] heapTime;
    private long[] heapSeq;
    private int[] heapSlot;
    private int size;

    // Handle table, indexed by slot.
    private EventTarget[] slotTarget;
    private int[] slotTag;
    private int[] slotHeapPos;
    private int[] slotGeneration;
    private int[] freeSlots;
    private int freeCount;
    private int slotsUsed;

    public EventLoop() {
        this(1024);
    }

    public EventLoop(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        heapTime = new long[cap];
        heapSeq = new long[cap];
        heapSlot = new int[cap];
        slotTarget = new EventTarget[cap];
        slotTag = new int[cap];
        slotHeapPos = new int[cap];
        slotGeneration = new int[cap];
        freeSlots = new int[cap];
    }

    public long nowPs() {
        return nowPs;
    }

    /** Number of events dispatched so far. */
    public long dispatched() {
        return dispatched;
    }

    /** Number of events scheduled and neither run nor cancelled. */
    public int pending() {
        return size;
    }

    /** Hash over (time, tag, target class) of every dispatch so far; equal runs give equal fingerprints. */
    public long fingerprint() {
        return fingerprint;
    }

    /** Time of the earliest pending event, or {@link Long#MAX_VALUE} if none. */
    public long peekTimePs() {
        return size == 0 ? Long.MAX_VALUE : heapTime[0];
    }

    /**
     * Schedules {@code target.onEvent(tag)} at absolute time {@code atPs}; events at equal times run in the order
     * they were scheduled.
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
        int slot = allocateSlot();
        slotTarget[slot] = target;
        slotTag[slot] = tag;
        if (size == heapTime.length) {
            growHeap();
        }
        int pos = size++;
        heapTime[pos] = atPs;
        heapSeq[pos] = nextSeq++;
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
        if (handle < 0) {
            return false;
        }
        int slot = (int) handle;
        int generation = (int) (handle >>> 32);
        if (slot >= slotsUsed || slotGeneration[slot] != generation || slotTarget[slot] == null) {
            return false;
        }
        int pos = slotHeapPos[slot];
        releaseSlot(slot);
        int last = --size;
        if (pos != last) {
            moveHeap(last, pos);
            if (!siftUp(pos)) {
                siftDown(pos);
            }
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
        if (size == 0) {
            return false;
        }
        long t = heapTime[0];
        int slot = heapSlot[0];
        EventTarget target = slotTarget[slot];
        int tag = slotTag[slot];
        releaseSlot(slot);
        int last = --size;
        if (last > 0) {
            moveHeap(last, 0);
            siftDown(0);
        }
        if (t < nowPs) {
            throw new IllegalStateException("time went backwards: " + t + " < " + nowPs);
        }
        nowPs = t;
        dispatched++;
        long h = fingerprint;
        h = (h ^ t) * 0x100000001b3L;
        h = (h ^ tag) * 0x100000001b3L;
        h = (h ^ target.getClass().getName().hashCode()) * 0x100000001b3L;
        fingerprint = h;
        target.onEvent(tag);
        return true;
    }

    /**
     * Runs every event at or before {@code endPs}, then sets the clock to {@code endPs}. Events after it stay pending.
     */
    public void runUntil(long endPs) {
        if (endPs < nowPs) {
            throw new IllegalArgumentException("runUntil(" + endPs + ") is before now " + nowPs);
        }
        while (size > 0 && heapTime[0] <= endPs) {
            step();
        }
        nowPs = endPs;
    }

    /** Runs until no event is pending. */
    public void runToCompletion() {
        while (step()) {
            // dispatch everything
        }
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
        int cap = heapTime.length * 2;
        heapTime = Arrays.copyOf(heapTime, cap);
        heapSeq = Arrays.copyOf(heapSeq, cap);
        heapSlot = Arrays.copyOf(heapSlot, cap);
    }

    private void moveHeap(int from, int to) {
        heapTime[to] = heapTime[from];
        heapSeq[to] = heapSeq[from];
        int slot = heapSlot[from];
        heapSlot[to] = slot;
        slotHeapPos[slot] = to;
    }

    private boolean less(int a, int b) {
        long ta = heapTime[a];
        long tb = heapTime[b];
        return ta < tb || (ta == tb && heapSeq[a] < heapSeq[b]);
    }

    /** Returns true if the entry moved. */
    private boolean siftUp(int pos) {
        int start = pos;
        long t = heapTime[pos];
        long s = heapSeq[pos];
        int slot = heapSlot[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            long tp = heapTime[parent];
            if (tp < t || (tp == t && heapSeq[parent] < s)) {
                break;
            }
            moveHeap(parent, pos);
            pos = parent;
        }
        heapTime[pos] = t;
        heapSeq[pos] = s;
        heapSlot[pos] = slot;
        slotHeapPos[slot] = pos;
        return pos != start;
    }

    private void siftDown(int pos) {
        long t = heapTime[pos];
        long s = heapSeq[pos];
        int slot = heapSlot[pos];
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && less(right, child)) {
                child = right;
            }
            long tc = heapTime[child];
            if (t < tc || (t == tc && s < heapSeq[child])) {
                break;
            }
            moveHeap(child, pos);
            pos = child;
        }
        heapTime[pos] = t;
        heapSeq[pos] = s;
        heapSlot[pos] = slot;
        slotHeapPos[slot] = pos;
    }
}
