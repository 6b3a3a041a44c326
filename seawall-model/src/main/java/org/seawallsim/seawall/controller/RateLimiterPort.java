package org.seawallsim.seawall.controller;

/** Where the controller's decisions go: the sender SW-port's per-tunnel token buckets. */
public interface RateLimiterPort {
    /** Sets the rate limit of tunnel {@code tunnelKey} (see {@link Tunnels#key}). */
    void setRate(long tunnelKey, long rateBps);
}
