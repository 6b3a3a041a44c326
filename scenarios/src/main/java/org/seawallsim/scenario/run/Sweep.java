package org.seawallsim.scenario.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seawallsim.scenario.model.Binder;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * Expands a scenario's sweep axes (cartesian product; axes in the order the format lists its fields, the last one
 * varying fastest) times its repetitions into numbered runs r0000, r0001, ...; repetition r uses seed + r. Runs are
 * independent and deterministic, so the number of parallel jobs changes nothing in the results; a run whose
 * summary.json exists is not redone.
 */
public final class Sweep {
    /** One run of the sweep: its id, axis values (path to value) and repetition. */
    public record Point(String id, Map<String, Object> values, int rep, Scenario scenario) {
    }

    private Sweep() {
    }

    public static List<Point> expand(ScenarioLoader loader) throws ScenarioException {
        Scenario base = loader.scenario(Map.of());
        List<Binder.Axis> axes = base.axes();
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
        List<Point> out = new ArrayList<>();
        List<ScenarioException> errors = new ArrayList<>();
        for (Map<String, Object> c : combos) {
            Scenario sc;
            try {
                sc = loader.scenario(c);
            } catch (ScenarioException e) {
                errors.add(e);
                continue;
            }
            for (int r = 0; r < base.repetitions(); r++) {
                out.add(new Point(String.format(Locale.ROOT, "r%04d", out.size()), c, r, sc.withSeed(sc.seed() + r)));
            }
        }
        if (!errors.isEmpty()) {
            List<org.seawallsim.scenario.model.Problem> all = new ArrayList<>();
            for (ScenarioException e : errors) {
                all.addAll(e.problems());
            }
            throw new ScenarioException(all);
        }
        return out;
    }

    /** Runs every point not yet finished with {@code jobs} threads; returns how many were run now. */
    public static int run(List<Point> points, Path out, int jobs, Runner.Progress progress) {
        List<Point> todo = new ArrayList<>();
        for (Point p : points) {
            if (!Files.exists(out.resolve("runs").resolve(p.id()).resolve("summary.json"))) {
                todo.add(p);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Point p : todo) {
                fs.add(pool.submit(() -> {
                    RunResult r = Runner.run(p.scenario(), null);
                    ResultsWriter.write(r, out.resolve("runs").resolve(p.id()));
                    if (progress != null) {
                        progress.update(p.scenario().durationS(), p.scenario().durationS(), r.events(), r.wallS());
                    }
                }));
            }
            for (Future<?> f : fs) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        return todo.size();
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
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Writes sweep.json and sweep.csv from the finished runs' summaries. */
    public static void writeTable(Scenario base, List<Point> points, Path out) {
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
        StringBuilder csv = new StringBuilder();
        csv.append("# scenario: ").append(base.name()).append("\n# version: ").append(ResultsWriter.version())
                .append("\n# units: goodput_bps = bit/s; utilization = fraction; drops = packets\n");
        csv.append("run,scheme,rep,seed");
        for (String a : axes) {
            csv.append(',').append(a);
        }
        for (String m : allMetrics) {
            csv.append(',').append(m);
        }
        csv.append('\n');
        for (Point p : points) {
            JsonNode s;
            try {
                s = ResultsWriter.JSON.readTree(out.resolve("runs").resolve(p.id()).resolve("summary.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            csv.append(p.id()).append(',').append(p.scenario().scheme()).append(',').append(p.rep()).append(',')
                    .append(p.scenario().seed());
            for (String a : axes) {
                csv.append(',').append(p.values().get(a));
            }
            for (String m : metrics) {
                csv.append(',').append(s.get("metrics").get(m).asText());
            }
            for (String c : vmCols) {
                String name = c.split(":")[1];
                String v = "";
                for (JsonNode n : s.get("vms")) {
                    if (n.get("name").asText().equals(name)) {
                        v = n.get("goodput_bps").asText();
                    }
                }
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        try {
            ResultsWriter.writeAtomically(out.resolve("sweep.json"), ResultsWriter.JSON.writeValueAsString(meta) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ResultsWriter.writeAtomically(out.resolve("sweep.csv"), csv.toString());
    }
}
