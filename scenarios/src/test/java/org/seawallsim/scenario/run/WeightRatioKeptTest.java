package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Weight ratios of 1:10 to 1:100 far below the weight budget are kept: two Poisson UDP floods from 1 GbE hosts, weights
 * w and 1, over a 1 Gb/s trunk. Weighted max-min gives the light VM w / (1 + w) of 957.1 Mb/s (18.77 Mb/s at 0.02).
 * The heavy VM's share is within a few percent of its NIC's rate, and its rate limit, clamped at that rate, used to
 * wait at the clamp for the next congestion episode while the light VM kept increasing: the light VM settled at
 * 1.38 (ECN) and 1.82 (loss) of its share at 1:50, 1.73 at 1:100.
 */
class WeightRatioKeptTest {
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}
            tenants:
              A: {weight: %s, vms: {a: {host: h0, traffic: [{type: udp, to: ra, rateMbps: 2000, pattern: poisson}]}, ra: {host: h2}}}
              B: {weight: 1, vms: {b: {host: h1, traffic: [{type: udp, to: rb, rateMbps: 2000, pattern: poisson}]}, rb: {host: h3}}}
            scheme: seawall
            durationS: 4
            warmupS: 2
            """;

    @ParameterizedTest(name = "weight {0} : 1, {1} feedback, seed {2}")
    @CsvSource({
            // weight, feedback, seed, highest allowed measured / ideal for the light VM
            "0.1, ecn, 1, 1.06", "0.05, ecn, 1, 1.12", "0.02, ecn, 1, 1.20", "0.02, ecn, 2, 1.20",
            "0.01, ecn, 1, 1.25", "0.1, loss, 1, 1.06", "0.05, loss, 1, 1.10", "0.02, loss, 1, 1.35",
            "0.02, loss, 2, 1.35"})
    void theLightVmGetsCloseToItsWeightedShare(String weight, String feedback, int seed, double high,
            @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(weight), "schemeParams.seawall.feedback=" + feedback,
                "seed=" + seed);
        int a = r.scenario().vm("a").id();
        int b = r.scenario().vm("b").id();
        double light = r.vmGoodputBps()[a] / r.vmIdealBps()[a];
        double heavy = r.vmGoodputBps()[b] / r.vmIdealBps()[b];
        System.out.printf("weight %s %s seed %d: light %.3f heavy %.3f%n", weight, feedback, seed, light, heavy);
        // The ideal is hand-checkable: w / (1 + w) x 1000 x 1472 / 1538 Mb/s.
        double w = Double.parseDouble(weight);
        assertThat(r.vmIdealBps()[a]).isCloseTo(w / (1 + w) * 1e9 * 1472 / 1538, org.assertj.core.api.Assertions
                .withinPercentage(0.5));
        // Measured with the fix (seconds 2-4): ECN 0.98, 1.08, 1.12 and 1.14 (seed 3: 1.14), 1.18; loss 0.99 (seed
        // 2: 1.03), 1.01, 1.29 and 1.16 (seeds 3-4: 1.24, 1.13). Before: ECN 1.39 at 1:50 and 1.74 at 1:100, loss
        // 1.20 at 1:20 and 1.79-1.85 at 1:50. The excess left at 1:50 and 1:100 is a tunnel of 1-2 packets per
        // interval missing some of the marking (or overflow) episodes the heavy one is cut in, so the bounds grow
        // with the ratio, with about 0.05 over the highest seed measured. The heavy VM within 8 % (ECN links run 97-98 % busy).
        assertThat(light).as("light VM over its ideal").isBetween(0.90, high);
        assertThat(heavy).as("heavy VM over its ideal").isBetween(0.92, 1.02);
    }
}
