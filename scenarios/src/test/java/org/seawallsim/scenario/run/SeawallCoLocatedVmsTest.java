package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two VMs on one host share its NIC through the sender port's round robin, whatever the order of same-instant events.
 * A packet that found the NIC free at the instant a queued tunnel's turn came used to leave at once, ahead of the
 * queue: a line-rate flood then took every turn and the co-located TCP VM got 0.0 Mb/s, or its fair 470 with
 * another tie order.
 */
class SeawallCoLocatedVmsTest {
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
            tenants:
              attacker: {vms: {a: {host: h0, traffic: [{type: udp, to: ar%s}]}, ar: {host: h2}}}
              victim:   {vms: {v: {host: h0, traffic: [{type: %s, to: vr}]}, vr: {host: h3}}}
            scheme: seawall
            durationS: 0.5
            warmupS: 0.1
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{1} beside a flood{0}, tie seed {2}")
    @CsvSource({"'', bulk, 0", "'', bulk, 7", "', rateMbps: 1000', bulk, 0", "'', udp, 0", "'', udp, 7"})
    void coLocatedVmsShareTheirNicWhateverTheTieOrder(String floodRate, String victim, int tieSeed, @TempDir Path dir)
            throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(floodRate, victim), "tieSeed=" + tieSeed);
        // VMs a, ar, v, vr: each sender at its half of the NIC (478.5 Mb/s of UDP, 470.7 of TCP).
        assertThat(r.vmGoodputBps()[0] / r.vmIdealBps()[0]).as("a").isBetween(0.95, 1.05);
        assertThat(r.vmGoodputBps()[2] / r.vmIdealBps()[2]).as("v").isBetween(0.95, 1.05);
    }

    private static final String WEIGHTED = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}
            tenants:
              t1: {weight: 1, vms: {a: {host: h0, traffic: [{type: %s, to: ar%s}]}, ar: {host: h2}}}
              t2: {weight: %s, vms: {b: {host: h0, traffic: [{type: %s, to: br%s}]}, br: {host: h3}}}
            scheme: seawall
            durationS: 0.6
            warmupS: 0.2
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{0} VMs of weights 1 and {1} on one host, {2} feedback")
    @CsvSource({"udp, 2, loss", "udp, 2, ecn", "udp, 3.5, loss", "bulk, 2, loss", "bulk, 2, ecn", "bulk, 4, ecn"})
    void coLocatedVmsShareTheirNicByWeight(String type, double weight, String feedback, @TempDir Path dir)
            throws Exception {
        // The NIC is their only bottleneck, and its queue is the sender port's own: no loss or mark reaches the
        // controller, so only the port's turns can follow the weights (before: 478.5/478.5 against 319/638).
        String extra = type.equals("udp") ? ", rateMbps: 2000" : ", flows: 2";
        RunResult r = ScenarioRuns.run(dir, WEIGHTED.formatted(type, extra, weight, type, extra),
                "schemeParams.seawall.feedback=" + feedback);
        // VMs a, ar, b, br.
        assertThat(r.vmIdealBps()[2] / r.vmIdealBps()[0]).isCloseTo(weight, org.assertj.core.api.Assertions.within(0.01));
        assertThat(r.vmGoodputBps()[0] / r.vmIdealBps()[0]).as("a").isBetween(0.95, 1.05);
        assertThat(r.vmGoodputBps()[2] / r.vmIdealBps()[2]).as("b").isBetween(0.95, 1.05);
    }
}
