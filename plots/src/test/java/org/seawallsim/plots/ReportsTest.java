package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Files written by {@link Reports}: real images of the requested size with content, and self-contained reports. */
class ReportsTest {
    @TempDir
    Path dir;

    /**
     * A chart is "not blank" when its plot area (the middle of the image, away from titles and legend) has many
     * non-white pixels and the whole image uses many colours: an empty chart has white plot area and only the
     * few colours of axes and text. Thresholds are far below what a chart with lines has (measured: >1% and
     * hundreds of colours thanks to anti-aliasing) and far above an empty plot (0 in the plot area).
     */
    static void assertChartImage(Path png, int w, int h) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("%s decodes as an image", png).isNotNull();
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);
        Set<Integer> colours = new HashSet<>();
        int inked = 0;
        int total = 0;
        for (int y = h / 4; y < h * 3 / 4; y++) {
            for (int x = w / 5; x < w * 4 / 5; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                total++;
                // Grid lines are light grey (0xDDDDDD); count only clearly darker or coloured pixels.
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (Math.min(r, Math.min(g, b)) < 200) {
                    inked++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours in the plot area of %s", png).isGreaterThan(20);
        assertThat(inked / (double) total).as("inked fraction of the plot area of %s", png).isGreaterThan(0.005);
    }

    static void assertSelfContained(Path report, List<Path> charts) throws IOException {
        String html = Files.readString(report, StandardCharsets.UTF_8);
        for (Path c : charts) {
            assertThat(html).as("report references %s", c.getFileName())
                    .contains("data-file=\"" + c.getFileName() + "\"");
        }
        // Every src/href is a data: URI, an in-page anchor or a relative path inside the folder.
        Matcher m = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            String url = m.group(1);
            assertThat(url.startsWith("data:") || url.startsWith("#")
                    || !(url.contains("://") || url.startsWith("/") || url.contains("..")))
                    .as("URL %s is not external", url.length() > 60 ? url.substring(0, 60) : url).isTrue();
        }
        assertThat(html).doesNotContainIgnoringCase("@import").doesNotContain("url(http");
        assertThat(html).doesNotContain("<script src").doesNotContain("<link ");
    }

    @Test
    void runFolderGivesFiveRealPngChartsAndAReport() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, true);
        List<Path> files = Reports.forRun(dir, new PlotOptions(Format.PNG, 800, 450));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("goodput-vms.png",
                "goodput-tenants.png", "queues.png", "links.png", "fct-cdf.png", "report.html");
        for (Path p : files.subList(0, 5)) {
            assertChartImage(p, 800, 450);
        }
        assertSelfContained(files.get(5), files.subList(0, 5));
        String html = Files.readString(files.get(5));
        assertThat(html).contains("synthetic").contains("seawall").contains(">7<").contains("0.1.0")
                .contains("data:image/png;base64,");
        // No temp files are left behind by the atomic writes.
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    /**
     * A run with permuted ties says so in its report and its charts' subtitles, as summary.json does: the charts read
     * "seed 1" alone, and the report named the tie seed only when given as --tie-seed (a "parameter set by the user").
     */
    @Test
    void aTieSeedIsShownInTheReportAndTheChartsAndScheduledOrderIsNot() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, false);
        Reports.forRun(dir, Format.PNG);
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("tie seed");
        assertThat(RunCharts.runLabel(RunSummary.read(dir))).isEqualTo("synthetic \u00b7 scheme seawall \u00b7 seed 7");
        Path summary = dir.resolve("summary.json");
        String json = Files.readString(summary);
        Files.writeString(summary, json.substring(0, json.lastIndexOf('}')) + ", \"tie_seed\": 42}\n");
        Reports.forRun(dir, Format.PNG);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("tie seed</th><td>42");
        assertThat(RunCharts.runLabel(RunSummary.read(dir))).endsWith("seed 7 \u00b7 tie seed 42");
    }

    /** A comparison's charts name a tie seed as a run's do (their subtitle was the scenario alone). */
    @Test
    void comparisonChartsNameATieSeed() throws IOException {
        Fixtures.comparison(dir);
        String plain = subtitle(ComparisonCharts.goodputVms(ComparisonData.read(dir)).chart());
        assertThat(plain).doesNotContain("tie seed");
        for (String scheme : Fixtures.SCHEMES) {
            Path summary = dir.resolve(scheme).resolve("summary.json");
            String json = Files.readString(summary);
            Files.writeString(summary, json.substring(0, json.lastIndexOf('}')) + ", \"tie_seed\": 9}\n");
        }
        String tied = subtitle(ComparisonCharts.goodputVms(ComparisonData.read(dir)).chart());
        assertThat(tied).isEqualTo(plain + " \u00b7 tie seed 9");
    }

    private static String subtitle(org.jfree.chart.JFreeChart chart) {
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                return t.getText();
            }
        }
        throw new AssertionError("no text subtitle");
    }

    @Test
    void aRunsNotesAreShownUnderItsMetricsAndAbsentNotesLeaveNoHeading() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, false);
        Reports.forRun(dir, Format.PNG);
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("<h2>Notes</h2>");
        Path summary = dir.resolve("summary.json");
        String json = Files.readString(summary);
        Files.writeString(summary, json.substring(0, json.lastIndexOf('}'))
                + ", \"notes\": [\"link swL->swR carries 101 weight units & more\"]}\n");
        assertThat(RunSummary.read(dir).notes()).containsExactly("link swL->swR carries 101 weight units & more");
        Reports.forRun(dir, Format.PNG);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h2>Notes</h2>", "<p>link swL-&gt;swR carries 101 weight units &amp; more</p>");
        assertThat(html.indexOf("<h2>Notes</h2>")).isGreaterThan(html.indexOf("Metrics (after warm-up)"));
    }

    private static void addAccusations(Path runDir) throws IOException {
        Path summary = runDir.resolve("summary.json");
        String json = Files.readString(summary);
        Files.writeString(summary, json.substring(0, json.lastIndexOf('}')) + ", \"accusations\": ["
                + "{\"src_host\": \"h0\", \"src_vm\": \"a1\", \"accuser_host\": \"h2\", \"reason\": \"EXCEEDS_SHARE\", "
                + "\"reported_s\": 0.163, \"installed_s\": 0.173},"
                + "{\"src_host\": \"h1\", \"src_vm\": null, \"accuser_host\": \"h3\", \"reason\": "
                + "\"FALSE_ACCUSATION\", \"reported_s\": 3.9, \"installed_s\": null}]}\n");
    }

    /**
     * compromised.yaml's attacker at 0 Mb/s against an ideal of 478.5, jain_weighted 0.5: the report showed that as
     * a failure while the accusation and filter that caused it were in summary.json alone.
     */
    @Test
    void accusationsAndFiltersAreListedWithWhyTheIdealStillCountsTheFilteredVm() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, false);
        Reports.forRun(dir, Format.PNG);
        assertThat(RunSummary.read(dir).accusations()).as("older files and other schemes have none").isEmpty();
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("Accusations");
        addAccusations(dir);
        List<RunSummary.Accusation> read = RunSummary.read(dir).accusations();
        assertThat(read).containsExactly(new RunSummary.Accusation("h0", "a1", "h2", "EXCEEDS_SHARE", 0.163, 0.173),
                new RunSummary.Accusation("h1", "", "h3", "FALSE_ACCUSATION", 3.9, Double.NaN));
        Reports.forRun(dir, Format.PNG);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h2>Accusations and filters (Seawall)</h2>",
                "<td>a1</td><td>h0</td><td>h2</td><td>EXCEEDS_SHARE</td><td class=\"n\">0.163</td><td class=\"n\">0.173</td>",
                "<td>(none named)</td><td>h1</td><td>h3</td><td>FALSE_ACCUSATION</td><td class=\"n\">3.9</td><td>not yet</td>",
                "The ideal shares do not exclude a filtered VM");
        assertThat(html.indexOf("Accusations and filters")).isLessThan(html.indexOf("<h2>VMs</h2>"));
    }

    /** An accusation whose filter is not installed yet (the run ended first): no note about a filter's effect. */
    @Test
    void noFilterNoteBeforeAnyFilterIsInstalled() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, false);
        Path f = dir.resolve("summary.json");
        String json = Files.readString(f).strip();
        Files.writeString(f, json.substring(0, json.length() - 1) + ", \"accusations\": [{\"src_host\": \"h0\", "
                + "\"src_vm\": \"a1\", \"accuser_host\": \"h2\", \"reason\": \"EXCEEDS_SHARE\", "
                + "\"reported_s\": 0.163, \"installed_s\": null}]}\n");
        Reports.forRun(dir, Format.PNG);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<td>EXCEEDS_SHARE</td>", "<td>not yet</td>")
                .doesNotContain("The ideal shares do not exclude a filtered VM");
    }

    @Test
    void theComparisonReportListsEachSchemesAccusations() throws IOException {
        Fixtures.comparison(dir);
        addAccusations(dir.resolve("seawall"));
        Reports.forComparison(dir, Format.PNG);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h2>Accusations and filters under seawall</h2>", "<td>EXCEEDS_SHARE</td>",
                "The ideal shares do not exclude a filtered VM").doesNotContain("filters under tcp")
                .doesNotContain("filters under drr");
    }

    @Test
    void theComparisonReportSaysWhatJainWeightedIsOver() throws IOException {
        Fixtures.comparison(dir);
        Reports.forComparison(dir, Format.PNG);
        String html = Files.readString(dir.resolve("report.html"));
        // It is over goodput/weight (Metrics): read as goodput/ideal, 0.866 for VMs at exactly their ideals looked
        // unfair.
        assertThat(html).contains("jain_weighted: Jain&#39;s index of goodput/weight").doesNotContain("goodput/ideal");
        // VMs in the file's order (v2, a1, v1), as summary.json and the run reports list them, not alphabetical.
        int v2 = html.indexOf("<td>v2</td>");
        int a1 = html.indexOf("<td>a1</td>");
        int v1 = html.indexOf("<td>v1</td>");
        assertThat(v2).isPositive().isLessThan(a1);
        assertThat(a1).isLessThan(v1);
    }

    /** "sized flows 381" and "unfinished sized flows 64" on two rows read as 64 of 381 (it was 64 of 445). */
    @Test
    void theReportSaysHowManyOfTheSizedFlowsFinished() throws IOException {
        Fixtures.run(dir, "seawall", 1.0, true);
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"flows\": {\"count\": 40,",
                "\"flows\": {\"count\": 381, \"unfinished\": 64,"));
        Reports.forRun(dir, Format.PNG);
        String html = Files.readString(dir.resolve("report.html"));
        // The 64 include flows a timeline stop aborted, which summary.json counts with those still running.
        assertThat(html).contains("<th>sized flows started after the warm-up</th><td>381 of 445 finished (64 "
                + "did not: still running at the end, or aborted by a timeline stop)</td>",
                "<th>FCT p99 of finished flows (ms)</th>")
                .doesNotContain("unfinished sized flows");
    }

    @Test
    void withoutFctCsvThereIsNoFctChart() throws IOException {
        Fixtures.run(dir, "tcp", 1.0, false);
        assertThat(Reports.forRun(dir, Format.PNG)).extracting(p -> p.getFileName().toString())
                .doesNotContain("fct-cdf.png").contains("report.html");
    }

    @Test
    void svgChartsParseAsXmlAndAreInlinedInTheReport() throws Exception {
        Fixtures.run(dir, "seawall", 1.0, true);
        List<Path> files = Reports.forRun(dir, new PlotOptions(Format.SVG, 640, 400));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        for (Path p : files.subList(0, files.size() - 1)) {
            assertThat(p.toString()).endsWith(".svg");
            Document doc = f.newDocumentBuilder().parse(p.toFile());
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(doc.getDocumentElement().getAttribute("width")).startsWith("640");
            assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0.0 0.0 640.0 400.0");
            // Lines of the chart: JFreeSVG draws them as path or polyline/line elements.
            assertThat(doc.getElementsByTagNameNS("*", "path").getLength()
                    + doc.getElementsByTagNameNS("*", "line").getLength()).isGreaterThan(10);
        }
        Path report = files.get(files.size() - 1);
        assertSelfContained(report, files.subList(0, files.size() - 1));
        String html = Files.readString(report);
        assertThat(html.split("<svg", -1).length - 1).isEqualTo(files.size() - 1);
        assertThat(html).doesNotContain("<?xml");
    }

    @Test
    void comparisonChartsShowEachSchemesBarsAndIdealsFromTheSummaries() throws IOException {
        Fixtures.comparison(dir);
        ComparisonData c = ComparisonData.read(dir);
        ChartSpec spec = ComparisonCharts.goodputVms(c);
        CategoryDataset bars = spec.chart().getCategoryPlot().getDataset(0);
        CategoryDataset ideals = spec.chart().getCategoryPlot().getDataset(1);
        assertThat(bars.getRowKeys()).containsExactlyElementsOf(Fixtures.SCHEMES);
        assertThat(bars.getColumnKeys()).containsExactly("a1", "v1", "v2");
        for (String scheme : Fixtures.SCHEMES) {
            for (RunSummary.Vm v : RunSummary.read(dir.resolve(scheme)).vms()) {
                assertThat(bars.getValue(scheme, v.name()).doubleValue()).isCloseTo(v.goodputBps() / 1e6,
                        within(1e-9));
                assertThat(ideals.getValue(scheme, v.name()).doubleValue()).isCloseTo(v.idealBps() / 1e6,
                        within(1e-9));
            }
            // Scheme colours come from the fixed palette, so every comparison chart agrees.
            int row = bars.getRowIndex(scheme);
            assertThat(spec.chart().getCategoryPlot().getRenderer(0).getSeriesPaint(row))
                    .isEqualTo(Palette.scheme(scheme));
        }
        CategoryDataset metrics = ComparisonCharts.metrics(c).chart().getCategoryPlot().getDataset();
        assertThat(metrics.getValue("drr", "jain_weighted").doubleValue()).isEqualTo(0.9, within(1e-12));
        assertThat(metrics.getValue("tcp", "isolation_error").doubleValue()).isEqualTo(0.4, within(1e-12));

        List<Path> files = Reports.forComparison(dir, new PlotOptions(Format.PNG, 900, 500));
        List<Path> top = files.stream().filter(p -> p.getParent().equals(dir)).toList();
        assertThat(top).extracting(p -> p.getFileName().toString()).containsExactly(
                "comparison-goodput-vms.png", "comparison-goodput-tenants.png", "comparison-metrics.png",
                "report.html");
        for (Path p : top.subList(0, 3)) {
            assertChartImage(p, 900, 500);
        }
        assertSelfContained(top.get(3), top.subList(0, 3));
        assertThat(Files.readString(top.get(3))).contains("jain_weighted").contains("isolation_error")
                .contains("<td>drr</td>").contains("href=\"seawall/report.html\"");
        for (String scheme : Fixtures.SCHEMES) {
            assertThat(dir.resolve(scheme).resolve("report.html")).exists();
            assertThat(dir.resolve(scheme).resolve("goodput-vms.png")).exists();
        }
    }

    @Test
    void sweepChartHasMeanAndStdOverRepetitionsPerSchemeAgainstTheFirstAxis() throws IOException {
        Fixtures.sweep(dir);
        SweepData s = SweepData.read(dir);
        YIntervalSeriesCollection ds = (YIntervalSeriesCollection) SweepCharts.metric(s, "tenant:victim:share")
                .chart().getXYPlot().getDataset();
        assertThat(ds.getSeriesCount()).isEqualTo(2);
        for (int k = 0; k < 2; k++) {
            String scheme = (String) ds.getSeriesKey(k);
            assertThat(ds.getItemCount(k)).isEqualTo(Fixtures.FLOWS_AXIS.length);
            for (int i = 0; i < Fixtures.FLOWS_AXIS.length; i++) {
                int f = Fixtures.FLOWS_AXIS[i];
                double[] v = new double[Fixtures.REPS];
                double mean = 0;
                for (int r = 0; r < Fixtures.REPS; r++) {
                    v[r] = Fixtures.share(scheme, f, r);
                    mean += v[r] / Fixtures.REPS;
                }
                double ss = 0;
                for (double x : v) {
                    ss += (x - mean) * (x - mean);
                }
                double std = Math.sqrt(ss / (Fixtures.REPS - 1));
                assertThat(ds.getXValue(k, i)).isEqualTo(f);
                // CSV values went through Double.toString round trips: 1e-12 absolute is ample.
                assertThat(ds.getYValue(k, i)).isCloseTo(mean, within(1e-12));
                assertThat(ds.getStartYValue(k, i)).isCloseTo(mean - std, within(1e-12));
                assertThat(ds.getEndYValue(k, i)).isCloseTo(mean + std, within(1e-12));
            }
        }
        // Rates are shown in Mb/s.
        YIntervalSeriesCollection gp = (YIntervalSeriesCollection) SweepCharts.metric(s, "vm:v1:goodput_bps")
                .chart().getXYPlot().getDataset();
        assertThat(gp.getYValue(0, 0)).isCloseTo((Fixtures.share("tcp", 1, 0) + Fixtures.share("tcp", 1, 1)
                + Fixtures.share("tcp", 1, 2)) / 3 * 1000, within(1e-6));

        List<Path> files = Reports.forSweep(dir, new PlotOptions(Format.PNG, 700, 420));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("sweep-jain_weighted.png",
                "sweep-tenant_victim_share.png", "sweep-vm_v1_goodput_bps.png", "report.html");
        for (Path p : files.subList(0, 3)) {
            assertChartImage(p, 700, 420);
        }
        assertSelfContained(files.get(3), files.subList(0, 3));
    }

    /**
     * The sweep report's tables use the charts' units and name them: the chart of vm:v1:goodput_bps read Mb/s while
     * the tables printed bit/s (481187776) without a unit.
     */
    @Test
    void sweepReportTablesGiveTheChartsUnits() throws IOException {
        Fixtures.sweep(dir);
        Reports.forSweep(dir, PlotOptions.of(Format.PNG));
        String html = Files.readString(dir.resolve("report.html"));
        // The per-metric table of vm:v1:goodput_bps: tcp at 1 attacker flow, share 0.55 + 0.01 * (rep - 1).
        assertThat(html).contains("<th>traffic.attacker.flows (flows)</th><th>mean (Mb/s)</th><th>std (Mb/s)</th>");
        assertThat(html).contains("<td>tcp</td><td class=\"n\">1</td><td class=\"n\">550</td><td class=\"n\">10"
                + "</td><td class=\"n\">3</td>");
        // The runs table: a header with the unit, values in it (r0000: share 0.54 of 1e9 bit/s is 540 Mb/s).
        assertThat(html).contains("<th>vm:v1:goodput_bps (Mb/s)</th>", "<th>tenant:victim:share (fraction)</th>");
        assertThat(html).contains("<td class=\"n\">0.54</td><td class=\"n\">540</td></tr>");
        assertThat(html).doesNotContain("540000000");
    }

    @Test
    void forAnyDetectsTheFolderKind() throws IOException {
        Path run = Fixtures.run(dir.resolve("run"), "tcp", 1.0, false);
        Path cmp = Fixtures.comparison(dir.resolve("cmp"));
        Path sw = Fixtures.sweep(dir.resolve("sweep"));
        assertThat(Reports.detect(run)).isEqualTo(Reports.Kind.RUN);
        assertThat(Reports.detect(cmp)).isEqualTo(Reports.Kind.COMPARISON);
        assertThat(Reports.detect(sw)).isEqualTo(Reports.Kind.SWEEP);
        assertThat(Reports.forAny(sw, Format.SVG)).last().isEqualTo(sw.resolve("report.html"));
    }
}
