package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A VM that leaves and joins again is under Seawall's control again: its tunnels (kept by the sender port, with
 * their sequence numbers) get fresh control state on the return. Before, the controller had forgotten them, ignored
 * their feedback, and the limit stayed where it was when the VM left: a flood at 437-458 Mb/s on an empty trunk, or
 * at the NIC rate against a TCP VM that then got nothing.
 */
class SeawallRejoinTest {
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}
            tenants:
              ta: {vms: {a: {host: h0, traffic: [{type: bulk, to: ar, flows: 2}]}, ar: {host: h2}}}
              tc: {vms: {c: {host: h1, traffic: [{type: %s, to: cr%s}]}, cr: {host: h3}}}
            timeline:
              - {atS: 0.3, action: leave, vm: c}
              - {atS: 0.45, action: join, vm: c}
              - {atS: %s, action: stop, vm: a}
            scheme: seawall
            durationS: 1.6
            warmupS: 1.0
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{0} feedback, c {1}, a stops at {2} s")
    @CsvSource({
        // a stops: the returned VM must take the freed trunk (957 Mb/s of UDP, 941 of TCP).
        "loss, udp, 0.8", "ecn, udp, 0.8", "loss, bulk, 0.8", "ecn, bulk, 0.8",
        // a keeps sending: the returned flood must be held to its share again, and a must get its own.
        "loss, udp, 1.6", "ecn, udp, 1.6",
    })
    void aReturningVmIsControlledAgain(String feedback, String type, double aStopsS, @TempDir Path dir)
            throws Exception {
        String extra = type.equals("udp") ? ", rateMbps: 2000" : ", flows: 2";
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(type, extra, aStopsS),
                "schemeParams.seawall.feedback=" + feedback);
        // VMs: a, ar, c, cr. 10 % covers Seawall's additive probing over the 0.6 s measured.
        assertThat(r.vmGoodputBps()[2] / r.vmIdealBps()[2]).as("c").isBetween(0.9, 1.1);
        if (aStopsS >= 1.6) {
            assertThat(r.vmGoodputBps()[0] / r.vmIdealBps()[0]).as("a").isBetween(0.85, 1.1);
        }
        assertThat(r.accusations()).isEmpty();
    }
}
