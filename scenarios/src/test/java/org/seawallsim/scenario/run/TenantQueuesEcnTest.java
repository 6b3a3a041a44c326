package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DRR's tenant queues, and the rate limiter's shaper queues, mark ECN as the switches' FIFO queues do
 * (topology.ecnThresholdBytes, per queue), so ECN and DCTCP guests keep the queues short instead of filling them to
 * the drop: before, both ignored the threshold, and four DCTCP flows under DRR dropped 387 packets where the FIFO
 * dropped none.
 */
class TenantQueuesEcnTest {
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 30000, hostTiming: {}}
            tenants:
              t1: {weight: %s, vms: {a: {host: h0, traffic: [{type: bulk, to: ar, flows: 2, %s}]}, b: {host: h1, traffic: [{type: bulk, to: br, flows: 2, %s}]}, ar: {host: h4}, br: {host: h5}}}
              t2: {vms: {c: {host: h2, traffic: [{type: bulk, to: cr, flows: 2, %s}]}, d: {host: h3, traffic: [{type: bulk, to: dr, flows: 2, %s}]}, cr: {host: h6}, dr: {host: h7}}}
            scheme: %s
            durationS: 1.0
            warmupS: 0.4
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{2}: {1}, tenant weights {0}:1")
    @CsvSource({"1, 'variant: dctcp', drr", "3, 'variant: dctcp', drr", "1, 'ecn: true', drr",
        "3, 'ecn: true, variant: cubic', drr", "1, 'variant: dctcp', ratelimit", "3, 'variant: dctcp', ratelimit"})
    void ecnGuestsInTenantQueuesAreMarkedNotDropped(double weight, String tcp, String scheme, @TempDir Path dir)
            throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(weight, tcp, tcp, tcp, tcp, scheme),
                "schemeParams.ratelimit.mode=shaper");
        assertThat(Arrays.stream(r.linkDrops()).sum()).isZero();
        // VMs a, b, ar, br, c, d, cr, dr: each tenant's two senders split its weighted share of the trunk.
        double t1 = r.vmGoodputBps()[0] + r.vmGoodputBps()[1];
        double t2 = r.vmGoodputBps()[4] + r.vmGoodputBps()[5];
        assertThat(t1 / t2).isBetween(weight * 0.95, weight * 1.05);
        assertThat(t1 + t2).isGreaterThan(0.9 * 941.5e6);
    }
}
