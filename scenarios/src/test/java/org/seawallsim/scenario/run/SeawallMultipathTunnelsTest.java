package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.scenario.model.Scenario;

/**
 * Tunnels whose guest flows ECMP spreads over paths with different queues: a leaf-spine whose two 1 Gb/s spine
 * uplinks are the bottlenecks, four VMs of weights 1, 2, 3, 1 with 1, 4, 8, 2 guest flows, each to its own
 * receiver on the other leaf, so some tunnels have flows on both spines and the loaded spine's 60 KB queue puts
 * their packets on it up to 0.5 ms behind the others.
 *
 * <p>Before the receiver judged losses per path ({@code SequenceTracker}), every packet on the slower path was
 * declared lost and then counted late: the destination reported the honest source for invalid stamps and filtered
 * it (seed 1: v2 and v3 at 0 goodput from 0.03 and 0.25 s, under every feedback mode).
 *
 * <p>The reference here is the weighted max-min allocation in which each VM's traffic takes the paths in
 * proportion to its flows on them: a tunnel has one rate limit, its guest flows share it about equally, and the
 * ECMP hash, not Seawall, decides where they go. The run's own oracle lets a VM move weight to its uncongested path
 * (as separate tunnels to separate destinations can), which one tunnel cannot: against it the multipath VMs get
 * 0.59-0.93 (measured, seeds 1-3), against this reference 0.950-1.077. The reference is a floor, not a target: a
 * VM whose flows on an idle path run faster than its flows on the loaded one (shorter queue, shorter RTT) takes
 * capacity nobody else can use (seed 1: v2, 3 of its 4 flows on the spine that is not full, at 1.077 while the
 * others on the full spine get 1.003-1.026). So every VM must get at least 94 % of it: 2-3 points of utilization
 * (the reference fills the uplinks to TCP's 949 Mb/s goodput; Seawall keeps them 97-98 % busy) plus the spread of
 * guest flows inside one tunnel; and at most 115 %, far from a VM taking another's share.
 */
class SeawallMultipathTunnelsTest {
    static final double TOLERANCE = 0.06;
    static final double LINK_GOODPUT_BPS = 949e6;

    @TempDir
    Path dir;

    static String leafSpine(int seed, String feedback) {
        int[] weights = {1, 2, 3, 1};
        int[] flows = {1, 4, 8, 2};
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < weights.length; i++) {
            t.append(String.format("  t%d: {weight: %d, vms: {v%d: {host: h%d, traffic: [{type: bulk, to: r%d, "
                    + "flows: %d}]}, r%d: {host: h%d}}}%n", i + 1, weights[i], i + 1, i, i + 1, flows[i], i + 1,
                    i + 4));
        }
        return String.format("description: \"leaf-spine, two congested spine uplinks, multipath tunnels, seed %d\"%n"
                + "topology: {builder: leafspine, leaves: 2, spines: 2, hostsPerRack: 4, rateGbps: 1, "
                + "coreRateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}%n"
                + "tenants:%n%s"
                + "schemeParams: {seawall: {feedback: %s}}%n"
                + "scheme: seawall%ndurationS: 4%nwarmupS: 1%nseed: %d%n", seed, t, feedback, seed);
    }

    @ParameterizedTest(name = "seed {0}, feedback {1}")
    @CsvSource({"1, ecn-bottleneck", "2, ecn-bottleneck", "3, ecn-bottleneck", "1, ecn", "1, loss"})
    void noHonestSourceIsAccusedAndEveryVmGetsItsFlowSplitShare(int seed, String feedback) throws Exception {
        RunResult r = ScenarioRuns.run(dir, leafSpine(seed, feedback));
        Scenario sc = r.scenario();
        assertThat(r.accusations()).as("accusations").isEmpty();
        boolean multipath = false;
        for (List<RunResult.VmPath> paths : r.vmPaths()) {
            multipath |= paths.size() > 1;
        }
        assertThat(multipath).as("some tunnel spreads over both spines").isTrue();
        double[] reference = flowSplitMaxMin(r);
        StringBuilder sb = new StringBuilder(sc.description() + ", " + feedback + ":");
        for (int v = 0; v < reference.length; v++) {
            if (reference[v] > 0) {
                sb.append(String.format(" %s %.3f (oracle %.3f)", sc.vms().get(v).name(),
                        r.vmGoodputBps()[v] / reference[v], r.vmGoodputBps()[v] / r.vmIdealBps()[v]));
            }
        }
        System.out.println(sb);
        if (!feedback.equals("loss")) {
            for (int v = 0; v < reference.length; v++) {
                if (reference[v] > 0) {
                    assertThat(r.vmGoodputBps()[v] / reference[v]).as(sc.vms().get(v).name())
                            .isBetween(1 - TOLERANCE, 1.15);
                }
            }
        } else {
            // Loss-driven: guest TCP sees the spine's drops (README, mechanism 1); only starvation is checked.
            for (int v = 0; v < reference.length; v++) {
                if (reference[v] > 0) {
                    assertThat(r.vmGoodputBps()[v] / reference[v]).as(sc.vms().get(v).name()).isGreaterThan(0.5);
                }
            }
        }
    }

    /**
     * Weighted max-min by progressive filling where VM v's rate R_v crosses each link in proportion to its flows on
     * the paths through it; every link carries {@link #LINK_GOODPUT_BPS}.
     */
    static double[] flowSplitMaxMin(RunResult r) {
        int n = r.vmPaths().size();
        List<Map<String, Double>> fraction = new ArrayList<>();
        Set<String> links = new HashSet<>();
        double[] weight = new double[n];
        for (int v = 0; v < n; v++) {
            Map<String, Double> frac = new HashMap<>();
            int total = r.vmPaths().get(v).stream().mapToInt(RunResult.VmPath::flows).sum();
            for (RunResult.VmPath p : r.vmPaths().get(v)) {
                for (String l : p.links()) {
                    frac.merge(l, (double) p.flows() / total, Double::sum);
                }
            }
            fraction.add(frac);
            links.addAll(frac.keySet());
            weight[v] = r.scenario().vms().get(v).weight();
        }
        double[] rate = new double[n];
        boolean[] frozen = new boolean[n];
        for (int v = 0; v < n; v++) {
            frozen[v] = fraction.get(v).isEmpty();
        }
        while (true) {
            double step = Double.POSITIVE_INFINITY;
            for (String l : links) {
                double load = 0;
                double growth = 0;
                for (int v = 0; v < n; v++) {
                    double x = fraction.get(v).getOrDefault(l, 0.0);
                    load += rate[v] * x;
                    growth += frozen[v] ? 0 : weight[v] * x;
                }
                if (growth > 0) {
                    step = Math.min(step, (LINK_GOODPUT_BPS - load) / growth);
                }
            }
            if (step == Double.POSITIVE_INFINITY) {
                return rate;
            }
            for (int v = 0; v < n; v++) {
                rate[v] += frozen[v] ? 0 : weight[v] * step;
            }
            for (String l : links) {
                double load = 0;
                for (int v = 0; v < n; v++) {
                    load += rate[v] * fraction.get(v).getOrDefault(l, 0.0);
                }
                if (load >= LINK_GOODPUT_BPS * (1 - 1e-9)) {
                    for (int v = 0; v < n; v++) {
                        frozen[v] |= fraction.get(v).containsKey(l);
                    }
                }
            }
        }
    }
}
