package org.seawallsim.engine.event;

import java.util.Arrays;

/**
 * The event loop's handle table: one slot per pending event, holding what the event will run (slotTarget, tag), the key
 * that orders it among events of the same instant, where it waits, and a generation count. A handle is
 * {@code (generation << 32) | slot}; the generation moves on whenever the slot's event runs or is cancelled, so stale
 * handles are recognised without a search. Freed slots are reused last-in first-out, which keeps the slot a handler
 * schedules into the one its own event just left, hot in cache.
 *
 * <p>The table, the {@link QuadHeap} and the {@link EventLoop} are one object, layered by inheritance: every array the
 * dispatch path touches is then a field of the loop itself, one dependent load nearer than through a separate object
 * (measured: 8-10 % of the hold model's speed at 16 and 1 000 pending events).
 */
abstract class HandleTable {
    /** {@link #where} of an event waiting in the {@link CalendarTier} (its position there is not tracked). */
    static final int IN_TIER = -1;
    /** {@link #where} of an event cancelled while in the tier: the slot stays taken until the tier drops the entry. */
    static final int CANCELLED_IN_TIER = -2;

    /** Offsets in a slot's record in {@link #rec}. */
    static final int TAG = 0;
    static final int GENERATION = 1;
    /** Heap position (>= 0), or {@link #IN_TIER}, or {@link #CANCELLED_IN_TIER}. */
    static final int WHERE = 2;
    static final int REC_SHIFT = 2;

    EventTarget[] slotTarget;
    /**
     * Per slot, four ints: tag, generation, where. One record, one cache line: with 10^6 pending events every slot a
     * dispatch touches is a cache miss, and separate arrays made it three.
     */
    int[] rec;
    /** Orders events of equal time: the insertion sequence, or its seeded mix (EventLoop.permuteTies). */
    long[] tieKey;
    private int[] free;
    private int freeCount;
    private int used;

    HandleTable(int capacity) {
        int cap = Math.max(16, capacity);
        slotTarget = new EventTarget[cap];
        rec = new int[cap << REC_SHIFT];
        tieKey = new long[cap];
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
            tieKey = Arrays.copyOf(tieKey, cap);
            free = Arrays.copyOf(free, cap);
        }
        return used++;
    }

    /** Ends the slot's event (cancelled): stale handle, slot reusable. */
    void release(int slot) {
        slotTarget[slot] = null;
        rec[(slot << REC_SHIFT) + GENERATION]++;
        free[freeCount++] = slot;
    }

    /** Returns a slot whose generation already moved on (dispatched, or cancelled in the tier) to the free list. */
    void recycle(int slot) {
        slotTarget[slot] = null;
        free[freeCount++] = slot;
    }

    int where(int slot) {
        return rec[(slot << REC_SHIFT) + WHERE];
    }

    void setWhere(int slot, int where) {
        rec[(slot << REC_SHIFT) + WHERE] = where;
    }

    long handle(int slot) {
        return ((long) rec[(slot << REC_SHIFT) + GENERATION] << 32) | slot;
    }

    boolean live(long handle) {
        if (handle < 0) {
            return false;
        }
        int slot = (int) handle;
        return slot < used && rec[(slot << REC_SHIFT) + GENERATION] == (int) (handle >>> 32) && slotTarget[slot] != null;
    }
}
