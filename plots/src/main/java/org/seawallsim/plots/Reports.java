package org.seawallsim.plots;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Public entry point: charts and a self-contained report.html for a results folder, made from its files alone.
 * Every method returns the files it wrote (charts first, report.html last) and throws {@link ResultFileException}
 * naming the file when a result file is missing or corrupt.
 */
public final class Reports {
    public static final String REPORT = "report.html";
    /** The sub-folder of a sweep that holds one folder per run. */
    public static final String RUNS = "runs";

    /** What a results folder holds. */
    public enum Kind { RUN, COMPARISON, SWEEP }

    private Reports() {
    }

    /** Detects the kind of folder: sweep.json, then comparison.csv, then summary.json. */
    public static Kind detect(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ResultFileException(dir, Files.exists(dir) ? "is not a folder" : "folder not found");
        }
        if (SweepData.isSweep(dir)) {
            return Kind.SWEEP;
        }
        if (ComparisonData.isComparison(dir)) {
            return Kind.COMPARISON;
        }
        if (RunData.isRun(dir)) {
            return Kind.RUN;
        }
        throw new ResultFileException(dir, "is not a results folder: it has no " + SweepData.JSON + ", "
                + ComparisonData.FILE + " or " + RunSummary.FILE);
    }

    public static List<Path> forAny(Path dir, Format format) {
        return forAny(dir, PlotOptions.of(format));
    }

    public static List<Path> forAny(Path dir, PlotOptions opts) {
        return forAny(dir, opts, NO_WARNINGS);
    }

    /**
     * As {@link #forAny(Path, PlotOptions)}, passing each warning to {@code warnings}: result files that read
     * correctly but disagree (a time series that ends before duration_s or lacks a VM of summary.json, a sweep run
     * of sweep.csv whose folder is gone). The charts are drawn from what is there, and each report states them.
     */
    public static List<Path> forAny(Path dir, PlotOptions opts, Consumer<String> warnings) {
        return switch (detect(dir)) {
            case RUN -> forRun(dir, opts, warnings);
            case COMPARISON -> forComparison(dir, opts, warnings);
            case SWEEP -> forSweep(dir, opts, warnings);
        };
    }

    private static final Consumer<String> NO_WARNINGS = w -> { };

    public static List<Path> forRun(Path dir, Format format) {
        return forRun(dir, PlotOptions.of(format));
    }

    /**
     * What the comparison table's metrics mean. jain_weighted is over goodput/weight, not goodput/ideal: it stays
     * below 1 wherever the ideal shares are not proportional to the weights (a VM held back elsewhere, a demand
     * below its share), even when every VM gets exactly its ideal.
     */
    static final String METRICS_LEGEND = "jain_weighted: Jain's index of goodput/weight over the VMs (1 = goodput "
            + "exactly proportional to weight; below 1 also when the ideal shares are not, so compare it with "
            + "isolation_error); isolation_error: deviation from the ideal (weighted max-min) shares (0 = ideal); "
            + "utilization: fraction of bottleneck capacity used; drops: packets.";

    /** Charts of one run and its report.html. */
    public static List<Path> forRun(Path dir, PlotOptions opts) {
        return forRun(dir, opts, NO_WARNINGS);
    }

    public static List<Path> forRun(Path dir, PlotOptions opts, Consumer<String> warnings) {
        requireFolder(dir);
        RunData d = RunData.read(dir);
        List<String> problems = incomplete(d);
        problems.forEach(warnings);
        List<Path> written = new ArrayList<>();
        List<ChartSpec> specs = RunCharts.all(d);
        for (ChartSpec s : specs) {
            written.add(ChartWriter.write(s, dir, opts));
        }
        RunSummary s = d.summary();
        Html h = new Html("seawall-sim run: " + s.scenario() + " (" + s.scheme() + ")");
        runHeader(h, s);
        warningsSection(h, problems);
        h.h2("Metrics (after warm-up)");
        h.keyValues(metrics(s));
        notes(h, s.notes(), "Notes");
        expectations(h, s.expectations(), "Expectations (expect:)");
        accusations(h, s, "Accusations and filters (Seawall)");
        vmTables(h, s);
        if (d.flows().isEmpty() && s.flowCount() > 0) {
            h.muted("summary.json counts " + s.flowCount() + " finished sized flows but there is no fct.csv, so "
                    + "no FCT chart.");
        }
        h.h2("Charts");
        for (int i = 0; i < specs.size(); i++) {
            h.chart(written.get(i), specs.get(i).caption());
        }
        engine(h, s);
        written.add(writeReport(dir, h));
        return written;
    }

    public static List<Path> forComparison(Path dir, Format format) {
        return forComparison(dir, PlotOptions.of(format));
    }

    /** Charts and report of every scheme's run folder, then the comparison charts and report. */
    public static List<Path> forComparison(Path dir, PlotOptions opts) {
        return forComparison(dir, opts, NO_WARNINGS);
    }

    public static List<Path> forComparison(Path dir, PlotOptions opts, Consumer<String> warnings) {
        requireFolder(dir);
        ComparisonData c = ComparisonData.read(dir);
        List<Path> written = new ArrayList<>();
        for (String scheme : c.schemes()) {
            written.addAll(forRun(dir.resolve(scheme), opts, warnings));
        }
        List<ChartSpec> specs = ComparisonCharts.all(c);
        List<Path> charts = new ArrayList<>();
        for (ChartSpec s : specs) {
            charts.add(ChartWriter.write(s, dir, opts));
        }
        written.addAll(charts);
        RunSummary first = c.runs().values().iterator().next();
        Html h = new Html("seawall-sim comparison: " + first.scenario());
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("scenario", first.scenario());
        if (!first.scenarioFile().isEmpty()) {
            kv.put("scenario file", first.scenarioFile());
        }
        kv.put("schemes", String.join(", ", c.schemes()));
        kv.put("seed", first.seed());
        if (first.permutedTies()) {
            kv.put("tie seed", first.tieSeed());
        }
        kv.put("version", first.version());
        kv.put("duration", Html.num(first.durationS()) + " s (warm-up " + Html.num(first.warmupS()) + " s)");
        h.keyValues(kv);
        // Each run records its own scheme among its parameters; the comparison's are listed above as "schemes".
        Map<String, String> shared = new LinkedHashMap<>(first.parameters());
        shared.remove("scheme");
        parameters(h, shared);
        h.h2("Metrics per scheme (comparison.csv)");
        List<List<String>> rows = new ArrayList<>();
        for (ComparisonData.Row r : c.rows()) {
            rows.add(List.of(r.scheme(), Html.num(r.jainWeighted()), Html.num(r.isolationError()),
                    Html.num(r.utilization()), Html.num(r.drops()),
                    Integer.toString(c.runs().get(r.scheme()).notes().size())));
        }
        h.table(List.of("scheme", "jain_weighted", "isolation_error", "utilization", "drops", "notes"), rows);
        h.muted(METRICS_LEGEND + " notes: how many notes the run has, below.");
        // Beside the metrics they qualify: tcp's isolation_error 0.997 stood here without its run's note that a VM
        // was locked out, which only tcp/report.html carried.
        for (String scheme : c.schemes()) {
            notes(h, c.runs().get(scheme).notes(), "Notes under " + scheme);
        }
        for (String scheme : c.schemes()) {
            expectations(h, c.runs().get(scheme).expectations(), "Expectations (expect:) under " + scheme);
        }
        h.h2("Goodput per VM (Mb/s), measured / ideal");
        List<String> header = new ArrayList<>(List.of("VM", "tenant"));
        header.addAll(c.schemes());
        List<List<String>> vmRows = new ArrayList<>();
        // In the file's order, as summary.json and each run's report list them (it was alphabetical: r1, r2, v1...).
        for (RunSummary.Vm v : first.vms()) {
            List<String> row = new ArrayList<>(List.of(v.name(), v.tenant()));
            for (String scheme : c.schemes()) {
                RunSummary.Vm o = null;
                for (RunSummary.Vm x : c.runs().get(scheme).vms()) {
                    if (x.name().equals(v.name())) {
                        o = x;
                    }
                }
                row.add(o == null ? "-" : Html.num(o.goodputBps() * Units.MBPS) + " / "
                        + Html.num(o.idealBps() * Units.MBPS));
            }
            vmRows.add(row);
        }
        h.table(header, vmRows);
        for (String scheme : c.schemes()) {
            accusations(h, c.runs().get(scheme), "Accusations and filters under " + scheme);
        }
        h.h2("Charts");
        for (int i = 0; i < specs.size(); i++) {
            h.chart(charts.get(i), specs.get(i).caption());
        }
        h.h2("Runs");
        for (String scheme : c.schemes()) {
            h.localLink("report of the " + scheme + " run", scheme + "/" + REPORT);
        }
        written.add(writeReport(dir, h));
        return written;
    }

    public static List<Path> forSweep(Path dir, Format format) {
        return forSweep(dir, PlotOptions.of(format));
    }

    /**
     * Each run's own charts and report (runs/&lt;run&gt;/), one chart per metric against the first axis, and the sweep
     * report, which links to every run's report.
     */
    public static List<Path> forSweep(Path dir, PlotOptions opts) {
        return forSweep(dir, opts, NO_WARNINGS);
    }

    public static List<Path> forSweep(Path dir, PlotOptions opts, Consumer<String> warnings) {
        requireFolder(dir);
        SweepData s = SweepData.read(dir);
        List<ChartSpec> specs = SweepCharts.all(s);
        List<Path> written = new ArrayList<>();
        List<String> runReports = new ArrayList<>();
        List<Path> runDirs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int runColumn = s.table().column("run");
        for (CsvTable.Row r : s.table().rows()) {
            String run = s.table().text(r, runColumn);
            Path runDir = dir.resolve(RUNS).resolve(run);
            if (RunData.isRun(runDir)) {
                runDirs.add(runDir);
                runReports.add(RUNS + "/" + run + "/" + REPORT);
            } else {
                // sweep.csv still has its metrics, so the sweep's charts and table keep it; only its own report is
                // gone (it went unsaid).
                missing.add(runDir + ": " + (Files.isDirectory(runDir) ? "has no " + RunSummary.FILE
                        : "folder not found") + ", though " + SweepData.CSV + " lists run " + run + " (line "
                        + r.line() + "); its charts and report are not drawn, and the sweep's table does not link it");
                runReports.add(null);
            }
        }
        // Runs are independent folders and charts share no state, so their reports are drawn on all cores. Every
        // run's drawing ends before this returns or throws: a parallel stream rethrows the first failure at once,
        // while the other runs' charts were still being written behind the error (and into a test's temporary
        // folder as it was deleted). The failure reported is the first in run order, whichever thread met it first.
        List<RunReport> reports = runDirs.parallelStream().map(d -> RunReport.draw(d, opts)).toList();
        for (RunReport r : reports) {
            if (r.error() != null) {
                throw r.error();
            }
            r.warnings().forEach(warnings);
            written.addAll(r.files());
        }
        missing.forEach(warnings);
        List<Path> charts = new ArrayList<>();
        for (ChartSpec spec : specs) {
            charts.add(ChartWriter.write(spec, dir, opts));
        }
        written.addAll(charts);
        Html h = new Html("seawall-sim sweep: " + s.scenario());
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("scenario", s.scenario());
        kv.put("version", s.version());
        kv.put("swept axes", s.axes().isEmpty() ? "none (schemes and repetitions only)" : String.join(", ", s.axes()));
        kv.put("schemes", String.join(", ", s.schemes()));
        kv.put("repetitions", Integer.toString(s.repetitions()));
        kv.put("runs", Integer.toString(s.table().rows().size()));
        kv.put("seeds", seeds(s));
        if (s.permutedTies()) {
            kv.put("tie seed", s.tieSeed());
        }
        List<String> noted = new ArrayList<>();
        List<String> failedExpect = new ArrayList<>();
        for (CsvTable.Row r : s.table().rows()) {
            String run = s.table().text(r, runColumn);
            if (!s.notesOf(run).notes().isEmpty()) {
                noted.add(run);
            }
            if (!s.notesOf(run).failedExpectations().isEmpty()) {
                failedExpect.add(run);
            }
        }
        int runs = s.table().rows().size();
        if (s.recordsNotes()) {
            kv.put("runs with notes", noted.isEmpty() ? "none"
                    : noted.size() + " of " + runs + ": " + String.join(", ", noted));
        }
        if (!failedExpect.isEmpty()) {
            kv.put("runs failing expect:", failedExpect.size() + " of " + runs + ": "
                    + String.join(", ", failedExpect));
        }
        h.keyValues(kv);
        warningsSection(h, missing);
        runNotes(h, s);
        for (int i = 0; i < specs.size(); i++) {
            String metric = s.metrics().get(i);
            h.h2(metric);
            h.chart(charts.get(i), specs.get(i).caption());
            // In the chart's units, named in the header: the chart read Mb/s while this table gave bit/s
            // (481187776) without a unit.
            Units.Scale scale = Units.forMetric(metric);
            List<List<String>> rows = new ArrayList<>();
            for (SweepData.Line line : s.lines(metric)) {
                for (SweepData.Point p : line.points()) {
                    List<String> row = new ArrayList<>(List.of(line.label(), p.label(),
                            Html.num(p.mean() * scale.factor()), Html.num(p.std() * Math.abs(scale.factor())),
                            Integer.toString(p.n())));
                    if (s.recordsNotes()) {
                        row.add(notedRuns(s, p.runs()));
                    }
                    rows.add(row);
                }
            }
            // Beside the mean and std the runs with notes: a VM's 213 Mb/s, std 119 over five seeds was one seed's
            // lock-out (0.0 beside 263-268), which only that run's folder said.
            List<String> header = new ArrayList<>(List.of("line", s.xAxis() + (s.numericAxis()
                    ? SweepCharts.axisUnit(s.xAxis()) : ""), "mean" + scale.suffix(), "std" + scale.suffix(), "n"));
            if (s.recordsNotes()) {
                header.add("runs with notes");
            }
            h.table(header, rows);
        }
        runsTable(h, s, runReports);
        written.add(writeReport(dir, h));
        return written;
    }

    /**
     * Each run's notes and failed expectations under its own heading, in run order, with a line naming what makes
     * the run (scheme, axis values, seed); nothing when no run has any.
     */
    private static void runNotes(Html h, SweepData s) {
        CsvTable t = s.table();
        boolean first = true;
        for (CsvTable.Row r : t.rows()) {
            String run = t.text(r, t.column("run"));
            SweepData.RunNotes n = s.notesOf(run);
            if (!n.any()) {
                continue;
            }
            if (first) {
                h.muted("Runs with notes or failed expectations (each is named beside the means it is part of, and "
                        + "in the table of runs); their reports are in " + RUNS + "/<run>/.");
                first = false;
            }
            StringBuilder what = new StringBuilder(run + " (" + t.text(r, t.column("scheme")));
            for (String a : s.axes()) {
                if (!a.equals("scheme")) {
                    what.append(", ").append(a).append('=').append(r.cells()[s.axisColumn(a)].trim());
                }
            }
            what.append(", seed ").append(r.cells()[t.column("seed")].trim()).append(')');
            notes(h, n.notes(), "Notes under " + what);
            expectations(h, n.failedExpectations(), "Failed expectations (expect:) under " + what);
        }
    }

    /** The runs among {@code runs} with notes or failed expectations, for a cell beside their mean. */
    private static String notedRuns(SweepData s, List<String> runs) {
        List<String> out = new ArrayList<>();
        for (String run : runs) {
            SweepData.RunNotes n = s.notesOf(run);
            if (n.any()) {
                out.add(run + (n.notes().isEmpty() ? "" : " (" + n.notes().size() + (n.notes().size() == 1 ? " note"
                        : " notes") + ")") + (n.failedExpectations().isEmpty() ? "" : " (expect: FAIL)"));
            }
        }
        return String.join(", ", out);
    }

    /** Every run of the sweep with its parameters and metrics; the run name links to the run's own report. */
    private static void runsTable(Html h, SweepData s, List<String> runReports) {
        h.h2("Runs");
        h.muted("Each run's result files and report are in " + RUNS + "/<run>/; the run name opens its report.");
        CsvTable t = s.table();
        List<String> header = new ArrayList<>(List.of("run", "scheme", "rep", "seed"));
        for (String a : s.axes()) {
            header.add(s.axisColumns().getOrDefault(a, a)); // sweep.csv's column: a 'seed' axis is axis_seed there
        }
        header.addAll(s.metrics());
        List<Integer> cols = new ArrayList<>();
        for (String c : header) {
            cols.add(t.column(c));
        }
        // Metrics in the charts' units, named in the header (sweep.csv has SI base units).
        int firstMetric = 4 + s.axes().size();
        List<Units.Scale> scales = new ArrayList<>();
        List<String> shown = new ArrayList<>(header.subList(0, firstMetric));
        for (String m : s.metrics()) {
            scales.add(Units.forMetric(m));
            shown.add(m + Units.forMetric(m).suffix());
        }
        if (s.recordsNotes()) {
            shown.add("notes");
        }
        List<List<String>> rows = new ArrayList<>();
        for (CsvTable.Row r : t.rows()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                String cell = r.cells()[cols.get(i)].trim();
                row.add(i >= firstMetric ? Html.num(t.number(r, cols.get(i)) * scales.get(i - firstMetric).factor())
                        : cell);
            }
            // How many notes the run has (their text is above), and whether it failed an expectation.
            SweepData.RunNotes n = s.notesOf(t.text(r, t.column("run")));
            if (s.recordsNotes()) {
                row.add(n.notes().size() + (n.failedExpectations().isEmpty() ? "" : ", expect: FAIL"));
            }
            rows.add(row);
        }
        h.table(shown, rows, 0, runReports);
    }

    private static String seeds(SweepData s) {
        int c = s.table().column("seed");
        java.util.TreeSet<String> seeds = new java.util.TreeSet<>();
        for (CsvTable.Row r : s.table().rows()) {
            seeds.add(r.cells()[c].trim());
        }
        String all = String.join(", ", seeds);
        return all.length() > 200 ? seeds.size() + " distinct seeds" : all;
    }

    private static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ResultFileException(dir, Files.exists(dir) ? "is not a folder" : "folder not found");
        }
    }

    private static void runHeader(Html h, RunSummary s) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("scenario", s.scenario());
        if (!s.scenarioFile().isEmpty()) {
            kv.put("scenario file", s.scenarioFile());
        }
        kv.put("scheme", s.scheme());
        kv.put("seed", s.seed());
        if (s.permutedTies()) {
            kv.put("tie seed", s.tieSeed());
        }
        kv.put("version", s.version());
        kv.put("duration", Html.num(s.durationS()) + " s simulated (warm-up " + Html.num(s.warmupS())
                + " s, sample interval " + Html.num(s.sampleIntervalS()) + " s)");
        h.keyValues(kv);
        parameters(h, s.parameters());
    }

    private static void parameters(Html h, Map<String, String> parameters) {
        if (!parameters.isEmpty()) {
            h.h2("Parameters set by the user");
            h.keyValues(parameters);
        }
    }

    private static Map<String, String> metrics(RunSummary s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : s.metrics().entrySet()) {
            m.put(e.getKey(), Html.num(e.getValue()));
        }
        if (s.otherDrops() > 0) {
            // Part of the drops metric that the links table cannot show (SW-port queues, hosts' rings, filters).
            m.put("drops outside links", Long.toString(s.otherDrops()));
        }
        if (s.flowCount() > 0 || s.unfinishedFlows() > 0) {
            // The percentiles are over finished flows only; how many are missing from them matters as much. Two
            // rows "sized flows 381" and "unfinished sized flows 64" read as 64 of 381. The unfinished include the
            // flows a timeline stop aborted (summary.json counts both and cannot tell them apart): "unfinished at
            // the end" said 9 flows were still running that a stop had ended 0.1 s before.
            m.put("sized flows started after the warm-up", s.flowCount() + " of " + (s.flowCount()
                    + s.unfinishedFlows()) + " finished (" + s.unfinishedFlows() + " did not: still running at the "
                    + "end, or aborted by a timeline stop)");
            m.put("FCT p50 of finished flows (ms)", Html.num(s.fctP50S() * Units.MS));
            m.put("FCT p99 of finished flows (ms)", Html.num(s.fctP99S() * Units.MS));
        }
        return m;
    }

    /**
     * What Seawall's network controller filtered, when anything: a filtered VM's goodput near 0 against an ideal
     * that still counts it, and the others' above theirs, read as a failure of isolation without it (summary.json
     * alone listed the accusations).
     */
    /** A run's notes, as sentences under {@code heading}; nothing when it has none. */
    private static void notes(Html h, List<String> notes, String heading) {
        if (notes.isEmpty()) {
            return;
        }
        h.h2(heading);
        for (String n : notes) {
            h.p(n);
        }
    }

    /**
     * The file's expectations checked against the run, with the value, the range and PASS or FAIL: a failed one
     * (exit 3) was printed on stdout alone, so the folder opened later did not say it failed.
     */
    private static void expectations(Html h, List<RunSummary.Expectation> expectations, String heading) {
        if (expectations.isEmpty()) {
            return;
        }
        h.h2(heading);
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary.Expectation e : expectations) {
            rows.add(List.of(e.what(), Html.num(e.value()), "[" + Html.num(e.low()) + ", " + Html.num(e.high()) + "]",
                    e.ok() ? "PASS" : "FAIL"));
        }
        h.table(List.of("expectation", "value", "expected", "verdict"), rows);
    }

    private static void accusations(Html h, RunSummary s, String heading) {
        if (s.accusations().isEmpty()) {
            return;
        }
        h.h2(heading);
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary.Accusation a : s.accusations()) {
            rows.add(List.of(a.srcVm().isEmpty() ? "(none named)" : a.srcVm(), a.srcHost(), a.accuserHost(),
                    a.reason(), Html.num(a.reportedS()), Double.isNaN(a.installedS()) ? "not yet"
                            : Html.num(a.installedS())));
        }
        h.table(List.of("VM", "host", "accused by", "reason", "reported (s)", "filter installed (s)"), rows);
        // As the run printout: the note explains a filter's effect, so only when one was installed.
        if (s.accusations().stream().anyMatch(a -> !Double.isNaN(a.installedS()))) {
            h.p(FILTER_NOTE);
        }
    }

    /** What an installed filter does, and why the metrics then look like a failure (shared with the CLI). */
    public static final String FILTER_NOTE = "From the time its filter is installed, the source host's edge switch "
            + "drops every packet from that host to the accusing host. The ideal shares do not exclude a filtered "
            + "VM: its goodput far below its ideal, the other VMs' above theirs, and jain_weighted and "
            + "isolation_error far from 1 and 0 are the filter's expected effect, not a failure of isolation.";

    private static void vmTables(Html h, RunSummary s) {
        h.h2("VMs");
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary.Vm v : s.vms()) {
            double ratio = v.idealBps() > 0 ? v.goodputBps() / v.idealBps() : Double.NaN;
            rows.add(List.of(v.name(), v.tenant(), Html.num(v.weight()), Html.num(v.goodputBps() * Units.MBPS),
                    Html.num(v.idealBps() * Units.MBPS), Html.num(ratio)));
        }
        h.table(List.of("VM", "tenant", "weight", "goodput (Mb/s)", "ideal (Mb/s)", "goodput / ideal"), rows);
        h.h2("Tenants");
        rows = new ArrayList<>();
        for (RunSummary.Tenant t : s.tenants()) {
            rows.add(List.of(t.name(), Html.num(t.goodputBps() * Units.MBPS)));
        }
        h.table(List.of("tenant", "goodput (Mb/s)"), rows);
        h.h2("Links");
        rows = new ArrayList<>();
        for (RunSummary.Link l : s.links()) {
            rows.add(List.of(l.name(), Html.num(l.utilization() * Units.PERCENT), Html.num(l.drops()),
                    l.bottleneck() ? "yes" : ""));
        }
        h.table(List.of("link", "utilization (%)", "drops (packets)", "bottleneck"), rows);
    }

    private static void engine(Html h, RunSummary s) {
        if (!s.engine().isEmpty()) {
            h.h2("Engine");
            h.keyValues(s.engine());
        }
    }

    private static Path writeReport(Path dir, Html h) {
        Path f = dir.resolve(REPORT);
        byte[] bytes = h.finish().getBytes(StandardCharsets.UTF_8);
        ChartWriter.atomically(f, out -> out.write(bytes));
        return f;
    }

    /** One run's report files and warnings, or the failure that stopped it. */
    private record RunReport(List<Path> files, List<String> warnings, RuntimeException error) {
        static RunReport draw(Path runDir, PlotOptions opts) {
            // Collected per run and passed on in run order: the runs are drawn on several threads.
            List<String> warnings = new ArrayList<>();
            try {
                return new RunReport(forRun(runDir, opts, warnings::add), warnings, null);
            } catch (RuntimeException e) {
                return new RunReport(List.of(), warnings, e);
            }
        }
    }

    /**
     * What the run's time series lack against its summary.json: samples up to duration_s (the last interval ends
     * there, a shorter one when the interval does not divide the duration) and a series for every VM. A
     * timeseries-vms.csv cut at a row boundary read correctly and drew an empty chart without VM v, silently.
     */
    static List<String> incomplete(RunData d) {
        List<String> out = new ArrayList<>();
        RunSummary s = d.summary();
        Path vms = d.dir().resolve(RunData.VMS_CSV);
        double last = Double.NEGATIVE_INFINITY;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Series x : d.vmGoodput()) {
            seen.add(x.name());
            for (double t : x.x()) {
                last = Math.max(last, t);
            }
        }
        // Times are written in full double precision; the slack is for a duration that is not a multiple of it.
        double slackS = 1e-9 * Math.max(1, s.durationS());
        if (last < s.durationS() - slackS) {
            out.add(vms + ": the time series " + (last == Double.NEGATIVE_INFINITY ? "has no samples"
                    : "ends at " + Html.num(last) + " s") + ", but " + RunSummary.FILE + " says the run lasted "
                    + Html.num(s.durationS()) + " s (the file may have been cut short); the charts show what is there");
        }
        List<String> absent = new ArrayList<>();
        for (RunSummary.Vm v : s.vms()) {
            if (!seen.contains(v.name())) {
                absent.add(v.name());
            }
        }
        if (!absent.isEmpty()) {
            out.add(vms + ": no samples of VM" + (absent.size() == 1 ? " " : "s ") + String.join(", ", absent)
                    + ", which " + RunSummary.FILE + " lists; the charts leave " + (absent.size() == 1 ? "it" : "them")
                    + " out");
        }
        return out;
    }

    private static void warningsSection(Html h, List<String> warnings) {
        if (!warnings.isEmpty()) {
            h.h2("Warnings");
            for (String w : warnings) {
                h.p(w);
            }
        }
    }
}
