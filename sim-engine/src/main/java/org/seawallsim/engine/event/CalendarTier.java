package org.seawallsim.engine.event;

import java.util.Arrays;

/**
 * The far future of a large pending set, kept out of the heap: a ring of time buckets (a calendar queue whose
 * buckets are sorted only when their time comes) in front of an unsorted overflow list.
 *
 * <p>Why: a heap of 10^6 events is some ten levels deep, each level a cache miss, and the heap was 2-3 M events/s at
 * that size. Here an event scheduled beyond the heap's window is appended to the bucket of its time, or to the
 * overflow if it lies beyond the ring; when the heap runs dry the next bucket (a few dozen events) is moved into it,
 * and when the ring runs dry the overflow is spread over a new ring sized to its span and count. Each event is thus
 * appended two or three times, to memory touched in order, and sifts only through a heap that fits in L1.
 *
 * <p>Order is exact: the heap holds every event due at or before {@link #heapMaxPs()}, the ring every event after it
 * and before the ring's end, the overflow the rest, so the heap's minimum by (time, tie key) is the global one.
 * Positions inside the tier are not tracked; a cancelled event's slot is marked {@link HandleTable#CANCELLED_IN_TIER}
 * and its entry dropped when the tier reaches it.
 */
final class CalendarTier {
    /** Entries per chunk of bucket storage; a bucket is a linked list of chunks. */
    private static final int CHUNK_SHIFT = 4;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int MAX_BUCKETS = 1 << 22;
    /** The ring spans 2^this times the overflow it is built from (measured: 2x beats 1x and 4x at 10^6 events). */
    private static final int RING_SPAN_SHIFT = 1;

    private final HandleTable slots;
    /** Events per bucket the ring is sized for: a heap of this size fits in L1 and is a few levels deep. */
    private final int bucketTarget;

    // Ring: buckets of 2^shift ps numbered by time >>> shift; numbers [cur, end) are live, stored at number & mask.
    private int shift;
    private long cur;
    private long end;
    private int mask;
    /** Per bucket, stride 4: first chunk, last chunk, entries in the last chunk, entries in all. */
    private int[] bucket = new int[0];
    private int ringCount;

    // Chunk storage, stride 2 per entry: (time, slot).
    private long[] chunkData = new long[0];
    private int[] chunkNext = new int[0];
    private int chunksUsed;
    private int freeChunk = -1;

    // Overflow, stride 2: (time, slot).
    private long[] far = new long[64];
    private int farCount;

    private int cancelledInside;
    private long heapMaxPs = -1;

    CalendarTier(HandleTable slots, int bucketTarget) {
        this.slots = slots;
        this.bucketTarget = bucketTarget;
    }

    /** The latest time that belongs in the heap: everything here is later. */
    long heapMaxPs() {
        return heapMaxPs;
    }

    /** Live events held (cancelled entries not yet dropped excluded). */
    int live() {
        return ringCount + farCount - cancelledInside;
    }

    boolean isEmpty() {
        return ringCount + farCount == 0;
    }

    /** The slot's event was cancelled while here. */
    void cancelled(int slot) {
        slots.setWhere(slot, HandleTable.CANCELLED_IN_TIER);
        slots.slotTarget[slot] = null;
        slots.rec[(slot << HandleTable.REC_SHIFT) + HandleTable.GENERATION]++;
        cancelledInside++;
    }

    /** Adds an event due after {@link #heapMaxPs()}. */
    void add(long t, int slot) {
        slots.setWhere(slot, HandleTable.IN_TIER);
        long k = t >>> shift;
        if (k < end) {
            append((int) k & mask, t, slot);
            ringCount++;
        } else {
            if (farCount * 2 == far.length) {
                far = Arrays.copyOf(far, far.length * 2);
            }
            int i = farCount++ << 1;
            far[i] = t;
            far[i + 1] = slot;
        }
    }

    private void append(int b, long t, int slot) {
        int m = b << 2;
        int[] bk = bucket;
        int tail = bk[m + 1];
        int fill = bk[m + 2];
        if (fill == CHUNK) {
            int c = newChunk();
            if (tail < 0) {
                bk[m] = c;
            } else {
                chunkNext[tail] = c;
            }
            bk[m + 1] = c;
            tail = c;
            fill = 0;
        }
        int i = ((tail << CHUNK_SHIFT) + fill) << 1;
        chunkData[i] = t;
        chunkData[i + 1] = slot;
        bk[m + 2] = fill + 1;
        bk[m + 3]++;
    }

    private int newChunk() {
        int c = freeChunk;
        if (c >= 0) {
            freeChunk = chunkNext[c];
        } else {
            if (chunksUsed == chunkNext.length) {
                int cap = Math.max(64, chunksUsed * 2);
                chunkNext = Arrays.copyOf(chunkNext, cap);
                chunkData = Arrays.copyOf(chunkData, cap << (CHUNK_SHIFT + 1));
            }
            c = chunksUsed++;
        }
        chunkNext[c] = -1;
        return c;
    }

    /**
     * Called with an empty heap: moves the next bucket's live events into {@code heap} (spreading the overflow over a
     * new ring first if the ring is empty). Returns false if the tier holds nothing live, or holds fewer than
     * {@code heapOnlyBelow} events, which then all go to the heap: the caller switches the tier off.
     */
    boolean refill(QuadHeap heap, int heapOnlyBelow) {
        while (true) {
            if (ringCount > 0) {
                while (bucket[((int) cur & mask) << 2 | 3] == 0) {
                    cur++;
                }
                drain((int) cur & mask, heap);
                cur++;
                heapMaxPs = cur > (Long.MAX_VALUE >>> shift) ? Long.MAX_VALUE : (cur << shift) - 1;
                if (heap.heapSize > 0) {
                    return true;
                }
            } else {
                dropCancelledFromFar();
                if (farCount == 0) {
                    return false;
                }
                if (farCount < heapOnlyBelow) {
                    for (int i = 0; i < farCount << 1; i += 2) {
                        heap.push(far[i], (int) far[i + 1]);
                    }
                    farCount = 0;
                    heapMaxPs = Long.MAX_VALUE;
                    return false;
                }
                spreadFar();
            }
        }
    }

    /** Moves the events of the ring bucket at index {@code b} into the heap, dropping cancelled ones. */
    private void drain(int b, QuadHeap heap) {
        int m = b << 2;
        int[] bk = bucket;
        int c = bk[m];
        int tail = bk[m + 1];
        int tailFill = bk[m + 2];
        ringCount -= bk[m + 3];
        bk[m] = -1;
        bk[m + 1] = -1;
        bk[m + 2] = CHUNK;
        bk[m + 3] = 0;
        // Cancelled entries are told by their cleared target rather than by the record: loading the target here,
        // in a loop whose misses overlap, is what makes the dispatch of this event a cache hit.
        final EventTarget[] targets = slots.slotTarget;
        while (c >= 0) {
            int n = c == tail ? tailFill : CHUNK;
            int base = c << (CHUNK_SHIFT + 1);
            for (int i = base; i < base + (n << 1); i += 2) {
                int s = (int) chunkData[i + 1];
                if (targets[s] == null) {
                    slots.recycle(s);
                    cancelledInside--;
                } else {
                    heap.push(chunkData[i], s);
                }
            }
            int next = chunkNext[c];
            chunkNext[c] = freeChunk;
            freeChunk = c;
            c = next;
        }
    }

    private void dropCancelledFromFar() {
        if (cancelledInside == 0) {
            return;
        }
        final EventTarget[] targets = slots.slotTarget;
        int kept = 0;
        for (int i = 0; i < farCount << 1; i += 2) {
            int s = (int) far[i + 1];
            if (targets[s] == null) {
                slots.recycle(s);
                cancelledInside--;
            } else {
                far[kept++ << 1] = far[i];
                far[(kept << 1) - 1] = s;
            }
        }
        farCount = kept;
    }

    /** Builds a new ring over the overflow's whole span, about {@link #bucketTarget} events a bucket. */
    private void spreadFar() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < farCount << 1; i += 2) {
            long t = far[i];
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        // Bucket width from the overflow's density (about bucketTarget events a bucket), and a ring at least 2^RING_SPAN_SHIFT times
        // the overflow's span, so that most events scheduled while this ring drains land in it directly instead of
        // passing through the overflow again.
        int needed = Math.max(1, farCount / bucketTarget);
        int s = 0;
        while ((max >>> s) - (min >>> s) >= needed) {
            s++;
        }
        int buckets = Math.min(MAX_BUCKETS, Integer.highestOneBit(needed) << (RING_SPAN_SHIFT + 1));
        if (bucket.length < buckets << 2) {
            int old = bucket.length;
            bucket = Arrays.copyOf(bucket, buckets << 2);
            for (int m = old; m < bucket.length; m += 4) {
                bucket[m] = -1;
                bucket[m + 1] = -1;
                bucket[m + 2] = CHUNK;
            }
        }
        shift = s;
        mask = buckets - 1;
        cur = min >>> s;
        end = cur + buckets;
        heapMaxPs = cur == 0 ? -1 : (cur << s) - 1;
        int n = farCount;
        farCount = 0;
        for (int i = 0; i < n << 1; i += 2) {
            append((int) (far[i] >>> s) & mask, far[i], (int) far[i + 1]);
        }
        ringCount = n;
    }

    /** Puts everything in the heap into the tier and restarts the ring from it (the pending set outgrew the heap). */
    void takeFrom(QuadHeap heap) {
        // Nothing may stay in the ring while the heap empties: the tier is empty here (heap-only mode).
        heapMaxPs = -1;
        end = 0;
        heap.moveAllTo(this);
        spreadFar();
    }
}
