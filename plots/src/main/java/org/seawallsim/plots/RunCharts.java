package org.seawallsim.plots;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;

/** The charts of one run, built from {@link RunData} only. */
public final class RunCharts {
    /** At most this many queues or links per chart: more lines are unreadable. */
    public static final int MAX_LINES = 8;
    /** Beyond this many series the legend would crowd out the plot, so it is left out (the report lists them). */
    static final int MAX_LEGEND = 16;

    private RunCharts() {
    }

    /** All charts of the run: goodput per VM, per tenant, queues, links, and the FCT CDF when there are flows. */
    public static List<ChartSpec> all(RunData d) {
        List<ChartSpec> out = new ArrayList<>();
        out.add(goodputVms(d));
        out.add(goodputTenants(d));
        out.add(queues(d));
        out.add(links(d));
        if (!d.flows().isEmpty()) {
            out.add(fctCdf(d));
        }
        return out;
    }

    static String runLabel(RunSummary s) {
        return s.scenario() + " \u00b7 scheme " + s.scheme() + " \u00b7 seed " + s.seed()
                + Style.tieSeedSuffix(s.tieSeed());
    }

    /** Goodput of each VM over time (Mb/s), with its ideal share as a dashed line of the same colour. */
    public static ChartSpec goodputVms(RunData d) {
        Map<String, Color> colors = Palette.byName(d.allVmNames());
        Map<String, String> labels = new LinkedHashMap<>();
        for (Series s : d.vmGoodput()) {
            labels.put(s.name(), s.name() + " (" + d.vmTenant().get(s.name()) + ")");
        }
        return measuredVsIdeal("goodput-vms", "Goodput per VM", d, d.vmGoodput(), d.vmIdeal(), colors, labels,
                "Goodput per VM over time; dashed lines are each VM's ideal weighted max-min share.");
    }

    /** Goodput of each tenant over time (Mb/s), with the sum of its VMs' ideal shares dashed. */
    public static ChartSpec goodputTenants(RunData d) {
        Map<String, Color> colors = Palette.byName(d.allTenantNames());
        Map<String, String> labels = new LinkedHashMap<>();
        for (Series s : d.tenantGoodput()) {
            labels.put(s.name(), s.name());
        }
        return measuredVsIdeal("goodput-tenants", "Goodput per tenant", d, d.tenantGoodput(), d.tenantIdeal(),
                colors, labels, "Goodput per tenant over time; dashed lines are the sum of the tenant's VMs' ideal "
                        + "shares.");
    }

    private static ChartSpec measuredVsIdeal(String name, String title, RunData d, List<Series> allMeasured,
            List<Series> allIdeal, Map<String, Color> colors, Map<String, String> labels, String caption) {
        // Receiver-only VMs send nothing and are owed nothing: dozens of flat zero lines would hide the others.
        Map<String, Series> idealByName = RunData.byName(allIdeal);
        List<Series> measured = new ArrayList<>();
        List<Series> ideal = new ArrayList<>();
        for (Series s : allMeasured) {
            Series id = idealByName.get(s.name());
            if (!idle(s) || (id != null && !idle(id))) {
                measured.add(s);
                if (id != null) {
                    ideal.add(id);
                }
            }
        }
        int hidden = allMeasured.size() - measured.size();
        if (hidden > 0) {
            caption += " " + hidden + " idle (zero goodput and zero ideal share throughout, e.g. receivers) not "
                    + "shown.";
        }
        DefaultXYDataset ds = new DefaultXYDataset();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        LegendItemCollection legend = new LegendItemCollection();
        for (Series s : measured) {
            double[][] xs = xy(s, Units.MBPS);
            ds.addSeries(s.name(), xs);
            int i = ds.getSeriesCount() - 1;
            markFew(r, i, xs);
            Color c = colors.getOrDefault(s.name(), Color.GRAY);
            r.setSeriesPaint(i, c);
            r.setSeriesStroke(i, Style.SOLID);
            legend.add(Style.lineItem(labels.getOrDefault(s.name(), s.name()), c, Style.SOLID));
        }
        boolean anyIdeal = false;
        for (Series s : ideal) {
            double[][] xs = xy(s, Units.MBPS);
            if (xs[0].length == 0) {
                continue;
            }
            ds.addSeries(s.name() + " ideal", xs);
            int i = ds.getSeriesCount() - 1;
            markFew(r, i, xs);
            r.setSeriesPaint(i, colors.getOrDefault(s.name(), Color.GRAY));
            r.setSeriesStroke(i, Style.DASHED);
            anyIdeal = true;
        }
        if (anyIdeal) {
            legend.add(Style.lineItem("ideal share (dashed)", Color.DARK_GRAY, Style.DASHED));
        }
        XYPlot plot = new XYPlot(ds, timeAxis(d.summary()), rateAxis(), r);
        plot.setFixedLegendItems(legend);
        markWarmup(plot, d.summary());
        var chart = Style.chart(title, runLabel(d.summary()), plot);
        chart.getLegend().setVisible(measured.size() <= MAX_LEGEND);
        return new ChartSpec(name, caption, chart);
    }

    /** Occupancy of the busiest queues over time (kB), ranked by mean occupancy. */
    public static ChartSpec queues(RunData d) {
        // Queues that never held a byte carry no information and crowd the legend.
        List<Series> used = new ArrayList<>();
        for (Series s : d.queueBytes()) {
            if (!idle(s)) {
                used.add(s);
            }
        }
        List<Series> top = busiest(used);
        NumberAxis y = new NumberAxis("queue occupancy (kB)");
        String more = used.size() > top.size() ? " (busiest " + top.size() + " of " + used.size() + ")" : "";
        int empty = d.queueBytes().size() - used.size();
        return new ChartSpec("queues", "Occupancy of the bottleneck queues and the busiest others over time" + more + ", in kB (1 kB = 1000 "
                + "bytes), sampled at each sample time; the legend gives each queue's mean after warm-up."
                + (empty > 0 ? " " + empty + " queue(s) empty at every sample not shown." : ""),
                Style.chart("Queue occupancy" + more, runLabel(d.summary()),
                        nested(d, top, names(d.queueBytes()), Units.KB, "%.1f kB", y, false)));
    }

    /** Utilization of the busiest links over time, in percent of capacity. */
    public static ChartSpec links(RunData d) {
        List<Series> top = busiest(d.linkUtilization());
        NumberAxis y = new NumberAxis("link utilization (% of capacity)");
        y.setRange(0, 105);
        String more = d.linkUtilization().size() > top.size() ? " (busiest " + top.size() + " of "
                + d.linkUtilization().size() + ")" : "";
        return new ChartSpec("links", "Fraction of each sample interval the link was serializing" + more
                + "; the legend gives each link's mean after warm-up.",
                Style.chart("Link utilization" + more, runLabel(d.summary()),
                        nested(d, top, names(d.linkUtilization()), Units.PERCENT, "%.1f %%", y, true)));
    }

    /**
     * Lines that often coincide (saturated links at 100 %, full buffers): earlier series are drawn wider so a line
     * hidden under a later one still shows as a coloured rim, and the legend states each mean after warm-up.
     */
    private static XYPlot nested(RunData d, List<Series> top, List<String> all, double factor, String meanFormat,
            NumberAxis y, boolean intervalMeans) {
        DefaultXYDataset ds = new DefaultXYDataset();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        Map<String, Color> colors = Palette.byName(all);
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < top.size(); i++) {
            Series s = top.get(i);
            double[][] xs = xy(s, factor);
            ds.addSeries(s.name(), xs);
            markFew(r, i, xs);
            float width = 1.5f + Math.min(top.size() - 1 - i, 3) * 2.5f;
            java.awt.BasicStroke stroke = new java.awt.BasicStroke(width, java.awt.BasicStroke.CAP_ROUND,
                    java.awt.BasicStroke.JOIN_ROUND);
            r.setSeriesPaint(i, colors.get(s.name()));
            r.setSeriesStroke(i, stroke);
            double mean = (intervalMeans ? meanOverTime(s, d.summary().warmupS())
                    : meanAfter(s, d.summary().warmupS())) * factor;
            legend.add(Style.lineItem(s.name() + " (mean " + String.format(Locale.ROOT, meanFormat, mean) + ")",
                    colors.get(s.name()), Style.SOLID));
        }
        XYPlot plot = new XYPlot(ds, timeAxis(d.summary()), y, r);
        // Widest first, so the narrower lines land on top of it.
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        plot.setFixedLegendItems(legend);
        markWarmup(plot, d.summary());
        return plot;
    }

    /** Mean of the finite samples taken after warm-up (all samples if none is). */
    static double meanAfter(Series s, double warmupS) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.x()[i] > warmupS && Double.isFinite(s.y()[i])) {
                sum += s.y()[i];
                n++;
            }
        }
        return n == 0 ? s.meanY() : sum / n;
    }

    /**
     * Mean after warm-up of a series of interval means (link utilization): each sample weighted by the part of its
     * interval after the warm-up, as summary.json averages over time. A plain mean let a short last sample count as
     * much as a whole one (durationS 1.25 with 0.1-s samples).
     */
    static double meanOverTime(Series s, double warmupS) {
        double sum = 0;
        double span = 0;
        double previous = 0;
        for (int i = 0; i < s.size(); i++) {
            double end = s.x()[i];
            double w = end - Math.max(previous, warmupS);
            previous = end;
            if (w > 0 && Double.isFinite(s.y()[i])) {
                sum += s.y()[i] * w;
                span += w;
            }
        }
        return span == 0 ? meanAfter(s, warmupS) : sum / span;
    }

    /**
     * Empirical CDF of flow completion times per tenant: point i of n sorted FCTs is (fct_i in ms, i/n). A log x axis
     * is used when FCTs span more than two decades.
     */
    public static ChartSpec fctCdf(RunData d) {
        // The flows that started after the warm-up, as summary.json's percentiles count them: the chart beside
        // that table plotted all of them (244 flows against the table's 189, p99 15.8 ms against 5.8).
        Map<String, List<Double>> byTenant = new TreeMap<>();
        double warmupS = d.summary().warmupS();
        for (RunData.Flow f : d.flows()) {
            if (f.startS() >= warmupS) {
                byTenant.computeIfAbsent(f.tenant(), k -> new ArrayList<>()).add(f.fctS());
            }
        }
        Map<String, Color> colors = Palette.byName(d.allTenantNames());
        DefaultXYDataset ds = new DefaultXYDataset();
        XYStepRenderer r = new XYStepRenderer();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Map.Entry<String, List<Double>> e : byTenant.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            double[][] points = new double[2][v.length];
            for (int i = 0; i < v.length; i++) {
                points[0][i] = v[i] * Units.MS;
                points[1][i] = (i + 1) / (double) v.length;
                if (v[i] > 0) {
                    min = Math.min(min, v[i] * Units.MS);
                }
                max = Math.max(max, v[i] * Units.MS);
            }
            ds.addSeries(e.getKey() + " (" + v.length + " finished)", points);
            r.setSeriesPaint(ds.getSeriesCount() - 1, colors.getOrDefault(e.getKey(), Color.GRAY));
            r.setSeriesStroke(ds.getSeriesCount() - 1, Style.SOLID);
        }
        ValueAxis x;
        if (min > 0 && max / min > 100) {
            LogAxis lx = new LogAxis("flow completion time (ms, log scale)");
            lx.setSmallestValue(min / 2);
            // Ticks at whole decades, labelled as plain numbers (0.01, 0.1, 1, 10 ms) rather than 10^x.
            lx.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
            lx.setNumberFormatOverride(new java.text.DecimalFormat("0.####",
                    java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
            x = lx;
        } else {
            x = new NumberAxis("flow completion time (ms)");
        }
        // Over finished flows only, so each curve reaches 1: summary.json counts the unfinished flows for the run,
        // not per tenant, so a tenant's curve cannot end at its own finished/started. The axis, legend, title and
        // caption say so (the chart read "fraction of flows completed" up to 1.00 with 64 of 445 flows unfinished).
        NumberAxis y = new NumberAxis("fraction of finished flows");
        y.setRange(0, 1.02);
        XYPlot plot = new XYPlot(ds, x, y, r);
        long finished = d.summary().flowCount();
        long unfinished = d.summary().unfinishedFlows();
        String title = "Flow completion time CDF of finished flows" + (unfinished > 0 ? " (" + finished + " of "
                + (finished + unfinished) + " finished)" : "");
        return new ChartSpec("fct-cdf", "CDF of the completion times of the sized flows that started after the "
                + "warm-up and finished, per tenant" + (unfinished > 0 ? "; " + unfinished + " more started after "
                + "the warm-up and did not finish (still running at the end, or aborted by a timeline stop), and "
                + "are not in it (flows.unfinished)" : "") + ".",
                Style.chart(title, runLabel(d.summary()), plot));
    }

    /** True when every value is zero or NaN. */
    static boolean idle(Series s) {
        for (double v : s.y()) {
            if (v != 0 && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    static List<Series> busiest(List<Series> all) {
        List<Series> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(Series::meanY).reversed().thenComparing(Series::name));
        List<Series> top = new ArrayList<>(sorted.subList(0, Math.min(MAX_LINES, sorted.size())));
        top.sort(Comparator.comparing(Series::name));
        return top;
    }

    private static List<String> names(List<Series> list) {
        List<String> out = new ArrayList<>();
        for (Series s : list) {
            out.add(s.name());
        }
        return out;
    }

    /**
     * A result series as chart points {x[], y[]}, y scaled to display units; NaN points (no value) are left out.
     * Primitive arrays for {@link DefaultXYDataset} rather than an XYSeries, whose items box both values (about
     * 92 B a point against 16): on finely sampled runs the charts' series were the largest heap cost of a run.
     */
    static double[][] xy(Series s, double yFactor) {
        int n = 0;
        for (double v : s.y()) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        double[][] points = new double[2][n];
        int j = 0;
        for (int i = 0; i < s.size(); i++) {
            if (!Double.isNaN(s.y()[i])) {
                points[0][j] = s.x()[i];
                points[1][j] = s.y()[i] * yFactor;
                j++;
            }
        }
        return points;
    }

    /**
     * Samples from the first to the last, and at least half the run's duration wide: one sample (a measured interval
     * of one sample interval) gave a range of 1e-8 s around it, labelled "1E-1" twenty times.
     */
    private static NumberAxis timeAxis(RunSummary s) {
        NumberAxis x = new NumberAxis("simulated time (s)");
        x.setAutoRangeIncludesZero(false);
        if (s.durationS() > 0) {
            x.setAutoRangeMinimumSize(s.durationS() / 2);
        }
        return x;
    }

    /** Series of at most this many points show a marker at each: a line needs two points, and with one drew nothing. */
    static final int FEW_POINTS = 3;

    private static void markFew(XYLineAndShapeRenderer r, int series, double[][] xs) {
        if (xs[0].length <= FEW_POINTS) {
            r.setSeriesShapesVisible(series, true);
        }
    }

    private static NumberAxis rateAxis() {
        NumberAxis y = new NumberAxis("goodput (Mb/s)");
        y.setAutoRangeIncludesZero(true);
        return y;
    }

    private static void markWarmup(XYPlot plot, RunSummary s) {
        if (s.warmupS() > 0) {
            ValueMarker m = new ValueMarker(s.warmupS(), Color.GRAY, Style.DASHED);
            m.setLabel(String.format(Locale.ROOT, "end of warm-up (%.3g s)", s.warmupS()));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelPaint(Color.GRAY);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
    }
}
