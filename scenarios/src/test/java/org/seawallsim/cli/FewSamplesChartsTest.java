package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.seawallsim.plots.ChartSpec;
import org.seawallsim.plots.RunCharts;
import org.seawallsim.plots.RunData;
import org.seawallsim.plots.SweepCharts;
import org.seawallsim.plots.SweepData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid run of one sample (sampleIntervalS = durationS - warmupS) drew its time-series charts empty (a line needs
 * two points and no markers were drawn) over an x axis 1e-8 s wide labelled "1E-1" twenty times; a sweep of one
 * axis value had the same axis ("3E-1"). And plot drew a run folder whose time series was cut short, or a sweep
 * whose run folder was gone, without a word.
 */
class FewSamplesChartsTest {
    @TempDir
    Path dir;

    private static final String ONE_SAMPLE = "name: base\n"
            + "topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072}\n"
            + "tenants:\n"
            + "  attacker: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}}}\n"
            + "  victim: {vms: {v: {host: h1, traffic: [{type: bulk, to: vr, flows: 1}]}, vr: {host: h3}}}\n"
            + "scheme: seawall\ndurationS: 0.05\nwarmupS: 0\nsampleIntervalS: 0.05\nseed: 1\n";

    /** The x axis's tick size once drawn at the default size (what the labels step by). */
    private static double tickSize(ChartSpec c) {
        BufferedImage img = new BufferedImage(1000, 550, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        c.chart().draw(g, new Rectangle2D.Double(0, 0, 1000, 550));
        g.dispose();
        return ((NumberAxis) c.chart().getXYPlot().getDomainAxis()).getTickUnit().getSize();
    }

    @Test
    void oneSampleIsMarkedOnASaneTimeAxis() throws Exception {
        Files.writeString(dir.resolve("one.yaml"), ONE_SAMPLE);
        Path out = dir.resolve("one");
        CliRun r = CliRun.of("run", dir.resolve("one.yaml").toString(), "--quiet", "--no-expect", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        List<ChartSpec> charts = RunCharts.all(RunData.read(out));
        assertThat(charts).extracting(ChartSpec::name).contains("goodput-vms", "goodput-tenants", "links", "queues");
        for (ChartSpec c : charts) {
            XYPlot plot = c.chart().getXYPlot();
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
            for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
                assertThat(plot.getDataset().getItemCount(s)).isEqualTo(1);
                assertThat(renderer.getItemShapeVisible(s, 0)).as(c.name() + " series " + s + " has a marker")
                        .isTrue();
            }
            // Half the run's duration (0.025 s, to rounding of the range's ends) around the sample at 0.05 s: ticks
            // of 0.005 s at 1000 px, where the 1e-8 s range gave ticks of about 1e-9 s, all labelled alike.
            assertThat(plot.getDomainAxis().getRange().getLength()).as(c.name()).isGreaterThan(0.025 * (1 - 1e-9));
            assertThat(plot.getDomainAxis().getRange().contains(0.05)).isTrue();
            assertThat(tickSize(c)).as(c.name()).isGreaterThanOrEqualTo(0.001);
        }
    }

    @Test
    void aSweepOfOneValueHasASaneAxis() throws Exception {
        Files.writeString(dir.resolve("one.yaml"), ONE_SAMPLE);
        Path out = dir.resolve("sw");
        CliRun r = CliRun.of("sweep", dir.resolve("one.yaml").toString(), "--set", "durationS=[0.05]", "--quiet",
                "--no-plots", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (ChartSpec c : SweepCharts.all(SweepData.read(out))) {
            // The one value 0.05 s with 0.025 s on each side; ticks of 1e-9 s before.
            assertThat(c.chart().getXYPlot().getDomainAxis().getRange().getLength()).as(c.name())
                    .isGreaterThanOrEqualTo(0.05);
            assertThat(tickSize(c)).as(c.name()).isGreaterThanOrEqualTo(0.001);
        }
    }

    @Test
    void plotWarnsOfACutTimeSeriesAndOfAMissingSweepRun() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), ONE_SAMPLE.replace("warmupS: 0\nsampleIntervalS: 0.05",
                "warmupS: 0.01\nsampleIntervalS: 0.01"));
        Path run = dir.resolve("run");
        assertThat(CliRun.of("run", dir.resolve("s.yaml").toString(), "--quiet", "--no-plots", "--no-expect", "--out",
                run.toString()).code()).isZero();
        CliRun clean = CliRun.of("plot", run.toString());
        assertThat(clean.code()).isZero();
        assertThat(clean.err()).isEmpty();
        // Cut at a row boundary after the first sample's rows for a and ar (header: 5 comment lines and 1 header).
        Path vms = run.resolve("timeseries-vms.csv");
        List<String> lines = Files.readAllLines(vms);
        assertThat(lines.get(6)).startsWith("0.01,a,");
        assertThat(lines.get(7)).startsWith("0.01,ar,");
        Files.write(vms, lines.subList(0, 8));
        CliRun cut = CliRun.of("plot", run.toString());
        assertThat(cut.code()).isZero();
        assertThat(cut.err()).isEqualTo("warning: " + vms + ": the time series ends at 0.01 s, but summary.json "
                + "says the run lasted 0.05 s (the file may have been cut short); the charts show what is there\n"
                + "warning: " + vms + ": no samples of VMs v, vr, which summary.json lists; the charts leave them "
                + "out\n");
        assertThat(Files.readString(run.resolve("report.html"))).contains("Warnings", "no samples of VMs v, vr");

        Path sw = dir.resolve("sw");
        assertThat(CliRun.of("sweep", dir.resolve("s.yaml").toString(), "--set", "seed=[1,2]", "--quiet",
                "--no-plots", "--out", sw.toString()).code()).isZero();
        ResultFolder.deleteTree(sw.resolve("runs/r0001"));
        CliRun missing = CliRun.of("plot", sw.toString());
        assertThat(missing.code()).isZero();
        assertThat(missing.err()).startsWith("warning: " + sw.resolve("runs/r0001") + ": folder not found, though "
                + "sweep.csv lists run r0001 (line ").hasLineCount(1);
    }
}
