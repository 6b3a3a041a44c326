package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-tenant baselines weigh a tenant by its VMs that send, the VMs the weighted max-min ideal gives shares to:
 * a receiving or idle VM does not raise its tenant's share, and a weight change of a sender moves its tenant's share
 * as it moves the ideal. Checked on a 1 Gb/s trunk shared by two floods (957 Mb/s of UDP goodput).
 */
class BaselineTenantWeightsTest {
    private static final String FLOODS = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
            tenants:
              t1: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}%s}}
              t2: {vms: {b: {host: h1, traffic: [{type: udp, to: br, rateMbps: 2000}]}, br: {host: h3}}}
            %s
            durationS: %s
            warmupS: %s
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{0}, {1} idle VMs in t1")
    @CsvSource({"drr, 1", "drr, 3", "ratelimit, 1", "ratelimit, 3"})
    void idleVmsDoNotRaiseTheirTenantsShare(String scheme, int idle, @TempDir Path dir) throws Exception {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < idle; i++) {
            extra.append(", idle").append(i).append(": {host: h0}");
        }
        RunResult r = ScenarioRuns.run(dir, FLOODS.formatted(extra, "", "0.5", "0.2"), "scheme=" + scheme);
        int b = 2 + idle;
        // Equal weights: 478.5 Mb/s each (counting every VM of t1 gave it (2 + idle) / (2 + idle + 2) of the trunk).
        assertThat(r.vmIdealBps()[0]).isCloseTo(478.5e6, within(1e6));
        assertThat(r.vmGoodputBps()[0] / r.vmIdealBps()[0]).isCloseTo(1.0, within(0.02));
        assertThat(r.vmGoodputBps()[b] / r.vmIdealBps()[b]).isCloseTo(1.0, within(0.02));
    }

    @ParameterizedTest(name = "{0}, a's weight to {1}")
    @CsvSource({"drr, 3", "drr, 7", "ratelimit, 3", "ratelimit, 7"})
    void aSendersWeightChangeMovesItsTenantsShareLikeTheIdeal(String scheme, double weight, @TempDir Path dir)
            throws Exception {
        String timeline = "timeline: [{atS: 0.1, action: setWeight, vm: [a], weight: " + weight + "}]";
        RunResult r = ScenarioRuns.run(dir, FLOODS.formatted("", timeline, "0.6", "0.2"), "scheme=" + scheme);
        // w : 1 of the trunk (the receivers' weights of 1 each made it (w + 1) : 2).
        double share = weight / (weight + 1);
        assertThat(r.vmIdealBps()[0]).isCloseTo(957.1e6 * share, within(2e6));
        assertThat(r.vmGoodputBps()[0] / r.vmIdealBps()[0]).isCloseTo(1.0, within(0.02));
        assertThat(r.vmGoodputBps()[2] / r.vmIdealBps()[2]).isCloseTo(1.0, within(0.03));
    }
}
