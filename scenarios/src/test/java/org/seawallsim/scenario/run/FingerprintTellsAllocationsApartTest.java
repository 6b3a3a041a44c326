package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs with one fingerprint delivered the same packets. Four identical UDP floods from ideal hosts under tcp
 * phase-lock (README, "Ideal hosts phase-lock"): in scheduling order one VM takes the trunk, with tie seed 1 all four
 * share it. Dispatches alone hashed (time, tag, target class), and the floods' sources are one class whose
 * same-instant wake-ups had merely swapped, so both runs had one fingerprint; hosts now fold each delivered packet in.
 */
class FingerprintTellsAllocationsApartTest {
    @TempDir
    Path dir;

    private static final String FLOODS = """
            topology: {builder: dumbbell, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 131072}
            tenants:
              t0: {vms: {s0: {host: h0, traffic: [{type: udp, to: r0, rateMbps: 1000}]}, r0: {host: h4}}}
              t1: {vms: {s1: {host: h1, traffic: [{type: udp, to: r1, rateMbps: 1000}]}, r1: {host: h5}}}
              t2: {vms: {s2: {host: h2, traffic: [{type: udp, to: r2, rateMbps: 1000}]}, r2: {host: h6}}}
              t3: {vms: {s3: {host: h3, traffic: [{type: udp, to: r3, rateMbps: 1000}]}, r3: {host: h7}}}
            scheme: tcp
            durationS: 0.4
            warmupS: 0.1
            sampleIntervalS: 0.1
            """;

    @Test
    void runsThatShareTheTrunkDifferentlyHaveDifferentFingerprints() throws Exception {
        RunResult inOrder = ScenarioRuns.run(dir, FLOODS);
        RunResult permuted = ScenarioRuns.run(dir, FLOODS, "tieSeed=1");
        // The allocations differ (one VM with nearly everything against four near-equal shares) ...
        assertThat(max(inOrder)).isGreaterThan(0.9 * sum(inOrder));
        assertThat(max(permuted)).isLessThan(0.4 * sum(permuted));
        // ... with the same events dispatched, so only what was delivered can tell them apart.
        assertThat(permuted.events()).isEqualTo(inOrder.events());
        assertThat(permuted.fingerprint()).isNotEqualTo(inOrder.fingerprint());
        // And the same run twice is the same run.
        assertThat(ScenarioRuns.run(dir, FLOODS).fingerprint()).isEqualTo(inOrder.fingerprint());
    }

    /**
     * Two VMs on one host with their rates swapped deliver the same packets, by id and time, to the other VM: the
     * fingerprint folds in each delivered packet's flow and destination VM too, so the runs differ.
     */
    @Test
    void swappingTwoVmsRatesChangesTheFingerprint() throws Exception {
        String yaml = """
                topology: {builder: star, hosts: 3, rateGbps: 1, delayUs: 5}
                tenants:
                  t: {vms: {a: {host: h0, traffic: [{type: udp, to: ra, rateMbps: %d}]}, ra: {host: h1},
                            b: {host: h0, traffic: [{type: udp, to: rb, rateMbps: %d}]}, rb: {host: h2}}}
                scheme: tcp
                durationS: 0.1
                warmupS: 0.02
                sampleIntervalS: 0.02
                """;
        RunResult ab = ScenarioRuns.run(dir, yaml.formatted(300, 600));
        RunResult ba = ScenarioRuns.run(dir, yaml.formatted(600, 300));
        assertThat(ab.events()).isEqualTo(ba.events());
        assertThat(ab.vmGoodputBps()[0]).isNotEqualTo(ba.vmGoodputBps()[0]);
        assertThat(ab.fingerprint()).isNotEqualTo(ba.fingerprint());
    }

    private static double max(RunResult r) {
        double m = 0;
        for (double g : r.vmGoodputBps()) {
            m = Math.max(m, g);
        }
        return m;
    }

    private static double sum(RunResult r) {
        double s = 0;
        for (double g : r.vmGoodputBps()) {
            s += g;
        }
        return s;
    }
}
