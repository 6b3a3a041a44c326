package org.seawallsim.scenario.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.seawallsim.scenario.model.Binder;
import org.seawallsim.scenario.model.Overrides;
import org.seawallsim.scenario.model.Problem;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;

/**
 * Expands a scenario's sweep axes (cartesian product; axes in the order the format lists its fields, the last one
 * varying fastest) times its repetitions into numbered runs r0000, r0001, ...; repetition r uses seed + r.
 *
 * <p>One point is a pure function ({@link #runPoint}) from its {@link Task} (scenario text, settings, axis values,
 * repetition) to the bytes of its result folder, so it can run on any thread or machine ({@link SweepExecutor}) and
 * give the same files. The driver writes each folder under a temporary name and renames it into place, so a
 * folder with a summary.json is complete, and a resumed sweep skips it. A point that keeps failing is recorded in
 * failed/&lt;id&gt;.json while the others finish.
 */
public final class Sweep {
    /** One run of the sweep: its id, axis values (path to value), repetition, bound scenario and portable task. */
    public record Point(String id, Map<String, Object> values, int rep, Scenario scenario, Task task) {
    }

    /**
     * Everything a point needs, for a machine that has neither the scenario file nor the command line: the file's
     * name (it appears in results and messages) and text, the --set settings, the axis values and the repetition;
     * {@code inputs} names the other files the point reads (a flow-size cdfFile) with a SHA-256 of each one's bytes,
     * part of the point's identity only (executors read the files themselves).
     */
    public record Task(String id, String file, String text, List<String> sets, Map<String, Object> values, int rep,
            Map<String, String> inputs) implements Serializable {
        private static final long serialVersionUID = 2L;

        public Task {
            sets = new ArrayList<>(sets);
            values = new LinkedHashMap<>(values);
            inputs = new java.util.TreeMap<>(inputs);
        }
    }

    /**
     * What became of one point: either its files (name to content, summary.json last) or the error, with how many
     * attempts were made and the wall time of the last one (kept out of the files so that they stay reproducible).
     */
    public record Outcome(String id, Map<String, byte[]> files, String error, String trace, boolean badInput,
            int attempts, double wallS) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean ok() {
            return error == null;
        }
    }

    /** One point as a function, replaceable so tests can make a point fail on a chosen attempt. */
    @FunctionalInterface
    public interface PointFunction extends Serializable {
        Map<String, byte[]> apply(Task task) throws Exception;
    }

    /** What {@link #run} did: points run now, reused from an earlier run, failed (sorted by id), summed run time. */
    public record Result(int ran, int reused, List<Outcome> failed, double runWallS) {
    }

    /** A point's failure that the executor should retry (it is not bad input and attempts remain). */
    public static final class RetryableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableFailure(String id, int attempt, Throwable cause) {
            super("sweep point " + id + ", attempt " + attempt + ": " + describe(cause), cause);
        }
    }

    private Sweep() {
    }

    /** Expands the sweep of {@code file} (read once here; the tasks carry its text) with {@code sets} applied. */
    public static List<Point> expand(Path file, List<String> sets) throws ScenarioException {
        return expand(ScenarioLoader.open(file, sets));
    }

    /** Expands the sweep the loader holds; each point's task carries the loader's text and settings. */
    public static List<Point> expand(ScenarioLoader loader) throws ScenarioException {
        return expand(loader, base(loader));
    }

    /** Expands the sweep of {@code base}, the loader's {@link #base} a caller already bound. */
    public static List<Point> expand(ScenarioLoader loader, Scenario base) throws ScenarioException {
        List<Binder.Axis> axes = base.axes();
        List<Map<String, Object>> combos = combos(axes);
        List<Point> out = new ArrayList<>();
        List<ScenarioException> errors = new ArrayList<>();
        for (Map<String, Object> c : combos) {
            Scenario sc;
            try {
                sc = loader.scenario(c);
            } catch (ScenarioException e) {
                errors.add(atPoint(e, c, axes));
                continue;
            }
            Map<String, String> inputs = inputs(sc);
            for (int r = 0; r < base.repetitions(); r++) {
                String id = String.format(Locale.ROOT, "r%04d", out.size());
                out.add(new Point(id, c, r, sc.withSeed(sc.seed() + r), new Task(id, loader.file().toString(),
                        loader.text(), loader.sets(), c, r, inputs)));
            }
        }
        if (!errors.isEmpty()) {
            List<Problem> all = new ArrayList<>();
            for (ScenarioException e : errors) {
                all.addAll(e.problems());
            }
            throw new ScenarioException(all);
        }
        return out;
    }

    /**
     * The scenario with each axis at its first value, as the loader binds it. When that is refused and the file has
     * axes, the problems are reported as a sweep's are: one found at every point once, as it stands; one found at
     * some points for each of them, naming the point (a value refused at an axis's first point read as if the whole
     * file were wrong, while the same value later in the list named its point).
     */
    public static Scenario base(ScenarioLoader loader) throws ScenarioException {
        try {
            return loader.scenario(Map.of());
        } catch (ScenarioException e) {
            List<Binder.Axis> axes = loader.axes();
            if (axes.isEmpty()) {
                throw e;
            }
            List<Map<String, Object>> combos = combos(axes);
            List<List<Problem>> byPoint = new ArrayList<>();
            for (Map<String, Object> c : combos) {
                try {
                    loader.scenario(c);
                    byPoint.add(List.of());
                } catch (ScenarioException pe) {
                    byPoint.add(atPoint(pe, c, axes).problems());
                }
            }
            List<Problem> everywhere = new ArrayList<>();
            for (Problem p : byPoint.get(0)) {
                Problem plain = p.at("", p.loc());
                if (byPoint.stream().allMatch(ps -> ps.stream().anyMatch(q -> q.at("", q.loc()).equals(plain)))) {
                    everywhere.add(plain);
                }
            }
            List<Problem> all = new ArrayList<>(everywhere);
            for (List<Problem> ps : byPoint) {
                for (Problem p : ps) {
                    if (!everywhere.contains(p.at("", p.loc()))) {
                        all.add(p);
                    }
                }
            }
            throw all.isEmpty() ? e : new ScenarioException(all);
        }
    }

    /** Every combination of the axes' values, the first axis slowest. */
    private static List<Map<String, Object>> combos(List<Binder.Axis> axes) {
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Binder.Axis a : axes) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> c : combos) {
                for (Object v : a.values()) {
                    Map<String, Object> m = new LinkedHashMap<>(c);
                    m.put(a.path(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        return combos;
    }

    /**
     * The problems of one point, each naming the point by all its axis values and placed where the file (or --set)
     * gives the axis whose value is at fault. Bound alone, a point's value has no line ("sweep point <one
     * axis>=<value>"), so two points that differ in another axis printed the same line twice.
     */
    private static ScenarioException atPoint(ScenarioException e, Map<String, Object> values, List<Binder.Axis> axes) {
        String name = pointName(values);
        List<Problem> out = new ArrayList<>();
        for (Problem p : e.problems()) {
            Loc at = p.loc();
            for (Binder.Axis a : axes) {
                if (at.equals(ScenarioLoader.pointValueLoc(a.path(), values.get(a.path())))) {
                    at = a.loc();
                    break;
                }
            }
            out.add(p.at(name, at));
        }
        return new ScenarioException(out);
    }

    /** "sweep point a=1, b=2": a point by all its axis values (each axis by its path), as messages name it. */
    public static String pointName(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder(Loc.SWEEP_POINT_PREFIX);
        String sep = "";
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            // As the file is likely to write it: rateMbps=900, not the bound double's 900.0.
            boolean whole = v instanceof Double d && d % 1 == 0 && StrictMath.abs(d) < 1e15;
            sb.append(sep).append(e.getKey()).append('=').append(whole ? Long.toString(((Double) v).longValue()) : v);
            sep = ", ";
        }
        return sb.toString();
    }

    /**
     * The files besides the scenario a run of {@code sc} reads (each flow-size cdfFile), by name, with the SHA-256 of
     * their bytes: editing a CDF file changes the runs, so a resumed sweep must see it (it reused the stale runs).
     */
    static Map<String, String> inputs(Scenario sc) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Scenario.Vm vm : sc.vms()) {
            for (Scenario.Traffic t : vm.traffic()) {
                Path f = t.size() == null ? null : t.size().cdfFile();
                if (f != null && !out.containsKey(f.toString())) {
                    try {
                        out.put(f.toString(), sha256(Files.readAllBytes(f)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The point as a pure function: binds the task's scenario, runs it and returns its result files (summary.json
     * without the wall time), each as UTF-8 bytes.
     */
    public static Map<String, byte[]> runPoint(Task t) throws ScenarioException {
        Scenario sc = ScenarioLoader.open(Path.of(t.file()), t.text(), t.sets()).scenario(t.values());
        // A trace: section records every point's run, as run and compare do (a sweep used to drop it silently). The
        // tracer writes into a scratch folder of this worker, whose files then travel with the run's other files,
        // so the run's folder appears whole, by rename, like any other, and Spark workers need no shared disk.
        boolean traced = sc.trace() != null && !sc.trace().links().isEmpty();
        Path scratch = null;
        try {
            if (traced) {
                scratch = Files.createTempDirectory("seawall-sim-trace-");
            }
            RunResult r = Runner.run(sc.withSeed(sc.seed() + t.rep()), null, traced ? sc.trace() : null, scratch);
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> f : ResultsWriter.files(r, false).entrySet()) {
                out.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            if (traced) {
                try (java.util.stream.Stream<Path> files = Files.list(scratch)) {
                    for (Path f : files.sorted().toList()) {
                        out.put(f.getFileName().toString(), Files.readAllBytes(f));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (scratch != null) {
                try (java.util.stream.Stream<Path> files = Files.list(scratch)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // a scratch folder left in the system's temp space is harmless; the run's own error matters more
                }
            }
        }
    }

    /**
     * One attempt at a point, for executors: its outcome, or, when it failed, attempts remain and the failure is not
     * bad input (which would fail the same way again), a {@link RetryableFailure} to throw.
     */
    public static Outcome attempt(PointFunction point, Task t, int attempt, boolean last) {
        long t0 = System.nanoTime();
        try {
            Map<String, byte[]> files = point.apply(t);
            return new Outcome(t.id(), files, null, null, false, attempt, (System.nanoTime() - t0) / 1e9);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            if (e instanceof Runner.Cancelled c) {
                // Stopped because the sweep is stopping, not a failure of this point: no record, redone on resume.
                throw c;
            }
            boolean bad = e instanceof ScenarioException || e instanceof UnsupportedFeatureException;
            if (!last && !bad) {
                throw new RetryableFailure(t.id(), attempt, e);
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return new Outcome(t.id(), null, describe(e), trace.toString(), bad, attempt,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    static String describe(Throwable e) {
        if (e instanceof ScenarioException || e instanceof UnsupportedFeatureException) {
            return e.getMessage();
        }
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * Runs every point whose folder has no summary.json yet on {@code executor}, writing each folder (or failure
     * record) as its outcome arrives; {@code progress}, if given, is called once per point finished.
     */
    public static Result run(List<Point> points, Path out, SweepExecutor executor, PointFunction point,
            Runner.Progress progress) {
        List<String> foreign = foreignRuns(out, points);
        if (!foreign.isEmpty()) {
            throw new ForeignRunsException(foreignMessage(out, foreign));
        }
        List<Task> todo = new ArrayList<>();
        for (Point p : points) {
            if (!finished(out, p.id())) {
                todo.add(p.task());
            }
        }
        Map<String, Point> byId = new HashMap<>();
        for (Point p : points) {
            byId.put(p.id(), p);
        }
        List<Outcome> failed = new ArrayList<>();
        double[] wall = new double[1];
        executor.execute(todo, point, o -> {
            if (o.ok()) {
                writeRun(out, o, byId.get(o.id()).task());
            } else {
                writeFailure(out, o);
            }
            synchronized (failed) {
                wall[0] += o.wallS();
                if (!o.ok()) {
                    failed.add(o);
                }
            }
            if (progress != null) {
                double durationS = byId.get(o.id()).scenario().durationS();
                progress.update(durationS, durationS, o.ok() ? events(o) : 0, o.wallS());
            }
        });
        removeIfEmpty(out.resolve("failed"));
        failed.sort(Comparator.comparing(Outcome::id));
        return new Result(todo.size(), points.size() - todo.size(), List.copyOf(failed), wall[0]);
    }

    /** The event count a finished point's summary.json records (for progress output). */
    private static long events(Outcome o) {
        try {
            return ResultsWriter.JSON.readTree(o.files().get("summary.json")).path("engine").path("events").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run folder was made from, written beside its results so that a resumed sweep can check it. */
    public static final String TASK_FILE = "task.json";

    /**
     * A task's identity: the version of seawall-sim, the scenario file's name and a hash of its text, a hash of each
     * file it reads besides (by name), the settings, the axis values and the repetition. The file's folder is left
     * out, so that the same sweep run from elsewhere resumes. The version is there because another version's runs
     * may differ for the same task; each input file's folder goes too, as the scenario's text already names it.
     */
    static Map<String, Object> taskRecord(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", t.id());
        m.put("version", ResultsWriter.version());
        m.put("scenario_file", Path.of(t.file()).getFileName().toString());
        m.put("scenario_sha256", sha256(t.text().getBytes(StandardCharsets.UTF_8)));
        Map<String, String> inputs = new java.util.TreeMap<>();
        t.inputs().forEach((f, hash) -> inputs.put(Path.of(f).getFileName().toString(), hash));
        m.put("inputs_sha256", inputs);
        m.put("sets", canonicalSets(t.sets()));
        m.put("values", t.values());
        m.put("rep", t.rep());
        return m;
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    /**
     * The settings as the model reads them, in their order (a later one may override part of an earlier): each value
     * parsed as YAML and written back in one form, numbers as their decimal value, so that a sweep resumed with
     * {@code --set x=0.20} where it was started with {@code x=0.2} (or {@code 1.0} and {@code 1}) reuses its runs; it
     * was refused as another sweep's.
     */
    public static List<String> canonicalSets(List<String> sets) {
        List<String> out = new ArrayList<>();
        for (String arg : sets) {
            List<Problem> problems = new ArrayList<>();
            Overrides.Setting st = Overrides.parse(arg, problems);
            out.add(st == null ? arg : st.path() + "=" + canonical(st.value()));
        }
        return out;
    }

    private static String canonical(YNode n) {
        if (n instanceof YNode.Scalar sc) {
            switch (sc.kind()) {
                case INT, FLOAT -> {
                    try {
                        java.math.BigDecimal d = new java.math.BigDecimal(sc.text().replace("_", ""));
                        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
                    } catch (NumberFormatException e) {
                        return sc.text(); // .inf, .nan, hex: as written
                    }
                }
                case STRING -> {
                    return "\"" + sc.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                }
                default -> {
                    return sc.describe();
                }
            }
        }
        if (n instanceof YNode.Sequence seq) {
            List<String> items = new ArrayList<>();
            for (YNode i : seq.items()) {
                items.add(canonical(i));
            }
            return "[" + String.join(",", items) + "]";
        }
        YNode.Mapping map = (YNode.Mapping) n;
        List<String> entries = new ArrayList<>();
        for (YNode.Entry e : map.entries().values()) {
            entries.add(e.key() + ":" + canonical(e.value()));
        }
        return "{" + String.join(",", entries) + "}";
    }

    /**
     * The finished run folders in {@code out} that another sweep made (their task.json differs from this sweep's task
     * of the same id), each described by what differs. A resumed sweep must not take their results for its own:
     * reordering an axis's values, say, would relabel every reused run. Folders without a task.json (written before
     * it existed) are judged by their summary.json's scenario, scheme, seed and parameters.
     */
    static List<String> foreignRuns(Path out, List<Point> points) {
        List<String> foreign = new ArrayList<>();
        for (Point p : points) {
            Path f = out.resolve("runs").resolve(p.id()).resolve(TASK_FILE);
            if (!finished(out, p.id())) {
                continue;
            }
            if (!Files.exists(f)) {
                String d = summaryDifference(out.resolve("runs").resolve(p.id()).resolve("summary.json"), p);
                if (d != null) {
                    foreign.add(p.id() + ": " + d);
                }
                continue;
            }
            JsonNode was;
            JsonNode now;
            try {
                was = ResultsWriter.JSON.readTree(f.toFile());
                // Through text, as the file went: a Long and an Integer of equal value are then one node type.
                now = ResultsWriter.JSON.readTree(ResultsWriter.JSON.writeValueAsString(taskRecord(p.task())));
            } catch (IOException e) {
                // Jackson's full message ends "Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
                // disabled)": its own words and where it is, without its API's names.
                String why = e.getMessage();
                if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                    why = j.getOriginalMessage() + (j.getLocation() == null ? "" : " at line "
                            + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr());
                }
                foreign.add(p.id() + ": unreadable " + TASK_FILE + " (" + why + ")");
                continue;
            }
            if (!was.equals(now)) {
                foreign.add(p.id() + ": " + difference(was, now));
            }
        }
        return foreign;
    }

    /**
     * For a run folder without a task.json (written before it existed, or copied from elsewhere): what its
     * summary.json's scenario, scheme, seed and parameters say that differs from point {@code p}'s, or null when
     * they agree. Before, such a folder was taken as it was: another scenario's drr run at 800 Mb/s was listed as
     * this sweep's seawall run at 300.
     */
    static String summaryDifference(Path summary, Point p) {
        JsonNode s;
        try {
            s = ResultsWriter.JSON.readTree(summary.toFile());
        } catch (IOException e) {
            return "unreadable summary.json (" + e.getMessage() + ")";
        }
        Scenario sc = p.scenario();
        List<String> d = new ArrayList<>();
        String version = versionDifference(s.path("version"));
        if (version != null) {
            d.add(version);
        }
        if (!sc.name().equals(s.path("scenario").asText())) {
            d.add("scenario " + s.path("scenario").asText() + " there, " + sc.name() + " here");
        }
        if (!sc.scheme().equals(s.path("scheme").asText())) {
            d.add("scheme " + s.path("scheme").asText() + " there, " + sc.scheme() + " here");
        }
        if (s.path("seed").asLong(Long.MIN_VALUE) != sc.seed()) {
            d.add("seed " + s.path("seed").asText() + " there, " + sc.seed() + " here");
        }
        JsonNode params = ResultsWriter.JSON.valueToTree(new java.util.TreeMap<>(sc.parameters()));
        if (!params.equals(s.path("parameters"))) {
            d.add("parameters " + s.path("parameters") + " there, " + params + " here");
        }
        return d.isEmpty() ? null : "no " + TASK_FILE + ", and its summary.json differs: " + String.join("; ", d);
    }

    /**
     * What a run's recorded version says when it is not this one (null when it is), for task.json and summary.json
     * alike. Quoted, so that a stray space shows; a version that is not text was not recorded by seawall-sim.
     */
    private static String versionDifference(JsonNode recorded) {
        String now = ResultsWriter.version();
        if (recorded.isTextual() && recorded.asText().equals(now)) {
            return null;
        }
        return (recorded.isTextual() ? "made by seawall-sim \"" + recorded.asText() + "\""
                : "made by a seawall-sim that did not record its version") + ", this is \"" + now
                + "\" (another version's runs are never reused)";
    }

    private static String difference(JsonNode was, JsonNode now) {
        List<String> d = new ArrayList<>();
        String version = versionDifference(was.path("version"));
        if (version != null) {
            d.add(version);
        }
        for (String k : List.of("values", "rep", "sets", "scenario_file", "scenario_sha256")) {
            if (!was.path(k).equals(now.path(k))) {
                d.add(k.equals("scenario_sha256") ? "the scenario file's text changed"
                        : k + " " + was.path(k) + " then, " + now.path(k) + " now");
            }
        }
        JsonNode wasIn = was.path("inputs_sha256");
        JsonNode nowIn = now.path("inputs_sha256");
        for (java.util.Iterator<String> names = nowIn.fieldNames(); names.hasNext();) {
            String f = names.next();
            if (!nowIn.path(f).equals(wasIn.path(f))) {
                d.add("the content of " + f + " changed");
            }
        }
        return d.isEmpty() ? "made by another sweep" : String.join("; ", d);
    }

    /** The output folder holds runs of another sweep (see {@link #foreignRuns}); nothing was run or written. */
    public static final class ForeignRunsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignRunsException(String message) {
            super(message);
        }
    }

    /** The error for {@link #foreignRuns}: what differs, and what to do. */
    static String foreignMessage(Path out, List<String> foreign) {
        StringBuilder b = new StringBuilder(out + " holds " + foreign.size() + " finished run"
                + (foreign.size() == 1 ? "" : "s") + " of a different sweep, which resuming would take for this one's:");
        for (String f : foreign.subList(0, Math.min(5, foreign.size()))) {
            b.append("\n  runs/").append(f);
        }
        if (foreign.size() > 5) {
            b.append("\n  ... and ").append(foreign.size() - 5).append(" more");
        }
        // Deleting runs/ throws every finished run away: a few listed runs (a damaged task.json) go one by one.
        if (foreign.size() <= 5) {
            b.append("\nwrite this sweep to a new --out, or delete ").append(foreign.size() == 1 ? "that run's folder"
                    : "those runs' folders");
            for (String f : foreign) {
                b.append(' ').append(out.resolve("runs").resolve(f.substring(0, f.indexOf(':'))));
            }
            return b.append(" to run ").append(foreign.size() == 1 ? "it" : "them").append(" again (the other "
                    + "finished runs are kept), or delete ").append(out.resolve("runs")).append(" to start it afresh")
                    .toString();
        }
        return b.append("\nwrite this sweep to a new --out, or delete ").append(out.resolve("runs"))
                .append(" to start it afresh").toString();
    }

    /**
     * Whether a point's folder is complete (folders only ever appear complete, by rename) and its summary.json still
     * reads as one: a file damaged since (truncated, emptied) made the sweep fail with exit 4 on resume, naming no
     * file; the point is now run again.
     */
    public static boolean finished(Path out, String id) {
        Path summary = out.resolve("runs").resolve(id).resolve("summary.json");
        if (!Files.exists(summary)) {
            return false;
        }
        try {
            return ResultsWriter.JSON.readTree(summary.toFile()) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a point's files into runs/.&lt;id&gt;.tmp, then renames that folder to runs/&lt;id&gt;: a reader or a
     * resumed sweep sees the whole folder or none of it.
     */
    static void writeRun(Path out, Outcome o, Task task) {
        Path runs = out.resolve("runs");
        Path tmp = runs.resolve("." + o.id() + ".tmp");
        Path dst = runs.resolve(o.id());
        try {
            Files.createDirectories(runs);
            deleteTree(tmp);
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve(TASK_FILE), ResultsWriter.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(taskRecord(task)) + "\n");
            for (Map.Entry<String, byte[]> f : o.files().entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            deleteTree(dst); // left by an older version, or a partial copy: it has no summary.json
            Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(out.resolve("failed").resolve(o.id() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dst + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes failed/ once a resumed sweep has redone every failed run (each success deletes its record): the empty
     * folder stayed, the only difference from a clean sweep's folder. Done after all outcomes are in, so that no
     * failure being recorded meanwhile loses its folder.
     */
    private static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (java.nio.file.DirectoryNotEmptyException stillFailing) {
            // Runs still failing keep their records.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void writeFailure(Path out, Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", o.id());
        m.put("attempts", o.attempts());
        m.put("bad_input", o.badInput());
        m.put("error", o.error());
        m.put("trace", o.trace());
        try {
            ResultsWriter.writeAtomically(out.resolve("failed").resolve(o.id() + ".json"),
                    ResultsWriter.JSON.writeValueAsString(m) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }

    /**
     * Waits for a run submitted to a pool and returns its result; a run's own exception (bad input, for example) is
     * rethrown as it was, so the command line reports it as if the run had been done on the calling thread.
     */
    public static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Runs {@code tasks} on {@code pool} (which this shuts down) and returns their results in list order. When one
     * fails, the others stop: a run at its next sample ({@link Runner.Cancelled}), and a task not yet started never
     * starts. This returns or throws only after every task has stopped, so none is left writing into a folder its
     * caller is about to delete. It throws the first failure in list order among the tasks that failed on their own
     * (not by being stopped).
     */
    public static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks) {
        // Set by the failing task's own thread, so that a task the pool takes up in the moment before the caller
        // has cancelled it does not start.
        AtomicBoolean failed = new AtomicBoolean();
        CompletionService<T> done = new ExecutorCompletionService<>(pool);
        List<Future<T>> fs = new ArrayList<>();
        boolean stop = false;
        boolean interrupted = false;
        try {
            for (Callable<T> t : tasks) {
                fs.add(done.submit(() -> {
                    if (failed.get()) {
                        throw new NotStarted();
                    }
                    try {
                        return t.call();
                    } catch (Throwable e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            for (int left = fs.size(); left > 0 && !stop; left--) {
                Future<T> f = done.take();
                try {
                    f.get();
                } catch (ExecutionException | CancellationException e) {
                    stop = true;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            stop = true;
        } finally {
            if (stop) {
                for (Future<T> f : fs) {
                    f.cancel(true);
                }
            }
            pool.shutdown();
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : fs) {
            if (f.isCancelled() || stoppedByOthers(f)) {
                continue;
            }
            results.add(await(f));
        }
        if (stop) {
            // Only stopped tasks failed: the caller was interrupted.
            throw new IllegalStateException("interrupted");
        }
        return results;
    }

    /** A task of {@link #runAll} that did not start because another had failed. */
    private static final class NotStarted extends RuntimeException {
        NotStarted() {
            super(null, null, false, false);
        }
    }

    private static boolean stoppedByOthers(Future<?> f) {
        try {
            f.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof NotStarted || e.getCause() instanceof Runner.Cancelled;
        } catch (InterruptedException | CancellationException e) {
            return false;
        }
    }

    /** The last column of sweep.csv and sweep-vms.csv: how many notes the run has (as comparison.csv's). */
    public static final String NOTES_COLUMN = "notes";

    /** The fixed columns of sweep-vms.csv; the axis columns go between "seed" and "vm" (and "notes" comes last). */
    public static final List<String> VM_TABLE_RUN_COLUMNS = List.of("run", "scheme", "rep", "seed");
    public static final List<String> VM_TABLE_VM_COLUMNS = List.of("vm", "tenant", "host", "weight", "goodput_bps",
            "ideal_bps", "jain_weighted", "isolation_error", "utilization", "drops");

    /**
     * The column name of an axis in sweep-vms.csv: its path with every run of characters other than letters and
     * digits made one '_' (tenants.a.vms.x.traffic[0].flows becomes tenants_a_vms_x_traffic_0_flows), so that
     * Spark SQL and pandas can name it without quoting; "axis_" goes in front if that clashes with a fixed column.
     */
    public static String axisColumn(String path) {
        String c = path.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return VM_TABLE_RUN_COLUMNS.contains(c) || VM_TABLE_VM_COLUMNS.contains(c) || c.equals(NOTES_COLUMN)
                ? "axis_" + c : c;
    }

    /** What the tables say beyond the metrics: the finished runs with notes, and those that failed an expectation. */
    public record Table(int finished, List<String> withNotes, List<String> failedExpectations) {
    }

    /**
     * Writes sweep.json, sweep.csv (one row per finished run; the file the sweep charts read) and sweep-vms.csv
     * (one row per finished run and VM, no comment lines, for pandas and Spark SQL) from the runs' summaries, with
     * each run's notes and failed expectations: a VM locked out in one seed of five (0.0 Mb/s beside 263-268) pulled
     * the mean to 213 with a standard deviation of 119 while every sweep file was silent about why, and only the
     * run's own summary.json said so. Read back from the summaries, so a resumed sweep writes the same files.
     */
    public static Table writeTable(Scenario base, List<Point> points, Path out) {
        List<String> axes = new ArrayList<>();
        for (Binder.Axis a : base.axes()) {
            // A scheme axis already has its own column and is listed under "schemes".
            if (!a.path().equals("scheme")) {
                axes.add(a.path());
            }
        }
        List<String> metrics = List.of("jain_weighted", "isolation_error", "utilization", "drops");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("scenario", base.name());
        meta.put("version", ResultsWriter.version());
        meta.put("axes", axes);
        // What every run shares and its summary.json records: the tie seed (unless it is swept: then its column).
        boolean tieAxis = axes.contains("tieSeed");
        if (!tieAxis) {
            meta.put("tie_seed", base.tieSeed());
        }
        List<String> schemes = new ArrayList<>();
        for (Point p : points) {
            if (!schemes.contains(p.scenario().scheme())) {
                schemes.add(p.scenario().scheme());
            }
        }
        meta.put("schemes", schemes);
        meta.put("repetitions", base.repetitions());
        List<String> vmCols = new ArrayList<>();
        for (Scenario.Vm vm : base.vms()) {
            if (!vm.traffic().isEmpty()) {
                vmCols.add("vm:" + vm.name() + ":goodput_bps");
            }
        }
        List<String> allMetrics = new ArrayList<>(metrics);
        allMetrics.addAll(vmCols);
        meta.put("metrics", allMetrics);
        Map<String, String> axisColumns = new LinkedHashMap<>();
        for (String a : axes) {
            axisColumns.put(axisColumn(a), a);
        }
        // sweep.csv names an axis by its path, unless that is already a column (a 'seed' axis beside the run's seed,
        // which repetitions make seed + rep): then "axis_" goes in front, as in sweep-vms.csv. A duplicate 'seed'
        // header made every reader take the run's seed for the axis. The map (column to path) tells readers.
        Map<String, String> wideAxisColumns = new LinkedHashMap<>();
        for (String a : axes) {
            wideAxisColumns.put(VM_TABLE_RUN_COLUMNS.contains(a) || allMetrics.contains(a) ? "axis_" + a : a, a);
        }
        meta.put("axis_columns", wideAxisColumns);
        Map<String, Object> vmTable = new LinkedHashMap<>(); // ordered: Map.of's order changes from JVM to JVM
        vmTable.put("file", "sweep-vms.csv");
        vmTable.put("axis_columns", axisColumns);
        meta.put("vm_table", vmTable);
        List<String> wideHeader = new ArrayList<>(VM_TABLE_RUN_COLUMNS);
        wideHeader.addAll(wideAxisColumns.keySet());
        wideHeader.addAll(allMetrics);
        // Last, as comparison.csv's: how many notes the run's summary.json has (sweep.json gives their text).
        wideHeader.add(NOTES_COLUMN);
        CsvText csv = new CsvText("# scenario: " + base.name() + (tieAxis || base.tieSeed() == 0 ? ""
                : "\n# tie_seed: " + base.tieSeed()) + "\n# version: " + ResultsWriter.version()
                + "\n# units: goodput_bps = bit/s; utilization = fraction; drops = packets\n",
                wideHeader.toArray(new String[0]));
        List<String> header = new ArrayList<>(VM_TABLE_RUN_COLUMNS);
        header.addAll(axisColumns.keySet());
        header.addAll(VM_TABLE_VM_COLUMNS);
        header.add(NOTES_COLUMN);
        CsvText vmRows = new CsvText("", header.toArray(new String[0]));
        List<String> failed = new ArrayList<>();
        List<Object> runNotes = new ArrayList<>();
        List<String> withNotes = new ArrayList<>();
        List<String> failedExpectations = new ArrayList<>();
        for (Point p : points) {
            if (!finished(out, p.id())) {
                failed.add(p.id());
                continue;
            }
            JsonNode s;
            try {
                s = ResultsWriter.JSON.readTree(out.resolve("runs").resolve(p.id()).resolve("summary.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Object> run = new ArrayList<>(List.of(p.id(), p.scenario().scheme(), p.rep(), p.scenario().seed()));
            for (String a : axes) {
                run.add(p.values().get(a));
            }
            List<String> notes = ResultsWriter.notes(s);
            List<JsonNode> failedChecks = ResultsWriter.failedExpectations(s);
            Map<String, Object> rn = new LinkedHashMap<>();
            rn.put("run", p.id());
            rn.put("notes", notes);
            rn.put("expectations", failedChecks);
            runNotes.add(rn);
            if (!notes.isEmpty()) {
                withNotes.add(p.id());
            }
            if (!failedChecks.isEmpty()) {
                failedExpectations.add(p.id());
            }
            List<Object> wide = new ArrayList<>(run);
            for (String m : metrics) {
                wide.add(s.get("metrics").get(m).asText());
            }
            for (String c : vmCols) {
                String name = c.split(":")[1];
                String v = "";
                for (JsonNode n : s.get("vms")) {
                    if (n.get("name").asText().equals(name)) {
                        v = n.get("goodput_bps").asText();
                    }
                }
                wide.add(v);
            }
            wide.add(notes.size());
            csv.row(wide);
            for (JsonNode n : s.get("vms")) {
                List<Object> row = new ArrayList<>(run);
                for (String f : List.of("name", "tenant", "host", "weight", "goodput_bps", "ideal_bps")) {
                    row.add(n.path(f).asText());
                }
                for (String m : metrics) {
                    row.add(s.get("metrics").get(m).asText());
                }
                row.add(notes.size());
                vmRows.row(row);
            }
        }
        meta.put("failed", failed);
        meta.put("runs", runNotes);
        try {
            ResultsWriter.writeAtomically(out.resolve("sweep.json"), ResultsWriter.JSON.writeValueAsString(meta) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ResultsWriter.writeAtomically(out.resolve("sweep.csv"), csv.toString());
        ResultsWriter.writeAtomically(out.resolve("sweep-vms.csv"), vmRows.toString());
        return new Table(runNotes.size(), List.copyOf(withNotes), List.copyOf(failedExpectations));
    }
}
