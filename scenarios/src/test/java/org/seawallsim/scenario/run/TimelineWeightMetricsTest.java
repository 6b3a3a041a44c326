package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A VM's reported weight and {@code jain_weighted} use the weight the timeline gives it over the measured interval,
 * not the file's: DRR with b's weight set to w at 0 s split the trunk exactly 1 : w, but scored jain_weighted 0.900
 * (w = 2) against the weights of the file, and listed b at weight 1.
 */
class TimelineWeightMetricsTest {
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
            tenants:
              ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000, pattern: poisson}]}, ar: {host: h2}}}
              tb: {vms: {b: {host: h1, traffic: [{type: udp, to: br, rateMbps: 2000, pattern: poisson}]}, br: {host: h3}}}
            timeline:
              - {atS: %s, action: setWeight, vm: b, weight: %s}
            scheme: drr
            durationS: 1.2
            warmupS: 0.2
            """;

    @ParameterizedTest(name = "b set to {1} at {0} s: mean weight {2}")
    @CsvSource({"0, 2, 2", "0, 3, 3", "0, 0.5, 0.5", "0.1, 4, 4", "0.7, 3, 2", "0.45, 5, 4", "1.0, 2, 1.2"})
    void weightsAndJainFollowTheTimeline(double atS, double weight, double meanWeight, @TempDir Path dir)
            throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(atS, weight));
        // a is VM 0, b VM 2 (file order, receivers between).
        assertThat(r.vmWeight()[0]).isEqualTo(1.0);
        assertThat(r.vmWeight()[2]).isCloseTo(meanWeight, within(1e-9));
        if (atS <= 0.2) {
            // A weight constant over the measured interval is reported as it is (3 read 2.9999999999999996).
            assertThat(r.vmWeight()[2]).isEqualTo(weight);
        }
        if (atS <= 0.2) {
            // The whole measured interval at 1 : w: DRR's split is exact (measured within 0.2 %), so is Jain's index.
            assertThat(r.vmGoodputBps()[2] / r.vmGoodputBps()[0]).isCloseTo(weight, within(0.01 * weight));
            assertThat((double) Metrics.compute(r, 0).get("jain_weighted")).isGreaterThan(0.9999);
        }
    }

    /**
     * A weight that never changes is reported as it is: (3 x 0.7 + 3 x 0.7) / 1.4 made summary.json's 3 read
     * 2.9999999999999996.
     */
    @org.junit.jupiter.api.Test
    void aConstantWeightIsReportedExactly(@TempDir Path dir) throws Exception {
        String yaml = """
                topology: {builder: star, hosts: 3}
                tenants:
                  t: {weight: 3, vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 100, startS: 1.3}]}, b: {host: h1}}}
                  u: {weight: 0.7, vms: {c: {host: h2, traffic: [{type: udp, to: b, rateMbps: 100}]}}}
                durationS: 2
                warmupS: 0.6
                """;
        org.seawallsim.scenario.model.Scenario sc = ScenarioRuns.load(dir, yaml);
        double[] w = new Timeline(sc).meanWeights(sc.warmupS(), sc.durationS());
        assertThat(w[sc.vm("a").id()]).isEqualTo(3.0);
        assertThat(w[sc.vm("c").id()]).isEqualTo(0.7);
    }
}
