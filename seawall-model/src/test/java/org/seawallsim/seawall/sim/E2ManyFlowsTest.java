package org.seawallsim.seawall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.sim.traffic.Star;

/**
 * E2: VM A opens N TCP flows, VM B one, both to host D across a 1 Gb/s trunk, equal weights. Hosts have 10 Gb/s
 * links so that neither sender's NIC paces its packets at exactly the trunk's drain rate: with 1 Gb/s NICs a
 * deterministic simulation locks B out of the full drop-tail queue (every slot the trunk frees is taken by A's next
 * back-to-back packet arriving at the same instant), which is a phase artefact, not TCP's per-flow sharing.
 */
class E2ManyFlowsTest {
    static Bench bench(SeawallScheme s, int n) {
        // 10 Gb/s NICs: at 1 GbE the attacker's flows are first bottlenecked at its own NIC, which keeps sending
        // back to back at the trunk rate, and plain TCP's victim got 0.011, 0.006, 0.004 for N = 4, 16, 64 (per
        // flow: 0.2, 0.059, 0.015); Seawall's 0.486-0.497 were unaffected.
        return withFlows(new Bench(2, ctx -> Star.dumbbell(ctx, 2, 1, Rate.gbps(10), Rate.gbps(1), Time.ofMicros(5),
                128 * 1024), s), n);
    }

    /** VM 0 opens n TCP flows, VM 1 one, both to VM 2's host. */
    static Bench withFlows(Bench b, int n) {
        b.vm(0, 1);
        b.vm(1, 1);
        b.vm(2, 1);
        b.install();
        for (int i = 0; i < n; i++) {
            b.tcp(0, 2).start();
        }
        b.tcp(1, 2).start();
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 16, 64})
    void victimKeepsHalfWithSeawall(int n) {
        SeawallScheme s = new SeawallScheme();
        Bench b = bench(s, n);
        b.goodputUntil(Time.ofMillis(500));
        double[] g = b.goodputUntil(Time.ofMillis(1300));
        // Share of the trunk's TCP goodput capacity (1448/1538 of 1 Gb/s): A's own retransmissions are its loss.
        double share = g[1] / 941.5e6;
        System.out.printf("E2 seawall N=%d: attacker %.1f, victim %.1f Mb/s, victim share %.3f%n", n, g[0] / 1e6,
                g[1] / 1e6, share);
        // Target 1/2 for every N; the tolerance is 5 % of the goodput, averaged over 0.8 s after 0.5 s.
        assertThat(share).isCloseTo(0.5, within(0.05));
        assertThat(s.networkController().accusations()).as("no honest host is accused").isEmpty();
    }

    /**
     * E2 on 1 GbE hosts with real-host timing, loss- and ECN-driven (marking at 60 KB): the victim keeps half of the
     * trunk's TCP goodput within 5 % for every N, as on 10 Gb/s NICs. Plain TCP is not compared here: a's flows are
     * first bottlenecked at a's own 1 Gb/s NIC, which then sends back to back at the trunk's rate, and the victim is
     * left almost nothing (library many-flows-1g.yaml: 0.0003-0.0045), which is physical, not TCP's per-flow split.
     * Measured: victim 0.485-0.497 (loss), 0.482-0.494 (ECN). Not asserted: with 64 flows the attacker leaves part of
     * its own half unused (444.9 Mb/s loss-driven, 425.7 ECN-driven, against 470.75).
     */
    @ParameterizedTest(name = "N={0}, ecn={1}")
    @CsvSource({"1,false", "4,false", "16,false", "64,false", "1,true", "4,true",
            "16,true", "64,true"})
    void victimKeepsHalfWithSeawallOnOneGigabitHosts(int n, boolean ecn) {
        SeawallScheme s = new SeawallScheme(SeawallParams.defaults().withEcnFeedback(ecn));
        Bench b = withFlows(new Bench(2, ctx -> Star.withHostTiming(Star.dumbbell(ctx, 2, 1, Rate.gbps(1), Rate.gbps(1),
                Time.ofMicros(5), 128 * 1024, ecn ? 60_000 : 0)), s), n);
        b.goodputUntil(Time.ofMillis(500));
        double[] g = b.goodputUntil(Time.ofMillis(1300));
        double share = g[1] / 941.5e6;
        System.out.printf("E2 seawall 1 GbE ecn=%s N=%d: attacker %.1f, victim %.1f Mb/s, victim share %.3f%n", ecn, n,
                g[0] / 1e6, g[1] / 1e6, share);
        assertThat(share).isCloseTo(0.5, within(0.05 * 0.5));
        assertThat(s.networkController().accusations()).as("no honest host is accused").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 16, 64})
    void plainTcpSharesPerFlow(int n) {
        Bench b = bench(null, n);
        b.goodputUntil(Time.ofMillis(300));
        double[] g = b.goodputUntil(Time.ofMillis(1100));
        double share = g[1] / (g[0] + g[1]);
        double fair = 1.0 / (n + 1);
        System.out.printf("E2 plain N=%d: attacker %.1f, victim %.1f Mb/s, victim share %.3f (1/(N+1) = %.3f)%n", n, g[0] / 1e6, g[1] / 1e6, share, fair);
        // Per-flow fairness of same-RTT Reno flows on a drop-tail queue: the victim gets about one flow's share.
        // Drop-tail synchronisation makes single-flow shares noisy, so we allow a factor of two around 1/(N+1),
        // which still separates it clearly from Seawall's 1/2 for N >= 4.
        assertThat(share).isBetween(fair / 2, Math.min(0.75, 2 * fair));
    }
}
