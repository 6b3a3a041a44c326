package org.seawallsim.seawall.controller;

/**
 * Deferred work for the controller and the SW-ports. {@link #schedule} is for coarse, control-interval work and may
 * allocate; {@link #newTimer} gives a reusable timer that per-packet paths can re-arm without allocating.
 */
public interface Timers {
    /** Runs {@code task} after {@code delayPs}; returns a handle for {@link #cancel}. */
    long schedule(long delayPs, Runnable task);

    /** Cancels a pending task; unknown or expired handles are ignored. */
    void cancel(long handle);

    /** A timer bound once to {@code task}; arming it later must not allocate. */
    Timer newTimer(Runnable task);

    /** A re-armable one-shot timer. */
    interface Timer {
        /** (Re)arms the timer to fire at absolute time {@code atPs}, replacing any earlier arming. */
        void armAt(long atPs);

        void disarm();

        boolean armed();
    }
}
