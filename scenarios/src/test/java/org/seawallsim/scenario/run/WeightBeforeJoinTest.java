package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A timeline may set the weight of a VM that has not joined yet: the VM joins with that weight. The schemes used to be
 * told of the change before they knew the VM, and the run died at that instant ("unknown VM id"), after validating.
 */
class WeightBeforeJoinTest {
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}
            tenants:
              ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}}}
              tb: {vms: {b: {host: h1, active: false, traffic: [{type: udp, to: br, rateMbps: 2000}]}, br: {host: h3}}}
            timeline:
              - {atS: 0.1, action: setWeight, vm: b, weight: 3}
              - {atS: 0.2, action: join, vm: b}
            schemeParams: {seawall: {feedback: ecn}}
            durationS: 1.0
            warmupS: 0.5
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seawall", "drr", "ratelimit"})
    void aVmJoinsWithTheWeightSetBeforeItJoined(String scheme, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML, "scheme=" + scheme);
        // 1 : 3 of 957 Mb/s of UDP goodput.
        assertThat(r.vmIdealBps()[2]).isBetween(717e6, 719e6);
        assertThat(r.vmGoodputBps()[2] / r.vmIdealBps()[2]).isBetween(0.95, 1.05);
        assertThat(r.vmGoodputBps()[0] / r.vmIdealBps()[0]).isBetween(0.95, 1.1);
    }
}
