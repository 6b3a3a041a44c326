package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run notes each bottleneck where Seawall's sending VMs hold more weight units than its additive loop can keep
 * under control (N x alpha x holdoff > beta x C) and their weights differ: there the lighter VMs get more than their
 * shares, a property of the scheme's constants (weights 1 and 100: the lighter at 9.1 times its share), and the
 * reader should be told so.
 */
class WeightBudgetNoteTest {
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}
            tenants:
              a: {weight: %s, vms: {a0: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000, pattern: poisson}]}, ar: {host: h2}}}
              b: {weight: %s, vms: {b0: {host: h1, traffic: [{type: udp, to: br, rateMbps: 2000, pattern: poisson}]}, br: {host: h3}}}
            scheme: %s
            durationS: 0.4
            warmupS: 0.1
            """;

    @ParameterizedTest(name = "weights {0} and {1} under {2}, {3} feedback: note {4}")
    @CsvSource({
        // Loss-driven: alpha 5 Mb/s over 3 + 2 intervals per unit against beta 0.2 x 1000 Mb/s: 8 units.
        "1, 100, seawall, loss, true", "0.01, 1, seawall, loss, false", "1, 2, seawall, loss, false",
        "1, 10, seawall, loss, true", "3, 5.5, seawall, loss, true", "3, 5, seawall, loss, false",
        // Equal weights over the bound still split the link equally: nothing to note.
        "8, 8, seawall, loss, false",
        // ECN-driven: alpha 3 over 2.5 + 2 intervals against beta 0.1 x 1000: 7.41 units.
        "1, 100, seawall, ecn, true", "1, 3, seawall, ecn, false", "2, 5.5, seawall, ecn, true",
        // Other schemes have no such loop.
        "1, 100, drr, loss, false", "1, 100, tcp, loss, false"})
    void aBottleneckHoldingMoreWeightUnitsThanTheLoopControlsIsNoted(String wa, String wb, String scheme,
            String feedback, boolean noted, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(wa, wb, scheme),
                "schemeParams.seawall.feedback=" + feedback);
        if (noted) {
            assertThat(ScenarioRuns.notesButConvergence(r)).hasSize(1);
            double units = Double.parseDouble(wa) + Double.parseDouble(wb);
            assertThat(ScenarioRuns.notesButConvergence(r).get(0)).contains("link ", String.format(java.util.Locale.ROOT, "carries %.3g weight "
                    + "units", units), feedback.equals("loss") ? "above 8.00 units" : "above 7.41 units",
                    "Weight scale");
        } else {
            assertThat(ScenarioRuns.notesButConvergence(r)).isEmpty();
        }
    }

    private static final String ONE_HOST = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, coreRateGbps: %s, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}
            tenants:
              a: {weight: 1, vms: {a0: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000, pattern: poisson}]}, ar: {host: h2}}}
              b: {weight: 10, vms: {b0: {host: h0, traffic: [{type: udp, to: br, rateMbps: 2000, pattern: poisson}]}, br: {host: h3}}}
            scheme: seawall
            durationS: 0.4
            warmupS: 0.1
            """;

    /**
     * 11 weight units (over the loss-driven bound of 8) from VMs of one host: where its NIC is the bottleneck (and
     * the trunk, no faster, only carries what the NIC sent) the sender port's weighted round robin divides it
     * exactly, and a note would be wrong; a slower trunk is divided by the additive loop, and is noted.
     */
    @ParameterizedTest(name = "trunk {0} Gb/s, seed {2}: note {1}")
    // Seeds 3 and 4 draw h0's NIC clock slow (hostTiming's 100 ppm): its NIC, 999.9 Mb/s, was then noted.
    @CsvSource({"1, false, 1", "1, false, 2", "1, false, 3", "1, false, 4", "2, false, 1", "0.5, true, 1"})
    void vmsOfOneHostAreNotedOnlyWhereTheLoopDividesTheLink(double trunkGbps, boolean noted, int seed,
            @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, ONE_HOST.formatted(trunkGbps), "seed=" + seed);
        if (noted) {
            // The 0.5 Gb/s trunk's 131 KB queue holds 2.1 ms, more than the two 1-ms intervals a report is assumed
            // to take: the intervalUs note (IntervalNoteTest) comes first.
            assertThat(ScenarioRuns.notesButConvergence(r)).hasSize(2);
            assertThat(ScenarioRuns.notesButConvergence(r).get(0)).startsWith("schemeParams.seawall.intervalUs 1000 is shorter");
            assertThat(ScenarioRuns.notesButConvergence(r).get(1)).contains("link swL->swR carries 11.0 weight units");
        } else {
            assertThat(ScenarioRuns.notesButConvergence(r)).isEmpty();
            // And the sender port does divide the NIC 1 : 10 (measured 0.0905 / 0.905 of it; ideal 1/11, 10/11).
            assertThat(r.vmGoodputBps()[0] / (r.vmGoodputBps()[0] + r.vmGoodputBps()[2])).isBetween(0.085, 0.097);
        }
    }

    /**
     * Two bulk TCP VMs of weight 1 locked out from their start beside line-rate UDP (2 x 1 + 3 x 2 units): they still
     * want their shares, so the trunk carries 10 units, above the loss-driven bound of 8. They had no recorded path
     * (their flows never got a data packet to the NIC), were not counted (8 units) and the run said nothing.
     */
    @org.junit.jupiter.api.Test
    void vmsLockedOutFromTheirStartAreCounted(@TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: dumbbell, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 150000, ecnThresholdBytes: 40000, hostTiming: {}}
                tenants:
                  A: {weight: 1, vms: {a: {count: 2, host: [h0, h1], traffic: [{type: udp, to: ra, pattern: poisson}]}, ra: {host: h4}}}
                  B: {weight: 2, vms: {b: {count: 3, host: [h1, h2, h3], traffic: [{type: udp, to: rb, pattern: poisson}]}, rb: {host: h5}}}
                  C: {weight: 1, vms: {c: {count: 2, host: [h2, h3], traffic: [{type: bulk, to: rc}]}, rc: {host: h6}}}
                scheme: seawall
                durationS: 0.4
                warmupS: 0.1
                """);
        int c0 = r.scenario().vm("c0").id();
        // The case: c0 delivers nothing (measured 0.00 Mb/s of an ideal of 94.15).
        assertThat(r.vmGoodputBps()[c0]).isLessThan(1e6);
        assertThat(ScenarioRuns.notesButConvergence(r)).anySatisfy(n -> assertThat(n).contains("link swL->swR carries 10.0 weight units",
                "above 8.00 units"));
    }
    /**
     * Over the bound is a risk, not an outcome: 16 units of weights 1 and 3 (four floods each, ECN-driven, bound
     * 7.41) kept every VM within 1-4 % of its share (an outside probe, seeds 1-3, on trees and dumbbells) while the
     * note said the lighter VMs "get more". The note says they can, and what the lightest got: their goodput over
     * their ideal in the samples of the noted time, the same ratio the run's own numbers give.
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2"})
    void theNoteSaysWhatTheLightestVmsGot(long seed, @TempDir Path dir) throws Exception {
        StringBuilder tenants = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            tenants.append(String.format("  t%d: {weight: %d, vms: {v%d: {host: h%d, traffic: [{type: udp, to: r%d, "
                    + "rateMbps: 2000, pattern: poisson}]}, r%d: {host: h%d}}}%n", i, i < 4 ? 1 : 3, i, i, i, i, i + 8));
        }
        RunResult r = ScenarioRuns.run(dir, "topology: {builder: dumbbell, hosts: 8, rateGbps: 1, delayUs: 5, "
                + "bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}\ntenants:\n" + tenants
                + "scheme: seawall\nschemeParams: {seawall: {feedback: ecn}}\ndurationS: 1\nwarmupS: 0.5\n",
                "seed=" + seed);
        double good = 0;
        double ideal = 0;
        for (int i = 0; i < 4; i++) {
            int v = r.scenario().vm("v" + i).id();
            good += r.vmGoodputBps()[v];
            ideal += r.vmIdealBps()[v];
        }
        assertThat(r.notes()).hasSize(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("can get more than their weighted shares \\(the "
                + "lightest got ([0-9.]+) times theirs; README").matcher(r.notes().get(0));
        assertThat(m.find()).as(r.notes().get(0)).isTrue();
        double said = Double.parseDouble(m.group(1));
        // Rounded to two digits in the note.
        assertThat(said).isCloseTo(good / ideal, org.assertj.core.data.Offset.offset(0.006));
        // Measured 1.03 and 1.04: near their shares, not the 1.3-9 times of ratios 1:10-1:100.
        assertThat(said).isBetween(0.95, 1.10);
    }
}
