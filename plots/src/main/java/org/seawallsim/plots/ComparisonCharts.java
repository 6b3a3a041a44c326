package org.seawallsim.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** Charts of a comparison: one group per VM (or tenant) with one bar per scheme, and the headline metrics. */
public final class ComparisonCharts {
    /** Share of a category's width left between bars of different schemes; the ideal ticks use the same value. */
    private static final double ITEM_MARGIN = 0.08;

    private ComparisonCharts() {
    }

    public static List<ChartSpec> all(ComparisonData c) {
        return List.of(goodputVms(c), goodputTenants(c), metrics(c));
    }

    /**
     * Bars: each VM's mean goodput after warm-up (Mb/s) under each scheme, from the scheme's summary.json; a black
     * tick over each bar marks that VM's ideal share in the same run. Dataset 0 holds the bars (rows = schemes,
     * columns = VMs), dataset 1 the ideals with the same keys.
     */
    public static ChartSpec goodputVms(ComparisonData c) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        DefaultCategoryDataset ideals = new DefaultCategoryDataset();
        TreeSet<String> vms = new TreeSet<>();
        for (RunSummary s : c.runs().values()) {
            for (RunSummary.Vm v : s.vms()) {
                // Receiver-only VMs (nothing sent, nothing owed under any scheme) would only add empty groups.
                if (v.goodputBps() > 0 || v.idealBps() > 0) {
                    vms.add(v.name());
                }
            }
        }
        for (String scheme : c.schemes()) {
            RunSummary s = c.runs().get(scheme);
            for (String vm : vms) {
                RunSummary.Vm v = find(s, vm);
                bars.addValue(v == null ? null : (Number) (v.goodputBps() * Units.MBPS), scheme, vm);
                ideals.addValue(v == null || Double.isNaN(v.idealBps()) ? null
                        : (Number) (v.idealBps() * Units.MBPS), scheme, vm);
            }
        }
        return bars("comparison-goodput-vms", "Goodput per VM under each scheme", c, bars, ideals, "VM",
                "Mean goodput of each VM after warm-up under each scheme; the black tick on each bar is the VM's "
                        + "ideal weighted max-min share.");
    }

    /** Like {@link #goodputVms} per tenant; a tenant's ideal is the sum of its VMs' ideal shares. */
    public static ChartSpec goodputTenants(ComparisonData c) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        DefaultCategoryDataset ideals = new DefaultCategoryDataset();
        TreeSet<String> tenants = new TreeSet<>();
        for (RunSummary s : c.runs().values()) {
            for (RunSummary.Tenant t : s.tenants()) {
                tenants.add(t.name());
            }
        }
        for (String scheme : c.schemes()) {
            RunSummary s = c.runs().get(scheme);
            Map<String, Double> ideal = new TreeMap<>();
            for (RunSummary.Vm v : s.vms()) {
                if (!Double.isNaN(v.idealBps())) {
                    ideal.merge(v.tenant(), v.idealBps(), Double::sum);
                }
            }
            for (String t : tenants) {
                Double gp = null;
                for (RunSummary.Tenant tn : s.tenants()) {
                    if (tn.name().equals(t)) {
                        gp = tn.goodputBps() * Units.MBPS;
                    }
                }
                bars.addValue(gp, scheme, t);
                Double id = ideal.get(t);
                ideals.addValue(id == null ? null : (Number) (id * Units.MBPS), scheme, t);
            }
        }
        return bars("comparison-goodput-tenants", "Goodput per tenant under each scheme", c, bars, ideals, "tenant",
                "Mean goodput of each tenant after warm-up under each scheme; the black tick is the sum of its VMs' "
                        + "ideal shares.");
    }

    private static ChartSpec bars(String name, String title, ComparisonData c, DefaultCategoryDataset bars,
            DefaultCategoryDataset ideals, String what, String caption) {
        BarRenderer br = new BarRenderer();
        br.setItemMargin(ITEM_MARGIN);
        br.setDrawBarOutline(false);
        br.setShadowVisible(false);
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < bars.getRowCount(); i++) {
            String scheme = (String) bars.getRowKey(i);
            br.setSeriesPaint(i, Palette.scheme(scheme));
            legend.add(Style.boxItem(scheme, Palette.scheme(scheme)));
        }
        CategoryAxis x = new CategoryAxis(what);
        if (bars.getColumnCount() > 8) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(bars, x, new NumberAxis("goodput (Mb/s)"), br);
        // Ticks drawn by a shapes-only renderer placed exactly over the bars (same series offsets and margin).
        LineAndShapeRenderer tick = new LineAndShapeRenderer(false, true);
        tick.setUseSeriesOffset(true);
        tick.setItemMargin(ITEM_MARGIN);
        double w = Math.max(6, 600.0 / Math.max(1, bars.getColumnCount() * bars.getRowCount()));
        for (int i = 0; i < ideals.getRowCount(); i++) {
            tick.setSeriesShape(i, new Rectangle2D.Double(-w / 2, -1.5, w, 3));
            tick.setSeriesPaint(i, Color.BLACK);
            tick.setSeriesOutlineStroke(i, new BasicStroke(0.5f));
        }
        plot.setDataset(1, ideals);
        plot.setRenderer(1, tick);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        legend.add(Style.boxItem("ideal share (black tick)", Color.BLACK));
        plot.setFixedLegendItems(legend);
        return new ChartSpec(name, caption, Style.chart(title, firstScenario(c),
                plot));
    }

    /** Grouped bars of the dimensionless metrics per scheme: jain_weighted, isolation_error and utilization. */
    public static ChartSpec metrics(ComparisonData c) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (ComparisonData.Row r : c.rows()) {
            ds.addValue(nanToNull(r.jainWeighted()), r.scheme(), "jain_weighted");
            ds.addValue(nanToNull(r.isolationError()), r.scheme(), "isolation_error");
            ds.addValue(nanToNull(r.utilization()), r.scheme(), "utilization");
        }
        BarRenderer br = new BarRenderer();
        br.setItemMargin(ITEM_MARGIN);
        br.setShadowVisible(false);
        for (int i = 0; i < ds.getRowCount(); i++) {
            br.setSeriesPaint(i, Palette.scheme((String) ds.getRowKey(i)));
        }
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("metric (dimensionless, from comparison.csv)"),
                new NumberAxis("value (jain: 1 = fair; isolation error: 0 = ideal; utilization: fraction)"), br);
        return new ChartSpec("comparison-metrics", "Headline metrics per scheme (drops are in the table).",
                Style.chart("Isolation metrics per scheme", firstScenario(c), plot));
    }

    private static String firstScenario(ComparisonData c) {
        RunSummary first = c.runs().values().iterator().next();
        // Runs with permuted ties say so, as a run's charts do: the split can hinge on it.
        return first.scenario() + Style.tieSeedSuffix(first.tieSeed());
    }

    private static Double nanToNull(double d) {
        return Double.isNaN(d) ? null : d;
    }

    private static RunSummary.Vm find(RunSummary s, String vm) {
        for (RunSummary.Vm v : s.vms()) {
            if (v.name().equals(vm)) {
                return v;
            }
        }
        return null;
    }

    static List<String> sorted(Iterable<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(out::add);
        out.sort(null);
        return out;
    }
}
