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
        return new ComparisonData(dir, t.meta(), List.copyOf(rows), runs);
    }

    public List<String> schemes() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.scheme());
        }
        return out;
    }
}
