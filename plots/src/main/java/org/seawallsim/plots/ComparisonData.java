package org.seawallsim.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison folder: comparison.csv (one row per scheme, in the order the user asked for) and one run folder per
 * scheme, of which only summary.json is needed here.
 */
public record ComparisonData(Path dir, Map<String, String> meta, List<Row> rows, Map<String, RunSummary> runs) {
    public static final String FILE = "comparison.csv";

    /** One scheme's headline metrics. */
    public record Row(String scheme, double jainWeighted, double isolationError, double utilization, double drops) {
    }

    public static boolean isComparison(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    public static ComparisonData read(Path dir) {
        CsvTable t = CsvTable.read(dir.resolve(FILE), "scheme", "jain_weighted", "isolation_error", "utilization",
                "drops");
        int s = t.column("scheme");
        int j = t.column("jain_weighted");
        int ie = t.column("isolation_error");
        int u = t.column("utilization");
        int d = t.column("drops");
        List<Row> rows = new ArrayList<>();
        Map<String, RunSummary> runs = new LinkedHashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String scheme = t.text(r, s);
            if (runs.containsKey(scheme)) {
                throw new ResultFileException(t.file(), r.line(), "scheme '" + scheme + "' appears twice");
            }
            if (scheme.contains("/") || scheme.contains("\\") || scheme.equals("..") || scheme.equals(".")) {
                throw new ResultFileException(t.file(), r.line(), "scheme '" + scheme
                        + "' is not a valid folder name");
            }
            rows.add(new Row(scheme, t.number(r, j), t.number(r, ie), t.number(r, u), t.number(r, d)));
            runs.put(scheme, RunSummary.read(dir.resolve(scheme)));
        }
        if (rows.isEmpty()) {
            throw new ResultFileException(t.file(), "has a header but no scheme rows");
        }
        agree(t, runs);
        return new ComparisonData(dir, t.meta(), List.copyOf(rows), runs);
    }

    /**
     * Every scheme folder must hold the run compare made there: a run written into it afterwards ({@code run --scheme
     * drr --out cmp/tcp}) was reported as tcp's goodput beside comparison.csv's tcp metrics, and one of another seed
     * or duration under the comparison's header.
     */
    private static void agree(CsvTable t, Map<String, RunSummary> runs) {
        String seed = t.meta().get("seed");
        String scenario = t.meta().get("scenario");
        RunSummary first = runs.values().iterator().next();
        for (Map.Entry<String, RunSummary> e : runs.entrySet()) {
            RunSummary r = e.getValue();
            Path f = t.file().resolveSibling(e.getKey()).resolve(RunSummary.FILE);
            String differs = null;
            if (!r.scheme().equals(e.getKey())) {
                differs = "scheme " + r.scheme() + ", where " + FILE + " lists this folder as scheme " + e.getKey();
            } else if (seed != null && !r.seed().equals(seed)) {
                differs = "seed " + r.seed() + ", where " + FILE + " says seed " + seed;
            } else if (scenario != null && !r.scenario().equals(scenario)) {
                differs = "scenario " + r.scenario() + ", where " + FILE + " says scenario " + scenario;
            } else if (r.durationS() != first.durationS() || r.warmupS() != first.warmupS()) {
                differs = "duration " + r.durationS() + " s (warm-up " + r.warmupS() + " s), where the "
                        + first.scheme() + " run has " + first.durationS() + " s (warm-up " + first.warmupS() + " s)";
            }
            if (differs != null) {
                throw new ResultFileException(f, "is not the run of this comparison: it has " + differs + " (a command "
                        + "other than 'compare' wrote into this comparison); run the comparison again");
            }
        }
    }

    public List<String> schemes() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.scheme());
        }
        return out;
    }
}
