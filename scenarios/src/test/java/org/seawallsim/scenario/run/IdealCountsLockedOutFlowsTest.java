package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ideal is a function of the demands: every flow that exists and wants to send is counted on the path the
 * network gives it, whether or not any of its packets gets through. Paths used to be taken from each flow's first
 * data packet at the NIC, so a TCP flow locked out from its start (SYN lost at a full drop-tail port) was left out,
 * and the same scenario and seed had a different ideal under each scheme.
 */
class IdealCountsLockedOutFlowsTest {
    /** Fat-tree k=4: A (3 VMs of weight 1, 4 flows each) and B (2 of weight 4, 1 flow) into h12; C into h13. */
    private static final String FAT_TREE = """
            topology: {builder: fattree, k: 4, rateGbps: 1, delayUs: 5, bufferBytes: 150000, ecnThresholdBytes: 40000, hostTiming: {}}
            tenants:
              A: {weight: 1, vms: {a: {count: 3, host: [h0, h1, h2], traffic: [{type: bulk, to: ra, flows: 4}]}, ra: {host: h12}}}
              B: {weight: 4, vms: {b: {count: 2, host: [h4, h5], traffic: [{type: bulk, to: rb, flows: 1}]}, rb: {host: h12}}}
              C: {weight: 2, vms: {c: {count: 2, host: [h8, h9], traffic: [{type: bulk, to: rc, flows: 2}]}, rc: {host: h13}}}
            durationS: 1.5
            warmupS: 0.5
            seed: 1
            """;

    @Test
    void aFlowLockedOutFromItsStartKeepsItsShareOfTheIdealUnderEveryScheme(@TempDir Path dir) throws Exception {
        RunResult tcp = ScenarioRuns.run(dir, FAT_TREE, "scheme=tcp");
        RunResult drr = ScenarioRuns.run(dir, FAT_TREE, "scheme=drr");
        List<String> names = tcp.scenario().vms().stream().map(v -> v.name()).toList();
        int b1 = names.indexOf("b1");
        // The case: under tcp (seed 1) b1's one flow never delivers a byte (measured 0.00 Mb/s), and one of a1's
        // flows sends its first data only after its SYN's 1-s time-out: recorded then, it moved a0's ideal from
        // 85.59 to 112.7 Mb/s for the last 0.5 s (the run needs those 1.5 s to show it).
        assertThat(tcp.vmGoodputBps()[b1]).isLessThan(1e6);
        // By hand: pod3/edge0->h12 (nominal 1 Gb/s, switch ports have no clock offset) carries 3 x 1 + 2 x 4 = 11
        // units, so a VM of A gets 1/11 and one of B 4/11 of its wire, 1448/1538 of that as TCP payload; C's two VMs
        // split h13's port (seed 1 spreads their flows over both agg links). Before the fix tcp gave a0 99.15,
        // a2 82.58 and b 330.30 Mb/s (b1 and two of a0's flows had no path); drr gave the hand values.
        double payload = 1448.0 / 1538;
        double[] hand = new double[names.size()];
        for (String a : List.of("a0", "a1", "a2")) {
            hand[names.indexOf(a)] = 1e9 / 11 * payload;
        }
        hand[names.indexOf("b0")] = 4e9 / 11 * payload;
        hand[b1] = 4e9 / 11 * payload;
        hand[names.indexOf("c0")] = 0.5e9 * payload;
        hand[names.indexOf("c1")] = 0.5e9 * payload;
        for (int v = 0; v < hand.length; v++) {
            // The oracle's water-filling is exact up to rounding: 1e-6 relative.
            assertThat(tcp.vmIdealBps()[v]).as("%s under tcp", names.get(v))
                    .isCloseTo(hand[v], within(hand[v] * 1e-6 + 1e-3));
            assertThat(drr.vmIdealBps()[v]).as("%s under drr", names.get(v))
                    .isCloseTo(hand[v], within(hand[v] * 1e-6 + 1e-3));
        }
        // And summary.json's paths list every flow, b1's included.
        assertThat(tcp.vmPaths().get(b1)).hasSize(1);
        assertThat(tcp.vmPaths().get(b1).get(0).flows()).isEqualTo(1);
        assertThat(tcp.vmPaths().get(names.indexOf("a0")).stream().mapToInt(p -> p.flows()).sum()).isEqualTo(4);
    }
}
