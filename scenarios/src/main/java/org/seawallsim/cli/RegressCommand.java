package org.seawallsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.regress.Goldens;
import org.seawallsim.scenario.regress.Outcome;
import org.seawallsim.scenario.regress.Regression;
import org.seawallsim.scenario.regress.Report;
import org.seawallsim.scenario.regress.Rows;
import org.seawallsim.scenario.regress.Suite;
import org.seawallsim.scenario.run.ResultsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs the regression set and compares its key metrics with the committed goldens. */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Run the regression set (short versions of the library experiments under the schemes each "
                + "compares, and a few scenarios of its own) on all cores and compare each run's key metrics with the committed golden values, each "
                + "metric with its own tolerance. Prints a table (regressions first) and writes <out>/regress.csv "
                + "and <out>/report.html with golden-vs-now charts; each run's files go to <out>/runs/<entry>/"
                + "<scheme>/.",
                "Exit code 0 when every metric is within tolerance, 3 when a metric is outside its tolerance, a "
                        + "run failed (or a run that has goldens can no longer run) or a run or metric has no golden "
                        + "(NEW: unchecked), 2 for bad input (including a goldens file with a malformed value).",
                "A changed event fingerprint is reported as FINGERPRINT-CHANGED even when the metrics are within "
                        + "tolerance, but does not fail by itself. Runs this build has no model for are "
                        + "UNSUPPORTED (not a failure unless goldens were recorded for them); runs and metrics "
                        + "without goldens are NEW and fail until recorded with --update --only <run>; a failing run "
                        + "ends with what to do next."})
public final class RegressCommand implements Callable<Integer> {
    /** Exit code when a metric regressed or a run failed. */
    public static final int EXIT_REGRESSION = 3;

    private static final Path DEFAULT_SUITE = Path.of("scenarios", "regression", "regression.yaml");

    @Option(names = "--suite", paramLabel = "FILE", description = "Regression set (default: "
            + "scenarios/regression/regression.yaml, in the current folder or else in the checkout the launcher runs "
            + "from).")
    Path suiteFile;

    /**
     * The default suite: relative to the current folder, as before, or else in the checkout this jar was built in
     * (scenarios/target/seawall-sim.jar), so that {@code regress} works from any folder.
     */
    private static Path defaultSuite() {
        if (java.nio.file.Files.exists(DEFAULT_SUITE)) {
            return DEFAULT_SUITE;
        }
        try {
            Path jar = Path.of(RegressCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null || jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().getParent();
            if (root != null && java.nio.file.Files.exists(root.resolve(DEFAULT_SUITE))) {
                return root.resolve(DEFAULT_SUITE);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // No code source to go by: the relative default, whose absence is reported as before.
        }
        return DEFAULT_SUITE;
    }

    @Option(names = "--goldens", paramLabel = "FILE",
            description = "Golden values (default: goldens.json next to the suite file).")
    Path goldensFile;

    @Option(names = "--jobs", paramLabel = "N", description = "Parallel runs (default: all cores).")
    Integer jobs;

    @Option(names = "--only", paramLabel = "PATTERN", split = ",",
            description = "Run a subset: a glob (* ?) on the entry name, the scheme or entry/scheme, or else a "
                    + "case-insensitive substring of entry/scheme; repeatable or comma-separated.")
    List<String> only = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Apply a parameter change to every run, e.g. schemeParams.seawall.split=none or "
                    + "schemeParams.seawall.beta=0.9, to try a controller change without editing files (repeatable; "
                    + "'describe schemes' lists the parameters). Not allowed with --update.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--tie-seed", paramLabel = "N", description = "Run same-instant events in an order drawn from N "
            + "(0: scheduling order; default: the file's tieSeed, 0). Recorded as tie_seed.")
    Long tieSeed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results", "regress");

    @Option(names = "--update", description = "Record this run's values as the new goldens (for the selected runs) "
            + "and print what changed.")
    boolean update;

    @Option(names = "--quiet", description = "No per-run progress lines on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (jobs != null && jobs < 1) {
            throw new BadInputException("--jobs must be >= 1, got " + jobs);
        }
        if (update && !sets.isEmpty()) {
            throw new BadInputException("--update records the goldens of the model as it is; --set changes would be "
                    + "recorded as if they were the defaults. Change the code or scenario instead, then --update");
        }
        if (update && tieSeed != null) {
            throw new BadInputException("--update records the goldens in scheduling order; drop --tie-seed");
        }
        List<String> sets = new ArrayList<>(this.sets);
        if (tieSeed != null) {
            sets.add("tieSeed=" + tieSeed);
        }
        boolean emptyItem = spec.commandLine().getParseResult().hasMatchedOption("--only")
                && spec.commandLine().getParseResult().matchedOption("--only").originalStringValues().stream()
                        .anyMatch(v -> java.util.Arrays.stream(v.split(",", -1)).anyMatch(String::isBlank));
        if (spec.commandLine().getParseResult().hasMatchedOption("--only")
                && (only.isEmpty() || only.stream().anyMatch(String::isBlank) || emptyItem)) {
            // picocli drops empty items: "--only ''" would otherwise select the whole suite, the opposite of a
            // narrowed run.
            throw new BadInputException("--only names an empty pattern; give entry names or globs such as "
                    + "'E8*' or 'R-weighted-floods/drr'");
        }
        if (suiteFile == null) {
            suiteFile = defaultSuite();
        }
        Suite suite;
        try {
            suite = Suite.load(suiteFile);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Path gf = goldensFile != null ? goldensFile : suiteFile.toAbsolutePath().getParent().resolve("goldens.json");
        if (goldensFile != null && !update && !java.nio.file.Files.exists(goldensFile)) {
            // Every metric would be NEW and the command would pass: a mistyped path must not look like success.
            throw new BadInputException("--goldens " + goldensFile + ": no such file (use --update to record new "
                    + "goldens there)");
        }
        // Held to the end: two regressions into one folder (or a plot of it) interleaved their runs and reports.
        out = CliSupport.followLink(out, "--out");
        try (FolderLock lock = CliSupport.lockOut(out, "--out", CliSupport.Results.REGRESSION)) {
            return regress(suite, gf, sets);
        }
    }

    private int regress(Suite suite, Path gf, List<String> sets) {
        Goldens goldens;
        try {
            goldens = Goldens.load(gf);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        var err = spec.commandLine().getErr();
        var outw = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        List<Outcome> outcomes;
        try {
            outcomes = Regression.execute(suite, only, sets, n, out, quiet ? null : err);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (update) {
            return update(suite, goldens, gf, outcomes, wall, n);
        }
        List<Rows.Row> rows = Rows.compare(suite, goldens, outcomes);
        outw.print(Report.table(rows));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Rows.Row r : rows) {
            counts.merge(r.verdict().label(), 1, Integer::sum);
        }
        String header = "# regression of " + suiteFile + " against " + gf + "\n# version: " + ResultsWriter.version()
                + "\n# settings: " + (sets.isEmpty() ? "none" : String.join(" ", sets))
                + "\n# units: shares and utilization = fractions; drops = packets; goodput_mbps = Mbit/s; "
                + "convergence_s = simulated seconds\n";
        ResultsWriter.writeAtomically(out.resolve("regress.csv"), Report.csv(rows, header));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("suite", suiteFile.toString());
        facts.put("goldens", gf.toString());
        facts.put("version", ResultsWriter.version());
        facts.put("settings (--set)", sets.isEmpty() ? "none" : String.join(" ", sets));
        facts.put("subset (--only)", only.isEmpty() ? "all" : String.join(",", only));
        facts.put("runs", runCounts(outcomes));
        facts.put("verdicts", counts.toString());
        facts.put("wall time", String.format(Locale.ROOT, "%.1f s with %s", wall, jobs(n)));
        Path report = null;
        try {
            report = Report.html(rows, outcomes, facts, out);
        } catch (RuntimeException e) {
            err.println("warning: report.html not written: " + e.getMessage());
        }
        Set<String> failing = new LinkedHashSet<>();
        Map<String, List<String>> why = new LinkedHashMap<>();
        for (Rows.Row r : rows) {
            if (r.verdict().failing) {
                String k = Outcome.key(r.entry(), r.scheme());
                failing.add(k);
                why.computeIfAbsent(k, x -> new ArrayList<>()).add(r.metric());
            }
        }
        outw.printf(Locale.ROOT, "regress: %s; verdicts %s; %.1f s with %s%n", runCounts(outcomes), counts, wall,
                jobs(n));
        outw.println("results: " + out.resolve("regress.csv") + (report == null ? "" : ", " + report));
        for (Outcome o : outcomes) {
            if (o.status() == Outcome.Status.ERROR) {
                outw.println("error in " + o.key() + ": " + o.message());
            }
        }
        if (!failing.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (String k : failing) {
                names.add(k + " (" + String.join(", ", why.get(k)) + ")");
            }
            outw.println("REGRESSIONS in " + failing.size() + " run(s): " + String.join("; ", names));
        }
        List<String> unchecked = unchecked(rows);
        if (!unchecked.isEmpty()) {
            // A goldens.json that lost runs or metrics (a bad merge, a hand edit) checked nothing for them and still
            // said "no regressions" with exit 0, even with all 41 runs NEW: CI stayed green while checking nothing.
            outw.println("UNCHECKED (NEW, no golden value) in " + unchecked.size() + " run(s): "
                    + String.join("; ", unchecked) + "; if these runs or metrics are new, record them with "
                    + "`./seawall-sim regress --update --only <run>` and commit goldens.json; if not, " + gf
                    + " lost them (restore it from git)");
        }
        List<String> stale = stale(goldens, rows, outcomes);
        if (!stale.isEmpty()) {
            // Not a failure (nothing the suite checks is wrong), but a golden nobody checks hides a dropped check.
            outw.println("warning: " + gf + " has values this suite does not check (removed from the suite or "
                    + "renamed?): " + String.join("; ", stale) + "; `./seawall-sim regress --update` (the whole "
                    + "suite) drops them");
        }
        if (!failing.isEmpty()) {
            String first = failing.iterator().next();
            outw.println("next: if this change is intended, run `./seawall-sim regress --update` and commit "
                    + "goldens.json with it (README \"Changing the Seawall controller\"); otherwise inspect "
                    + out.resolve("runs").resolve("<entry>").resolve("<scheme>") + " (here "
                    + out.resolve("runs").resolve(first) + ": summary.json, report.html, timeseries-*.csv)");
        }
        if (!failing.isEmpty() || !unchecked.isEmpty()) {
            return EXIT_REGRESSION;
        }
        outw.println("no regressions" + (counts.containsKey("FINGERPRINT-CHANGED")
                ? " (fingerprints changed: the event sequence differs, metrics are within tolerance)" : ""));
        return SeawallSim.EXIT_OK;
    }

    /**
     * Golden runs the suite no longer has (only when it ran whole) and golden metrics of the runs that ran without a
     * row: left by a renamed entry or a metric dropped from regression.yaml, they were ignored without a word.
     */
    private List<String> stale(Goldens goldens, List<Rows.Row> rows, List<Outcome> outcomes) {
        Map<String, Set<String>> checked = new LinkedHashMap<>();
        for (Rows.Row r : rows) {
            checked.computeIfAbsent(Outcome.key(r.entry(), r.scheme()), k -> new LinkedHashSet<>()).add(r.metric());
        }
        List<String> stale = new ArrayList<>();
        Set<String> ran = new LinkedHashSet<>();
        for (Outcome o : outcomes) {
            ran.add(o.key());
            Goldens.Golden g = goldens.get(o.key());
            if (g == null || o.status() == Outcome.Status.ERROR) {
                continue;
            }
            List<String> extra = new ArrayList<>();
            for (String m : g.metrics().keySet()) {
                if (!checked.getOrDefault(o.key(), Set.of()).contains(m)) {
                    extra.add(m);
                }
            }
            if (!extra.isEmpty()) {
                stale.add(o.key() + " (" + String.join(", ", extra) + ")");
            }
        }
        if (only.isEmpty()) {
            for (String k : goldens.runs().keySet()) {
                if (!ran.contains(k)) {
                    stale.add(k + " (the whole run)");
                }
            }
        }
        return stale;
    }

    /**
     * Runs with NEW rows, each with what has no golden: "all metrics" when the run has none (its fingerprint is NEW
     * too), else the metric names.
     */
    private static List<String> unchecked(List<Rows.Row> rows) {
        Map<String, List<String>> metrics = new LinkedHashMap<>();
        Set<String> wholeRun = new LinkedHashSet<>();
        for (Rows.Row r : rows) {
            if (r.verdict() != Rows.Verdict.NEW) {
                continue;
            }
            String k = Outcome.key(r.entry(), r.scheme());
            metrics.computeIfAbsent(k, x -> new ArrayList<>());
            if (r.metric().equals("fingerprint")) {
                wholeRun.add(k);
            } else {
                metrics.get(k).add(r.metric());
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : metrics.entrySet()) {
            out.add(e.getKey() + " (" + (wholeRun.contains(e.getKey()) ? "no golden for the run"
                    : String.join(", ", e.getValue())) + ")");
        }
        return out;
    }

    private static String jobs(int n) {
        return n + (n == 1 ? " job" : " jobs");
    }

    private int update(Suite suite, Goldens goldens, Path gf, List<Outcome> outcomes, double wall, int n) {
        var outw = spec.commandLine().getOut();
        Map<String, Goldens.Golden> next = new LinkedHashMap<>();
        boolean errors = false;
        List<String> changes = new ArrayList<>();
        Map<String, Outcome> byKey = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            byKey.put(o.key(), o);
        }
        // Rebuild in suite order; keep goldens of runs not selected now, drop those no longer in the suite.
        for (Suite.Entry e : suite.entries()) {
            for (String s : e.schemes()) {
                String k = Outcome.key(e.name(), s);
                Goldens.Golden old = goldens.get(k);
                Outcome o = byKey.get(k);
                if (o == null || o.status() == Outcome.Status.ERROR) {
                    if (o != null) {
                        errors = true;
                        changes.add(k + ": run failed, golden kept: " + o.message());
                    }
                    if (old != null) {
                        next.put(k, old);
                    }
                    continue;
                }
                Goldens.Golden g = Goldens.of(o);
                next.put(k, g);
                describe(k, old, g, changes, metric -> suite.tolerance(e, metric));
            }
        }
        if (only.isEmpty()) {
            for (String k : goldens.runs().keySet()) {
                if (!next.containsKey(k)) {
                    changes.add(k + ": removed (no longer in the suite)");
                }
            }
        } else {
            for (Map.Entry<String, Goldens.Golden> e : goldens.runs().entrySet()) {
                next.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        new Goldens(next).save(gf, "Golden values of `seawall-sim regress`, written by `regress --update` "
                + "(version " + ResultsWriter.version() + "); do not edit by hand. Tolerances are in "
                + suiteFile.getFileName() + ".");
        for (String c : changes) {
            outw.println(c);
        }
        outw.printf(Locale.ROOT, "regress --update: %s; %d change(s) written to %s; %.1f s with %s%n",
                runCounts(outcomes), changes.size(), gf, wall, jobs(n));
        return errors ? EXIT_REGRESSION : SeawallSim.EXIT_OK;
    }

    /**
     * What --update changes for run {@code k}. A value that moved beyond its tolerance is marked, since --update
     * accepts it like any other: alpha at 7 Mb/s rewrote E1's share 0.479 -> 0.425 and convergence 0.1 -> 1.8 s among
     * 40 changes with nothing to tell them from the rest.
     */
    private static void describe(String k, Goldens.Golden old, Goldens.Golden g, List<String> changes,
            java.util.function.Function<String, org.seawallsim.scenario.regress.Tolerance> tolerance) {
        if (old == null) {
            changes.add(k + ": new (" + g.status() + ")");
            return;
        }
        if (!old.status().equals(g.status())) {
            changes.add(k + ": " + old.status() + " -> " + g.status());
            if (!g.ok()) {
                return;
            }
        }
        if (!g.ok()) {
            return;
        }
        if (old.ok() && !old.fingerprint().equals(g.fingerprint())) {
            changes.add(k + ": fingerprint " + old.fingerprint() + " -> " + g.fingerprint());
        }
        for (Map.Entry<String, Double> m : g.metrics().entrySet()) {
            Double was = old.metrics().get(m.getKey());
            if (was == null) {
                changes.add(k + ": " + m.getKey() + " new = " + m.getValue());
            } else if (Double.compare(was, m.getValue()) != 0) {
                boolean beyond = !tolerance.apply(m.getKey()).within(was, m.getValue());
                changes.add(String.format(Locale.ROOT, "%s: %s %s -> %s%s", k, m.getKey(), was, m.getValue(),
                        beyond ? "  (beyond its tolerance " + tolerance.apply(m.getKey()) + ")" : ""));
            }
        }
        for (String m : old.metrics().keySet()) {
            if (!g.metrics().containsKey(m)) {
                changes.add(k + ": " + m + " no longer tracked");
            }
        }
    }

    private static String runCounts(List<Outcome> outcomes) {
        int ok = 0;
        int uns = 0;
        int err = 0;
        for (Outcome o : outcomes) {
            switch (o.status()) {
                case OK -> ok++;
                case UNSUPPORTED -> uns++;
                default -> err++;
            }
        }
        return outcomes.size() + " runs (" + ok + " ran, " + uns + " unsupported in this build, " + err + " failed)";
    }
}
