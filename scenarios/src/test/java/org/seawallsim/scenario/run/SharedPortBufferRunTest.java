package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs of the per-queue baselines on ports (NICs) whose queues share one buffer: the sampled occupancy that
 * timeseries-queues.csv reports stays within the buffer, and DRR's weights still decide the shares. Each tenant
 * queue defaulted to the whole buffer, so 3 floods held 450 000 B in a 150 000 B port and a QCN NIC 1 998 000 B in
 * 1 000 000 B.
 */
class SharedPortBufferRunTest {
    private static long maxSampled(RunResult r, String link) {
        int i = r.linkNames().indexOf(link);
        assertThat(i).as("link %s", link).isNotNegative();
        long max = 0;
        for (long[] q : r.series().queueBytes) {
            max = Math.max(max, q[i]);
        }
        return max;
    }

    @Test
    void drrFloodsWeightedOneTwoFiveGetTheirWeightedSharesInOneBuffer(@TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: dumbbell, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 150000, hostTiming: {}}
                tenants:
                  A: {weight: 1, vms: {a: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: h3}}}
                  B: {weight: 2, vms: {b: {host: h1, traffic: [{type: udp, to: br}]}, br: {host: h4}}}
                  C: {weight: 5, vms: {c: {host: h2, traffic: [{type: udp, to: cr}]}, cr: {host: h5}}}
                scheme: drr
                durationS: 0.5
                warmupS: 0.2
                sampleIntervalS: 0.01
                """);
        // Weighted max-min of the trunk's UDP payload, 1e9 x 1472 / 1538 = 957.09 Mb/s: 1/8, 2/8 and 5/8 of it.
        double payloadBps = 1e9 * 1472 / 1538;
        double[] share = {1.0 / 8, 2.0 / 8, 5.0 / 8};
        String[] vms = {"a", "b", "c"};
        for (int k = 0; k < 3; k++) {
            int id = r.scenario().vm(vms[k]).id();
            assertThat(r.vmGoodputBps()[id]).as("vm %s", vms[k])
                    .isCloseTo(share[k] * payloadBps, within(0.01 * share[k] * payloadBps));
        }
        long peak = maxSampled(r, "swL->swR");
        assertThat(peak).isLessThanOrEqualTo(150_000).isGreaterThan(140_000);
    }

    @Test
    void qcnNicsWithRateLimitersHoldAtMostTheNicBuffer(@TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: star, hosts: 5, rateGbps: 1, delayUs: 2, bufferBytes: 150000, hostTiming: {}}
                tenants:
                  T0: {vms: {s0: {host: h0, traffic: [{type: bulk, to: r0, flows: 2}]}, r0: {host: h4}}}
                  T1: {vms: {s1: {host: h1, traffic: [{type: bulk, to: r1, flows: 2}]}, r1: {host: h4}}}
                  T2: {vms: {s2: {host: h2, traffic: [{type: bulk, to: r2, flows: 2}]}, r2: {host: h4}}}
                  T3: {vms: {s3: {host: h3, traffic: [{type: bulk, to: r3, flows: 2}]}, r3: {host: h4}}}
                scheme: qcn
                schemeParams:
                  qcn: {jitterFraction: 0.15}
                durationS: 0.6
                warmupS: 0.2
                sampleIntervalS: 0.001
                """);
        long nicBuffer = r.scenario().topology().nicBufferBytes();
        long peak = 0;
        for (int h = 0; h < 4; h++) {
            peak = Math.max(peak, maxSampled(r, "h" + h + "->sw0"));
        }
        assertThat(peak).isLessThanOrEqualTo(nicBuffer).isGreaterThan(nicBuffer / 2);
    }
}
