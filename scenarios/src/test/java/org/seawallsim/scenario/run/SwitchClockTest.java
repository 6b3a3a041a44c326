package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.scenario.model.Scenario;

/**
 * {@code hostTiming.switchClockPpm}: switch ports with clock offsets, so that line-rate streams a saturated switch
 * port re-serialises do not keep one phase against the next full drop-tail port for the whole run.
 */
class SwitchClockTest {
    @TempDir
    Path dir;

    /**
     * Four NIC-rate Poisson UDP VMs in pod 0 of a k = 4 fat-tree send to one host in pod 1: their streams merge in
     * pairs at saturated switch ports, and two streams back to back at exactly 1 Gb/s meet at the last port.
     */
    private static final String FAT_TREE_FLOODS = """
            topology: {builder: fattree, k: 4, rateGbps: 1, delayUs: 5, bufferBytes: 150000,
                       hostTiming: {switchClockPpm: %s}}
            tenants:
              A: {vms: {a: {count: 4, host: [h0, h1, h2, h3], traffic: [{type: udp, to: ra, pattern: poisson}]},
                        ra: {host: h4}}}
            scheme: tcp
            seed: %d
            durationS: 1
            warmupS: 0.3
            """;

    private double[] goodputsOfA(RunResult r) {
        double[] g = new double[4];
        for (int i = 0; i < 4; i++) {
            g[i] = r.vmGoodputBps()[r.scenario().vm("a" + i).id()];
        }
        return g;
    }

    /** UDP payload of the receiver's 1 Gb/s link: 1472 of every 1538 wire bytes. */
    private static final double LINK_GOODPUT_BPS = 1e9 * 1472 / 1538;

    /** VMs, over seeds 1-6, that got under 1 % of their equal share: locked out of the last port's slots. */
    private int lockedOut(double ppm) throws Exception {
        int locked = 0;
        for (int seed = 1; seed <= 6; seed++) {
            double[] g = goodputsOfA(ScenarioRuns.run(dir, FAT_TREE_FLOODS.formatted(ppm, seed)));
            double sum = 0;
            for (double v : g) {
                locked += v < 0.01 * LINK_GOODPUT_BPS / 4 ? 1 : 0;
                sum += v;
            }
            // Whoever wins, the receiver's link stays full: within 0.2 % of its payload rate (its port's clock
            // may run 100 ppm slow, and a sample's worth of frames sits at the edges of the interval).
            assertThat(sum).isCloseTo(LINK_GOODPUT_BPS, within(0.002 * LINK_GOODPUT_BPS));
        }
        return locked;
    }

    /**
     * Two back-to-back 1 Gb/s streams meeting at a full drop-tail port: whichever arrives first after each departure
     * takes the freed slot, and with equal clocks that order never changes. With offsets the phase slips by the two
     * clocks' difference per frame, a whole frame in 1 / (difference) frames; a 0.7-s run is 57 000 frames, so a pair
     * of ports within about 17.5 ppm of each other still keeps one order throughout. With offsets uniform in +-100
     * ppm that is about one pair in six, so over 6 seeds (two merge points each) one or two lock-outs remain
     * (measured: 1 of 24 VMs; with 20 ppm 4; with 1 000 ppm none), against half the VMs without offsets (12 of 24).
     */
    @Test
    void switchClockOffsetsEndMostPhaseLockOuts() throws Exception {
        assertThat(lockedOut(0)).isGreaterThanOrEqualTo(8);
        assertThat(lockedOut(100)).isLessThanOrEqualTo(3);
    }

    @Test
    void everySwitchPortGetsItsOwnOffsetWithinTheBoundAndHostsKeepTheirs() throws Exception {
        Scenario sc = ScenarioRuns.load(dir, FAT_TREE_FLOODS.formatted(100, 5));
        Network with = network(sc);
        Network without = network(ScenarioRuns.load(dir, FAT_TREE_FLOODS.formatted(0, 5)));
        Set<Long> switchRates = new HashSet<>();
        int switchPorts = 0;
        for (int i = 0; i < with.ports().size(); i++) {
            EgressPort p = with.ports().get(i);
            EgressPort q = without.ports().get(i);
            assertThat(p.name()).isEqualTo(q.name());
            if (p.owner() instanceof Switch) {
                assertThat(q.rateBps()).isEqualTo(1_000_000_000L);
                assertThat((double) p.rateBps()).isCloseTo(1e9, within(100e-6 * 1e9 + 1));
                switchRates.add(p.rateBps());
                switchPorts++;
            } else {
                // The NICs' offsets come from their own streams: switch clocks leave them where they were.
                assertThat(p.rateBps()).isEqualTo(q.rateBps());
            }
        }
        // Offsets drawn per port, not one for all (80 ports of 20 switches; equal draws within 1 b/s are rare).
        assertThat(switchPorts).isEqualTo(80);
        assertThat(switchRates).hasSizeGreaterThan(75);
        // The same seed draws the same offsets.
        Network again = network(sc);
        for (int i = 0; i < with.ports().size(); i++) {
            assertThat(again.ports().get(i).rateBps()).isEqualTo(with.ports().get(i).rateBps());
        }
    }

    private static Network network(Scenario sc) {
        IsolationScheme scheme = Schemes.create(sc);
        return NetworkBuilder.topology(new SimContext(sc.seed()), sc.topology(), scheme).network();
    }
}
