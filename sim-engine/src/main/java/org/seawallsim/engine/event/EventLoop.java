package org.seawallsim.engine.event;

/**
 * The single-threaded future-event set and dispatcher of one simulation run. Not thread-safe; one per run, passed
 * explicitly (there is no static or global loop).
 *
 * <p>Events are ordered by (time, tie key): the tie key is the insertion sequence, or a seeded bijective mix of it
 * after {@link #permuteTies(long)}. The pieces: a {@link HandleTable} (what each pending event runs and its tie key;
 * handles are {@code (generation << 32) | slot}, so stale handles are recognised), a {@link ShortList} that holds
 * the whole set while at most 32 events are pending (and new ones land among the first few), a {@link QuadHeap} of
 * the events due soonest, and, once more events are pending than a heap holds well, a {@link RadixTier} for the rest;
 * {@link ClassNameHashes} give the dispatch fingerprint its class-name hashes. Cancelling removes the entry from a
 * small heap at once and is lazy elsewhere (see {@link #cancel(long)}). In steady state scheduling and dispatch
 * allocate nothing; the arrays only grow by doubling.
 *
 * <p>Invariant checked on every dispatch: time never goes backwards. {@link #scheduled()} always equals
 * {@link #dispatched()} + {@link #cancelled()} + {@link #pending()}.
 */
public final class EventLoop extends ShortList {
    /** A handle that never names a pending event. */
    public static final long NO_EVENT = -1L;

    /**
     * Pending events at which the heap hands its far future to the radix tier (and a quarter of it, below which
     * the tier gives everything back). Measured with the hold model: the plain heap is faster up to a few thousand
     * pending events (a packet network's main loop mostly has tens), the tier from about 10^4 on (at 10^4 and 10^5
     * pending events, spilling at 1 024 or 8 192 measured alike, at 65 536 slower, never 2x slower).
     */
    static final int DEFAULT_SPILL_AT = 1 << 13;
    /**
     * The radix tier moves its lowest buckets into the heap while they hold at most this many events in all. Hold
     * model at 10^6 with 8-bit digits, M events per CPU-s: 128 8.7, 256 9.5, 320 12.7, 400 12.9, 512 12.3-12.7, 700
     * 12.7, 1 024 11.6, 2 048 11.0. A target below a second-lowest-position bucket's ~256 events (at 10^6) costs a
     * spread into one-time buckets, a larger one a deeper heap.
     */
    static final int DEFAULT_BUCKET_TARGET = 400;

    private long nowPs;
    private long nextSeq;
    private boolean permuteTies;
    private long tieSalt;
    private long dispatched;
    private long cancelled;
    /**
     * A 64-bit FNV-style hash folded over (time, tag, target class name) of every dispatch, so two runs can be compared
     * for an identical trajectory at negligible cost (INET's fingerprints). Kept in the loop's own fields, as is the
     * last target class (most dispatches go to the same class as the one before: one compare).
     */
    private long fingerprint = 0xcbf29ce484222325L;
    private Class<?> lastClass;
    private int lastClassHash;
    private final ClassNameHashes classHashes = new ClassNameHashes();

    /**
     * Heap sizes from which dispatch prefetches the next event's state. A network with thousands of busy links has
     * state far beyond the core's cache (fat-tree k = 16, about 7 000 pending events: 21 % less CPU with the hint);
     * with fewer it mostly fits (k = 8, under 1 000 pending: 1.01x the CPU with the hint from 256 on, 4 alternating
     * runs), so small networks skip it.
     */
    private static final int PREFETCH_MIN = 2048;

    /** Cancelled entries below this many are never compacted away (a compaction is a pass over everything). */
    private static final int COMPACT_MIN = 64;
    /** Heaps up to this size are searched for a cancelled event's entry (measured: a scan of 128 slots ~20 ns). */
    private static final int SEARCH_MAX = 128;

    private final RadixTier tier;
    private final int spillAt;
    /** The pending set is the {@link ShortList}'s array, not the heap (which is then empty, and the tier unused). */
    private boolean listed = true;
    /**
     * Entries the list takes before they move to the heap, and the heap size at which they come back; both drop out
     * of reach once the list has proved slower than the heap for this run's events (see {@link #reviewList()}).
     */
    private int listMax;
    private int listBack;
    /** Entries the list's inserts have moved, and inserts left, in the current window of {@link #LIST_WINDOW}. */
    private long listMoves;
    private int listWindowLeft = LIST_WINDOW;
    private static final int LIST_WINDOW = 1 << 12;
    /**
     * Mean moves per insert above which the heap is used instead. The 100-flow dumbbell moves about 4 per insert (its
     * new events are due before most pending ones) and ran 5-10 % faster on the list than on the heap; the hold
     * model at 16 pending events (uniformly random times) moves about 8 and ran 15-30 % slower on it.
     */
    private static final int LIST_MAX_MEAN_MOVES = 6;
    /** Tests set this to keep the list in use whatever its inserts cost, so that they exercise it throughout. */
    private boolean listKept;
    /** The tier is in use; otherwise every pending event is in the heap. */
    private boolean tiered;
    /**
     * True while an event is being dispatched and its entry still occupies the heap's root (in list mode the entry
     * is already gone and only the slot is kept). Most handlers schedule
     * their next wake-up (a port its next transmission, a pipe its next arrival, a source its next packet), so the
     * first event scheduled during a dispatch simply replaces the root and sifts down once, instead of the root being
     * removed (one sift down) and the new event inserted (one sift up).
     */
    private boolean rootDead;
    /**
     * The dispatched root's slot while {@link #rootDead}: its handle is already stale (the generation moved on), but
     * the slot itself is kept for the event the handler most likely schedules next, which skips a release and an
     * allocation per dispatch.
     */
    private int deadSlot;

    public EventLoop() {
        this(1024);
    }

    public EventLoop(int initialCapacity) {
        this(initialCapacity, DEFAULT_SPILL_AT, DEFAULT_BUCKET_TARGET);
    }

    /** With the tier's thresholds given, so tests can drive small pending sets through it. */
    EventLoop(int initialCapacity, int spillAt, int bucketTarget) {
        super(checkedCapacity(initialCapacity, spillAt, bucketTarget), Math.min(initialCapacity, spillAt));
        this.spillAt = spillAt;
        listMax = Math.min(SHORT_MAX, spillAt);
        listBack = listMax >>> 1;
        tier = new RadixTier(this, bucketTarget);
    }

    private static int checkedCapacity(int initialCapacity, int spillAt, int bucketTarget) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0, got " + initialCapacity);
        }
        if (spillAt < 4 || bucketTarget < 1) {
            throw new IllegalArgumentException("spillAt must be >= 4 and bucketTarget >= 1");
        }
        return initialCapacity;
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
        return shortSize + (rootDead && !listed ? heapSize - 1 : heapSize) + runLeft() + tier.held() - cancelledHeld;
    }

    /**
     * Hash over (time, tag, target class name) of every dispatch so far and every value {@link #fold folded} in;
     * equal runs give equal fingerprints.
     */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * Folds a fact of the model into the fingerprint (hosts fold each packet they deliver). Dispatches alone name
     * targets by class: two runs whose same-instant wake-ups of two UDP sources came in the other order, one VM
     * getting 957 Mb/s in one and each of four 240 in the other, had one fingerprint.
     */
    public void fold(long value) {
        fingerprint = (fingerprint ^ value) * 0x100000001b3L;
    }

    /**
     * From now on, events due at the same instant run in an order drawn from {@code seed} rather than in scheduling
     * order: the tie key becomes a bijective 64-bit mix of the insertion sequence, so keys stay unique and the order
     * total and reproducible. Models must not depend on same-instant order (a real host has no such order); running
     * the same scenario under two tie seeds is how the tests check that. Must be called before the first event is
     * scheduled, so that one run has one tie rule throughout.
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
        return ready() ? (listed ? shortTime[shortSize - 1] : heapTime[0]) : Long.MAX_VALUE;
    }

    /**
     * Schedules {@code target.onEvent(tag)} at absolute time {@code atPs}; events at equal times run in the order
     * they were scheduled (or in a seeded order after {@link #permuteTies(long)}).
     *
     * @return a handle for {@link #cancel(long)}
     * @throws IllegalArgumentException if {@code atPs} lies in the past: time never goes backwards
     */
    public long schedule(long atPs, EventTarget target, int tag) {
        if (atPs < nowPs || target == null) {
            throw badSchedule(atPs, target);
        }
        // The common case of a packet network's loop first and small, so that it inlines into its callers (the
        // whole method compiled to more than C2 inlines: "already compiled into a big method").
        if (listed && shortSize < listMax) {
            int slot = claimListedSlot(target, tag);
            listMoves += shortInsert(atPs, slot);
            if (--listWindowLeft == 0) {
                reviewList();
            }
            return handle(slot);
        }
        return scheduleInHeap(atPs, target, tag);
    }

    /**
     * In list mode, the slot for a new event, filled: the dispatched event's own if nobody has reused it yet (its list
     * entry is already gone), otherwise a fresh one.
     */
    private int claimListedSlot(EventTarget target, int tag) {
        int slot;
        if (rootDead) {
            rootDead = false;
            slot = deadSlot;
        } else {
            slot = allocate();
        }
        fill(slot, target, tag, tieKey(nextSeq++));
        return slot;
    }

    /**
     * At the end of a window of inserts: if they moved too many entries on average (new events land at random
     * places, not near the latest), the list is slower than the heap, and the loop uses the heap from the next
     * schedule on, for the rest of the run.
     */
    private void reviewList() {
        if (listMoves > (long) LIST_MAX_MEAN_MOVES * LIST_WINDOW && !listKept) {
            listMax = 0;
            listBack = -1;
        }
        listMoves = 0;
        listWindowLeft = LIST_WINDOW;
    }

    private RuntimeException badSchedule(long atPs, EventTarget target) {
        if (target == null) {
            return new NullPointerException("target");
        }
        return new IllegalArgumentException("cannot schedule at " + atPs + " ps, before now " + nowPs + " ps");
    }

    /** Schedules into the heap (or the tier), moving a full list into the heap first. */
    private long scheduleInHeap(long atPs, EventTarget target, int tag) {
        int slot;
        if (listed) {
            slot = claimListedSlot(target, tag);
            listed = false;
            listToHeap();
            pushNew(atPs, slot);
            return handle(slot);
        }
        if (rootDead) {
            rootDead = false;
            slot = deadSlot;
            fill(slot, target, tag, tieKey(nextSeq++));
            if (atPs <= replaceMaxPs) {
                replaceRoot(atPs, slot);
            } else {
                removeHeapRoot();
                if (atPs <= heapMaxPs) {
                    push(atPs, slot);
                } else {
                    tier.add(atPs, slot);
                }
            }
            return handle(slot);
        }
        slot = allocate();
        fill(slot, target, tag, tieKey(nextSeq++));
        pushNew(atPs, slot);
        return handle(slot);
    }

    /** Puts a new event into the heap or the tier, and starts the tier when the heap grows too large. */
    private void pushNew(long atPs, int slot) {
        if (atPs <= heapMaxPs) {
            push(atPs, slot);
            if (heapSize > spillAt && !tiered) {
                tiered = true;
                tier.takeFrom(this, nowPs);
                setHeapMaxPs(tier.heapMaxPs());
            }
        } else {
            tier.add(atPs, slot);
        }
    }

    /** Keeps the sorted list in use for small pending sets however many entries its inserts move (for tests). */
    void keepList() {
        listKept = true;
    }

    /** Longs the radix tier's arrays hold (for tests). */
    long tierRetainedLongs() {
        return tier.retainedLongs();
    }

    /** Whether the pending set is in the sorted list now (for tests). */
    boolean listed() {
        return listed;
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
        if (!live(handle)) {
            return false;
        }
        int slot = (int) handle;
        cancelled++;
        if (listed) {
            // Every pending event is in the list (cancelling there is never lazy).
            settle();
            shortRemove(slot);
            markCancelled(slot);
            dropCancelledSlot(slot);
            return true;
        }
        // A small heap is searched (a few cache lines of slots) and the entry removed at once, so that cancelled
        // entries never deepen the heap of a packet network's loop, which holds tens of events. Otherwise the
        // cancellation is lazy: the entry stays where it is, recognised by its cleared target, and is dropped when it
        // reaches the heap's root or leaves the tier; once cancelled entries outnumber the live ones all are dropped
        // at once, so they never take more than about half the memory and one level of the heap.
        if (heapSize <= SEARCH_MAX) {
            settle();
            int pos = find(slot);
            if (pos >= 0) {
                markCancelled(slot);
                dropCancelledSlot(slot);
                removeAt(pos);
                return true;
            }
        }
        markCancelled(slot);
        if (cancelledHeld > COMPACT_MIN && cancelledHeld > heapSize + runLeft() + tier.held() - cancelledHeld) {
            settle();
            dropCancelled();
            tier.dropCancelled();
        }
        return true;
    }

    /** True if the handle names an event that has neither run nor been cancelled. */
    public boolean isPending(long handle) {
        return live(handle);
    }

    /** Runs the earliest event. Returns false if there was none. */
    public boolean step() {
        if (!ready()) {
            return false;
        }
        if (listed) {
            dispatchListed();
        } else {
            dispatchRoot();
        }
        return true;
    }

    /**
     * Settles the heap, drops cancelled entries from its root and, if it ran dry, refills it from the tier. Returns
     * true if an event is pending; it is then at the root.
     */
    private boolean ready() {
        if (rootDead) {
            removeRoot();
        }
        if (listed) {
            return shortSize > 0;
        }
        while (true) {
            while (heapSize > 0) {
                int s = heapSlot[0];
                if (slotTarget[s] != null) {
                    return true;
                }
                dropCancelledSlot(s);
                removeHeapRoot();
            }
            if (!tiered) {
                return false;
            }
            if (!tier.refill(this, spillAt >>> 2)) {
                tiered = false;
            }
            setHeapMaxPs(tiered ? tier.heapMaxPs() : Long.MAX_VALUE);
        }
    }

    /**
     * Starts the event in {@code slot} due at {@code t}, from the heap or the list: retires its handle's generation,
     * advances the clock and folds the event into the fingerprint. Returns the tag to hand to its target. Small and
     * private, so C2 inlines it into both dispatch paths.
     */
    private int enter(long t, int slot, EventTarget target) {
        int r = (slot << HandleTable.REC_SHIFT) + HandleTable.GEN_TAG;
        long genTag = rec[r];
        int tag = (int) genTag;
        rec[r] = genTag + HandleTable.ONE_GENERATION;
        deadSlot = slot;
        rootDead = true;
        if (t < nowPs) {
            throw new IllegalStateException("time went backwards: " + t + " < " + nowPs);
        }
        nowPs = t;
        dispatched++;
        Class<?> c = target.getClass();
        if (c != lastClass) {
            lastClassHash = classHashes.hashOf(c);
            lastClass = c;
        }
        long h = fingerprint;
        h = (h ^ t) * 0x100000001b3L;
        h = (h ^ tag) * 0x100000001b3L;
        h = (h ^ lastClassHash) * 0x100000001b3L;
        fingerprint = h;
        return tag;
    }

    /** Runs the root event; the heap is settled and not empty. */
    private void dispatchRoot() {
        long t = heapTime[0];
        int slot = heapSlot[0];
        EventTarget target = slotTarget[slot];
        if (heapSize >= PREFETCH_MIN) {
            prefetchNext();
        }
        target.onEvent(enter(t, slot, target));
        if (rootDead) {
            removeRoot();
            // The heap shrinks when a dispatched root is not replaced: only then can it have become small enough
            // for the list (checked here, not on every dispatch, so a large heap pays nothing for the list).
            if (heapSize <= listBack && !tiered && runPos == runEnd) {
                listed = true;
                heapToList();
            }
        }
    }

    /**
     * Asks the target of the root's earliest child, almost always the next event to run (new events are rarely due
     * sooner), to {@linkplain EventTarget#prefetch() prefetch}. A hint only: ties and the tier's run are ignored.
     */
    private void prefetchNext() {
        long[] ht = heapTime;
        int c = 1;
        long best = ht[1];
        for (int i = 2; i <= 4; i++) {
            if (ht[i] < best) {
                best = ht[i];
                c = i;
            }
        }
        EventTarget next = slotTarget[heapSlot[c]];
        if (next != null) {
            next.prefetch();
        }
    }

    /** Runs the list's earliest event; the list is not empty. Its entry leaves before the handler runs. */
    private void dispatchListed() {
        int i = --shortSize;
        long t = shortTime[i];
        int slot = shortSlot[i];
        EventTarget target = slotTarget[slot];
        target.onEvent(enter(t, slot, target));
        if (rootDead) {
            rootDead = false;
            recycle(slot);
        }
    }

    /**
     * Frees the slot of a dispatched event nobody reused (also after a handler threw) and, in heap mode, removes its
     * entry from the root.
     */
    private void removeRoot() {
        rootDead = false;
        recycle(deadSlot);
        if (!listed) {
            removeHeapRoot();
        }
    }

    private void settle() {
        if (rootDead) {
            removeRoot();
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
        while (ready()) {
            if (listed) {
                if (shortTime[shortSize - 1] > endPs) {
                    break;
                }
                dispatchListed();
            } else {
                if (heapTime[0] > endPs) {
                    break;
                }
                dispatchRoot();
            }
        }
        nowPs = endPs;
    }

    /** Runs until no event is pending. */
    public void runToCompletion() {
        while (step()) {
            // dispatch everything
        }
    }
}
