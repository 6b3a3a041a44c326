package org.seawallsim.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.drr.DrrConfig;
import org.seawallsim.baseline.drr.DrrScheme;
import org.seawallsim.baseline.qcn.QcnConfig;
import org.seawallsim.baseline.qcn.QcnScheme;
import org.seawallsim.baseline.ratelimit.RateLimitConfig;
import org.seawallsim.baseline.ratelimit.RateLimitScheme;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * The Seawall issue's attacks under each in-network baseline, on the {@link TestNet} star with a 1 Gb/s bottleneck,
 * 10 us links, 150 KB queues, equal weights. E1: a UDP flood at line rate against one TCP flow (plain TCP, no scheme,
 * is run as the reference: the victim starves). E2: an attacker with N TCP flows against a victim with one.
 * Goodput over 1 s after 1 s of warm-up (NewReno's start-up timeouts).
 *
 * <p>The failure mode the Seawall paper attributes to each baseline must be visible: rate limits are static (an
 * idle tenant's reservation is wasted), per-tenant queues run out (tenants that share a queue are not isolated),
 * and QCN allocates per flow (the tenant with more flows wins).
 */
class AttackTest {
    private static final long G = Rate.gbps(1);
    private static final long FROM = Time.ofSeconds(1);
    private static final long TO = Time.ofSeconds(2);
    /**
     * E2 measures over 3 s: with tens of flows, acknowledged bytes can jump by a receive buffer when a timeout's
     * repair fills a hole, and single-flow timeouts cost 200 ms; 3 s averages both out.
     */
    private static final long E2_TO = Time.ofSeconds(4);
    private static final double TCP_LINE = 1e9 * 1460 / 1538;

    private static TcpRun newRun(IsolationScheme scheme, int[] tenants) {
        return newRun(31, scheme, tenants);
    }

    private static TcpRun newRun(long seed, IsolationScheme scheme, int[] tenants) {
        return new TcpRun(seed, scheme, tenants, null, G, G, Time.ofMicros(10), 150_000);
    }

    /** E1: victim tenant 0 (one TCP flow) vs flooder tenant 1; returns {victim, flooder} goodput. */
    private static double[] e1(String name, Supplier<IsolationScheme> scheme) {
        TcpRun run = newRun(scheme.get(), new int[] {0, 1});
        run.tcp(0, 0);
        run.udpFlood(1, 0);
        run.startWindow(FROM);
        double[] g = run.endWindow(TO);
        System.out.printf("E1 %-9s victim TCP=%.1f Mb/s flooder UDP=%.1f Mb/s (victim %.1f%% of TCP line)%n", name,
                g[0] / 1e6, g[1] / 1e6, 100 * g[0] / TCP_LINE);
        return g;
    }

    /** E2: victim tenant 0 (one flow) vs attacker tenant 1 (n flows); returns the victim's fraction of goodput. */
    private static double e2(String name, Supplier<IsolationScheme> scheme, int n) {
        return e2(31, E2_TO, name, scheme, n);
    }

    private static double e2(long seed, long endPs, String name, Supplier<IsolationScheme> scheme, int n) {
        return e2Run(seed, endPs, name, scheme, n).share();
    }

    record E2(double share, double victimWireBps, double attackerWireBps, double busy) {
    }

    private static E2 e2Run(long seed, long endPs, String name, Supplier<IsolationScheme> scheme, int n) {
        TcpRun run = newRun(seed, scheme.get(), new int[] {0, 1});
        run.tcp(0, 0);
        for (int i = 0; i < n; i++) {
            run.tcp(1, Time.ofMicros(3 + 11 * i));
        }
        run.startWindow(FROM);
        double[] g = run.endWindow(endPs);
        double share = g[0] / (g[0] + g[1]);
        System.out.printf("E2 seed=%d %-9s N=%2d victim=%.1f Mb/s attacker=%.1f Mb/s victim share=%.3f (1/(N+1)=%.3f)%n",
                seed, name, n, g[0] / 1e6, g[1] / 1e6, share, 1.0 / (n + 1));
        return new E2(share, run.wireBps(0, endPs), run.wireBps(1, endPs), run.busyFraction(endPs));
    }

    @Test
    void e1PlainTcpIsStarvedByTheFlood() {
        double[] g = e1("tcp", () -> null);
        assertThat(g[0]).isLessThan(0.1 * TCP_LINE);
    }

    @Test
    void e1PolicerProtectsTheVictimButWastesItsReservationOnceItStops() {
        Supplier<IsolationScheme> s = () -> new RateLimitScheme(RateLimitConfig.defaults());
        double[] g = e1("policer", s);
        // Each tenant is capped at 500 Mb/s of wire. The victim keeps most of its half (the default 1 ms bucket,
        // 62.5 KB, is many BDPs at this ~50 us RTT), the flood is held to its half (1472/1538 of 500 Mb/s as
        // payload).
        assertThat(g[0]).isGreaterThan(0.4 * TCP_LINE).isLessThan(0.5 * TCP_LINE + 1e6);
        assertThat(g[1]).isLessThanOrEqualTo(500e6 * 1472 / 1538 * 1.002);
        // Static: when the victim stops, the flooder still gets only its half and the link is half idle.
        TcpRun run = newRun(s.get(), new int[] {0, 1});
        run.tcp(0, 0);
        run.udpFlood(1, 0);
        run.tn.ctx.loop().runUntil(FROM);
        run.tcpFlows().get(0).stop();
        run.startWindow(FROM + Time.ofMillis(100));
        double[] alone = run.endWindow(TO);
        double busy = run.busyFraction(TO);
        System.out.printf("E1 policer after the victim stops: flooder=%.1f Mb/s, link busy=%.3f%n", alone[1] / 1e6,
                busy);
        assertThat(busy).isCloseTo(0.5, within(0.005));
    }

    @Test
    void e1ShaperProtectsTheVictimAndIsEquallyStatic() {
        double[] g = e1("shaper",
                () -> new RateLimitScheme(RateLimitConfig.defaults().withMode(RateLimitConfig.Mode.SHAPER)));
        assertThat(g[0]).isGreaterThan(0.4 * TCP_LINE).isLessThan(0.5 * TCP_LINE + 1e6);
        assertThat(g[1]).isLessThanOrEqualTo(500e6 * 1472 / 1538 * 1.002);
    }

    @Test
    void e1DrrIsolatesTwoTenantsButNotATenantThatSharesTheFloodersQueue() {
        double[] g = e1("drr", () -> new DrrScheme(DrrConfig.defaults()));
        // DRR's per-round error is bytes; 3% of the line covers TCP recovery episodes (see DrrTcpIsolationTest).
        assertThat(g[0]).isCloseTo(TCP_LINE / 2, within(0.03 * TCP_LINE));
        // Nine tenants on eight queues: the victim (tenant 0) shares queue 0 with the flooder (tenant 8); tenants
        // 1..7 run one TCP flow each. The victim's weighted share is 1/9 of the link; inside the shared FIFO the
        // flood takes almost everything.
        int[] tenants = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        TcpRun run = newRun(new DrrScheme(DrrConfig.defaults()), tenants);
        for (int h = 0; h < 8; h++) {
            run.tcp(h, Time.ofMicros(5 * h));
        }
        run.udpFlood(8, 0);
        run.startWindow(FROM);
        double[] g9 = run.endWindow(TO);
        System.out.printf("E1 drr 9 tenants/8 queues: victim (shares the flooder's queue)=%.1f Mb/s, flooder=%.1f,"
                + " tenant 1 (own queue)=%.1f Mb/s%n", g9[0] / 1e6, g9[8] / 1e6, g9[1] / 1e6);
        assertThat(g9[0]).isLessThan(0.25 * TCP_LINE / 9);
        assertThat(g9[1]).isCloseTo(TCP_LINE / 9, within(0.02 * TCP_LINE));
    }

    @Test
    void e1QcnRateLimitsTheFloodLikeAnyOtherFlow() {
        double[] g = e1("qcn", () -> new QcnScheme(QcnConfig.defaults()));
        // QCN reacts at L2, so the UDP flow is rate limited in its NIC like the TCP flow: per-flow sharing, and with
        // one flow each that is also per-tenant sharing. QCN's inter-flow unfairness (see the R8 test) allows
        // +-10% of the line.
        assertThat(g[0]).isCloseTo(TCP_LINE / 2, within(0.1 * TCP_LINE));
    }

    private static final int[] ATTACKER_FLOWS = {1, 4, 16, 64};

    @Test
    void e2PolicerCapsTheAttackerAtItsReservationForEveryNAndWastesWhatTheVictimLeaves() {
        for (int n : ATTACKER_FLOWS) {
            E2 r = e2Run(31, E2_TO, "policer", () -> new RateLimitScheme(RateLimitConfig.defaults()), n);
            assertPolicerE2(r);
        }
    }

    /**
     * What a per-tenant policer guarantees, whatever N: the attacker's wire rate through the bottleneck never
     * exceeds its 500 Mb/s reservation (+0.5% for window edges), and capacity the victim does not use stays idle
     * (busy <= victim + attacker share of the link, the same quantity: the link is never lent). The victim's own
     * outcome is TCP through its own policer (R10): usually most of its half (measured 0.43..0.52 of goodput with
     * seed 31), but NewReno can fall into timeout backoff when the shared queue's delay pushes its BDP above the
     * 62.5 KB bucket (one seed of the slow test: 17 Mb/s at N = 4). It is reported, not bounded.
     */
    private static void assertPolicerE2(E2 r) {
        assertThat(r.attackerWireBps()).isLessThanOrEqualTo(500e6 * 1.005);
        assertThat(r.busy()).isCloseTo((r.victimWireBps() + r.attackerWireBps()) / 1e9, within(0.01));
        assertThat(r.busy()).isLessThanOrEqualTo(0.5 + r.victimWireBps() / 1e9 + 0.01);
    }

    @Test
    void e2DrrHoldsHalfForEveryNWithTwoTenants() {
        for (int n : ATTACKER_FLOWS) {
            double share = e2("drr", () -> new DrrScheme(DrrConfig.defaults()), n);
            assertThat(share).isCloseTo(0.5, within(0.03));
        }
    }

    @Test
    void r8QcnGivesTheTenantWithTenTcpFlowsAboutTenEleventh() {
        double victim = e2("qcn", () -> new QcnScheme(QcnConfig.defaults()), 10);
        // R8 with TCP: per-flow sharing gives the 10-flow tenant 10/11 = 0.909 (victim 0.091). QCN's inter-flow
        // unfairness (see QcnNetworkTest's R8 with greedy sources: +-0.06) bounds the error; per-tenant would be 0.5.
        assertThat(1 - victim).isCloseTo(10.0 / 11, within(0.06));
    }

    @Test
    void e2QcnSharesPerFlowSoManyFlowsWin() {
        for (int n : ATTACKER_FLOWS) {
            double share = e2("qcn", () -> new QcnScheme(QcnConfig.defaults()), n);
            // Per-flow allocation: about 1/(N+1). QCN's inter-flow unfairness (R8) allows a factor of 2 either way;
            // for N >= 16 the victim is far below the half a per-tenant scheme would give.
            assertThat(share).isBetween(0.5 / (n + 1), 2.0 / (n + 1));
        }
    }

    /** The E2 bounds over 9 s windows and three more seeds (send jitter makes the seed matter). */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void e2LongRunsOverSeeds() {
        long end = Time.ofSeconds(10);
        for (long seed = 1; seed <= 3; seed++) {
            for (int n : ATTACKER_FLOWS) {
                assertThat(e2(seed, end, "drr", () -> new DrrScheme(DrrConfig.defaults()), n))
                        .isCloseTo(0.5, within(0.03));
                assertPolicerE2(e2Run(seed, end, "policer", () -> new RateLimitScheme(RateLimitConfig.defaults()),
                        n));
                assertThat(e2(seed, end, "qcn", () -> new QcnScheme(QcnConfig.defaults()), n))
                        .isBetween(0.5 / (n + 1), 2.0 / (n + 1));
            }
        }
    }
}
