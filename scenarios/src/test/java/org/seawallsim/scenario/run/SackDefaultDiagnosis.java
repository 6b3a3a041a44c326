package org.seawallsim.scenario.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * Not a test: every VM's goodput over its weighted max-min ideal for issue 12's E-results and issue 15's classes,
 * seeds 1-3, with every guest TCP flow's SACK forced off (NewReno recovery, the default before SACK was) and on.
 * Prints one line per run. Groups ({@code -Dsack.groups=lib,dyn,shuffle,classes,drr}, default all) keep a
 * re-measurement short. Run: {@code mvn test -pl scenarios -am -Dtest.excludedGroups=none -Dgroups=diagnosis
 * -Dtest=SackDefaultDiagnosis -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("diagnosis")
class SackDefaultDiagnosis {
    @TempDir
    Path dir;

    static final Path LIBRARY = Path.of("library");

    @Test
    void sackOffAgainstOn() throws Exception {
        Set<String> groups = Set.of(System.getProperty("sack.groups", "lib,dyn,shuffle,classes,drr").split(","));
        List<Integer> seeds = new ArrayList<>();
        for (String s : System.getProperty("sack.seeds", "1,2,3").split(",")) {
            seeds.add(Integer.parseInt(s.trim()));
        }
        if (groups.contains("lib")) {
            for (String f : List.of("udp-flood", "many-flows", "many-flows-1g", "many-destinations", "weights")) {
                for (String fb : List.of("loss", "ecn")) {
                    for (int seed : seeds) {
                        for (boolean sack : new boolean[] {false, true}) {
                            Scenario sc = ScenarioLoader.load(LIBRARY.resolve(f + ".yaml"), List.of("scheme=seawall",
                                    "seed=" + seed, "schemeParams.seawall.feedback=" + fb,
                                    "topology.ecnThresholdBytes=60000"));
                            report(f + " " + fb + " seed " + seed, sack, Runner.run(withSack(sc, sack), (t, d, e, w) -> { }));
                        }
                    }
                }
            }
        }
        if (groups.contains("dyn")) {
            for (String fb : List.of("loss", "ecn")) {
                for (int seed : seeds) {
                    for (boolean sack : new boolean[] {false, true}) {
                        Scenario sc = ScenarioLoader.load(LIBRARY.resolve("dynamics.yaml"), List.of("scheme=seawall",
                                "seed=" + seed, "schemeParams.seawall.feedback=" + fb,
                                "topology.ecnThresholdBytes=60000"));
                        RunResult r = Runner.run(withSack(sc, sack), (t, d, e, w) -> { });
                        report("dynamics " + fb + " seed " + seed, sack, r);
                        phases("dynamics " + fb + " seed " + seed, sack, r);
                    }
                }
            }
        }
        if (groups.contains("shuffle")) {
            for (int seed : seeds) {
                for (boolean sack : new boolean[] {false, true}) {
                    Scenario sc = ScenarioLoader.load(LIBRARY.resolve("shuffle-ecn.yaml"), List.of("scheme=seawall",
                            "seed=" + seed, "warmupS=2", "durationS=6"));
                    RunResult r = Runner.run(withSack(sc, sack), (t, d, e, w) -> { });
                    report("shuffle-ecn 2-6s seed " + seed, sack, r);
                    job2("shuffle-ecn 2-6s seed " + seed, sack, r);
                    sc = ScenarioLoader.load(LIBRARY.resolve("shuffle.yaml"), List.of("scheme=seawall",
                            "seed=" + seed, "warmupS=2", "durationS=6"));
                    r = Runner.run(withSack(sc, sack), (t, d, e, w) -> { });
                    report("shuffle-loss 2-6s seed " + seed, sack, r);
                    job2("shuffle-loss 2-6s seed " + seed, sack, r);
                }
            }
        }
        if (groups.contains("classes")) {
            int[][] weights = {{1, 2, 4}, {4, 2, 1}, {3, 1, 2}, {1, 2, 3, 4}};
            int[][] flows = {{16, 4, 1}, {1, 4, 16}, {4, 16, 1}, {1, 2, 8, 16}};
            for (int hops = 2; hops <= 3; hops++) {
                for (int w = 1; w <= 2; w++) {
                    for (int seed : seeds) {
                        String yaml = SeawallAllocationClassesTest.parkingLot(hops, w, seed,
                                SeawallAllocationClassesTest.Hosts.REAL_1GBE);
                        for (boolean sack : new boolean[] {false, true}) {
                            report("parking " + hops + " hops w" + w + " ecn-bottleneck seed " + seed, sack,
                                    run(yaml, sack, "seawall", "ecn-bottleneck"));
                        }
                    }
                }
            }
            for (int i = 0; i < weights.length; i++) {
                for (int seed : seeds) {
                    String yaml = SeawallAllocationClassesTest.singleBottleneck(weights[i], flows[i], seed, 3, 1,
                            SeawallAllocationClassesTest.Hosts.REAL_1GBE);
                    for (boolean sack : new boolean[] {false, true}) {
                        report("one trunk w" + java.util.Arrays.toString(weights[i]) + " f"
                                + java.util.Arrays.toString(flows[i]) + " ecn seed " + seed, sack,
                                run(yaml, sack, "seawall", "ecn"));
                    }
                }
            }
            for (int seed : seeds) {
                for (boolean sack : new boolean[] {false, true}) {
                    report("leaf-spine ecn seed " + seed, sack,
                            run(SeawallAllocationClassesTest.leafSpine(seed), sack, "seawall", "ecn"));
                }
            }
        }
        if (groups.contains("drr")) {
            for (int[] p : new int[][] {{2, 1}, {2, 2}, {3, 1}, {3, 2}}) {
                for (int seed : seeds) {
                    String yaml = SeawallAllocationClassesTest.parkingLot(p[0], p[1], seed,
                            SeawallAllocationClassesTest.Hosts.REAL_1GBE);
                    for (boolean sack : new boolean[] {false, true}) {
                        RunResult d = run(yaml, sack, "drr", "ecn");
                        report("parking " + p[0] + " hops w" + p[1] + " drr seed " + seed, sack, d);
                        RunResult s = run(yaml, sack, "seawall", "ecn");
                        report("parking " + p[0] + " hops w" + p[1] + " ecn seed " + seed, sack, s);
                        double shortMean = 0;
                        for (int i = 1; i <= p[0]; i++) {
                            shortMean += s.vmGoodputBps()[s.scenario().vm("b" + i).id()] / p[0];
                        }
                        System.out.printf(Locale.ROOT, "SACKDIAG parking %d hops w%d ecn seed %d | sack=%b | long/short"
                                + " %.3f (proportional fair %.3f)%n", p[0], p[1], seed, sack,
                                s.vmGoodputBps()[s.scenario().vm("a").id()] / shortMean, p[1] / (double) p[0]);
                    }
                }
            }
        }
    }

    private RunResult run(String yaml, boolean sack, String scheme, String feedback) throws Exception {
        Scenario sc = ScenarioRuns.load(dir, yaml, "scheme=" + scheme, "schemeParams.seawall.feedback=" + feedback);
        return Runner.run(withSack(sc, sack), (t, d, e, w) -> { });
    }

    /** The scenario with every traffic item's SACK set to {@code sack}. */
    static Scenario withSack(Scenario sc, boolean sack) {
        List<Scenario.Vm> vms = new ArrayList<>();
        for (Scenario.Vm v : sc.vms()) {
            List<Scenario.Traffic> tl = new ArrayList<>();
            for (Scenario.Traffic t : v.traffic()) {
                tl.add(new Scenario.Traffic(t.type(), t.to(), t.startS(), t.stopS(), t.variant(), t.flows(),
                        t.rateMbps(), t.packetBytes(), t.onS(), t.offS(), t.exponential(), t.arrivalsPerS(),
                        t.size(), t.sizeBytes(), t.rounds(), t.poisson(), sack, t.ecn()));
            }
            vms.add(new Scenario.Vm(v.id(), v.name(), v.group(), v.tenantId(), v.tenant(), v.host(), v.weight(),
                    v.active(), List.copyOf(tl)));
        }
        return new Scenario(sc.name(), sc.description(), sc.file(), sc.topology(), sc.hostNames(), sc.tenants(),
                List.copyOf(vms), sc.timeline(), sc.scheme(), sc.compare(), sc.schemeParams(), sc.durationS(),
                sc.warmupS(), sc.sampleIntervalS(), sc.seed(), sc.repetitions(), sc.expect(), sc.axes(),
                sc.parameters(), sc.tieSeed(), sc.trace());
    }

    private static void report(String point, boolean sack, RunResult r) {
        StringBuilder sb = new StringBuilder();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int v = 0; v < r.vmIdealBps().length; v++) {
            if (r.vmIdealBps()[v] > 0) {
                double x = r.vmGoodputBps()[v] / r.vmIdealBps()[v];
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                if (r.vmIdealBps().length <= 8) {
                    sb.append(String.format(Locale.ROOT, " %s %.3f", r.scenario().vms().get(v).name(), x));
                }
            }
        }
        long drops = 0;
        for (long d : r.linkDrops()) {
            drops += d;
        }
        System.out.printf(Locale.ROOT, "SACKDIAG %s | sack=%b | %.3f-%.3f |%s | drops %d + %d | accused %d | conv %.2f"
                + "%n", point, sack, lo, hi, sb, drops, r.otherDrops(), r.accusations().size(),
                SeawallAllocationClassesTest.convergenceS(r, 0.15));
    }

    /** E5's phases as LibrarySeedsTest judges them: each VM's goodput over its ideal, summed from 0.3 s after. */
    private static void phases(String point, boolean sack, RunResult r) {
        StringBuilder sb = new StringBuilder();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double[] ph : LibrarySeedsTest.E5_PHASES) {
            double[][] sums = LibrarySeedsTest.phaseSums(r, ph);
            double[] good = sums[0];
            double[] ideal = sums[1];
            int n = good.length;
            sb.append(String.format(Locale.ROOT, " [%.1f-%.0f]", ph[0], ph[1]));
            for (int v = 0; v < n; v++) {
                if (ideal[v] > 0) {
                    double x = good[v] / ideal[v];
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                    sb.append(String.format(Locale.ROOT, " %s %.3f", r.scenario().vms().get(v).name(), x));
                }
            }
        }
        System.out.printf(Locale.ROOT, "SACKDIAG %s phases | sack=%b | %.3f-%.3f |%s%n", point, sack, lo, hi, sb);
    }

    private static void job2(String point, boolean sack, RunResult r) {
        double total = 0;
        double job2 = 0;
        for (int v = 0; v < r.vmIdealBps().length; v++) {
            total += r.vmGoodputBps()[v];
            if (r.scenario().vms().get(v).tenant().equals("job2")) {
                job2 += r.vmGoodputBps()[v];
            }
        }
        System.out.printf(Locale.ROOT, "SACKDIAG %s job2 | sack=%b | share %.4f (ideal 0.1667, %.3f of it)%n", point,
                sack, job2 / total, job2 / total / (2 / 12.0));
    }
}
