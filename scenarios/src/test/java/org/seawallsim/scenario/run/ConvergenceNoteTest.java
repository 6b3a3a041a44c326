package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seawall's tunnels start at one rate and reach weighted shares only through its cuts, each removing the fraction
 * beta of the distance left: about 148 control intervals loss-driven (beta 0.2) and 313 ECN-driven (beta 0.1) from
 * the start (README, "The interval against the run's length": three floods 1:2:3, seeds 1-3, the farthest VM
 * 0.28-0.44 off its ideal after 50 intervals of warm-up, 0.05-0.09 after 200, loss-driven; ECN-driven 0.36-0.37 after 100, 0.02-0.04 after 300). A run
 * whose warm-up holds fewer said nothing: intervalUs 400000 in a 1-s run (1.25 intervals of warm-up) gave a at 1.98
 * and c at 0.68 of their ideals with no note, read as "long intervals break weights". The note is checked against
 * the shares it describes: where it is written they are far off, where it is not they are near.
 */
class ConvergenceNoteTest {
    private static final String YAML = ThreeWeightedFloods.TOPOLOGY_AND_TENANTS + """
            scheme: %s
            """;

    @ParameterizedTest(name = "{0}, {1} feedback, intervalUs {2}, warm-up {3} s of {4} s, weights {5}: note {6}")
    @CsvSource({
            // probeM's run: 1.25 intervals of warm-up, 1.25 measured.
            "seawall, loss, 400000, 0.5, 1, 1:2:3, true",
            "seawall, loss, 10000, 0.25, 0.5, 1:2:3, true",
            // At the default 1 ms: 50 intervals of warm-up are short loss-driven, 200 enough; ECN-driven 100 short, 320 enough.
            "seawall, loss, 1000, 0.05, 0.1, 1:2:3, true",
            "seawall, loss, 1000, 0.2, 0.3, 1:2:3, false",
            "seawall, ecn, 1000, 0.1, 0.2, 1:2:3, true",
            "seawall, ecn, 1000, 0.32, 0.42, 1:2:3, false",
            // Equal weights: tunnels starting at one rate are at their shares already.
            "seawall, loss, 400000, 0.5, 1, 1:1:1, false",
            // Other schemes have no such interval.
            "drr, loss, 400000, 0.5, 1, 1:2:3, false"})
    void aWarmUpTooShortForTheSharesToConvergeIsNoted(String scheme, String feedback, int intervalUs, double warmupS,
            double durationS, String weights, boolean noted, @TempDir Path dir) throws Exception {
        String[] w = weights.split(":");
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(scheme), "schemeParams.seawall.feedback=" + feedback,
                "schemeParams.seawall.intervalUs=" + intervalUs, "warmupS=" + warmupS, "durationS=" + durationS, "sampleIntervalS=0.01",
                "tenants.A.weight=" + w[0], "tenants.B.weight=" + w[1], "tenants.C.weight=" + w[2]);
        List<String> notes = r.notes().stream().filter(n -> n.startsWith("the warm-up holds")).toList();
        double off = farthestOff(r);
        if (noted) {
            double intervalS = intervalUs / 1e6;
            double needed = StrictMath.log(20) / -StrictMath.log(1 - (feedback.equals("loss") ? 0.2 : 0.1)) * 11;
            assertThat(notes).hasSize(1).first().asString()
                    .contains(String.format(java.util.Locale.ROOT, "(warmupS %s, schemeParams.seawall.intervalUs %d)",
                            new java.math.BigDecimal(warmupS).round(new java.math.MathContext(3))
                                    .stripTrailingZeros().toPlainString(), intervalUs))
                    .contains("need about " + Math.round(needed) + " intervals")
                    .contains("lengthen warmupS to at least");
            if (intervalUs == 400000) {
                // 0.5 s over 148 intervals: 3390 us, above half the trunk queue's 1049 us.
                assertThat(notes.get(0)).endsWith("lengthen warmupS to at least 59.1 s or shorten intervalUs to at "
                        + "most 3390 us");
            }
            // The shares it warns of: the farthest VM at least 0.2 off its ideal (0.22-1.9 measured).
            assertThat(off).isGreaterThan(0.2);
        } else {
            assertThat(notes).isEmpty();
            if (weights.equals("1:2:3")) {
                // Converged: within 0.10 of the ideals (the loss-driven spread is 0.05-0.10 however long the run).
                assertThat(off).isLessThan(0.10);
            }
        }
    }

    /**
     * The same three floods 1:2:3 on a 10 Gb/s dumbbell (probeS s8, s8h): after a cut the additive increase takes
     * beta x C / (alpha x units) intervals to refill the link, 10 times the fitted 1 Gb/s point's, and convergence
     * is that much slower. Measured (fixCV sweep, /tmp/fixCV-NOTES.md: rates 1, 2.5, 10 Gb/s, weights 1:2:3, 2:4:6,
     * 1:1:4, seeds 1-2): the first 100-ms window with every VM's share within 5 % of its ideal's ends at 1750-1775
     * intervals ECN-driven (estimate 1730) and about 1050 loss-driven (953) at 10 Gb/s with 6 units, 950-1000 ECN
     * with 12 units (944), against about 300-500 at 1 Gb/s. Ideal hosts under ECN; loss-driven ideal hosts
     * phase-lock the drop-tail trunk (one flood takes it all), so those hosts are retimed for 10 GbE as the README
     * advises. Before, 350 intervals (ECN, above 313) and 200 (loss, above 148) were taken as converged: a at 1.4-1.5
     * of its ideal, no note.
     */
    private static final String TEN_GBE = """
            topology: {builder: dumbbell, hosts: 3, rateGbps: 10, delayUs: 5, bufferBytes: 600000, ecnThresholdBytes: 200000%s}
            tenants:
              A: {weight: %s, vms: {a: {host: h0, traffic: [{type: udp, to: ra, rateMbps: 20000, pattern: poisson}]}, ra: {host: h3}}}
              B: {weight: %s, vms: {b: {host: h1, traffic: [{type: udp, to: rb, rateMbps: 20000, pattern: poisson}]}, rb: {host: h4}}}
              C: {weight: %s, vms: {c: {host: h2, traffic: [{type: udp, to: rc, rateMbps: 20000, pattern: poisson}]}, rc: {host: h5}}}
            scheme: seawall
            schemeParams: {seawall: {feedback: %s}}
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "10 GbE, {0} feedback, weights {1}, warm-up {2} s of {3} s: note {4}")
    @CsvSource({
            // Between the 1-Gb/s estimate (313 ECN, 148 loss) and the scaled one (1730, 953): noted.
            "ecn, 1:2:3, 0.35, 0.45, true, 1730, 61, 50",
            "loss, 1:2:3, 0.2, 0.3, true, 953, 71, 60",
            // 12 units refill a cut in half the intervals (944 needed): 1000 intervals are enough.
            "ecn, 2:4:6, 1.0, 1.1, false, 0, 0, 0"})
    void theEstimateScalesWithTheRefillOfACut(String feedback, String weights, double warmupS, double durationS,
            boolean noted, int needed, int perCut, int moreRefill, @TempDir Path dir) throws Exception {
        String[] w = weights.split(":");
        String hosts = feedback.equals("loss")
                ? ", hostTiming: {servicePerPacketUs: 0.1, servicePerByteNs: 0.1, sendJitterUs: 0.5}" : "";
        RunResult r = ScenarioRuns.run(dir, TEN_GBE.formatted(hosts, w[0], w[1], w[2], feedback),
                "warmupS=" + warmupS, "durationS=" + durationS);
        List<String> notes = r.notes().stream().filter(n -> n.startsWith("the warm-up holds")).toList();
        double off = farthestOff(r);
        if (noted) {
            // needed = ceil-free ln(20) / -ln(1 - beta) cuts x (11 + beta x 10 Gb/s / (alpha x 6) - the same at
            // 1 Gb/s): ECN 28.4 x (11 + 55.6 - 5.56), loss 13.4 x (11 + 66.7 - 6.67).
            assertThat(notes).hasSize(1).first().asString()
                    .contains("need about " + needed + " intervals")
                    .contains("each about " + perCut + " intervals apart: 11 as fitted at 1 Gb/s with 6 weight units, "
                            + "plus the " + moreRefill + " more intervals")
                    .endsWith("lengthen warmupS to at least " + needed / 1000.0 + " s");
            // Far from converged: a at about 1.4-1.5 of its ideal (probeS: isolation_error 0.21 ECN, 0.24 loss).
            assertThat(off).isGreaterThan(0.2);
        } else {
            assertThat(notes).isEmpty();
            // Converged: within 0.10 of the ideals.
            assertThat(off).isLessThan(0.10);
        }
    }

    /** The farthest VM from its ideal, as a fraction of it. */
    private static double farthestOff(RunResult r) {
        double off = 0;
        for (int v = 0; v < r.vmIdealBps().length; v++) {
            if (r.vmIdealBps()[v] > 0) {
                off = Math.max(off, Math.abs(r.vmGoodputBps()[v] / r.vmIdealBps()[v] - 1));
            }
        }
        return off;
    }
}
