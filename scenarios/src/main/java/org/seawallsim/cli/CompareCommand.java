package org.seawallsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.CsvText;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.scenario.run.RunResult;
import org.seawallsim.scenario.run.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The same scenario under several schemes: one sub-folder per scheme and comparison.csv. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run a scenario under several schemes; writes <out>/<scheme>/ and <out>/comparison.csv.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario YAML file.")
    Path file;

    @Option(names = "--schemes", split = ",", paramLabel = "S,S,...",
            description = "Schemes to compare (default: the file's 'compare' list, else tcp,seawall).")
    List<String> schemes = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master seed (default: the file's).")
    Long seed;

    @Option(names = "--tie-seed", paramLabel = "N", description = "Run same-instant events in an order drawn from N "
            + "(0: scheduling order; default: the file's tieSeed, 0). Recorded as tie_seed.")
    Long tieSeed;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a parameter (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/<scenario>).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--no-expect", description = "Exit 0 even when an expectation of the file's expect: block fails "
            + "(default: exit 3).")
    boolean noExpect;

    @Option(names = "--no-plots", description = "Result files only: no charts and no report.html.")
    boolean noPlots;

    @Option(names = "--jobs", paramLabel = "N", description = "Schemes run in parallel (default: all cores).")
    Integer jobs;

    @picocli.CommandLine.Mixin
    RunLimits limits = new RunLimits();

    @Option(names = "--json", description = "Print every run's summary (with verdicts, files and report) and the "
            + "comparison as JSON on stdout, and everything meant for people on stderr.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> all = new ArrayList<>(sets);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        if (tieSeed != null) {
            all.add("tieSeed=" + tieSeed);
        }
        ScenarioLoader loader = CliSupport.open(file, all);
        Scenario base = CliSupport.bind(loader);
        // Bound without axis values, a list-valued parameter took its first value: the comparison ran a point the
        // user never chose.
        CliSupport.refuseAxes(file, base, spec.commandLine().getErr());
        if (spec.commandLine().getParseResult().hasMatchedOption("--schemes")) {
            // picocli drops empty items: "--schemes ," or "--schemes ''" would silently mean the defaults.
            if (schemes.isEmpty()) {
                throw new BadInputException("--schemes names no scheme; give one or more of "
                        + String.join(", ", org.seawallsim.scenario.run.Schemes.available()));
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String s : schemes) {
                if (!seen.add(s)) {
                    throw new BadInputException("--schemes names '" + s + "' twice; each scheme runs once into "
                            + "its own folder");
                }
            }
        }
        List<String> list = !schemes.isEmpty() ? schemes : !base.compare().isEmpty() ? base.compare()
                : List.of("tcp", "seawall");
        for (String s : list) {
            CliSupport.checkScheme(s);
        }
        Path dir = CliSupport.followLink(out != null ? out : Path.of("results", base.name()), "--out");
        // Judged, then held until the comparison is written and printed: a second command into it is refused.
        try (FolderLock lock = CliSupport.lockOut(dir, "--out", CliSupport.Results.COMPARISON)) {
            return compareInto(base, list, dir);
        }
    }

    private int compareInto(Scenario base, List<String> list, Path dir) {
        // The tie seed as every run's CSV header records it (when not 0): comparison.csv alone left it out.
        CsvText csv = new CsvText("# scenario: " + base.name() + "\n# seed: " + base.seed()
                + (base.tieSeed() == 0 ? "" : "\n# tie_seed: " + base.tieSeed()) + "\n# version: "
                + ResultsWriter.version() + "\n# units: utilization = fraction; drops = packets\n", "scheme",
                "jain_weighted", "isolation_error", "utilization", "drops", "notes");
        if (jobs != null && jobs < 1) {
            throw new BadInputException("--jobs must be >= 1, got " + jobs);
        }
        int n = Math.min(list.size(), jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
        limits.check(base, list, n);
        List<RunResult> results = new ArrayList<>();
        int failed = 0;
        java.io.UncheckedIOException chartsRefused = null;
        Path staging = null;
        List<Map<String, Object>> summaries = new ArrayList<>();
        // Like run: every scheme's results are written beside the folder and renamed into place together, so an
        // interrupted comparison leaves the folder complete, absent or as an earlier one left it.
        try (ResultFolder folder = new ResultFolder(dir, System.err)) {
            // Runs are independent and deterministic; they are printed and tabulated in the order given.
            ProgressBar bar = ProgressBar.forStderr(quiet,
                    java.util.Collections.nCopies(list.size(), base.durationS()));
            List<Callable<RunResult>> tasks = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Scenario sc = base.withScheme(list.get(i));
                int index = i;
                // A trace: section records each scheme's run into its own folder.
                Path sub = folder.staging().resolve(list.get(i));
                tasks.add(() -> CliSupport.run(sc, bar, index, sc.trace(), sub));
            }
            try {
                // A failing scheme stops the others before the staging folder they write into is deleted.
                results.addAll(Sweep.runAll(Executors.newFixedThreadPool(Math.max(1, n)), tasks));
            } finally {
                bar.done();
            }
            for (int i = 0; i < list.size(); i++) {
                String s = list.get(i);
                Path sub = folder.staging().resolve(s);
                Map<String, Object> summary;
                try {
                    summary = ResultsWriter.write(results.get(i), sub);
                } catch (java.io.UncheckedIOException e) {
                    throw folder.inFolderTerms(e);
                }
                summaries.add(summary);
                failed += CliSupport.failedExpectations(summary, results.get(i).scenario());
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) summary.get("metrics");
                // How many notes the run has (summary.json's notes): tcp's isolation_error 0.997 read as a
                // measured split with no sign of the lock-out its run noted.
                csv.row(s, m.get("jain_weighted"), m.get("isolation_error"), m.get("utilization"), m.get("drops"),
                        ResultsWriter.notes(ResultsWriter.JSON.valueToTree(summary)).size());
            }
            ResultsWriter.writeAtomically(folder.staging().resolve("comparison.csv"), csv.toString());
            if (!noPlots) {
                chartsRefused = CliSupport.plots(folder.staging(), spec.commandLine().getErr(), true);
                staging = folder.staging().toAbsolutePath().normalize();
            }
            folder.commit();
        }
        PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        List<Object> runs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Path sub = dir.resolve(list.get(i));
            CliSupport.print(human, summaries.get(i), results.get(i).scenario(), sub);
            runs.add(CliSupport.jsonSummary(summaries.get(i), results.get(i).scenario(), sub));
        }
        human.println("comparison: " + dir.resolve("comparison.csv"));
        Path report = CliSupport.report(dir);
        if (report != null) {
            human.println("report: " + report + " (open in a browser)");
        }
        human.flush();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("scenario", base.name());
            doc.put("scenario_file", base.file().toString());
            doc.put("seed", base.seed());
            doc.put("tie_seed", base.tieSeed());
            doc.put("version", ResultsWriter.version());
            doc.put("schemes", list);
            doc.put("results_dir", dir.toString());
            doc.put("comparison_csv", dir.resolve("comparison.csv").toString());
            doc.put("report", report != null ? report.toString() : null);
            doc.put("runs", runs);
            CliSupport.printJson(spec.commandLine().getOut(), doc);
        }
        int exit = CliSupport.expectationExit(failed, noExpect, spec.commandLine().getErr());
        if (chartsRefused != null) {
            throw CliSupport.chartsRefused(chartsRefused, staging, dir, false);
        }
        return exit;
    }
}
