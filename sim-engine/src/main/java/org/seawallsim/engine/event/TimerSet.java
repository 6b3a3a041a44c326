package org.seawallsim.engine.event;

/**
 * Timers that are armed for every flow but rarely fire (retransmission timeouts), kept out of the main event heap.
 *
 * <p>Why: with a lazy retransmission deadline each long-lived TCP flow keeps one wake-up pending at all times, so with
 * n flows the main heap holds n timer entries next to a handful of packet arrivals, and every packet event pays for
 * the deeper heap (measured: 113 pending events at 100 flows, of which 100 were RTO wake-ups). Here the timers sit in
 * a second heap of their own, and the main loop holds a single entry for the earliest of them. Packet events then
 * sift through a heap of about a tenth the size; timer operations, a few per flow per timeout interval, pay for two
 * heaps.
 *
 * <p>Timers fire at exactly the instant they were set for. Among events due at the same instant, all due timers run
 * together when this set's entry in the main loop comes up, in the order they were scheduled. The main loop's
 * fingerprint sees the timers through that entry's dispatches, by time; the timers' own targets are not hashed.
 */
public final class TimerSet implements EventTarget {
    private final EventLoop main;
    private final EventLoop timers = new EventLoop(64);
    private long wakeHandle = EventLoop.NO_EVENT;
    private long wakePs = Long.MAX_VALUE;

    public TimerSet(EventLoop main) {
        this.main = main;
    }

    /** Due timers of one instant fire in an order drawn from {@code seed}; see {@link EventLoop#permuteTies(long)}. */
    public void permuteTies(long seed) {
        timers.permuteTies(seed);
    }

    /**
     * Schedules {@code target.onEvent(tag)} at {@code atPs} (not before the main loop's now).
     *
     * @return a handle for {@link #cancel(long)}, valid for this set only
     */
    public long schedule(long atPs, EventTarget target, int tag) {
        if (atPs < main.nowPs()) {
            throw new IllegalArgumentException("cannot schedule at " + atPs + " ps, before now " + main.nowPs() + " ps");
        }
        long handle = timers.schedule(atPs, target, tag);
        if (atPs < wakePs) {
            main.cancel(wakeHandle);
            wakePs = atPs;
            wakeHandle = main.schedule(atPs, this, 0);
        }
        return handle;
    }

    /**
     * Cancels a pending timer; false if it already ran or was cancelled. The main loop's wake-up is left in place
     * (it finds nothing due and sleeps until the next timer), since cancelling timers is the common case and an
     * early wake-up is cheap.
     */
    public boolean cancel(long handle) {
        return timers.cancel(handle);
    }

    public boolean isPending(long handle) {
        return timers.isPending(handle);
    }

    /** Timers pending. */
    public int pending() {
        return timers.pending();
    }

    /** Timers that have fired. */
    public long dispatched() {
        return timers.dispatched();
    }

    @Override
    public void onEvent(int tag) {
        wakeHandle = EventLoop.NO_EVENT;
        wakePs = Long.MAX_VALUE;
        long now = main.nowPs();
        // Timers scheduled by the timers that run here, for this very instant, run here too.
        while (timers.peekTimePs() <= now) {
            timers.step();
        }
        // The timers that ran may have armed new ones (and with them a wake-up); keep exactly one, at the earliest.
        long next = timers.peekTimePs();
        if (next != wakePs) {
            main.cancel(wakeHandle);
            wakePs = next;
            wakeHandle = next == Long.MAX_VALUE ? EventLoop.NO_EVENT : main.schedule(next, this, 0);
        }
    }
}
