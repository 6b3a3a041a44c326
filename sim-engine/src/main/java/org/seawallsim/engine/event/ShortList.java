package org.seawallsim.engine.event;

/**
 * The pending set while it is small: an array sorted by (time, tie key), latest first, so the earliest event is the
 * last entry and taking it is a decrement. A packet network's loop often holds only a dozen or two events (one per
 * pipe with packets in flight and a few timers), and a new event is then usually due before most of them (in the
 * 100-flow dumbbell: later than about 4 of 13); inserting from the earliest end moves those few entries up one
 * place, one short loop, where a root replacement in the heap paid a sift with an unpredictable compare at every
 * level. Where new events land at random places instead, {@link EventLoop} measures the moves and uses the heap. Beyond {@link #SHORT_MAX} entries {@link EventLoop} moves them into the heap
 * (sorted ascending, which already is a valid heap) and returns to the list once the heap has shrunk to half of
 * that. The order is exactly the heap's: (time, tie key).
 */
abstract class ShortList extends QuadHeap {
    /** Entries the list holds at most; more go to the heap. */
    static final int SHORT_MAX = 32;

    final long[] shortTime = new long[SHORT_MAX];
    final int[] shortSlot = new int[SHORT_MAX];
    int shortSize;

    ShortList(int slotCapacity, int heapCapacity) {
        super(slotCapacity, heapCapacity);
    }

    /** Inserts an entry; the list has room. Returns how many entries it moved (those due before it). */
    final int shortInsert(long t, int s) {
        final long[] st = shortTime;
        final int[] ss = shortSlot;
        final long[] seq = rec;
        int n = shortSize++;
        int i = n;
        while (i > 0) {
            long pt = st[i - 1];
            if (pt > t) {
                break;
            }
            int ps = ss[i - 1];
            if (pt == t && seq[ps << REC_SHIFT] > seq[s << REC_SHIFT]) {
                break;
            }
            st[i] = pt;
            ss[i] = ps;
            i--;
        }
        st[i] = t;
        ss[i] = s;
        return n - i;
    }

    /** Removes the entry of {@code slot}, if listed; returns whether it was. */
    final boolean shortRemove(int slot) {
        final long[] st = shortTime;
        final int[] ss = shortSlot;
        int n = shortSize;
        for (int i = 0; i < n; i++) {
            if (ss[i] == slot) {
                for (int j = i + 1; j < n; j++) {
                    st[j - 1] = st[j];
                    ss[j - 1] = ss[j];
                }
                shortSize = n - 1;
                return true;
            }
        }
        return false;
    }

    /** Moves every entry into the empty heap: ascending order is a valid heap, so no sift is needed. */
    final void listToHeap() {
        for (int i = shortSize - 1; i >= 0; i--) {
            append(shortTime[i], shortSlot[i]);
        }
        shortSize = 0;
    }

    /**
     * Moves every heap entry into the empty list, dropping cancelled ones; the heap holds at most {@link #SHORT_MAX}
     * entries and the tier's run is empty.
     */
    final void heapToList() {
        int n = 0;
        while (heapSize > 0) {
            long t = heapTime[0];
            int s = heapSlot[0];
            removeHeapRoot();
            if (slotTarget[s] == null) {
                dropCancelledSlot(s);
            } else {
                shortTime[n] = t;
                shortSlot[n++] = s;
            }
        }
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            long t = shortTime[i];
            shortTime[i] = shortTime[j];
            shortTime[j] = t;
            int s = shortSlot[i];
            shortSlot[i] = shortSlot[j];
            shortSlot[j] = s;
        }
        shortSize = n;
    }
}
