package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.RunEstimate;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * compare and validate judge --max-events against every scheme compare runs, not the file's scheme: Seawall's
 * per-host timers (two events per host each millisecond) make its estimate larger than tcp's and drr's for the same
 * traffic, and a budget between them must refuse exactly the Seawall run.
 */
class CompareBudgetPerSchemeTest {
    @TempDir
    Path dir;

    private static final String BODY = String.join("\n",
            "topology: {builder: star, hosts: 2, rateGbps: 1, hostTiming: {}}",
            "tenants:",
            "  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 100}]}, b: {host: h1}}}",
            "durationS: 0.05",
            "warmupS: 0.01",
            "sampleIntervalS: 0.01",
            "");

    private Path file(String name, String extra) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, BODY + extra);
        return f;
    }

    private static double events(Path f, String scheme) throws Exception {
        Scenario s = ScenarioLoader.open(f, List.of()).scenario(Map.of());
        return RunEstimate.of(s.withScheme(scheme)).events();
    }

    /** A budget halfway between tcp's (and drr's) estimate and seawall's: seawall alone is over it. */
    private static String budgetBetween(Path f) throws Exception {
        double tcp = events(f, "tcp");
        double seawall = events(f, "seawall");
        assertThat(events(f, "drr")).isEqualTo(tcp);
        assertThat(seawall).as("seawall's timers add events").isGreaterThan(tcp + 2);
        return Long.toString((long) ((tcp + seawall) / 2));
    }

    @Test
    void theFileSchemeOverTheBudgetDoesNotRefuseAComparisonThatDoesNotRunIt() throws Exception {
        Path f = file("sw.yaml", "scheme: seawall\n");
        String budget = budgetBetween(f);
        CliRun r = CliRun.of("compare", f.toString(), "--schemes", "tcp,drr", "--max-events", budget, "--quiet",
                "--no-plots", "--jobs", "1", "--out", dir.resolve("c").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("c").resolve("comparison.csv")).exists();
    }

    @Test
    void aComparedSchemeOverTheBudgetIsRefusedAndNamed() throws Exception {
        Path f = file("tcp.yaml", "scheme: tcp\n");
        String budget = budgetBetween(f);
        CliRun r = CliRun.of("compare", f.toString(), "--schemes", "tcp,seawall", "--max-events", budget, "--quiet",
                "--no-plots", "--jobs", "1", "--out", dir.resolve("c").toString());
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("tcp.yaml: under seawall: the run would take about", "budget of " + budget,
                "--set scheme=S' prints the estimate under S").doesNotContain("under tcp").doesNotContain("Exception");
        assertThat(dir.resolve("c")).doesNotExist();
        // run refuses the same run, so compare and run now agree.
        assertThat(CliRun.of("run", f.toString(), "--scheme", "seawall", "--max-events", budget, "--quiet",
                "--no-plots", "--out", dir.resolve("r").toString()).code()).isEqualTo(2);
    }

    @Test
    void theFileCompareListIsJudgedByCompareAndValidate() throws Exception {
        Path f = file("list.yaml", "scheme: tcp\ncompare: [tcp, seawall]\n");
        String budget = budgetBetween(f);
        CliRun validate = CliRun.of("validate", f.toString(), "--max-events", budget);
        assertThat(validate.code()).as(validate.out()).isEqualTo(2);
        assertThat(validate.err()).contains("list.yaml: under seawall:", "budget of " + budget)
                .doesNotContain("under tcp");
        CliRun compare = CliRun.of("compare", f.toString(), "--max-events", budget, "--quiet", "--no-plots",
                "--out", dir.resolve("c").toString());
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).contains("under seawall:");
        // Without seawall in the list, every scheme is under the budget.
        CliRun ok = CliRun.of("validate", file("ok.yaml", "scheme: tcp\ncompare: [tcp, drr]\n").toString(),
                "--max-events", budget);
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    @Test
    void validateExplainPrintsEachSchemeTheFileRunsOrCompares() throws Exception {
        Path f = file("list.yaml", "scheme: tcp\ncompare: [drr, seawall]\n");
        CliRun r = CliRun.of("validate", "--explain", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("estimate under tcp:", "estimate under drr:", "estimate under seawall:",
                "seawall timers");
        assertThat(r.out().indexOf("seawall timers")).isGreaterThan(r.out().indexOf("estimate under seawall:"));
    }

    @Test
    void twoSchemesOverTheBudgetAreListedEachWithItsEstimate() throws Exception {
        Path f = file("two.yaml", "scheme: tcp\n");
        long tcp = (long) events(f, "tcp");
        CliRun r = CliRun.of("compare", f.toString(), "--schemes", "drr,seawall", "--max-events",
                Long.toString(tcp - 1), "--quiet", "--no-plots", "--out", dir.resolve("c").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2 of 2 schemes exceed the limits", "\n  under drr: ", "\n  under seawall: ");
    }
}
