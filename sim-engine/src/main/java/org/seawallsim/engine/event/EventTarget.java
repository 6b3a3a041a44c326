package org.seawallsim.engine.event;

/**
 * Something the event loop can wake. Components are their own targets and use {@code tag} to tell their wake-ups
 * apart, so scheduling allocates nothing (htsim's EventSource, with a tag added).
 */
public interface EventTarget {
    void onEvent(int tag);
}
