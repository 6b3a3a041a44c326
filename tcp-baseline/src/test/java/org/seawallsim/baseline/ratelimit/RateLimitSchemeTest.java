package org.seawallsim.baseline.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * Open-loop (UDP-like) traffic through the per-tenant policer and shaper on a 1 Gb/s port, two tenants of equal
 * weight, so each has a static reservation of 500 Mb/s of wire time. Windows start after the initial burst has been
 * spent, so the delivered rate must equal the bucket rate to within one packet per window; the 1500-B packets carry
 * 1500/1538 of the wire rate as IP bytes.
 */
class RateLimitSchemeTest {
    private static final long G = Rate.gbps(1);
    private static final double IP_PER_WIRE = 1500.0 / 1538;
    private static final long FROM = Time.ofMillis(20);
    private static final long TO = Time.ofMillis(120);
    // One packet per 100 ms window is 0.12 Mb/s; allow 0.5 Mb/s (0.1% of the rate) for window-edge effects.
    private static final double TOL_BPS = 0.5e6;

    private record Result(double t0Bps, double t1Bps, double busyFraction, long policerDrops, long queueDrops) {
    }

    private static Result run(RateLimitConfig cfg, boolean tenant1Sends, long t0RateBps) {
        RateLimitScheme scheme = new RateLimitScheme(cfg);
        TestNet tn = new TestNet(7, 2, G, G, Time.ofMicros(1), 200_000, scheme,
                TestNet.vms(new int[] {0, 1}, null));
        tn.new PacedSource(tn.senders.get(0), 0, 0, 1500, t0RateBps, 0, TO);
        if (tenant1Sends) {
            tn.new PacedSource(tn.senders.get(1), 1, 1, 1500, G, 0, TO);
        }
        tn.sink.window(FROM, TO);
        tn.ctx.loop().runUntil(FROM);
        long busy0 = tn.bottleneck.busyPs();
        tn.ctx.loop().runUntil(TO);
        double busy = (tn.bottleneck.busyPs() - busy0) / (double) (TO - FROM);
        return new Result(tn.sink.tenantBps(0), tn.sink.tenantBps(1), busy, tn.drops.get(DropReason.POLICER),
                tn.drops.get(DropReason.QUEUE_FULL));
    }

    @Test
    void policerCapsALoneTenantAtItsStaticShareAndLeavesTheRestOfTheLinkIdle() {
        Result r = run(RateLimitConfig.defaults(), false, G);
        assertThat(r.t0Bps()).isCloseTo(500e6 * IP_PER_WIRE, within(TOL_BPS));
        // Not work conserving: the other tenant is idle, yet half the link stays unused (within one frame time).
        assertThat(r.busyFraction()).isCloseTo(0.5, within(0.001));
        assertThat(r.policerDrops()).isPositive();
    }

    @Test
    void ingressPlacementMetersTheIngressPortAtTheSameShare() {
        Result r = run(RateLimitConfig.defaults().withPlacement(RateLimitConfig.Placement.INGRESS_PORT), false, G);
        assertThat(r.t0Bps()).isCloseTo(500e6 * IP_PER_WIRE, within(TOL_BPS));
    }

    @Test
    void explicitRateOverridesTheStaticShare() {
        Result r = run(RateLimitConfig.defaults().withRates(Map.of("t0", Rate.mbps(300))), false, G);
        assertThat(r.t0Bps()).isCloseTo(300e6 * IP_PER_WIRE, within(TOL_BPS));
    }

    @Test
    void trafficBelowTheRateIsUntouched() {
        Result r = run(RateLimitConfig.defaults(), false, Rate.mbps(400));
        assertThat(r.t0Bps()).isCloseTo(400e6 * IP_PER_WIRE, within(TOL_BPS));
        assertThat(r.policerDrops()).isZero();
    }

    @Test
    void shaperQueuesInsteadOfDroppingAndWakesThePortWhenTokensArrive() {
        Result r = run(RateLimitConfig.defaults().withMode(RateLimitConfig.Mode.SHAPER), false, G);
        // The shaper delays: the port sends exactly at the bucket rate and idles in between (it must wake itself
        // through nextEligiblePs, since no arrival or transmission end coincides with token arrival).
        assertThat(r.t0Bps()).isCloseTo(500e6 * IP_PER_WIRE, within(TOL_BPS));
        assertThat(r.busyFraction()).isCloseTo(0.5, within(0.001));
        assertThat(r.policerDrops()).isZero();
        assertThat(r.queueDrops()).isPositive(); // the 1 Gb/s source overflows its 200 KB tenant queue
    }

    @Test
    void shaperGivesEachBackloggedTenantItsShare() {
        Result r = run(RateLimitConfig.defaults().withMode(RateLimitConfig.Mode.SHAPER), true, G);
        assertThat(r.t0Bps()).isCloseTo(500e6 * IP_PER_WIRE, within(TOL_BPS));
        assertThat(r.t1Bps()).isCloseTo(500e6 * IP_PER_WIRE, within(TOL_BPS));
    }

    @Test
    void weightChangeAtRunTimeMovesTheRate() {
        RateLimitScheme scheme = new RateLimitScheme(RateLimitConfig.defaults());
        TestNet tn = new TestNet(7, 2, G, G, Time.ofMicros(1), 200_000, scheme,
                TestNet.vms(new int[] {0, 1}, null));
        tn.new PacedSource(tn.senders.get(0), 0, 0, 1500, G, 0, Time.ofMillis(200));
        tn.ctx.loop().runUntil(Time.ofMillis(50));
        scheme.setWeight(0, 3.0); // share 3/4
        tn.sink.window(Time.ofMillis(80), Time.ofMillis(180));
        tn.ctx.loop().runUntil(Time.ofMillis(200));
        assertThat(tn.sink.tenantBps(0)).isCloseTo(750e6 * IP_PER_WIRE, within(TOL_BPS));
    }
}
