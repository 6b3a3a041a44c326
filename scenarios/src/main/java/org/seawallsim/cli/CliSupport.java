package org.seawallsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seawallsim.plots.PlotOptions;
import org.seawallsim.plots.Reports;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.Expectations;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.scenario.run.RunResult;
import org.seawallsim.scenario.run.Runner;
import org.seawallsim.scenario.run.UnsupportedFeatureException;

/** What run, compare and sweep share: loading with clean errors, the progress bar, printing, calling plots. */
final class CliSupport {
    private CliSupport() {
    }

    static ScenarioLoader open(Path file, List<String> sets) {
        try {
            return ScenarioLoader.open(file, sets);
        } catch (ScenarioException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static Scenario bind(ScenarioLoader loader) {
        try {
            return loader.scenario(Map.of());
        } catch (ScenarioException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static void checkScheme(String s) {
        if (!org.seawallsim.scenario.model.ScenarioFormat.SCHEMES.contains(s)) {
            throw new BadInputException("unknown scheme '" + s + "'"
                    + org.seawallsim.scenario.model.Binder.didYouMean(s,
                            org.seawallsim.scenario.model.ScenarioFormat.SCHEMES)
                    + "; schemes: " + String.join(", ", org.seawallsim.scenario.model.ScenarioFormat.SCHEMES));
        }
    }

    static RunResult run(Scenario sc, boolean quiet) {
        ProgressBar bar = ProgressBar.forStderr(quiet);
        try {
            return Runner.run(sc, bar);
        } catch (UnsupportedFeatureException e) {
            throw new BadInputException(e.getMessage());
        } finally {
            bar.done();
        }
    }

    static void print(PrintWriter out, Map<String, Object> summary, Scenario sc, Path dir) {
        JsonNode s = ResultsWriter.JSON.valueToTree(summary);
        out.printf(Locale.ROOT, "%s under %s (seed %d): %.1f s simulated, %d events in %.1f s%n", sc.name(),
                sc.scheme(), sc.seed(), sc.durationS(), s.get("engine").get("events").asLong(),
                s.get("engine").get("wall_s").asDouble());
        out.printf(Locale.ROOT, "  %-12s %-12s %6s %14s %14s%n", "vm", "tenant", "weight", "goodput Mb/s", "ideal Mb/s");
        for (JsonNode vm : s.get("vms")) {
            if (vm.get("goodput_bps").asDouble() == 0 && vm.get("ideal_bps").asDouble() == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "  %-12s %-12s %6.2f %14.1f %14.1f%n", vm.get("name").asText(),
                    vm.get("tenant").asText(), vm.get("weight").asDouble(), vm.get("goodput_bps").asDouble() / 1e6,
                    vm.get("ideal_bps").asDouble() / 1e6);
        }
        JsonNode m = s.get("metrics");
        out.printf(Locale.ROOT, "  jain_weighted %.4f  isolation_error %.4f  utilization %.4f  drops %d%n",
                m.get("jain_weighted").asDouble(), m.get("isolation_error").asDouble(),
                m.get("utilization").asDouble(), m.get("drops").asLong());
        for (Expectations.Check c : Expectations.check(sc, s)) {
            out.println("  expect: " + c);
        }
        out.println("  results: " + dir);
    }

    /** How many of the file's expectations that apply to this run failed. */
    static int failedExpectations(Map<String, Object> summary, Scenario sc) {
        int failed = 0;
        for (Expectations.Check c : Expectations.check(sc, ResultsWriter.JSON.valueToTree(summary))) {
            failed += c.ok() ? 0 : 1;
        }
        return failed;
    }

    static int expectationExit(Map<String, Object> summary, Scenario sc, boolean ignore, PrintWriter err) {
        return expectationExit(failedExpectations(summary, sc), ignore, err);
    }

    /** {@link SeawallSim#EXIT_EXPECTATION_FAILED} when expectations failed and are not ignored, else 0. */
    static int expectationExit(int failed, boolean ignore, PrintWriter err) {
        if (failed == 0) {
            return SeawallSim.EXIT_OK;
        }
        err.println((failed == 1 ? "1 expectation" : failed + " expectations") + " failed"
                + (ignore ? " (ignored: --no-expect)" : ": exit code " + SeawallSim.EXIT_EXPECTATION_FAILED
                        + " (--no-expect ignores them)"));
        err.flush();
        return ignore ? SeawallSim.EXIT_OK : SeawallSim.EXIT_EXPECTATION_FAILED;
    }

    /** Charts and report.html from the result files; plotting problems never fail a finished simulation. */
    static void plots(Path dir, PrintWriter err) {
        try {
            Reports.forAny(dir, PlotOptions.defaults());
        } catch (RuntimeException e) {
            err.println("warning: charts not written: " + e.getMessage());
            err.flush();
        }
    }
}
