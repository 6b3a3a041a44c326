package org.seawallsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
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
import org.seawallsim.scenario.trace.TraceSelectionException;
import org.seawallsim.scenario.trace.TraceSpec;

/** What run, compare and sweep share: loading with clean errors, the progress bar, printing, calling plots. */
final class CliSupport {
    private CliSupport() {
    }

    /** Files that mark a folder as seawall-sim's results: a run's, a comparison's, a sweep's, a regression's. */
    private static final List<String> RESULT_MARKERS = List.of("summary.json", "comparison.csv", "sweep.json",
            "runs", "regress.csv");

    /**
     * Checks an output folder before anything runs, since its results replace it (run, compare) or land in it
     * (sweep, regress): it must be a folder that is absent, empty or seawall-sim's own results, not an existing
     * file, another folder with files of its own, or the folder the command runs in (or one above it); and it must be
     * possible to create. Returns it.
     */
    /** The kinds of results folder, by the file that marks each; a folder of one kind is never written as another. */
    enum Results {
        RUN("summary.json", "a run's results"), COMPARISON("comparison.csv", "a comparison"),
        SWEEP("sweep.json", "a sweep"), REGRESSION("regress.csv", "a regression run");

        final String marker;
        final String what;

        Results(String marker, String what) {
            this.marker = marker;
            this.what = what;
        }

        /** The kind a folder's entries mark (the most specific marker wins), or null for none. */
        static Results of(List<String> names) {
            for (Results r : List.of(REGRESSION, SWEEP, COMPARISON, RUN)) {
                if (names.contains(r.marker)) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * The folder a results path names: a symbolic link's target. A run or comparison writes a new folder and renames
     * it into place, which replaced a link given as {@code --out} by a plain folder (its target kept the old results
     * and the link was gone); through its target the link stays and points at the new results.
     */
    static Path followLink(Path out, String option) {
        if (!Files.isSymbolicLink(out)) {
            return out;
        }
        try {
            return out.toRealPath();
        } catch (IOException e) {
            // Follow the chain to say where it ends: the first hop may well exist (a link to a link to nothing).
            List<String> chain = new ArrayList<>();
            Path p = out;
            try {
                while (Files.isSymbolicLink(p) && chain.size() < 40) {
                    Path next = Files.readSymbolicLink(p);
                    p = p.toAbsolutePath().getParent() == null ? next : p.toAbsolutePath().getParent().resolve(next);
                    chain.add(next.toString());
                }
            } catch (IOException | UnsupportedOperationException e2) {
                chain.add("?");
            }
            boolean loop = Files.isSymbolicLink(p);
            throw new BadInputException(option + " " + out + " is a symbolic link to " + String.join(" -> ", chain)
                    + (loop ? ", a loop" : ", which does not exist") + ": " + (loop ? "point it at a folder"
                    : "create that folder") + " or choose another " + option + " (nothing was changed)");
        }
    }

    /** As {@link #checkOut(Path, String, Results)} for a command whose results are of no one kind. */
    static Path checkOut(Path out, String option) {
        return checkOut(out, option, null);
    }

    static Path checkOut(Path out, String option, Results kind) {
        if (out.toString().isBlank()) {
            throw new BadInputException(option + " must name a folder, got an empty path");
        }
        Path abs = out.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (cwd.startsWith(abs)) {
            throw new BadInputException(option + " " + out + " is the folder this command runs in"
                    + (cwd.equals(abs) ? "" : " or one above it") + ", which the results would replace: name a "
                    + "folder of its own (nothing was changed)");
        }
        refusePartOfResults(out, abs, option);
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new BadInputException(option + " " + out + " is an existing file; results go into a folder: "
                    + "choose another " + option + " (nothing was changed)");
        }
        if (Files.isDirectory(abs)) {
            try (Stream<Path> entries = Files.list(abs)) {
                List<String> names = entries.map(e -> e.getFileName().toString()).sorted().toList();
                if (!names.isEmpty() && names.stream().noneMatch(RESULT_MARKERS::contains)) {
                    throw new BadInputException(option + " " + out + " holds " + names.size() + " entr"
                            + (names.size() == 1 ? "y" : "ies") + " (" + String.join(", ",
                            names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "")
                            + ") but no seawall-sim results (" + String.join(", ", RESULT_MARKERS) + "), and the "
                            + "results would replace or mix with them: choose another " + option
                            + " (nothing was changed)");
                }
                Results found = Results.of(names);
                if (kind != null && found != null && found != kind) {
                    // A run's results replace the folder, a sweep or regression adds to it: into another kind's
                    // folder that deleted a 16-run sweep, or mixed a sweep's report and runs into a comparison.
                    throw new BadInputException(option + " " + out + " holds " + found.what + " (" + found.marker
                            + "); this command writes " + kind.what + ", which would replace or mix with it: choose "
                            + "another " + option + " (nothing was changed)");
                }
            } catch (IOException e) {
                throw new BadInputException(option + " " + out + ": cannot read the folder: " + e.getMessage());
            }
            return out;
        }
        Path parent = abs.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Created and removed again: the folder's parent must take new entries (a read-only or virtual file
            // system fails here, before the run rather than after it).
            Path probe = Files.createTempDirectory(parent, "." + abs.getFileName() + ".probe-");
            Files.delete(probe);
        } catch (IOException e) {
            // The file system refused (read-only, full, no permission): exit 4, as for any refused write.
            throw new java.io.UncheckedIOException(option + " " + out + ": cannot create a folder there ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (RuntimeException e) {
            // A path the file system cannot even name (InvalidPathException): the input is at fault.
            throw new BadInputException(option + " " + out + ": cannot create a folder there ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        return out;
    }

    /**
     * Refuses a folder inside another command's results: a comparison's scheme folder, or a run folder under a
     * sweep's or regression's {@code runs/}. Each is written only by its own command, as the comparison or sweep
     * folder itself is: {@code run --scheme drr --out cmp/tcp} made the comparison report drr's goodput under the
     * heading tcp, and {@code run --out sw/runs/r0000} deleted the run's task.json, so resuming the sweep failed.
     */
    private static void refusePartOfResults(Path out, Path abs, String option) {
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try {
            parent = parent.toRealPath(); // through links, as the folder is written
        } catch (IOException e) {
            return; // unreadable: the later checks report it
        }
        if (Files.isRegularFile(parent.resolve(Results.COMPARISON.marker))) {
            throw new BadInputException(option + " " + out + " is inside a comparison (" + parent + " holds "
                    + Results.COMPARISON.marker + "), whose scheme folders only 'compare' writes: results written "
                    + "there would be reported as that comparison's; choose another " + option
                    + " (nothing was changed)");
        }
        Path grand = parent.getParent();
        if (grand != null && parent.getFileName().toString().equals("runs")) {
            for (Results kind : List.of(Results.SWEEP, Results.REGRESSION)) {
                if (Files.isRegularFile(grand.resolve(kind.marker))) {
                    throw new BadInputException(option + " " + out + " is inside " + kind.what + " (" + grand
                            + " holds " + kind.marker + "), whose runs/ folders only '" + (kind == Results.SWEEP
                            ? "sweep" : "regress") + "' writes: results written there would be reported as its "
                            + "own; choose another " + option + " (nothing was changed)");
                }
            }
        }
    }

    /**
     * {@link #checkOut} and an exclusive lock on the folder, held until closed: the command writing into it must hold
     * it from before the folder is judged until its last file is written. Checked again once locked, since another
     * command may have written the folder in between.
     */
    static FolderLock lockOut(Path out, String option, Results kind) {
        checkOut(out, option, kind);
        FolderLock lock = FolderLock.acquire(out, option);
        try {
            checkOut(out, option, kind);
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** "1 axis", "2 axes": "(1 axes, 1 repetitions)" read wrong. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
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

    /**
     * Run and compare take one point: a file with sweep axes is refused rather than run at each axis's first value,
     * and one with {@code repetitions} above 1 is run once, which stderr says (it was ignored without a word).
     */
    static void refuseAxes(Path file, Scenario sc, java.io.PrintWriter err) {
        if (!sc.axes().isEmpty()) {
            List<String> paths = sc.axes().stream().map(a -> a.path()).toList();
            throw new BadInputException(file + " has " + (paths.size() == 1 ? "a sweep axis (" + paths.get(0)
                    : "sweep axes (" + String.join(", ", paths)) + "): use 'seawall-sim sweep', or fix "
                    + (paths.size() == 1 ? "it" : "each axis") + " with --set");
        }
        if (sc.repetitions() > 1) {
            err.println("note: " + file + " asks for " + sc.repetitions() + " repetitions, which 'seawall-sim sweep' "
                    + "runs; this runs one, with seed " + sc.seed());
            err.flush();
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
        return run(sc, quiet, null, null);
    }

    /** As {@link #run(Scenario, boolean)}, recording the packet traces {@code trace} selects into {@code dir}. */
    static RunResult run(Scenario sc, boolean quiet, TraceSpec trace, Path dir) {
        ProgressBar bar = ProgressBar.forStderr(quiet, List.of(sc.durationS()));
        try {
            return run(sc, bar, 0, trace, dir);
        } finally {
            bar.done();
        }
    }

    /** Runs one of several runs that share one progress display ({@code index} is its entry there). */
    static RunResult run(Scenario sc, ProgressBar bar, int index) {
        return run(sc, bar, index, null, null);
    }

    /** As {@link #run(Scenario, ProgressBar, int)}, recording the traces {@code trace} selects into {@code dir}. */
    static RunResult run(Scenario sc, ProgressBar bar, int index, TraceSpec trace, Path dir) {
        try {
            RunResult r = trace == null || trace.links().isEmpty() ? Runner.run(sc, bar.run(index))
                    : Runner.run(sc, bar.run(index), trace, dir);
            bar.finished(index, r.events());
            return r;
        } catch (UnsupportedFeatureException | TraceSelectionException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static void print(PrintWriter out, Map<String, Object> summary, Scenario sc, Path dir) {
        JsonNode s = ResultsWriter.JSON.valueToTree(summary);
        // The duration as given (1.25 s printed as "1.3 s", 0.04 s as "0.0 s"); the wall time is a measurement.
        out.printf(Locale.ROOT, "%s under %s (seed %d): %s s simulated, %d events in %.1f s%n", sc.name(),
                sc.scheme(), sc.seed(), java.math.BigDecimal.valueOf(sc.durationS()).stripTrailingZeros()
                        .toPlainString(), s.get("engine").get("events").asLong(),
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
        printAccusations(out, s.get("accusations"));
        for (Expectations.Check c : Expectations.check(sc, s)) {
            out.println("  expect: " + c);
        }
        JsonNode notes = s.get("notes");
        if (notes != null) {
            for (JsonNode n : notes) {
                out.println("  note: " + n.asText());
            }
        }
        JsonNode traces = s.get("traces");
        if (traces != null) {
            for (JsonNode t : traces) {
                out.printf(Locale.ROOT, "  trace: %s (%d packets%s; %s)%n", dir.resolve(t.get("file").asText()),
                        t.get("packets").asLong(), t.get("truncated").asBoolean() ? ", capped" : "",
                        String.join(", ", ResultsWriter.JSON.convertValue(t.get("ports"), String[].class)));
            }
        }
        out.println("  results: " + dir);
        out.println("  files: " + String.join(", ", files(dir)));
        Path report = report(dir);
        if (report != null) {
            out.println("  report: " + report + " (open in a browser)");
        }
    }

    /**
     * Seawall's accusations and filters, right under the metrics they explain: a filtered VM at 0 Mb/s against an
     * ideal that still counts it read as a failed run when only summary.json listed them.
     */
    private static void printAccusations(PrintWriter out, JsonNode accusations) {
        if (accusations == null || accusations.isEmpty()) {
            return;
        }
        boolean filtered = false;
        for (JsonNode a : accusations) {
            JsonNode vm = a.get("src_vm");
            JsonNode installed = a.get("installed_s");
            boolean on = installed != null && installed.isNumber();
            filtered |= on;
            out.printf(Locale.ROOT, "  accused: %s by %s (%s) at %s s; %s%n",
                    vm == null || vm.isNull() ? "host " + a.get("src_host").asText() + " (no VM named)"
                            : "VM " + vm.asText() + " on " + a.get("src_host").asText(),
                    a.get("accuser_host").asText(), a.get("reason").asText(), a.get("reported_s").asText(),
                    on ? "filtered from " + installed.asText() + " s (" + a.get("src_host").asText() + " -> "
                            + a.get("accuser_host").asText() + " dropped)" : "no filter installed yet");
        }
        if (filtered) {
            out.println("  note: " + Reports.FILTER_NOTE);
        }
    }

    /**
     * The folder's report.html when it was drawn from the current results (not older than summary.json, sweep.csv or
     * comparison.csv), else null: a --no-plots run into an old folder must not point at the old report.
     */
    static Path report(Path dir) {
        Path report = dir.resolve(Reports.REPORT);
        try {
            if (!Files.isRegularFile(report)) {
                return null;
            }
            for (String results : List.of("summary.json", "comparison.csv", "sweep.csv")) {
                Path r = dir.resolve(results);
                if (Files.isRegularFile(r) && Files.getLastModifiedTime(report).compareTo(
                        Files.getLastModifiedTime(r)) < 0) {
                    return null;
                }
            }
            return report;
        } catch (IOException e) {
            return null;
        }
    }

    /** The result files of a folder, by name (temporary files of an atomic write are not results). */
    static List<String> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What --json prints for one run: summary.json's content, then each expectation's verdict, the folder, its
     * files and the report (when drawn).
     */
    static Map<String, Object> jsonSummary(Map<String, Object> summary, Scenario sc, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>(summary);
        // summary.json has them when any apply; --json always has the key (empty when none apply).
        m.put("expectations", Expectations.toJson(Expectations.check(sc, ResultsWriter.JSON.valueToTree(summary))));
        m.put("results_dir", dir.toString());
        m.put("files", files(dir));
        Path report = report(dir);
        m.put("report", report != null ? report.toString() : null);
        return m;
    }

    /** Prints one JSON document (pretty, one trailing newline) on stdout and flushes it. */
    static void printJson(PrintWriter out, Object doc) {
        try {
            out.println(ResultsWriter.JSON.writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
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
    /**
     * Draws the charts and report.html of a folder just written. The file system refusing one (disk full) is
     * returned, after the charts already written are removed when {@code removePartial} (a fresh folder, where every
     * chart is this call's): the command still puts its results in place (nothing computed is lost), then exits 4
     * with {@link #chartsRefused}. It was a warning and exit 0, leaving part of the charts and no report.html.
     * Any other failure stays a warning.
     */
    static java.io.UncheckedIOException plots(Path dir, PrintWriter err, boolean removePartial) {
        try {
            Reports.forAny(dir, PlotOptions.defaults(), w -> err.println("warning: " + w));
            err.flush();
            return null;
        } catch (java.io.UncheckedIOException e) {
            if (removePartial) {
                removeCharts(dir);
            }
            return e;
        } catch (RuntimeException e) {
            err.println("warning: charts not written: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /** Charts and reports under a fresh results folder (only plotting writes those names there). */
    private static void removeCharts(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".svg") || n.equals(Reports.REPORT))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Best effort: the refused write is the error reported.
        }
    }

    /** The refused chart write as the command's error (exit 4), saying what is in place and how to draw the rest. */
    static java.io.UncheckedIOException chartsRefused(java.io.UncheckedIOException e, Path staging, Path dir,
            boolean partial) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String reason = root == e || root.getMessage() == null || e.getMessage().contains(root.getMessage()) ? ""
                : " (" + root.getMessage() + ")";
        // The file as it is named now: the hidden staging folder was renamed into place.
        String what = staging == null ? e.getMessage() : e.getMessage().replace(staging.toString(),
                dir.toAbsolutePath().normalize().toString());
        return new java.io.UncheckedIOException("charts not written: " + what + reason + "; the results "
                + "(summary.json and the CSV files) are complete in " + dir + (partial ? ", part of the charts and "
                + "no new report.html" : " without charts or report.html") + ": make room and run 'seawall-sim "
                + "plot " + dir + "'", e.getCause());
    }
}
