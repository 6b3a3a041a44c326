package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM owed a share that got less than 1 % of it over the measured interval was locked out (a drop-tail phase lock,
 * TCP start-up time-outs): the run says so, naming it with its goodput and ideal, since a scheme comparison there
 * measures the lock-out. VMs with no ideal (receivers, stopped) are never named.
 */
class LockedOutNoteTest {
    /** Bulk TCP VMs of weight 1 beside line-rate UDP of 8 weight units on the trunk. */
    private static final String BESIDE_FLOODS = """
            topology: {builder: dumbbell, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 150000, ecnThresholdBytes: 40000, hostTiming: {}}
            tenants:
              A: {weight: 1, vms: {a: {count: 2, host: [h0, h1], traffic: [{type: udp, to: ra, pattern: poisson}]}, ra: {host: h4}}}
              B: {weight: 2, vms: {b: {count: 3, host: [h1, h2, h3], traffic: [{type: udp, to: rb, pattern: poisson}]}, rb: {host: h5}}}
              C: {weight: 1, vms: {c: {count: 2, host: [h2, h3], traffic: [{type: bulk, to: rc}]}, rc: {host: h6}}}
              D: {vms: {d: {host: h3, traffic: [{type: udp, to: rd, rateMbps: 10}]}, rd: {host: h7}}}
            timeline:
              - {atS: 0.05, action: stop, vm: d}
            durationS: 0.4
            warmupS: 0.1
            """;

    @Test
    void tcpVmsLockedOutBesideFloodsAreNamed(@TempDir Path dir) throws Exception {
        // Loss-driven Seawall: c0 and c1 deliver 0.00-0.15 Mb/s of their 94.15 (1/10 of the trunk, 1448/1538
        // payload); the note gives each VM's goodput, whatever it is below 1 % of the ideal.
        RunResult r = ScenarioRuns.run(dir, BESIDE_FLOODS, "scheme=seawall");
        List<String> locked = lockedOutNotes(r);
        assertThat(locked).hasSize(1);
        int[] c = {r.scenario().vm("c0").id(), r.scenario().vm("c1").id()};
        assertThat(locked.get(0)).startsWith(String.format(java.util.Locale.ROOT,
                "VMs c0 (%.2f of 94.15 Mb/s), c1 (%.2f of 94.15 Mb/s) got less than 1 %% of their ideal",
                r.vmGoodputBps()[c[0]] / 1e6, r.vmGoodputBps()[c[1]] / 1e6))
                .contains("TCP flows", "time-outs").doesNotContain("UDP senders");
        for (int v : c) {
            assertThat(r.vmGoodputBps()[v]).isLessThan(0.01 * r.vmIdealBps()[v]);
        }
        // Neither the receivers (ideal 0) nor d, stopped before the warm-up ended (ideal 0, goodput 0).
        assertThat(locked.get(0)).doesNotContain("rc (", "d (");
    }

    /** Two bulk TCP VMs of weights 1 and 2 on a dumbbell's trunk, and a UDP VM stopped before the warm-up ends. */
    private static final String SERVED = """
            topology: {builder: dumbbell, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 150000, hostTiming: {}}
            tenants:
              A: {weight: 1, vms: {a: {host: h0, traffic: [{type: bulk, to: ra}]}, ra: {host: h3}}}
              B: {weight: 2, vms: {b: {host: h1, traffic: [{type: bulk, to: rb, flows: 2}]}, rb: {host: h4}}}
              D: {vms: {d: {host: h2, traffic: [{type: udp, to: rd, rateMbps: 10}]}, rd: {host: h5}}}
            timeline:
              - {atS: 0.05, action: stop, vm: d}
            scheme: drr
            durationS: 0.4
            warmupS: 0.1
            """;

    @Test
    void noNoteWhereEveryVmIsServed(@TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, SERVED);
        // DRR divides the trunk 1 : 2 between the tenants' queues: each VM well above 1 % of its ideal.
        for (String vm : List.of("a", "b")) {
            int v = r.scenario().vm(vm).id();
            assertThat(r.vmGoodputBps()[v]).as(vm).isGreaterThan(0.5 * r.vmIdealBps()[v]);
        }
        // d (stopped, ideal 0) and the receivers got nothing and are owed nothing: no note.
        assertThat(r.vmIdealBps()[r.scenario().vm("d").id()]).isZero();
        assertThat(lockedOutNotes(r)).isEmpty();
    }

    /** Four line-rate Poisson UDP VMs from pod 0 into one host of pod 1, k=4. */
    private static final String FAT_TREE_FLOODS = """
            topology: {builder: fattree, k: 4, rateGbps: 1, delayUs: 5, bufferBytes: 150000, hostTiming: {}}
            tenants:
              A: {vms: {a: {count: 4, host: [h0, h1, h2, h3], traffic: [{type: udp, to: ra, pattern: poisson}]}, ra: {host: h4}}}
            scheme: tcp
            durationS: 1
            warmupS: 0.3
            seed: 1
            """;

    @Test
    void udpVmsLockedOutByADropTailPhaseLockAreNamed(@TempDir Path dir) throws Exception {
        // Measured: a0 857.14, a1 0.00, a2 0.00, a3 99.94 Mb/s, each owed 1/4 of 957.09 (1472/1538 of 1 Gb/s).
        List<String> locked = lockedOutNotes(ScenarioRuns.run(dir, FAT_TREE_FLOODS));
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0)).startsWith("VMs a1 (0.00 of 239.27 Mb/s), a2 (0.00 of 239.27 Mb/s) got less than")
                .contains("UDP senders", "drop-tail port").doesNotContain("TCP flows", "a0 (", "a3 (");
    }

    private static List<String> lockedOutNotes(RunResult r) {
        return r.notes().stream().filter(n -> n.contains("locked out")).toList();
    }

    /**
     * A sparse source can have nothing to send in the measured interval by chance: a Poisson VM of 0.5 arrivals of
     * 1 000 bytes a second (no flow in 0.9 s at seeds 1-3), a 5 kb/s stream (a frame every 2.46 s). Both were named
     * as locked out, "0.00 of 0.00 Mb/s", with no packet lost.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, seed {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "'{type: flows, to: vr, arrivalsPerS: 0.5, size: {distribution: fixed, meanBytes: 1000}}', 1",
            "'{type: flows, to: vr, arrivalsPerS: 0.5, size: {distribution: fixed, meanBytes: 1000}}', 2",
            "'{type: udp, to: vr, rateMbps: 0.005}', 1"})
    void aSparseSourceWithNothingToSendIsNotLockedOut(String traffic, int seed, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: star, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072}
                tenants:
                  t2: {vms: {v: {host: h0, traffic: [%s]}, vr: {host: h1}}}
                scheme: tcp
                seed: %d
                durationS: 1
                warmupS: 0.1
                """.formatted(traffic, seed));
        int v = r.scenario().vm("v").id();
        assertThat(r.vmGoodputBps()[v]).isZero();
        // The stream is owed its rate; random arrivals are owed what arrived (RandomArrivalsIdealTest), here nothing.
        if (traffic.contains("flows")) {
            assertThat(r.vmIdealBps()[v]).isZero();
        } else {
            assertThat(r.vmIdealBps()[v]).isPositive();
        }
        assertThat(lockedOutNotes(r)).isEmpty();
    }
}
