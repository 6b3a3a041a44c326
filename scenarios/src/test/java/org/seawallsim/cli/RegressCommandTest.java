package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.seawallsim.scenario.run.Schemes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regress} end to end on the real regression set, with goldens recorded into a temporary file first (so the
 * test does not depend on the committed goldens being current): unchanged code passes, a deliberately broken
 * isolation scheme fails and is named, a fingerprint change alone does not fail.
 */
class RegressCommandTest {
    static final Path SUITE = Path.of("regression", "regression.yaml");

    @TempDir
    Path dir;

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    private CliRun regress(String only, String... more) {
        List<String> a = new ArrayList<>(List.of("regress", "--suite", SUITE.toString(), "--goldens",
                dir.resolve("goldens.json").toString(), "--out", dir.resolve("out").toString(), "--quiet", "--only",
                only));
        a.addAll(List.of(more));
        return cli(a.toArray(String[]::new));
    }

    /**
     * The break: every tenant in one DRR queue per port (queuesPerPort=1) removes DRR's weighted isolation.
     * R-weighted-floods (weights 1 : 3 under DRR, rate limiting and QCN) must catch it on its DRR run only, and name
     * that run; its rate-limit and QCN runs do not read DRR parameters and must stay OK.
     */
    @Test
    void deliberatelyBrokenSchemeFailsAndIsNamed() throws Exception {
        CliRun up = regress("R-weighted-floods", "--update");
        assertThat(up.code()).as(up.out() + up.err()).isZero();
        assertThat(Files.readString(dir.resolve("goldens.json"))).contains("R-weighted-floods/drr");

        // Determinism: the goldens were recorded with all cores; one job must reproduce them exactly.
        CliRun same = regress("R-weighted-floods", "--jobs", "1");
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("no regressions").doesNotContain("FAIL").doesNotContain("FINGERPRINT");

        CliRun broken = regress("R-weighted-floods", "--set", "schemeParams.drr.queuesPerPort=1");
        assertThat(broken.code()).as(broken.out() + broken.err()).isEqualTo(RegressCommand.EXIT_REGRESSION);
        String summary = broken.out().lines().filter(l -> l.startsWith("REGRESSIONS")).findFirst().orElseThrow();
        assertThat(summary).contains("R-weighted-floods/drr").contains("share:tenant:heavy")
                .doesNotContain("ratelimit").doesNotContain("qcn");
        // Regressions first: the table's first data row and the CSV's first row are failures.
        assertThat(broken.out().lines().skip(1).findFirst().orElseThrow()).contains("FAIL");
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve("regress.csv"));
        String firstRow = csv.stream().filter(l -> !l.startsWith("#")).skip(1).findFirst().orElseThrow();
        assertThat(firstRow).startsWith("R-weighted-floods,drr,").contains(",FAIL,");
        // The note gives the direction (tolerances are two-sided): one queue for all takes the heavy tenant's share.
        assertThat(csv).anyMatch(l -> l.startsWith("R-weighted-floods,drr,share:tenant:heavy,")
                && l.contains("outside tolerance, below the golden"));
        // The chart is embedded (the report stays whole when copied), and still written beside it.
        assertThat(Files.readString(dir.resolve("out").resolve("report.html"))).contains("FAIL")
                .contains("data-file=\"regress-R-weighted-floods.png\" src=\"data:image/png;base64,iVBOR");
        assertThat(dir.resolve("out").resolve("regress-R-weighted-floods.png")).isNotEmptyFile();
        // The last line says what to do next (it said nothing: probe session 20), with the real run folder.
        List<String> lines = broken.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("next: if this change is intended, run `./seawall-sim "
                + "regress --update` and commit goldens.json with it (README \"Changing the Seawall controller\"); "
                + "otherwise inspect ").contains(dir.resolve("out").resolve("runs").resolve("R-weighted-floods")
                        .resolve("drr").toString());
        assertThat(dir.resolve("out").resolve("runs").resolve("R-weighted-floods").resolve("drr")
                .resolve("summary.json")).isNotEmptyFile();
    }

    /**
     * A goldens file that lost a metric or a whole run (a bad merge, a hand edit) checked nothing for them and said
     * "no regressions" with exit 0, even with all 41 runs NEW (probe session 20): now NEW fails outside --update,
     * naming what has no golden and how to record it, and --update --only records it.
     */
    @Test
    void runsOrMetricsWithoutGoldensAreUncheckedAndFail() throws Exception {
        assertThat(regress("R-weighted-floods/qcn", "--update").code()).isZero();
        Path g = dir.resolve("goldens.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(g.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.findParent("utilization")).remove("utilization");
        json.writeValue(g.toFile(), root);
        CliRun lost = regress("R-weighted-floods/qcn");
        assertThat(lost.code()).as(lost.out()).isEqualTo(RegressCommand.EXIT_REGRESSION);
        List<String> lines = lost.out().lines().toList();
        assertThat(lost.out()).doesNotContain("no regressions").doesNotContain("REGRESSIONS");
        assertThat(lines.get(lines.size() - 1)).startsWith("UNCHECKED (NEW, no golden value) in 1 run(s): "
                + "R-weighted-floods/qcn (utilization); ").contains("`./seawall-sim regress --update --only <run>`");

        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("runs")).removeAll();
        json.writeValue(g.toFile(), root);
        CliRun none = regress("R-weighted-floods/qcn");
        assertThat(none.code()).as(none.out()).isEqualTo(RegressCommand.EXIT_REGRESSION);
        assertThat(none.out()).doesNotContain("no regressions")
                .contains("UNCHECKED (NEW, no golden value) in 1 run(s): R-weighted-floods/qcn (no golden for the run)");

        assertThat(regress("R-weighted-floods/qcn", "--update").code()).isZero();
        CliRun again = regress("R-weighted-floods/qcn");
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("no regressions").doesNotContain("UNCHECKED");
    }

    /**
     * Goldens the suite no longer checks (a metric dropped from regression.yaml, a renamed run) were ignored without
     * a word (second probe, session 20): a warning names them, without failing.
     */
    @Test
    void goldensTheSuiteDoesNotCheckAreNamed() throws Exception {
        assertThat(regress("R-weighted-floods/qcn", "--update").code()).isZero();
        Path g = dir.resolve("goldens.json");
        String text = Files.readString(g);
        Files.writeString(g, text.replaceFirst("\"utilization\" : ", "\"share:vm:zz\" : 0.5, \"utilization\" : "));
        CliRun o = regress("R-weighted-floods/qcn");
        assertThat(o.code()).as(o.out()).isZero();
        assertThat(o.out()).contains("warning: " + g + " has values this suite does not check",
                "R-weighted-floods/qcn (share:vm:zz)").contains("no regressions");
        Files.writeString(g, text);
        assertThat(regress("R-weighted-floods/qcn").out()).doesNotContain("warning:");
    }

    /** A malformed golden value is bad input (exit 2) naming the file, the run and the field, without a trace. */
    @Test
    void aMalformedGoldenValueIsBadInput() throws Exception {
        assertThat(regress("R-weighted-floods/qcn", "--update").code()).isZero();
        Path g = dir.resolve("goldens.json");
        String text = Files.readString(g);
        Files.writeString(g, text.replaceFirst("\"utilization\" : [0-9.eE-]+", "\"utilization\" : true"));
        CliRun o = regress("R-weighted-floods/qcn");
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(o.err()).contains(g.toString(), "run 'R-weighted-floods/qcn'", "metric 'utilization'",
                "expected a finite number", "got a boolean true").doesNotContain("Exception").doesNotContain("\tat ");
    }

    /**
     * The Seawall controller broken on purpose: weight split "none" gives every tunnel the VM's full weight, so a VM's
     * share grows with its number of destinations. E3 (one VM to 4 destinations against one to 1) and E6 (shuffles of
     * 10x10 against 2x2) must catch it on their Seawall runs; E1 (one destination per VM) must not, because
     * with a single tunnel the split does not matter. Runs only once this build wires the Seawall scheme in and
     * exposes its weight-split parameter (the name is looked up, so a rename does not silently skip a check).
     */
    @Test
    void seawallWithoutWeightSplitIsCaughtByTheManyDestinationExperiments() {
        Map<String, String> params = Schemes.PARAMS.getOrDefault("seawall", Map.of());
        Assumptions.assumeTrue(Schemes.available().contains("seawall"), "Seawall scheme not wired in yet");
        String split = params.keySet().stream().filter(k -> k.toLowerCase(Locale.ROOT).contains("split")).findFirst()
                .orElseThrow(() -> new AssertionError("seawall has no weight-split parameter: " + params.keySet()));
        String only = "E1*/seawall,E3*/seawall,E6*/seawall";
        CliRun up = regress(only, "--update");
        assertThat(up.code()).as(up.out() + up.err()).isZero();
        CliRun broken = regress(only, "--set", "schemeParams.seawall." + split + "=none");
        assertThat(broken.code()).as(broken.out() + broken.err()).isEqualTo(RegressCommand.EXIT_REGRESSION);
        assertThat(broken.out()).doesNotContain("ERROR");
        String summary = broken.out().lines().filter(l -> l.startsWith("REGRESSIONS")).findFirst().orElseThrow();
        assertThat(summary).contains("E3-many-destinations/seawall").contains("E6-shuffle/seawall")
                .doesNotContain("E1-udp-flood");
    }

    /**
     * --update accepts whatever the code does; a value that moved beyond its tolerance is marked in its list, so a
     * regression accepted by mistake stands out (alpha at 7 Mb/s rewrote E1's share and convergence unmarked).
     */
    @Test
    void updateMarksTheValuesThatMovedBeyondTheirTolerance() throws Exception {
        assertThat(regress("R-weighted-floods/drr", "--update").code()).isZero();
        Path g = dir.resolve("goldens.json");
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(g.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode metrics = (com.fasterxml.jackson.databind.node.ObjectNode)
                root.findParent("share:tenant:heavy");
        double share = metrics.get("share:tenant:heavy").asDouble();
        double util = metrics.get("utilization").asDouble();
        metrics.put("share:tenant:heavy", share - 0.1); // beyond its 0.03
        metrics.put("utilization", util - 0.001); // within its 0.02
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(g.toFile(), root);
        CliRun up = regress("R-weighted-floods/drr", "--update");
        assertThat(up.code()).as(up.out() + up.err()).isZero();
        String shareLine = up.out().lines().filter(l -> l.contains("share:tenant:heavy")).findFirst().orElseThrow();
        assertThat(shareLine).contains("beyond its tolerance");
        String utilLine = up.out().lines().filter(l -> l.contains("utilization")).findFirst().orElseThrow();
        assertThat(utilLine).doesNotContain("beyond");
    }

    @Test
    void fingerprintChangeIsReportedButDoesNotFail() throws Exception {
        assertThat(regress("R-weighted-floods/qcn", "--update").code()).isZero();
        Path g = dir.resolve("goldens.json");
        String text = Files.readString(g);
        String fp = text.replaceAll("(?s).*\"fingerprint\" : \"([0-9a-f]+)\".*", "$1");
        Files.writeString(g, text.replace(fp, "0000000000000000"));
        CliRun o = regress("R-weighted-floods/qcn");
        assertThat(o.code()).as(o.out()).isZero();
        assertThat(o.out()).contains("FINGERPRINT-CHANGED").contains("no regressions");
    }

    @Test
    void badInputIsRejected() {
        // The suite's own goldens (beside it), so that only the pattern is wrong.
        CliRun none = cli("regress", "--suite", SUITE.toString(), "--out", dir.resolve("o2").toString(), "--quiet",
                "--only", "no-such-entry");
        assertThat(none.code()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(none.err()).contains("no-such-entry");
        // A pattern that selects nothing beside one that does narrowed the run silently; so did empty items after a
        // good pattern (picocli drops them).
        CliRun partial = cli("regress", "--suite", SUITE.toString(), "--out", dir.resolve("o4").toString(),
                "--quiet", "--only", "E1-udp-flood/tcp,nomatchXYZ");
        assertThat(partial.code()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(partial.err()).contains("'nomatchXYZ' selects no run");
        // A --set the suite's files do not take is bad input (exit 2), not a failed run (exit 3).
        CliRun badSet = cli("regress", "--suite", SUITE.toString(), "--out", dir.resolve("o5").toString(),
                "--quiet", "--only", "E1-udp-flood/tcp", "--set", "bogus=2");
        assertThat(badSet.code()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(badSet.err()).contains("--set bogus=2 does not apply to E1-udp-flood", "unknown key 'bogus'");
        // A list in --set makes a sweep axis, which a regression (one run per entry and scheme) cannot take: it ran
        // every entry at the list's first value without a word (topology.bufferBytes=[150000,200000] ran 150000),
        // and a scheme parameter's list, an axis now, would have too.
        for (String list : new String[] {"topology.bufferBytes=[150000,200000]", "schemeParams.seawall.beta=[0.1,0.2]"}) {
            CliRun axis = cli("regress", "--suite", SUITE.toString(), "--out", dir.resolve("o6").toString(),
                    "--quiet", "--only", "E1-udp-flood/seawall", "--set", list);
            assertThat(axis.code()).as(list).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
            assertThat(axis.err()).contains("E1-udp-flood has a sweep axis (" + list.substring(0, list.indexOf('='))
                    + ") with --set " + list + ": regress runs one point per entry and scheme; give one value");
        }
        // An empty pattern selected the whole suite (picocli drops empty items).
        for (String empty : new String[] {"", ",", "E1*,,", ",E1*"}) {
            CliRun all = cli("regress", "--suite", SUITE.toString(), "--out", dir.resolve("o3").toString(), "--quiet",
                    "--only", empty);
            assertThat(all.code()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
            assertThat(all.err()).contains("--only names an empty pattern");
        }
        // A goldens file that does not exist would make every metric NEW and the command pass: refused unless
        // --update is to create it.
        CliRun missing = regress("R-weighted-floods/qcn");
        assertThat(missing.code()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(missing.err()).contains("goldens.json: no such file").contains("--update");
        CliRun o = regress("R-weighted-floods", "--update", "--set", "schemeParams.drr.queuesPerPort=1");
        assertThat(o.code()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("--update");
    }
}
