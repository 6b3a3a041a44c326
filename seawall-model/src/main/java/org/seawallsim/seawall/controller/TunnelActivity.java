package org.seawallsim.seawall.controller;

/**
 * What the sender SW-port tells the controller about a tunnel's demand since the controller last asked: whether
 * it was held back by its rate limit (backlogged) and how many bytes it sent. Each call resets the counters.
 */
public interface TunnelActivity {
    boolean takeBacklogged(long tunnelKey);

    long takeSentBytes(long tunnelKey);
}
