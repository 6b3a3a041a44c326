package org.seawallsim.engine.event;

/**
 * Something the event loop can wake. Components are their own targets and use {@code tag} to tell their wake-ups
 * apart, so scheduling allocates nothing (htsim's EventSource, with a tag added).
 */
public interface EventTarget {
    void onEvent(int tag);

    /**
     * A hint that this target's next event is due next: load what {@link #onEvent} will read first, so that its cache
     * misses overlap the work of the event before. Must change nothing the simulation reads. The loop calls it only
     * while many events are pending (a large network, whose state is beyond the core's cache).
     */
    default void prefetch() {
    }
}
