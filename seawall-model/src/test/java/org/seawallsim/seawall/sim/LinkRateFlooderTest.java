package org.seawallsim.seawall.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.port.SuspectListener;
import org.seawallsim.seawall.sim.NetworkController.Accusation;
import org.seawallsim.seawall.sim.traffic.Star;

/**
 * A compromised source that floods at exactly the bottleneck's rate (1 Gb/s of wire bytes into a 1 Gb/s trunk)
 * rather than above it. Its packets take every slot the trunk frees, so the queue stays full without the flood's own
 * packets being lost: loss-driven feedback never reports its tunnel congested and the destination's rule 1 (a tunnel
 * that keeps its rate through congested intervals) has nothing to judge, while the victim is locked out. Rule 3
 * (DetectorConfig: over its weighted share of a destination whose other tunnel is congested and starved, with no
 * cut) needs no signal on the flood's own tunnel and fires after the same 150-interval streak as E8. With
 * ECN-driven feedback the same standing queue marks every one of the flood's packets, so rule 1 fires too.
 */
class LinkRateFlooderTest {
    static final double CAP = 941.5e6;
    private int attacker;
    private int victim;

    private Bench bench(SeawallScheme s, long ecnBytes) {
        return new Bench(8, ctx -> Star.dumbbell(ctx, 2, 1, Rate.gbps(10), Rate.gbps(1), Time.ofMicros(5),
                128 * 1024, ecnBytes), s);
    }

    /** 1 GbE hosts with host timing: the flood leaves its NIC at the NIC's (and the trunk's) rate. */
    private Bench bench1g(SeawallScheme s) {
        return bench1g(s, 8);
    }

    private Bench bench1g(SeawallScheme s, long seed) {
        return new Bench(seed, ctx -> Star.withHostTiming(Star.dumbbell(ctx, 2, 1, Rate.gbps(1), Rate.gbps(1),
                Time.ofMicros(5), 128 * 1024)), s);
    }

    /**
     * On 1 GbE hosts (the flood offered at 2 Gb/s leaves its NIC at 1 Gb/s): without rule 3 loss-driven feedback
     * never flags it; rule 3 does (its rate is at its source's NIC rate, so an honest limit would bind and its cut
     * show). A flood paced at exactly the trunk's rate from a faster NIC (this class's 10 Gb/s bench at 1 Gb/s) is
     * caught by neither rule under loss-driven feedback: its limit could honestly be above what it sends.
     */
    @Test
    void lossDrivenFeedbackAloneNeverSeesALinkRateFlood() {
        // Rule 3 off: what loss-driven feedback and rule 1 see on their own.
        SeawallParams p = SeawallParams.defaults();
        SeawallScheme s = new SeawallScheme(p.withDetector(p.detector().withShareRule(0, 300))
                .withFilterDelayPs(Time.ofMillis(10)));
        Bench b = bench1g(s);
        startFlood(s, b, Rate.gbps(2));
        double[] g = b.goodputUntil(Time.ofMillis(600));
        System.out.printf("link-rate flood, loss-driven, rule 3 off: attacker %.1f Mb/s, victim %.1f Mb/s,"
                + " accusations %d%n", g[attacker] / 1e6, g[victim] / 1e6, s.networkController().accusations().size());
        // The property this test documents: no accusation, and the victim starved for the whole run.
        assertThat(s.networkController().accusations()).isEmpty();
        assertThat(g[victim]).isLessThan(0.05 * CAP);
    }

    @Test
    void theShareRuleCatchesItUnderLossDrivenFeedback() {
        SeawallScheme s = new SeawallScheme(SeawallParams.defaults().withFilterDelayPs(Time.ofMillis(10)));
        Bench b = bench1g(s);
        startFlood(s, b, Rate.gbps(2));
        Accusation acc = onlyAccusationBy250Ms(s, b, "loss-driven");
        assertThat(acc.srcHost()).isEqualTo(0);
        assertThat(acc.reason()).isEqualTo(SuspectListener.Reason.EXCEEDS_SHARE);
        assertThat(acc.reportedPs()).isBetween(Time.ofMillis(150), Time.ofMillis(180));
        b.goodputUntil(Time.ofMillis(300));
        double[] after = b.goodputUntil(Time.ofMillis(800));
        assertThat(after[attacker]).isZero();
        assertThat(after[victim]).isGreaterThan(0.85 * CAP);
    }

    /**
     * At every seed: where the victim's slow-start losses were all at its tail (no later packet revealed them), its
     * receiver saw no loss until a retransmission got through the full queue, and the flood was reported 200 or
     * 600 ms late (compromised.yaml: 0.364 s at seeds 5 and 7, 0.764 s at seed 2). Its silence after the overflow
     * now counts (ReceiverPort's silentVictimCandidate).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theShareRuleCatchesItAtEverySeed(long seed) {
        SeawallScheme s = new SeawallScheme(SeawallParams.defaults().withFilterDelayPs(Time.ofMillis(10)));
        Bench b = bench1g(s, seed);
        startFlood(s, b, Rate.gbps(2));
        Accusation acc = onlyAccusationBy250Ms(s, b, "loss-driven, seed " + seed);
        assertThat(acc.srcHost()).isEqualTo(0);
        assertThat(acc.reason()).isEqualTo(SuspectListener.Reason.EXCEEDS_SHARE);
        assertThat(acc.reportedPs()).isBetween(Time.ofMillis(150), Time.ofMillis(180));
    }

    @Test
    void ecnDrivenFeedbackCatchesItWithinTheE8Delay() {
        long filterDelay = Time.ofMillis(50);
        SeawallScheme s = new SeawallScheme(SeawallParams.defaults().withEcnFeedback(true)
                .withFilterDelayPs(filterDelay));
        Bench b = bench(s, 60_000);
        startFlood(s, b, Rate.gbps(1));
        Accusation acc = onlyAccusationBy250Ms(s, b, "ECN-driven");
        assertThat(acc.srcHost()).isEqualTo(0);
        assertThat(acc.reason()).isIn(SuspectListener.Reason.IGNORES_FEEDBACK, SuspectListener.Reason.EXCEEDS_SHARE);
        // E8's bound: the 150-interval streak plus start-up (E8CompromiseTest asserts the same window).
        assertThat(acc.reportedPs()).isBetween(Time.ofMillis(150), Time.ofMillis(180));
        b.goodputUntil(Time.ofMillis(300));
        double[] after = b.goodputUntil(Time.ofMillis(800));
        System.out.printf("link-rate flood, ECN-driven: after the filter victim %.1f Mb/s%n", after[victim] / 1e6);
        assertThat(after[attacker]).isZero();
        // Contained: the victim gets the trunk (ECN mode keeps the queue near K, so a lone TCP flow fills it).
        assertThat(after[victim]).isGreaterThan(0.85 * CAP);
    }

    /** The compromised VM on host 0 floods the destination VM at {@code floodBps}; the victim runs one TCP flow. */
    private void startFlood(SeawallScheme s, Bench b, long floodBps) {
        attacker = b.vm(0, 1);
        victim = b.vm(1, 1);
        int d = b.vm(2, 1);
        b.install();
        s.setCompromise(0, Compromise.IGNORES_FEEDBACK);
        b.udp(attacker, d, floodBps).start();
        b.tcp(victim, d).start();
    }

    /** Runs to 250 ms and returns the one accusation the run must have raised by then. */
    private static Accusation onlyAccusationBy250Ms(SeawallScheme s, Bench b, String label) {
        b.goodputUntil(Time.ofMillis(250));
        assertThat(s.networkController().accusations()).hasSize(1);
        Accusation acc = s.networkController().accusations().get(0);
        System.out.printf("link-rate flood, %s: reported by host %d at %.1f ms (%s)%n", label, acc.accuserHost(),
                Time.toMillis(acc.reportedPs()), acc.reason());
        return acc;
    }
}
