package org.seawallsim.seawall.controller;

/**
 * What the network controller tells a hypervisor about the links on a tunnel's path (feedback mode
 * {@code ecn-bottleneck}): how much of the tunnel's congestion signal its most congested link accounts for.
 *
 * <p>Why: a tunnel's own reports count the marks of every link it crosses, so an end-to-end loop cut on them is cut
 * for the union of its links' congested intervals and settles at the proportional-fair split, not max-min. Scaling
 * each of its cuts by the part of its cuts that its most congested link alone would have caused, and giving it the
 * additive step in the part of its congested intervals that link did not cause, leaves it answering to that link
 * only: a rate law whose price is the maximum over the path's links rather than the sum, whose equilibrium is
 * weighted max-min. The per-link counts come from switch-port telemetry; they change on the time scale of the
 * traffic matrix rather than of one control interval, so they may be a telemetry period and a control-plane delay
 * old without entering the fast loop, which still runs on the tunnel's own reports.
 */
public interface PathCongestion {
    /**
     * The scale in (0, 1] of tunnel {@code tunnelKey}'s congestion cuts: the part of the cuts it would take on its
     * path's congestion that its most congested link accounts for; 1 when nothing is known yet or one link is
     * congested.
     */
    double bottleneckShare(long tunnelKey);

    /**
     * The part in (0, 1] of the tunnel's congested intervals due to its most congested link: in the others a
     * tunnel over that link alone would have increased. By default the cut scale.
     */
    default double increaseShare(long tunnelKey) {
        return bottleneckShare(tunnelKey);
    }

    /**
     * The controller has just cut tunnel {@code tunnelKey} for congestion (scaled by its share). A tunnel's own cut
     * count is known exactly to its hypervisor, where the count its path's links would give has to be rebuilt from
     * their congested sub-intervals; see {@link #bottleneckShare}.
     */
    default void cutTaken(long tunnelKey) {
    }
}
