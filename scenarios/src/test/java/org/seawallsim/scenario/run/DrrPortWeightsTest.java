package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DRR weighs a tenant's queue on a port by the tenant's VMs whose flows cross that port, as the weighted max-min
 * ideal counts a VM on the links its data crosses. Counting every sending VM of a tenant on every port gave a tenant
 * with one VM across a link and another elsewhere twice its share of that link (tree: 638.1 against 319.0 Mb/s where
 * the ideal is 478.5 each). UDP floods at line rate keep every tenant queue backlogged, where DRR's service is its
 * quanta's ratio to within a quantum per round (a few kB against ~20 MB per measured 0.2-0.4 s); the runs measured
 * every VM (and every group of {@link #assertAtIdeal}) within 0.03 % of its ideal, so 1 % is a bound that still
 * catches any miscounted weight: counting all senders, the cases below were 12.5-50 % off (the two-rack parking
 * lot at 1:1, one VM per tenant, was right before too and is kept as a control).
 */
class DrrPortWeightsTest {
    private static final double TOLERANCE = 0.01;
    /** UDP goodput of a whole 1 Gb/s link: 1472 payload bytes per 1538 wire bytes. */
    private static final double LINK_UDP_BPS = 1e9 * 1472 / 1538;

    private static void assertAllAtIdeal(RunResult r) {
        assertAtIdeal(r);
    }

    /**
     * Every VM within {@link #TOLERANCE} of its ideal, except that the VMs of each group in {@code together} are held
     * to their ideals' sum: VMs of one tenant crossing one port share its one queue FIFO-style, and two line-rate
     * floods in one drop-tail FIFO take turns in phases of tens of ms (a0 and a1 measured 353.5 and 284.6 Mb/s over
     * 0.4 s, each owed 319.0, their sum exact): DRR divides a port between tenants, not between a tenant's VMs.
     */
    private static void assertAtIdeal(RunResult r, int[]... together) {
        String[] names = r.scenario().vms().stream().map(v -> v.name()).toArray(String[]::new);
        boolean[] grouped = new boolean[names.length];
        for (int[] g : together) {
            double good = 0;
            double ideal = 0;
            StringBuilder label = new StringBuilder();
            for (int v : g) {
                grouped[v] = true;
                good += r.vmGoodputBps()[v];
                ideal += r.vmIdealBps()[v];
                label.append(names[v]).append(' ');
            }
            assertThat(good / ideal).as(label + "goodput / ideal").isCloseTo(1.0, within(TOLERANCE));
        }
        for (int v = 0; v < names.length; v++) {
            if (grouped[v]) {
                continue;
            }
            if (r.vmIdealBps()[v] == 0) {
                assertThat(r.vmGoodputBps()[v]).as(names[v]).isZero();
            } else {
                assertThat(r.vmGoodputBps()[v] / r.vmIdealBps()[v]).as(names[v] + " goodput / ideal")
                        .isCloseTo(1.0, within(TOLERANCE));
            }
        }
    }

    private static final String TREE = """
            topology: {builder: tree, racks: 2, hostsPerRack: 4, rateGbps: 1, coreRateGbps: 1, delayUs: 5, hostTiming: {}}
            tenants:
              A: {weight: %s, vms: {a0: {host: h0, traffic: [{type: udp, to: ar0, pattern: poisson}]}, ar0: {host: h4},
                  a1: {host: h1, traffic: [{type: udp, to: ar1, pattern: poisson}]}, ar1: {host: h2}}}
              B: {vms: {b0: {host: h3, traffic: [{type: udp, to: br0, pattern: poisson}]}, br0: {host: h5}}}
            scheme: drr
            durationS: 0.5
            warmupS: 0.1
            """;

    /**
     * Tree, one ToR uplink: a0 and b0 cross it, a1 sends inside rack 0. The uplink is split by a0's and b0's weights
     * alone: 478.5 each at 1:1, 638.1 and 319.0 with A's VMs at weight 2 (counting a1 gave 638.1/319.0 and
     * 765.7/191.4).
     */
    @ParameterizedTest(name = "tenant A's VMs at weight {0}")
    @CsvSource({"1", "2"})
    void anIntraRackVmDoesNotRaiseItsTenantsShareOfTheUplink(double weightA, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, TREE.formatted(weightA));
        assertThat(r.vmIdealBps()[0]).isCloseTo(LINK_UDP_BPS * weightA / (weightA + 1), within(1e6));
        assertThat(r.vmIdealBps()[4]).isCloseTo(LINK_UDP_BPS / (weightA + 1), within(1e6));
        assertAllAtIdeal(r);
    }

    /**
     * Parking lot of {@code racks} switches (1 to 3 trunks): tenant L's one VM crosses every trunk, tenant S has one
     * VM on each trunk. Each trunk is L's against one VM of S: 478.5 each at 1:1, 638.1 and 319.0 with L at weight 2
     * (counting all of S's VMs on every trunk gave L 1/(n + 1) of each, 319.0 and 239.3 at 1:1 with 2 and 3 trunks).
     */
    @ParameterizedTest(name = "{0} racks, L at weight {1}")
    @CsvSource({"2, 1", "3, 1", "4, 1", "3, 2", "4, 2"})
    void aLongVmAgainstOneShortVmPerTrunk(int racks, double weightL, @TempDir Path dir) throws Exception {
        // hostsPerRack 2: rack k holds h(2k) and h(2k+1). The long VM goes h0 -> h(2 racks - 1); S's k-th VM from
        // h(2k+1) (rack k) to h(2k+2) (rack k+1), so it crosses trunk k alone.
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < racks - 1; k++) {
            s.append(k == 0 ? "" : ", ").append("s").append(k).append(": {host: h").append(2 * k + 1)
                    .append(", traffic: [{type: udp, to: s").append(k).append("r, pattern: poisson}]}, s").append(k)
                    .append("r: {host: h").append(2 * k + 2).append("}");
        }
        String yaml = """
                topology: {builder: parkinglot, racks: %d, hostsPerRack: 2, rateGbps: 1, delayUs: 5, hostTiming: {}}
                tenants:
                  L: {weight: %s, vms: {l: {host: h0, traffic: [{type: udp, to: lr, pattern: poisson}]}, lr: {host: h%d}}}
                  S: {vms: {%s}}
                scheme: drr
                durationS: 0.4
                warmupS: 0.1
                """.formatted(racks, weightL, 2 * racks - 1, s);
        RunResult r = ScenarioRuns.run(dir, yaml);
        assertThat(r.vmIdealBps()[0]).isCloseTo(LINK_UDP_BPS * weightL / (weightL + 1), within(1e6));
        for (int k = 0; k < racks - 1; k++) {
            assertThat(r.vmIdealBps()[2 + 2 * k]).isCloseTo(LINK_UDP_BPS / (weightL + 1), within(1e6));
        }
        assertAllAtIdeal(r);
    }

    /**
     * The same with guest TCP (one bulk flow per VM, 3 racks): L's VM against S's two one-trunk VMs, 470.7 each
     * (counting both of S's VMs on each trunk gave 313.8 against 627.7). Each tenant's one flow per trunk keeps its
     * queue backlogged, so DRR holds it to its quantum; measured within 0.02 %, held to 2 % for the sawtooth's phase
     * at the ends of the 0.6 s measured.
     */
    @Test
    void guestTcpOnTheParkingLotGetsTheSameShares(@TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: parkinglot, racks: 3, hostsPerRack: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
                tenants:
                  L: {vms: {a: {host: h0, traffic: [{type: bulk, to: ar}]}, ar: {host: h5}}}
                  S: {vms: {b1: {host: h1, traffic: [{type: bulk, to: b1r}]}, b1r: {host: h2},
                      b2: {host: h3, traffic: [{type: bulk, to: b2r}]}, b2r: {host: h4}}}
                scheme: drr
                durationS: 1.0
                warmupS: 0.4
                """);
        for (int v : new int[] {0, 2, 4}) {
            assertThat(r.vmIdealBps()[v]).isCloseTo(470.7e6, within(0.1e6));
            assertThat(r.vmGoodputBps()[v] / r.vmIdealBps()[v]).isCloseTo(1.0, within(0.02));
        }
    }

    private static final String MOVES = """
            topology: {builder: tree, racks: 2, hostsPerRack: 5, rateGbps: 1, coreRateGbps: 1, delayUs: 5, hostTiming: {}}
            tenants:
              A: {vms: {a0: {host: h0, traffic: [{type: udp, to: ar0, pattern: poisson}]}, ar0: {host: h5},
                  a1: {host: h1, traffic: [{type: udp, to: ar1, pattern: poisson}]}, ar1: {host: h6},
                  a2: {host: h3, traffic: [{type: udp, to: ar2, pattern: poisson}]}, ar2: {host: h4}}}
              B: {vms: {b0: {host: h2, traffic: [{type: udp, to: br0, pattern: poisson}]}, br0: {host: h7}}}
            timeline:
            %s
            scheme: drr
            durationS: %s
            warmupS: %s
            """;

    /**
     * Tree: a0, a1 (tenant A) and b0 (B) cross the ToR uplink, a2 (A) sends inside rack 0. After a1 stops, the uplink
     * is a0's and b0's: 478.5 each (A's weight of 3, all its senders, gave a0 717.8 and b0 239.3). When a1 starts
     * again it is a0's, a1's and b0's: 319.0 each (counting a2 gave 358.9, 358.9 and 239.3).
     */
    @Test
    void aStoppedVmLeavesTheUplinkWeightsAndCountsAgainWhenItStarts(@TempDir Path dir) throws Exception {
        RunResult stopped = ScenarioRuns.run(dir, MOVES.formatted("  - {atS: 0.2, action: stop, vm: a1}", 0.6, 0.3));
        assertThat(stopped.vmIdealBps()[0]).isCloseTo(LINK_UDP_BPS / 2, within(1e6));
        assertThat(stopped.vmIdealBps()[2]).isZero();
        assertAllAtIdeal(stopped);
        RunResult started = ScenarioRuns.run(dir, MOVES.formatted(
                "  - {atS: 0.2, action: stop, vm: a1}\n  - {atS: 0.4, action: start, vm: a1}", 0.9, 0.5));
        for (int v : new int[] {0, 2, 6}) {
            assertThat(started.vmIdealBps()[v]).isCloseTo(LINK_UDP_BPS / 3, within(1e6));
        }
        assertAtIdeal(started, new int[] {0, 2});
    }

    /**
     * The same tree with a1 joining at 0.2 s: from then the uplink is a0's, a1's and b0's, 319.0 each (counting a2
     * gave b0 239.3).
     */
    @Test
    void aVmThatJoinsLateCountsOnTheUplinkFromThen(@TempDir Path dir) throws Exception {
        String yaml = MOVES.replace("a1: {host: h1, traffic", "a1: {host: h1, active: false, traffic");
        RunResult after = ScenarioRuns.run(dir, yaml.formatted("  - {atS: 0.2, action: join, vm: a1}", 0.6, 0.3));
        assertThat(after.vmIdealBps()[2]).isCloseTo(LINK_UDP_BPS / 3, within(1e6));
        assertAtIdeal(after, new int[] {0, 2});
    }
}
