package org.seawallsim.scenario.regress;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seawallsim.scenario.run.CsvText;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.seawallsim.plots.ChartSpec;
import org.seawallsim.plots.ChartWriter;
import org.seawallsim.plots.PlotOptions;
import org.seawallsim.scenario.run.ResultsWriter;

/** The comparison as a console table, regress.csv and report.html with a golden-vs-now chart per entry. */
public final class Report {
    static final List<String> COLUMNS = List.of("scenario", "scheme", "metric", "golden", "now", "difference",
            "tolerance", "verdict", "note");

    private Report() {
    }

    private static List<String> cells(Rows.Row r) {
        return List.of(r.entry(), r.scheme(), r.metric(), r.golden(), r.now(), r.difference(), r.tolerance(),
                r.verdict().label(), r.note());
    }

    /** Fixed-width table; notes are cut to keep lines readable (the CSV has them whole). */
    public static String table(List<Rows.Row> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(COLUMNS);
        for (Rows.Row r : rows) {
            List<String> c = new ArrayList<>(cells(r));
            String note = c.get(8);
            c.set(8, note.length() > 90 ? note.substring(0, 87) + "..." : note);
            all.add(c);
        }
        int[] w = new int[COLUMNS.size()];
        for (List<String> row : all) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + w[i] + "s", row.get(i)));
                if (i < w.length - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    public static String csv(List<Rows.Row> rows, String header) {
        CsvText csv = new CsvText(header, COLUMNS.toArray(new String[0]));
        for (Rows.Row r : rows) {
            csv.row(cells(r));
        }
        return csv.toString();
    }

    /** Charts (PNG, one per entry with numbers) and report.html in {@code out}; returns the report's path. */
    public static Path html(List<Rows.Row> rows, List<Outcome> outcomes, Map<String, String> facts, Path out) {
        Map<String, List<Rows.Row>> byEntry = new LinkedHashMap<>();
        List<Rows.Row> ordered = new ArrayList<>(rows);
        ordered.sort(java.util.Comparator.comparing(Rows.Row::entry));
        for (Rows.Row r : ordered) {
            byEntry.computeIfAbsent(r.entry(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>seawall-sim regression"
                + "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:"
                + "collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
                + "tr.ERROR,tr.FAIL{background:#fdd}tr.FINGERPRINT-CHANGED{background:#ffe9b3}tr.NEW{background:"
                + "#e6f0ff}tr.UNSUPPORTED{color:#888}img{max-width:100%}.muted{color:#666}</style></head><body>\n");
        h.append("<h1>seawall-sim regression</h1>\n<table>");
        for (Map.Entry<String, String> f : facts.entrySet()) {
            h.append("<tr><th>").append(esc(f.getKey())).append("</th><td>").append(esc(f.getValue()))
                    .append("</td></tr>");
        }
        h.append("</table>\n<h2>Golden values against this run</h2>\n<p class=\"muted\">Regressions first. FAIL: "
                + "outside the metric's tolerance (or a run with goldens that can no longer run); ERROR: the run "
                + "failed; FINGERPRINT-CHANGED: metrics within tolerance but the event sequence differs (reported, "
                + "does not fail); NEW: no golden yet, unchecked (fails the command until regress --update --only &lt;run&gt; "
                + "records it); UNSUPPORTED: this build lacks a model the scenario needs. "
                + "The same table is in regress.csv.</p>\n<table><tr>");
        for (String c : COLUMNS) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (Rows.Row r : rows) {
            h.append("<tr class=\"").append(r.verdict().label()).append("\">");
            for (String c : cells(r)) {
                h.append("<td>").append(esc(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Before (golden) and after (now), per scenario</h2>\n<p class=\"muted\">Fractions "
                + "only (shares, jain_weighted, isolation_error, utilization); drops, goodput and convergence "
                + "times are in the table.</p>\n");
        for (Map.Entry<String, List<Rows.Row>> e : byEntry.entrySet()) {
            ChartSpec spec = chart(e.getKey(), e.getValue());
            if (spec == null) {
                continue;
            }
            Path png = ChartWriter.write(spec, out, new PlotOptions(org.seawallsim.plots.Format.PNG, 1000, 460));
            // Embedded, as run, comparison and sweep reports embed theirs: the report stays whole when copied or
            // mailed (the PNG is still written beside it).
            String data;
            try {
                data = java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(png));
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            h.append("<h3>").append(esc(e.getKey())).append("</h3>\n<img data-file=\"")
                    .append(esc(png.getFileName().toString())).append("\" src=\"data:image/png;base64,").append(data)
                    .append("\" alt=\"").append(esc(spec.caption())).append("\">\n");
        }
        h.append("<h2>Runs</h2>\n<table><tr><th>run</th><th>status</th><th>events</th><th>wall s</th>"
                + "<th>fingerprint</th><th>files</th></tr>\n");
        for (Outcome o : outcomes) {
            String dir = "runs/" + o.entry() + "/" + o.scheme() + "/";
            h.append("<tr><td>").append(esc(o.key())).append("</td><td>").append(o.status()).append("</td><td>")
                    .append(o.events()).append("</td><td>").append(String.format(Locale.ROOT, "%.2f", o.wallS()))
                    .append("</td><td>").append(esc(o.fingerprint())).append("</td><td>");
            if (o.status() == Outcome.Status.OK) {
                h.append("<a href=\"").append(esc(dir)).append("summary.json\">summary.json</a>");
            } else {
                h.append(esc(o.message()));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        Path report = out.resolve("report.html");
        ResultsWriter.writeAtomically(report, h.toString());
        return report;
    }

    private static boolean fraction(String metric) {
        return metric.equals("jain_weighted") || metric.equals("isolation_error") || metric.equals("utilization")
                || metric.startsWith("share:");
    }

    static ChartSpec chart(String entry, List<Rows.Row> rows) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        boolean any = false;
        for (Rows.Row r : rows) {
            if (!fraction(r.metric())) {
                continue;
            }
            String cat = r.scheme() + " " + r.metric().replace("share:", "share ");
            if (!Double.isNaN(r.goldenValue())) {
                ds.addValue(r.goldenValue(), "golden", cat);
                any = true;
            }
            if (!Double.isNaN(r.nowValue())) {
                ds.addValue(r.nowValue(), "now", cat);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        JFreeChart c = ChartFactory.createBarChart(entry + ": golden vs now", null, "value", ds,
                PlotOrientation.VERTICAL, true, false, false);
        c.setBackgroundPaint(Color.WHITE);
        CategoryPlot p = c.getCategoryPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xDDDDDD));
        p.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer br = (BarRenderer) p.getRenderer();
        br.setBarPainter(new StandardBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, new Color(0x999999));
        br.setSeriesPaint(1, new Color(0x1F77B4));
        br.setItemMargin(0.02);
        return new ChartSpec("regress-" + entry.replaceAll("[^A-Za-z0-9_.-]", "_"),
                entry + ": golden (grey) and now (blue) per scheme and metric", c);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
