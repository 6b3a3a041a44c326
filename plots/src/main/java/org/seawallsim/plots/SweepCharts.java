package org.seawallsim.plots;

import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Charts of a sweep: each metric against the first swept axis, one line per scheme, mean +- std error bars. */
public final class SweepCharts {
    private SweepCharts() {
    }

    public static List<ChartSpec> all(SweepData s) {
        List<ChartSpec> out = new ArrayList<>();
        for (String m : s.metrics()) {
            out.add(metric(s, m));
        }
        return out;
    }

    /** File base name of a metric's chart: "sweep-" and the metric with characters unsafe in file names replaced. */
    public static String fileName(String metric) {
        return "sweep-" + metric.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * One metric: a {@link YIntervalSeriesCollection} whose series are the sweep lines; each item is (axis value,
     * mean, mean - std, mean + std) in display units ({@link Units#forMetric}).
     */
    public static ChartSpec metric(SweepData s, String metric) {
        Units.Scale scale = Units.forMetric(metric);
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setDrawXError(false);
        r.setErrorStroke(new java.awt.BasicStroke(1.2f));
        r.setCapLength(6);
        Shape[] shapes = DefaultDrawingSupplier.createStandardSeriesShapes();
        List<SweepData.Line> lines = s.lines(metric);
        double largest = 0;
        boolean wholeX = true;
        for (int i = 0; i < lines.size(); i++) {
            SweepData.Line line = lines.get(i);
            YIntervalSeries ys = new YIntervalSeries(line.label(), false, true);
            for (SweepData.Point p : line.points()) {
                wholeX &= p.x() == StrictMath.rint(p.x());
                if (!Double.isNaN(p.mean())) {
                    double m = p.mean() * scale.factor();
                    double sd = p.std() * Math.abs(scale.factor());
                    ys.add(p.x(), m, m - sd, m + sd);
                    largest = Math.max(largest, Math.abs(m) + sd);
                }
            }
            ds.addSeries(ys);
            r.setSeriesPaint(i, Palette.scheme(line.scheme()));
            // Schemes often coincide (two of them reach the ideal): earlier lines are wider and drawn first, and
            // every line has its own marker shape, so a covered line still shows.
            float width = 1.5f + Math.min(lines.size() - 1 - i, 2) * 1.5f;
            r.setSeriesStroke(i, new java.awt.BasicStroke(width, java.awt.BasicStroke.CAP_ROUND,
                    java.awt.BasicStroke.JOIN_ROUND));
            r.setSeriesShape(i, shapes[i % shapes.length]);
        }
        String axisName = s.xAxis();
        ValueAxis x;
        if (s.numericAxis()) {
            NumberAxis nx = new NumberAxis(axisName + axisUnit(axisName));
            nx.setAutoRangeIncludesZero(false);
            // One swept value: a range of 1e-8 around it, labelled "3E-1" twenty times. Half the value on each side
            // (1 for 0), so its one tick is labelled once.
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (SweepData.Line line : lines) {
                for (SweepData.Point p : line.points()) {
                    lo = Math.min(lo, p.x());
                    hi = Math.max(hi, p.x());
                }
            }
            if (lo == hi) {
                nx.setAutoRangeMinimumSize(lo == 0 ? 2 : Math.abs(lo));
            }
            if (wholeX) {
                // Flows, hosts, bytes: ticks at 2.05 ... 2.95 "hosts" between two swept values name no value.
                nx.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
            x = nx;
        } else {
            x = new SymbolAxis(axisName, s.firstAxisLabels().toArray(new String[0]));
        }
        NumberAxis y = new NumberAxis(scale.label());
        y.setAutoRangeIncludesZero(false);
        // A metric equal at every point (one scheme's repetitions of a deterministic run) would otherwise get a
        // range of about 1e-13 and a column of identical tick labels.
        y.setAutoRangeMinimumSize(Math.max(1e-9, largest * 0.02));
        XYPlot plot = new XYPlot(ds, x, y, r);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        String reps = s.repetitions() == 1 ? "1 repetition (no spread to show)"
                : s.repetitions() > 1 ? s.repetitions() + " repetitions" : "repetitions";
        String title = String.format(Locale.ROOT, "%s vs %s", metric, axisName);
        return new ChartSpec(fileName(metric), "Mean of " + metric + " over " + reps + " at each value of "
                + axisName + ", " + linesPer(s) + "; error bars are \u00b1 one sample standard deviation.",
                Style.chart(title, s.scenario() + " sweep" + Style.tieSeedSuffix(s.tieSeed())
                        + " \u00b7 error bars: mean \u00b1 std over " + reps, plot));
    }

    /**
     * What one line stands for: a scheme, and with more axes a scheme and a value of each other axis (SweepData.lines
     * keys them so); the caption said "one line per scheme" for a sweep of two axes.
     */
    static String linesPer(SweepData s) {
        List<String> others = new ArrayList<>();
        for (String a : s.axes().subList(Math.min(1, s.axes().size()), s.axes().size())) {
            if (!a.equals("scheme")) {
                others.add(a);
            }
        }
        return others.isEmpty() ? "one line per scheme" : "one line per scheme and value of " + String.join(
                " and ", others);
    }

    /**
     * The unit of a count the scenario format gives in its name rather than a suffix (describe's [flows], [hosts]):
     * by the path's last part. A 'flows' axis got no unit while describe listed it as [flows].
     */
    private static final java.util.Map<String, String> COUNTS = java.util.Map.of("flows", "flows", "hosts", "hosts",
            "hostsPerRack", "hosts", "racks", "racks", "leaves", "switches", "spines", "switches", "k", "ports",
            "count", "VMs", "rounds", "rounds");

    /**
     * A unit hint from the axis path's camelCase suffix, the scenario format's naming rule (rateMbps, coreRateGbps,
     * bufferBytes, delayUs, servicePerByteNs, durationS, nicClockPpm, arrivalsPerS), or for counts and loss.rate
     * its name. Longer suffixes first: "Mbps" also ends in "bps", "PerS" and "Ms" in "s". The scenarios module's
     * SweepAxisUnitsTest checks this against every axis parameter's unit in the format.
     */
    public static String axisUnit(String axis) {
        String last = axis.substring(axis.lastIndexOf('.') + 1);
        if (COUNTS.containsKey(last)) {
            return " (" + COUNTS.get(last) + ")";
        }
        if (axis.endsWith("loss.rate")) {
            return " (fraction)";
        }
        String[][] units = {{"Gbps", "Gbit/s"}, {"Mbps", "Mbit/s"}, {"Kbps", "kbit/s"}, {"Bps", "bit/s"},
            {"Bytes", "bytes"}, {"Frames", "frames"}, {"Ppm", "ppm"}, {"PerS", "1/s"}, {"Ms", "ms"},
            {"Us", "\u00b5s"}, {"Ns", "ns"}, {"Ps", "ps"}, {"S", "s"}};
        for (String[] u : units) {
            if (axis.endsWith(u[0]) && axis.length() > u[0].length()
                    && Character.isLowerCase(axis.charAt(axis.length() - u[0].length() - 1))) {
                return " (" + u[1] + ")";
            }
        }
        return "";
    }
}
