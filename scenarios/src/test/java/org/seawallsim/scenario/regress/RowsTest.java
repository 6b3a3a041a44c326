package org.seawallsim.scenario.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts, tolerance bands, ordering, selection and the convergence measure, on hand-made values. */
class RowsTest {
    @TempDir
    Path dir;

    private Suite suite() throws Exception {
        Path lib = dir.resolve("s.yaml");
        Files.writeString(lib, "x: 1\n");
        Path f = dir.resolve("suite.yaml");
        Files.writeString(f, String.join("\n", "tolerances:", "  share: {abs: 0.03}", "  drops: {abs: 10, rel: 0.5}",
                "  jain_weighted: {abs: 0.01}", "entries:",
                "  - {name: a, scenario: s.yaml, schemes: [tcp, seawall], tolerances: {jain_weighted: {abs: 0.1}}}",
                "  - {name: b, scenario: s.yaml, schemes: [drr]}", ""));
        return Suite.load(f);
    }

    private static Outcome ok(String e, String s, String fp, double share, double drops, double jain) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("jain_weighted", jain);
        m.put("drops", drops);
        m.put("share:vm:v", share);
        return new Outcome(e, s, Outcome.Status.OK, "", fp, m, 1, 0);
    }

    @Test
    void toleranceIsTheLargerOfAbsoluteAndRelative() {
        Tolerance t = new Tolerance(10, 0.5);
        assertThat(t.band(4)).isEqualTo(10);
        assertThat(t.band(100)).isEqualTo(50);
        assertThat(t.within(100, 150)).isTrue();
        assertThat(t.within(100, 151)).isFalse();
        assertThatThrownBy(() -> new Tolerance(-1, 0)).hasMessageContaining("abs");
    }

    @Test
    void verdictsAndOrder() throws Exception {
        Suite s = suite();
        Map<String, Goldens.Golden> g = new LinkedHashMap<>();
        g.put("a/tcp", Goldens.of(ok("a", "tcp", "f1", 0.5, 100, 0.9)));
        g.put("a/seawall", Goldens.of(ok("a", "seawall", "f2", 0.5, 100, 0.9)));
        g.put("b/drr", Goldens.of(ok("b", "drr", "f3", 0.5, 100, 0.9)));
        List<Outcome> now = List.of(
                // within every band (jain moves 0.05, inside the entry's own 0.1), fingerprint differs
                ok("a", "tcp", "fX", 0.52, 140, 0.85),
                // share outside by 0.04 > 0.03; drops outside by 60 > 50
                ok("a", "seawall", "f2", 0.46, 160, 0.9),
                // had goldens, cannot run now
                new Outcome("b", "drr", Outcome.Status.UNSUPPORTED, "no model", "", Map.of(), 0, 0));
        List<Rows.Row> rows = Rows.compare(s, new Goldens(g), now);
        assertThat(Rows.failing(rows)).isTrue();
        // Failing rows first (the lost run is the most severe), then the fingerprint change, then OK rows.
        assertThat(rows.get(0).entry() + "/" + rows.get(0).metric()).isEqualTo("b/run");
        assertThat(rows.get(0).verdict()).isEqualTo(Rows.Verdict.FAIL);
        assertThat(rows.get(1).metric()).isEqualTo("share:vm:v"); // 0.04/0.03 = 1.33 band, worse than drops 1.2
        assertThat(rows.get(2).metric()).isEqualTo("drops");
        assertThat(rows.get(3).verdict()).isEqualTo(Rows.Verdict.FINGERPRINT_CHANGED);
        assertThat(rows.subList(4, rows.size())).allMatch(r -> r.verdict() == Rows.Verdict.OK);
        assertThat(rows.get(1).difference()).isEqualTo("-0.04");

        // A fingerprint change alone does not fail.
        List<Rows.Row> onlyFp = Rows.compare(s, new Goldens(g), List.of(now.get(0)));
        assertThat(Rows.failing(onlyFp)).isFalse();
        // No golden: NEW, not failing; unsupported without goldens: UNSUPPORTED, not failing.
        List<Rows.Row> fresh = Rows.compare(s, new Goldens(Map.of()), now);
        assertThat(fresh).noneMatch(r -> r.verdict().failing);
    }

    @Test
    void selection() {
        assertThat(Regression.selected("E1-udp-flood", "seawall", List.of())).isTrue();
        assertThat(Regression.selected("E1-udp-flood", "seawall", List.of("udp"))).isTrue();
        assertThat(Regression.selected("E1-udp-flood", "seawall", List.of("E1*"))).isTrue();
        assertThat(Regression.selected("E1-udp-flood", "tcp", List.of("seawall"))).isFalse();
        assertThat(Regression.selected("E1-udp-flood", "tcp", List.of("E2*", "*/tcp"))).isTrue();
    }

    @Test
    void suiteErrorsAreReportedTogether() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "tolerances: {share: {abs: -1}}\nentries:\n  - {name: x, schemes: [], extra: 1}\n");
        assertThatThrownBy(() -> Suite.load(f)).hasMessageContaining("abs").hasMessageContaining("scenario")
                .hasMessageContaining("schemes").hasMessageContaining("extra: unknown key");
    }

    /**
     * Two phases of 0.1 s samples: ideal 500 (VM a alone) for 5 samples, converged from the 2nd; then a and b at
     * 250 each for 6 samples, b within 15 % only from the 4th sample of that phase. Convergence = 3 intervals.
     */
    @Test
    void convergenceIsTheSlowestPhase() throws Exception {
        StringBuilder sb = new StringBuilder("# units\ntime_s,vm,tenant,goodput_bps,ideal_bps\n");
        double[] a1 = {300, 480, 500, 510, 495};
        for (int i = 0; i < 5; i++) {
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,a,t,%s,500%n", 0.1 * (i + 1), a1[i]));
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,b,t,0,0%n", 0.1 * (i + 1)));
        }
        double[] b2 = {0, 100, 200, 240, 260, 250};
        for (int i = 0; i < 6; i++) {
            double t = 0.6 + 0.1 * i;
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,a,t,250,250%n", t));
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,b,t,%s,250%n", t, b2[i]));
        }
        Path f = dir.resolve("ts.csv");
        Files.writeString(f, sb.toString());
        // Phase 2 starts at 0.5 s; last unconverged sample ends at 0.8 s (b = 200, 20 % off): 0.3 s.
        assertThat(KeyMetrics.convergenceS(f, 0.1)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    }
}
