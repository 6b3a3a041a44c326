package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datasets behind run charts hold exactly the CSV values, converted to the axis units. */
class RunChartsTest {
    @TempDir
    Path dir;

    /** Unit conversion is one multiplication; 1e-9 relative covers double rounding of it. */
    private static final double REL = 1e-9;

    /** Reads a long-format CSV independently of the code under test: key column -> list of (time, value). */
    static Map<String, List<double[]>> longFormat(Path f, String keyCol, String valueCol) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(f)) {
            if (!l.startsWith("#")) {
                lines.add(l);
            }
        }
        List<String> head = Arrays.asList(lines.get(0).split(","));
        Map<String, List<double[]>> out = new TreeMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            out.computeIfAbsent(c[head.indexOf(keyCol)], k -> new ArrayList<>()).add(new double[] {
                Double.parseDouble(c[head.indexOf("time_s")]), Double.parseDouble(c[head.indexOf(valueCol)])});
        }
        return out;
    }

    static void assertSeries(XYDataset ds, String key, List<double[]> expected, double factor) {
        int s = ds.indexOf(key);
        assertThat(s).as("series %s in dataset", key).isGreaterThanOrEqualTo(0);
        assertThat(ds.getItemCount(s)).as("points of %s", key).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(ds.getXValue(s, i)).isEqualTo(expected.get(i)[0]);
            double want = expected.get(i)[1] * factor;
            assertThat(ds.getYValue(s, i)).isCloseTo(want, within(Math.abs(want) * REL + 1e-12));
        }
    }

    @Test
    void goodputPerVmEqualsCsvInMbpsWithIdealSeries() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, false);
        RunData d = RunData.read(dir);
        XYPlot plot = RunCharts.goodputVms(d).chart().getXYPlot();
        XYDataset ds = plot.getDataset();
        Map<String, List<double[]>> good = longFormat(dir.resolve("timeseries-vms.csv"), "vm", "goodput_bps");
        Map<String, List<double[]>> ideal = longFormat(dir.resolve("timeseries-vms.csv"), "vm", "ideal_bps");
        assertThat(good).hasSize(3);
        // 3 measured + 3 ideal series, nothing else.
        assertThat(ds.getSeriesCount()).isEqualTo(6);
        for (String vm : good.keySet()) {
            assertSeries(ds, vm, good.get(vm), 1e-6);
            assertSeries(ds, vm + " ideal", ideal.get(vm), 1e-6);
            // A VM's measured and ideal lines both have its stable palette colour.
            assertThat(plot.getRenderer().getSeriesPaint(ds.indexOf(vm))).isNotNull()
                    .isEqualTo(Palette.byName(good.keySet()).get(vm))
                    .isEqualTo(plot.getRenderer().getSeriesPaint(ds.indexOf(vm + " ideal")));
        }
        assertThat(plot.getRangeAxis().getLabel()).contains("Mb/s");
        assertThat(plot.getDomainAxis().getLabel()).contains("(s)");
    }

    @Test
    void idleReceiverVmsAreLeftOutOfTheGoodputChartAndSaidSoInTheCaption() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, false);
        Path f = dir.resolve("timeseries-vms.csv");
        StringBuilder extra = new StringBuilder();
        for (int i = 1; i <= Fixtures.samples(); i++) {
            extra.append(i * Fixtures.DT).append(",r1,victim,0.0,0.0\n");
        }
        Files.writeString(f, Files.readString(f) + extra);
        ChartSpec spec = RunCharts.goodputVms(RunData.read(dir));
        XYDataset ds = spec.chart().getXYPlot().getDataset();
        assertThat(ds.indexOf("r1")).isEqualTo(-1);
        assertThat(ds.indexOf("r1 ideal")).isEqualTo(-1);
        assertThat(ds.getSeriesCount()).isEqualTo(6);
        assertThat(spec.caption()).contains("1 idle");
    }

    @Test
    void tenantIdealIsTheSumOfItsVmsIdealAtEachTime() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, false);
        RunData d = RunData.read(dir);
        XYDataset ds = RunCharts.goodputTenants(d).chart().getXYPlot().getDataset();
        Map<String, List<double[]>> good = longFormat(dir.resolve("timeseries-tenants.csv"), "tenant",
                "goodput_bps");
        for (String t : good.keySet()) {
            assertSeries(ds, t, good.get(t), 1e-6);
        }
        // victim has v1 and v2: ideal 3.35e8 each; attacker a1: 3.3e8.
        int v = ds.indexOf("victim ideal");
        int a = ds.indexOf("attacker ideal");
        assertThat(ds.getItemCount(v)).isEqualTo(Fixtures.samples());
        for (int i = 0; i < ds.getItemCount(v); i++) {
            assertThat(ds.getYValue(v, i)).isCloseTo(670.0, within(1e-9));
            assertThat(ds.getYValue(a, i)).isCloseTo(330.0, within(1e-9));
        }
    }

    @Test
    void queuesInKbAndLinksInPercentEqualCsv() throws IOException {
        Fixtures.run(dir, "tcp", 1.0, false);
        RunData d = RunData.read(dir);
        Path qf = dir.resolve("timeseries-queues.csv");
        StringBuilder empty = new StringBuilder();
        for (int i = 1; i <= Fixtures.samples(); i++) {
            empty.append(i * Fixtures.DT).append(",h2->tor0,0\n");
        }
        Files.writeString(qf, Files.readString(qf) + empty);
        d = RunData.read(dir);
        ChartSpec qspec = RunCharts.queues(d);
        XYDataset q = qspec.chart().getXYPlot().getDataset();
        Map<String, List<double[]>> qs = longFormat(qf, "queue", "bytes");
        // The always-empty queue is left out and the caption says so.
        qs.remove("h2->tor0");
        assertThat(qspec.caption()).contains("1 queue(s) empty");
        assertThat(q.getSeriesCount()).isEqualTo(qs.size());
        qs.forEach((k, v) -> assertSeries(q, k, v, 1e-3));
        XYDataset l = RunCharts.links(d).chart().getXYPlot().getDataset();
        Map<String, List<double[]>> ls = longFormat(dir.resolve("timeseries-links.csv"), "link", "utilization");
        assertThat(l.getSeriesCount()).isEqualTo(ls.size());
        ls.forEach((k, v) -> assertSeries(l, k, v, 100));
    }

    @Test
    void onlyTheBusiestQueuesArePlotted() {
        List<Series> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(new Series("q" + (char) ('a' + i), new double[] {1, 2}, new double[] {i, i}));
        }
        List<Series> top = RunCharts.busiest(many);
        assertThat(top).hasSize(RunCharts.MAX_LINES);
        // Means are 0..11: the busiest 8 are q e..l (means 4..11).
        assertThat(top).extracting(Series::name).containsExactly("qe", "qf", "qg", "qh", "qi", "qj", "qk", "ql");
    }

    @Test
    void fctCdfHasEverySortedFlowTimeAfterTheWarmUpOfEachTenantAndEndsAtOne() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, true);
        RunData d = RunData.read(dir);
        XYDataset ds = RunCharts.fctCdf(d).chart().getXYPlot().getDataset();
        Map<String, List<Double>> byTenant = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("fct.csv"));
        int before = 0;
        for (String l : lines.subList(6, lines.size())) {
            String[] c = l.split(",");
            // Only flows that started after the warm-up (1.0 s here), as summary.json's percentiles count them.
            if (Double.parseDouble(c[4]) < d.summary().warmupS()) {
                before++;
                continue;
            }
            byTenant.computeIfAbsent(c[2], k -> new ArrayList<>()).add(Double.parseDouble(c[5]) * 1e3);
        }
        assertThat(before).isEqualTo(20);
        assertThat(ds.getSeriesCount()).isEqualTo(byTenant.size());
        for (int s = 0; s < ds.getSeriesCount(); s++) {
            String key = (String) ds.getSeriesKey(s);
            List<Double> want = byTenant.get(key.substring(0, key.indexOf(' ')));
            want.sort(null);
            assertThat(ds.getItemCount(s)).isEqualTo(want.size());
            for (int i = 0; i < want.size(); i++) {
                assertThat(ds.getXValue(s, i)).isCloseTo(want.get(i), within(1e-9));
                assertThat(ds.getYValue(s, i)).isCloseTo((i + 1) / (double) want.size(), within(1e-12));
            }
        }
    }

    /**
     * fct.csv holds finished flows only: with 64 of 445 flows unfinished the chart read "fraction of flows completed"
     * rising to 1.00 with the legend "web (381 flows)", as if every flow had finished.
     */
    @Test
    void fctCdfSaysItIsOverFinishedFlowsAndHowManyDidNotFinish() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, true);
        Path summary = dir.resolve("summary.json");
        String json = Files.readString(summary);
        Files.writeString(summary, json.replace("\"flows\": {\"count\": 40,", "\"flows\": {\"count\": 20, "
                + "\"unfinished\": 7,"));
        ChartSpec spec = RunCharts.fctCdf(RunData.read(dir));
        XYDataset ds = spec.chart().getXYPlot().getDataset();
        int legendTotal = 0;
        for (int s = 0; s < ds.getSeriesCount(); s++) {
            String key = (String) ds.getSeriesKey(s);
            assertThat(key).matches("\\w+ \\(\\d+ finished\\)");
            assertThat(key).contains("(" + ds.getItemCount(s) + " finished)");
            legendTotal += ds.getItemCount(s);
        }
        assertThat(legendTotal).as("the finished flows after the warm-up, summary.json's count").isEqualTo(20);
        assertThat(spec.chart().getXYPlot().getRangeAxis().getLabel()).isEqualTo("fraction of finished flows");
        assertThat(spec.chart().getTitle().getText()).isEqualTo(
                "Flow completion time CDF of finished flows (20 of 27 finished)");
        assertThat(spec.caption()).contains("7 more started after the warm-up and did not finish (still running at "
                + "the end, or aborted by a timeline stop)");
        // All finished: nothing about unfinished flows.
        Files.writeString(summary, json.replace("\"flows\": {\"count\": 40,", "\"flows\": {\"count\": 20, "
                + "\"unfinished\": 0,"));
        ChartSpec all = RunCharts.fctCdf(RunData.read(dir));
        assertThat(all.chart().getTitle().getText()).isEqualTo("Flow completion time CDF of finished flows");
        assertThat(all.caption()).doesNotContain("not finished");
    }

    @Test
    void vmColoursAreStableAcrossChartsAndIndependentOfFileOrder() {
        // Sorted-index colours: the same names in any order map to the same colours.
        assertThat(Palette.byName(List.of("v2", "a1", "v1"))).isEqualTo(Palette.byName(List.of("a1", "v1", "v2")));
        assertThat(Palette.byName(List.of("v2", "a1", "v1")).values()).doesNotHaveDuplicates();
        assertThat(Palette.scheme("seawall")).isEqualTo(Palette.scheme("seawall"))
                .isNotEqualTo(Palette.scheme("tcp"));
        // 30 names: all distinct colours (three rounds of the 10 base hues).
        List<String> thirty = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            thirty.add(String.format("vm%02d", i));
        }
        assertThat(Palette.byName(thirty).values()).doesNotHaveDuplicates();
    }

    /**
     * A link's legend mean weights each interval mean by its length after the warm-up, as summary.json averages over
     * time: samples ending at 0.1 ... 1.2 and a last one at 1.25 s, warm-up 0.5 s. The plain mean of the samples
     * counted the 0.05-s last one as a whole sample.
     */
    @org.junit.jupiter.api.Test
    void aLinksLegendMeanWeightsEachSampleByItsInterval() {
        double[] x = new double[13];
        double[] y = new double[13];
        for (int i = 0; i < 12; i++) {
            x[i] = 0.1 * (i + 1);
            y[i] = 0.5;
        }
        x[12] = 1.25;
        y[12] = 1.0;
        Series s = new Series("l", x, y);
        // After 0.5 s: seven 0.1-s samples at 0.5 (0.6 ... 1.2) and 0.05 s at 1.0: (0.35 + 0.05) / 0.75.
        org.assertj.core.data.Offset<Double> exact = org.assertj.core.api.Assertions.within(1e-12);
        assertThat(RunCharts.meanOverTime(s, 0.5)).isCloseTo(0.4 / 0.75, exact);
        assertThat(RunCharts.meanAfter(s, 0.5)).isCloseTo((7 * 0.5 + 1.0) / 8, exact);
        // A warm-up inside a sample counts that sample for its part after the warm-up: 0.55 s leaves 0.05 s of it.
        assertThat(RunCharts.meanOverTime(s, 0.55)).isCloseTo((0.05 * 0.5 + 0.6 * 0.5 + 0.05) / 0.7, exact);
    }
}
