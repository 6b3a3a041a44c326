package org.seawallsim.plots;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep folder: sweep.json (axes, schemes, metrics) and sweep.csv (one row per run). Values of the first axis
 * become the x axis; when they are not all numbers, they are shown as categories in order of first appearance.
 */
public record SweepData(Path dir, String scenario, String version, String tieSeed, List<String> axes,
        List<String> schemes,
        int repetitions, List<String> metrics, CsvTable table, Map<String, String> axisColumns,
        Map<String, RunNotes> runNotes, boolean recordsNotes) {
    public static final String JSON = "sweep.json";
    public static final String CSV = "sweep.csv";

    /** Whether every run ran same-instant events in an order drawn from one tie seed (not scheduling order). */
    public boolean permutedTies() {
        return Style.permutedTies(tieSeed);
    }

    /**
     * What sweep.json records of a run beyond its metrics: its summary.json's notes and the expectations it failed.
     * A sweep's means (a VM's 213 Mb/s, std 119) read as a measured spread when one seed of five had locked it out.
     */
    public record RunNotes(List<String> notes, List<RunSummary.Expectation> failedExpectations) {
        public boolean any() {
            return !notes.isEmpty() || !failedExpectations.isEmpty();
        }
    }

    /**
     * The run's notes and failed expectations (none for a run sweep.json does not list). Whether sweep.json records
     * them at all is {@link #recordsNotes}: sweeps written before session 20 do not, and have no notes column.
     */
    public RunNotes notesOf(String run) {
        return runNotes.getOrDefault(run, new RunNotes(List.of(), List.of()));
    }

    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(JSON));
    }

    public static SweepData read(Path dir) {
        Path jf = dir.resolve(JSON);
        JsonNode root = Json.read(jf);
        // Empty when only the scheme or the repetitions vary: the charts then show each metric per scheme (xAxis).
        List<String> axes = strings(jf, root, "axes");
        List<String> schemes = strings(jf, root, "schemes");
        double reps = Json.optNumber(jf, root, "", "repetitions");
        List<String> metrics = root.has("metrics") ? strings(jf, root, "metrics") : List.of();

        // sweep.json's axis_columns (sweep.csv column to axis path) names the columns of axes that would clash with
        // another column ("axis_seed"); without it (older sweeps) an axis's column is its path.
        Map<String, String> axisColumns = new LinkedHashMap<>();
        JsonNode ac = root.path("axis_columns");
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = ac.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            axisColumns.put(e.getValue().asText(), e.getKey());
        }
        List<String> required = new ArrayList<>(List.of("run", "scheme", "rep", "seed"));
        for (String a : axes) {
            required.add(axisColumns.getOrDefault(a, a));
        }
        Path cf = dir.resolve(CSV);
        CsvTable table = CsvTable.read(cf, required.toArray(new String[0]));
        if (metrics.isEmpty()) {
            // No list in sweep.json: every column after the axes is a metric.
            metrics = new ArrayList<>(table.columns().subList(required.size(), table.columns().size()));
        }
        for (String m : metrics) {
            if (!table.columns().contains(m)) {
                throw new ResultFileException(cf, "header lacks metric column '" + m + "' listed in " + JSON);
            }
        }
        int sc = table.column("scheme");
        for (CsvTable.Row r : table.rows()) {
            table.text(r, sc);
            for (String a : axes) {
                table.text(r, table.column(axisColumns.getOrDefault(a, a)));
            }
            for (String m : metrics) {
                table.number(r, table.column(m));
            }
        }
        if (table.rows().isEmpty()) {
            throw new ResultFileException(cf, "has a header but no run rows");
        }
        // Each finished run's notes and failed expectations (an optional array: absent in sweeps written before).
        Map<String, RunNotes> runNotes = new LinkedHashMap<>();
        List<JsonNode> runs = root.has("runs") ? Json.array(jf, root, "", "runs") : List.of();
        for (int i = 0; i < runs.size(); i++) {
            JsonNode x = runs.get(i);
            runNotes.put(Json.text(jf, x, "runs[" + i + "].", "run"), new RunNotes(RunSummary.notes(x.path("notes")),
                    RunSummary.expectations(jf, x)));
        }
        // tie_seed: every run's, unless it is an axis (then a column); absent in older sweeps.
        return new SweepData(dir, Json.optText(root, "scenario", ""), Json.optText(root, "version", ""),
                Json.optText(root, "tie_seed", ""), List.copyOf(axes), List.copyOf(schemes), Double.isNaN(reps) ? 0 : (int) reps, List.copyOf(metrics),
                table, Map.copyOf(axisColumns), Map.copyOf(runNotes), root.has("runs"));
    }

    /** The sweep.csv column of an axis (or of "scheme"). */
    public int axisColumn(String axis) {
        return table.column(axisColumns.getOrDefault(axis, axis));
    }

    private static List<String> strings(Path f, JsonNode root, String name) {
        List<String> out = new ArrayList<>();
        List<JsonNode> nodes = Json.array(f, root, "", name);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            if (!n.isValueNode() || n.asText().isEmpty()) {
                throw new ResultFileException(f, "field '" + name + "[" + i + "]' must be a non-empty string, found "
                        + Json.describe(n));
            }
            out.add(n.asText());
        }
        return out;
    }

    /**
     * One point of a sweep line: the mean and sample standard deviation over repetitions, and the runs (sweep.csv's
     * run column) it is made of.
     */
    public record Point(double x, String label, double mean, double std, int n, List<String> runs) {
    }

    /**
     * The charts' x axis: the first swept parameter, or the scheme column when nothing but schemes and repetitions
     * vary (a sweep over seeds, or a scheme axis alone, which becomes the scheme column). Such sweeps used to get no
     * charts and no report, and {@code plot} refused their folders.
     */
    public String xAxis() {
        return axes.isEmpty() ? "scheme" : axes.get(0);
    }

    /** Whether every value of the first axis is a number (numeric x axis) or not (categories). */
    public boolean numericAxis() {
        int c = axisColumn(xAxis());
        for (CsvTable.Row r : table.rows()) {
            try {
                Double.parseDouble(r.cells()[c].trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** Distinct first-axis values in order of first appearance (the categories when non-numeric). */
    public List<String> firstAxisLabels() {
        int c = axisColumn(xAxis());
        Set<String> s = new LinkedHashSet<>();
        for (CsvTable.Row r : table.rows()) {
            s.add(r.cells()[c].trim());
        }
        return new ArrayList<>(s);
    }

    /**
     * Aggregates one metric: one line per scheme (and per combination of the other axes, if any), one point per
     * first-axis value, mean +- sample standard deviation over the rows (repetitions) that share them. NaN cells
     * are left out of the mean.
     */
    public List<Line> lines(String metric) {
        int mc = table.column(metric);
        int sc = table.column("scheme");
        int ac = axisColumn(xAxis());
        int rc = table.column("run");
        boolean numeric = numericAxis();
        List<String> labels = firstAxisLabels();
        Map<String, Map<String, List<Double>>> groups = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> runsOf = new LinkedHashMap<>();
        Map<String, String> schemeOfKey = new LinkedHashMap<>();
        for (CsvTable.Row r : table.rows()) {
            StringBuilder key = new StringBuilder(r.cells()[sc].trim());
            for (int i = 1; i < axes.size(); i++) {
                if (axes.get(i).equals("scheme")) {
                    continue; // already the line's name
                }
                key.append(", ").append(axes.get(i)).append('=').append(r.cells()[axisColumn(axes.get(i))].trim());
            }
            schemeOfKey.put(key.toString(), r.cells()[sc].trim());
            groups.computeIfAbsent(key.toString(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.cells()[ac].trim(), k -> new ArrayList<>()).add(table.number(r, mc));
            runsOf.computeIfAbsent(key.toString(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.cells()[ac].trim(), k -> new ArrayList<>()).add(r.cells()[rc].trim());
        }
        List<Line> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Double>>> g : groups.entrySet()) {
            List<Point> pts = new ArrayList<>();
            for (Map.Entry<String, List<Double>> e : g.getValue().entrySet()) {
                double sum = 0;
                int n = 0;
                for (double v : e.getValue()) {
                    if (!Double.isNaN(v)) {
                        sum += v;
                        n++;
                    }
                }
                double mean = n == 0 ? Double.NaN : sum / n;
                double ss = 0;
                for (double v : e.getValue()) {
                    if (!Double.isNaN(v)) {
                        ss += (v - mean) * (v - mean);
                    }
                }
                double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
                double x = numeric ? Double.parseDouble(e.getKey()) : labels.indexOf(e.getKey());
                pts.add(new Point(x, e.getKey(), mean, std, n,
                        List.copyOf(runsOf.get(g.getKey()).get(e.getKey()))));
            }
            pts.sort((a, b) -> Double.compare(a.x(), b.x()));
            out.add(new Line(g.getKey(), schemeOfKey.get(g.getKey()), List.copyOf(pts)));
        }
        return out;
    }

    /** One line of a sweep chart: its legend label, the scheme that colours it, and its points sorted by x. */
    public record Line(String label, String scheme, List<Point> points) {
    }
}
