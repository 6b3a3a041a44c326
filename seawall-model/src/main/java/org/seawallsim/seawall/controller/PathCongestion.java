package org.seawallsim.seawall.controller;

/**
 * What the network controller tells a hypervisor about the links on a tunnel's path (feedback mode
 * {@code ecn-bottleneck}): the share of the path's congestion that its most congested link accounts for.
 *
 * <p>Why: a tunnel's own reports count the marks of every link it crosses, so an end-to-end loop cut on them is cut
 * for the sum (strictly, the union) of its links' congestion and settles at the proportional-fair split, not
 * max-min. If link l marks a fraction F_l of its packets, scaling each of the tunnel's cuts by
 * {@code max F_l / sum F_l} leaves it about the cut intensity of its most congested link alone: a rate law whose
 * price is the maximum over the path's links rather than the sum, whose equilibrium is weighted max-min. The
 * per-link fractions come from per-port counters commodity switches already export (ECN-marked, dropped and
 * transmitted packets). They change on the time scale of the traffic matrix rather than of one control interval,
 * so they may be a telemetry period and a control-plane delay old without entering the fast loop, which still runs
 * on the tunnel's own reports.
 */
public interface PathCongestion {
    /**
     * The fraction in (0, 1] of tunnel {@code tunnelKey}'s congestion signal due to its most congested link; 1 when
     * nothing is known yet or one link carries all of it.
     */
    double bottleneckShare(long tunnelKey);
}
