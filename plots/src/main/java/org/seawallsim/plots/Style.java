package org.seawallsim.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.renderer.AbstractRenderer;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/** The common look: white plot area, light grid, readable fonts, solid measured lines and dashed ideal lines. */
final class Style {
    static final Color GRID = new Color(0xDDDDDD);
    static final Stroke SOLID = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 5f}, 0f);
    static final Stroke GRID_STROKE = new BasicStroke(0.8f);

    private static final StandardChartTheme THEME;

    static {
        // Charts are made on servers and in CI: never touch a display.
        System.setProperty("java.awt.headless", "true");
        StandardChartTheme t = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        t.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        t.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        t.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        t.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(GRID);
        t.setRangeGridlinePaint(GRID);
        t.setAxisLabelPaint(Color.DARK_GRAY);
        t.setTickLabelPaint(Color.DARK_GRAY);
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setShadowVisible(false);
        t.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        t.setXYBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        THEME = t;
    }

    private Style() {
    }

    /** Whether a recorded tie seed means permuted same-instant order (0 or absent: scheduling order). */
    static boolean permutedTies(String tieSeed) {
        return !tieSeed.isEmpty() && !tieSeed.equals("0");
    }

    /** What a chart's subtitle adds for a tie seed: nothing in scheduling order. */
    static String tieSeedSuffix(String tieSeed) {
        return permutedTies(tieSeed) ? " \u00b7 tie seed " + tieSeed : "";
    }

    static JFreeChart chart(String title, String subtitle, Plot plot) {
        JFreeChart c = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        // The theme clears per-series paints and strokes; ours carry meaning (stable colours, dashed ideals).
        List<Runnable> restore = new ArrayList<>();
        if (plot instanceof XYPlot xy) {
            for (int d = 0; d < xy.getDatasetCount(); d++) {
                if (xy.getRenderer(d) != null && xy.getDataset(d) != null) {
                    save(xy.getRenderer(d), xy.getDataset(d).getSeriesCount(), restore);
                }
            }
        } else if (plot instanceof CategoryPlot cp) {
            for (int d = 0; d < cp.getDatasetCount(); d++) {
                if (cp.getRenderer(d) != null && cp.getDataset(d) != null) {
                    save(cp.getRenderer(d), cp.getDataset(d).getRowCount(), restore);
                }
            }
        }
        THEME.apply(c);
        restore.forEach(Runnable::run);
        if (subtitle != null && !subtitle.isEmpty()) {
            c.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12), Color.GRAY,
                    org.jfree.chart.ui.RectangleEdge.TOP, org.jfree.chart.ui.HorizontalAlignment.CENTER,
                    org.jfree.chart.ui.VerticalAlignment.CENTER, new RectangleInsets(0, 0, 4, 0)));
        }
        c.setPadding(new RectangleInsets(6, 6, 6, 12));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlineStroke(GRID_STROKE);
            xy.setRangeGridlineStroke(GRID_STROKE);
            xy.setOutlineVisible(false);
        } else if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlineStroke(GRID_STROKE);
            cp.setOutlineVisible(false);
        }
        plot.setNoDataMessage("no data in the result file");
        return c;
    }

    private static void save(Object renderer, int series, List<Runnable> restore) {
        AbstractRenderer r = (AbstractRenderer) renderer;
        for (int i = 0; i < series; i++) {
            final int k = i;
            Paint p = r.getSeriesPaint(k);
            Stroke st = r.getSeriesStroke(k);
            Shape sh = r.getSeriesShape(k);
            restore.add(() -> {
                r.setSeriesPaint(k, p, false);
                r.setSeriesStroke(k, st, false);
                r.setSeriesShape(k, sh, false);
            });
        }
    }

    static LegendItem lineItem(String label, Color color, Stroke stroke) {
        LegendItem li = new LegendItem(label, null, null, null, new Line2D.Double(-9, 0, 9, 0), stroke, color);
        return li;
    }

    static LegendItem boxItem(String label, Color color) {
        return new LegendItem(label, null, null, null, new Rectangle2D.Double(-6, -6, 12, 12), color);
    }
}
