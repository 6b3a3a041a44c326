package org.seawallsim.baseline.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TcpRun;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * R10: one NewReno flow of tenant t0 policed at 300 Mb/s on a 1 Gb/s port, tenant t1 present but idle. Links of
 * 250 us make the RTT about 1 ms, so one bandwidth-delay product at 300 Mb/s is 37.5 KB. The policer meters wire
 * bytes, so the most TCP can carry through it is 300 x 1460/1538 = 284.8 Mb/s of goodput.
 */
class PolicerTcpTest {
    private static final long G = Rate.gbps(1);
    private static final long RATE = Rate.mbps(300);
    private static final double MAX_GOODPUT = 300e6 * 1460 / 1538;
    private static final long BDP_BYTES = 37_500;
    private static final long FROM = Time.ofSeconds(1);
    private static final long TO = Time.ofSeconds(3);

    record R10(double goodput, double busy, long policerDrops, long retransmits, long timeouts) {
    }

    static R10 run(long burstBytes) {
        return run(burstBytes, RateLimitConfig.Mode.POLICER);
    }

    static R10 run(long burstBytes, RateLimitConfig.Mode mode) {
        RateLimitScheme scheme = new RateLimitScheme(RateLimitConfig.defaults().withRates(Map.of("t0", RATE))
                .withBurstBytes(burstBytes).withMode(mode));
        TcpRun run = new TcpRun(4, scheme, new int[] {0, 1}, null, G, G, Time.ofMicros(250), 300_000);
        int f = run.tcp(0, 0);
        run.startWindow(FROM);
        long drops0 = run.tn.drops.get(DropReason.POLICER);
        long rtx0 = run.recorder.retransmits(f);
        double[] g = run.endWindow(TO);
        R10 r = new R10(g[0], run.busyFraction(TO), run.tn.drops.get(DropReason.POLICER) - drops0,
                run.recorder.retransmits(f) - rtx0, run.recorder.timeouts(f));
        System.out.printf("R10 %s 300 Mb/s burst=%d B: goodput=%.1f Mb/s (max %.1f) link busy=%.3f"
                + " policer drops=%d retransmits=%d timeouts(total)=%d%n", mode, burstBytes, r.goodput() / 1e6,
                MAX_GOODPUT / 1e6, r.busy(), r.policerDrops(), r.retransmits(), r.timeouts());
        return r;
    }

    @Test
    void smallBurstCostsTcpWellBelowThePolicedRateAndWastesTheIdleLink() {
        R10 r = run(3 * 1538);
        // "Clearly less": a 3-frame bucket cuts every window burst, so NewReno lives at a tiny window. We require
        // under 30% of what the policer could pass (measured: about 10%).
        assertThat(r.goodput()).isLessThan(0.3 * MAX_GOODPUT);
        assertThat(r.policerDrops()).isPositive();
        // Not work conserving: t1 is idle, yet t0 may use at most 30% of the link (0.5% for window edges).
        assertThat(r.busy()).isLessThanOrEqualTo(0.30 + 0.005);
    }

    /*
     * A policer has no queue, so TCP's whole sawtooth must fit inside the bucket: while cwnd climbs from r.RTT to
     * 2r.RTT (so that the halved window still fills r) over k = r.RTT/MSS round trips, the bucket loses about
     * k^2/2 segments, ~480 KB here, far more than one BDP. With one BDP the flow therefore gets "about r" only in
     * the loose sense (measured ~81% of the maximum goodput), and it approaches r as the bucket grows toward that
     * figure (8 BDP: ~95%). Bounds: 1 BDP within [0.65, 1.0] of the maximum, far above the small-burst case;
     * 8 BDP within 10% of the maximum.
     */
    @Test
    void burstOfOneBdpLetsTcpGetMostOfThePolicedRateButNoMore() {
        R10 r = run(BDP_BYTES);
        assertThat(r.goodput()).isGreaterThan(0.65 * MAX_GOODPUT).isLessThanOrEqualTo(MAX_GOODPUT * 1.001);
        // Still not work conserving: 70% of the link stays idle while t1 has nothing to send.
        assertThat(r.busy()).isLessThanOrEqualTo(0.30 + 0.005);
    }

    @Test
    void burstOfEightBdpsLetsTcpReachThePolicedRate() {
        R10 r = run(8 * BDP_BYTES);
        assertThat(r.goodput()).isGreaterThan(0.9 * MAX_GOODPUT).isLessThanOrEqualTo(MAX_GOODPUT * 1.001);
        assertThat(r.busy()).isLessThanOrEqualTo(0.30 + 0.005);
    }

    @Test
    void shaperWithTheSameSmallBurstGivesTcpThePolicedRate() {
        // The contrast Flach et al. draw: a shaper queues what a policer would drop, so TCP sees a 300 Mb/s
        // bottleneck with a 300 KB buffer (8 BDPs) and fills it. Within 5% of the maximum; still capped (70% idle).
        R10 r = run(3 * 1538, RateLimitConfig.Mode.SHAPER);
        assertThat(r.goodput()).isGreaterThan(0.95 * MAX_GOODPUT).isLessThanOrEqualTo(MAX_GOODPUT * 1.001);
        assertThat(r.busy()).isLessThanOrEqualTo(0.30 + 0.005);
    }
}
