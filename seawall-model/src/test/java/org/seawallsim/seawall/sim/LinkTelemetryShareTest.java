package org.seawallsim.seawall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.topology.LinkConfig;
import org.seawallsim.topology.Queues;
import org.seawallsim.topology.Topologies;

/**
 * {@link LinkTelemetry}'s shares from congested sub-intervals, on one telemetry period of a 2-trunk parking lot (10
 * sub-intervals of 1 ms, gain 1, no delay) with a tunnel over both trunks: the cut share is the most congested
 * trunk's cuts over the cuts the union of both trunks' congested sub-intervals gives under the controller's
 * hold-off (or, once the tunnel has been cut, its own cuts as its controller reports them), the increase share the
 * same with congested sub-intervals; exactly 1 with one congested link.
 */
class LinkTelemetryShareTest {
    static final long MS = Time.ofMillis(1);
    static final long TUNNEL = 5;
    static final String T1 = "sw0->sw1";
    static final String T2 = "sw1->sw2";

    final SimContext ctx = new SimContext(1);
    final Network net = Topologies.parkingLot(ctx, 3, 1, new LinkConfig(Rate.gbps(1), Time.ofMicros(5)),
            new LinkConfig(Rate.gbps(1), Time.ofMicros(5)), Queues.dropTail(100_000, 100_000)).network();

    /** Marks trunk 1 in the given 1-ms sub-intervals and trunk 2 in its own, then samples once. */
    LinkTelemetry sampleOnce(int holdoffIntervals, int[] trunk1, int[] trunk2) {
        LinkTelemetry t = new LinkTelemetry(net, new TelemetryConfig(true, 10 * MS, 0, 1.0), MS, holdoffIntervals);
        t.addPath(TUNNEL, "h0->sw0", T1, T2, "sw2->h2");
        markAt(t, T1, trunk1);
        markAt(t, T2, trunk2);
        ctx.loop().runUntil(10 * MS + MS / 2);
        assertThat(t.samples()).isEqualTo(1);
        return t;
    }

    private void markAt(LinkTelemetry t, String portName, int[] subs) {
        EgressPort port = net.ports().stream().filter(p -> p.name().equals(portName)).findFirst().orElseThrow();
        for (int k : subs) {
            ctx.loop().schedule(k * MS + MS / 2, tag -> t.onMark(port, null), 0);
        }
    }

    @Test
    void trunksMarkingInTheSameSubIntervalsGiveOne() {
        LinkTelemetry t = sampleOnce(3, new int[] {0, 4, 8}, new int[] {0, 4, 8});
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(1.0);
        assertThat(t.increaseShare(TUNNEL)).isEqualTo(1.0);
    }

    @Test
    void trunksMarkingInDisjointSpacedSubIntervalsGiveOneHalf() {
        LinkTelemetry t = sampleOnce(3, new int[] {0, 6}, new int[] {3, 9});
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(0.5);
        assertThat(t.increaseShare(TUNNEL)).isEqualTo(0.5);
    }

    @Test
    void marksWithinOneHoldOffAreOneCut() {
        // Sub-intervals 0 and 1: two congested intervals, but the second falls in the hold-off of the first cut.
        LinkTelemetry t = sampleOnce(3, new int[] {0}, new int[] {1});
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(1.0);
        assertThat(t.increaseShare(TUNNEL)).isEqualTo(0.5);
        // Without a hold-off each congested interval is a cut.
        LinkTelemetry noHold = new LinkTelemetryShareTest().sampleOnce(0, new int[] {0}, new int[] {1});
        assertThat(noHold.bottleneckShare(TUNNEL)).isEqualTo(0.5);
    }

    @Test
    void oneCongestedLinkGivesExactlyOne() {
        LinkTelemetry t = sampleOnce(3, new int[] {0, 1, 2, 5, 7}, new int[] {});
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(1.0);
        assertThat(t.increaseShare(TUNNEL)).isEqualTo(1.0);
        assertThat(t.bottleneckShare(99)).as("unknown tunnel").isEqualTo(1.0);
    }

    @Test
    void onceTheTunnelHasBeenCutItsOwnCutsAreTheDenominator() {
        // Trunks {0, 6} and {3, 9}: 2 cuts each, 4 for the union; the tunnel's controller reports 5 cuts of its own
        // in the period (its report phase split an episode), so the cut share is 2 / 5, not 2 / 4. The increase
        // share stays the sub-intervals' 2 / 4, and another tunnel's cuts change nothing.
        LinkTelemetry t = new LinkTelemetry(net, new TelemetryConfig(true, 10 * MS, 0, 1.0), MS, 3);
        t.addPath(TUNNEL, "h0->sw0", T1, T2, "sw2->h2");
        markAt(t, T1, new int[] {0, 6});
        markAt(t, T2, new int[] {3, 9});
        for (int i = 0; i < 5; i++) {
            ctx.loop().schedule(i * 2 * MS + MS / 4, tag -> t.cutTaken(TUNNEL), 0);
        }
        ctx.loop().schedule(MS, tag -> t.cutTaken(TUNNEL + 1), 0);
        ctx.loop().runUntil(10 * MS + MS / 2);
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(2.0 / 5);
        assertThat(t.increaseShare(TUNNEL)).isEqualTo(0.5);
    }

    @Test
    void withOneCongestedLinkOwnCutsChangeNothing() {
        LinkTelemetry t = new LinkTelemetry(net, new TelemetryConfig(true, 10 * MS, 0, 1.0), MS, 3);
        t.addPath(TUNNEL, "h0->sw0", T1, T2, "sw2->h2");
        markAt(t, T1, new int[] {0, 6});
        for (int i = 0; i < 7; i++) {
            ctx.loop().schedule(i * MS + MS / 4, tag -> t.cutTaken(TUNNEL), 0);
        }
        ctx.loop().runUntil(10 * MS + MS / 2);
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(1.0);
    }

    @Test
    void theMostCongestedTrunkSetsTheShares() {
        // Trunk 1 {0, 3, 6, 9}: 4 cuts; trunk 2 {1}: 1 cut; the union {0, 1, 3, 6, 9}: 4 cuts (1 is held off) in 5
        // congested sub-intervals.
        LinkTelemetry t = sampleOnce(3, new int[] {0, 3, 6, 9}, new int[] {1});
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(1.0);
        assertThat(t.increaseShare(TUNNEL)).isEqualTo(4.0 / 5);
    }

    @Test
    void aLinkThatStoppedMarkingLeavesTheRule() {
        // Gain 0.5 (memory of a few periods), no hold-off. Period 0: trunk 1 marks in 4 sub-intervals, trunk 2 in 3
        // others (union 7: scale 4 / 7); from period 1 on only trunk 1 marks. Trunk 2's count decays (3 x 0.5^m)
        // but never reaches 0; below 5 % of trunk 1's it no longer counts, and the scale is exactly mode ecn's 1.
        LinkTelemetry t = new LinkTelemetry(net, new TelemetryConfig(true, 10 * MS, 0, 0.5), MS, 0);
        t.addPath(TUNNEL, "h0->sw0", T1, T2, "sw2->h2");
        for (int period = 0; period < 8; period++) {
            int b = 10 * period;
            markAt(t, T1, new int[] {b, b + 3, b + 6, b + 9});
        }
        markAt(t, T2, new int[] {1, 4, 7});
        ctx.loop().runUntil(10 * MS + MS / 2);
        assertThat(t.bottleneckShare(TUNNEL)).isCloseTo(4.0 / 7, within(1e-9));
        ctx.loop().runUntil(40 * MS + MS / 2);
        assertThat(t.bottleneckShare(TUNNEL)).as("trunk 2 at 3 x 0.5^3 = 0.375 of 4 cuts: still counted").isLessThan(1);
        ctx.loop().runUntil(80 * MS + MS / 2);
        assertThat(t.bottleneckShare(TUNNEL)).isEqualTo(1.0);
        assertThat(t.increaseShare(TUNNEL)).isEqualTo(1.0);
    }
}
