package org.seawallsim.engine.event;

import java.util.Arrays;

/**
 * The event loop's handle table: one slot per pending event, holding what the event will run (slotTarget, tag), the key
 * that orders it among events of the same instant, and a generation count. A handle is {@code (generation << 32) |
 * slot} (31 bits of generation, so handles stay non-negative); the generation moves on whenever the slot's event runs
 * or is cancelled, so stale handles are recognised without a search. Freed slots are reused last-in first-out, which
 * keeps the slot a handler schedules into the one its own event just left, hot in cache.
 *
 * <p>Positions in the heap and tier are not tracked: a cancelled event's entry is searched for in a small heap, and
 * otherwise its slot is marked (target cleared, generation moved on) and the entry dropped when it reaches the heap's
 * root or leaves the tier ({@link EventLoop#cancel}).
 * Without a position to keep up to date, a sift moves two arrays and writes nothing else, and an event entering the
 * heap from the tier touches its slot only to read it.
 *
 * <p>The table, the {@link QuadHeap} and the {@link EventLoop} are one object, layered by inheritance: every array the
 * dispatch path touches is then a field of the loop itself, one dependent load nearer than through a separate object
 * (measured: 8-10 % of the hold model's speed at 16 and 1 000 pending events).
 */
abstract class HandleTable {
    /** Longs per slot in {@link #rec}: the tie key, then (generation << 32) | tag. */
    static final int REC_SHIFT = 1;
    static final int TIE = 0;
    static final int GEN_TAG = 1;
    static final long ONE_GENERATION = 1L << 32;
    private static final long GENERATION_MASK = 0x7fff_ffffL;

    EventTarget[] slotTarget;
    /**
     * Per slot, two longs: the tie key (the insertion sequence, or its seeded mix, EventLoop.permuteTies), and the
     * generation and tag. One record, 16 bytes, four to a cache line: with 10^6 pending events every slot a dispatch
     * touches is a cache miss, and separate arrays for the three made it up to three.
     */
    long[] rec;
    /** Cancelled events whose entries are still in the heap or the tier (their slots stay taken). */
    int cancelledHeld;
    private int[] free;
    private int freeCount;
    private int used;

    HandleTable(int capacity) {
        int cap = Math.max(16, capacity);
        slotTarget = new EventTarget[cap];
        rec = new long[cap << REC_SHIFT];
        free = new int[cap];
    }

    int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (used == slotTarget.length) {
            int cap = slotTarget.length * 2;
            slotTarget = Arrays.copyOf(slotTarget, cap);
            rec = Arrays.copyOf(rec, cap << REC_SHIFT);
            free = Arrays.copyOf(free, cap);
        }
        return used++;
    }

    /** Fills the slot for a new event; the generation is kept. */
    void fill(int slot, EventTarget target, int tag, long tie) {
        slotTarget[slot] = target;
        int r = slot << REC_SHIFT;
        rec[r + TIE] = tie;
        rec[r + GEN_TAG] = (rec[r + GEN_TAG] & 0xffff_ffff_0000_0000L) | (tag & 0xffff_ffffL);
    }

    /** Marks the slot's event cancelled: stale handle, target cleared; the slot stays taken until its entry is dropped. */
    void markCancelled(int slot) {
        slotTarget[slot] = null;
        rec[(slot << REC_SHIFT) + GEN_TAG] += ONE_GENERATION;
        cancelledHeld++;
    }

    /** Frees the slot of a cancelled event whose entry the heap or the tier has just dropped. */
    void dropCancelledSlot(int slot) {
        free[freeCount++] = slot;
        cancelledHeld--;
    }

    /** Returns a slot whose generation already moved on (dispatched, or cancelled and dropped) to the free list. */
    void recycle(int slot) {
        slotTarget[slot] = null;
        free[freeCount++] = slot;
    }

    long handle(int slot) {
        return (((rec[(slot << REC_SHIFT) + GEN_TAG] >>> 32) & GENERATION_MASK) << 32) | slot;
    }

    boolean live(long handle) {
        if (handle < 0) {
            return false;
        }
        int slot = (int) handle;
        return slot < used && ((rec[(slot << REC_SHIFT) + GEN_TAG] >>> 32) & GENERATION_MASK) == (handle >>> 32)
                && slotTarget[slot] != null;
    }
}
