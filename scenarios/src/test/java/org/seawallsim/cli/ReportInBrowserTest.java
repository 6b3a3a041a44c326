package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a person sees it: real runs, comparisons and sweeps of the command line, opened in Debian's headless
 * chromium. A page passes when it loads without console errors, requests nothing but file: and data: URLs, every
 * chart renders at its file's size, every link leads to a file of the folder, and the first screen is not blank.
 * Under CI (CI=true) a missing chromium fails the test; elsewhere it is skipped with a message.
 */
class ReportInBrowserTest {
    /**
     * A first screen of a report is mostly white page with tables of text: antialiased text alone covers a few
     * percent of the screen and brings dozens of grey levels. A blank or failed page has one colour (0 %).
     */
    private static final double MIN_NON_BACKGROUND_FRACTION = 0.01;
    private static final int MIN_DISTINCT_COLOURS = 16;

    @TempDir
    static Path dir;

    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        Path[] exes = requireBrowser(HeadlessChromium.find(), System.getenv("CI"));
        browser = HeadlessChromium.start(exes[0], exes[1]);
    }

    /** The executables; without them the test fails under CI (CI=true) and is skipped, saying why, elsewhere. */
    static Path[] requireBrowser(Optional<Path[]> found, String ci) {
        if (found.isEmpty()) {
            String why = "chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver; "
                    + ".ci/run does this)";
            if ("true".equals(ci)) {
                fail(why + ": under CI the report must be tested in a real browser");
            }
            Assumptions.abort(why + ": report.html browser test skipped");
        }
        return found.get();
    }

    @Test
    void aMissingBrowserFailsUnderCiAndIsSkippedElsewhere() {
        assertThatThrownBy(() -> requireBrowser(Optional.empty(), "true"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("under CI");
        assertThatThrownBy(() -> requireBrowser(Optional.empty(), null))
                .isInstanceOf(org.opentest4j.TestAbortedException.class).hasMessageContaining("skipped");
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    /** Loads the page, checks everything a person would notice, and returns what it showed. */
    private static HeadlessChromium.Page checkedPage(Path report) throws Exception {
        assertThat(report).exists();
        HeadlessChromium.Page p = browser.open(report);
        assertThat(p.consoleErrors()).as("console errors of %s", p.url()).isEmpty();
        assertThat(p.externalRequests()).as("requests of %s that are not file: or data:", p.url()).isEmpty();
        assertThat(p.requests()).as("%s itself was requested", p.url()).contains(p.url());
        assertThat(p.images()).as("charts of %s", p.url()).hasSize((int) browser.figureCount());
        for (HeadlessChromium.Image i : p.images()) {
            assertThat(i.complete()).as("%s finished loading", i.figureFile()).isTrue();
            assertThat(i.naturalWidth()).as("natural width of %s", i.figureFile()).isPositive();
            assertThat(i.naturalHeight()).as("natural height of %s", i.figureFile()).isPositive();
            assertThat(i.shownWidth() * i.shownHeight()).as("shown area of %s", i.figureFile()).isPositive();
            if (i.kind().equals("img")) {
                // The embedded PNG is the chart file next to the report, pixel for pixel.
                Path chart = report.resolveSibling(i.figureFile());
                assertThat(chart).as("chart file of an image on %s", p.url()).isRegularFile();
                BufferedImage file = ImageIO.read(chart.toFile());
                assertThat(i.naturalWidth()).as(i.figureFile()).isEqualTo(file.getWidth());
                assertThat(i.naturalHeight()).as(i.figureFile()).isEqualTo(file.getHeight());
            }
        }
        for (String link : p.links()) {
            assertThat(link).as("link on %s", p.url()).startsWith("file:");
            assertThat(Path.of(URI.create(link))).as("target of a link on %s", p.url()).exists();
        }
        HeadlessChromium.Screenshot s = p.firstScreen();
        assertThat(s.width()).isEqualTo(HeadlessChromium.SCREEN_WIDTH_PX);
        assertThat(s.nonBackgroundFraction()).as("non-background share of the first screen of %s", p.url())
                .isGreaterThan(MIN_NON_BACKGROUND_FRACTION);
        assertThat(s.distinctColours()).as("colours on the first screen of %s", p.url())
                .isGreaterThanOrEqualTo(MIN_DISTINCT_COLOURS);
        return p;
    }

    private static void cli(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    }

    @Test
    void runReportOfALibraryScenario() throws Exception {
        Path out = dir.resolve("run");
        cli("run", "library/udp-flood.yaml", "--no-expect", "--set", "durationS=0.3", "--set", "warmupS=0.1", "--out",
                out.toString(), "--quiet");
        HeadlessChromium.Page p = checkedPage(out.resolve("report.html"));
        // goodput per VM and per tenant, queues, links at least.
        assertThat(p.images()).hasSizeGreaterThanOrEqualTo(4).allMatch(i -> i.kind().equals("img"));
    }

    @Test
    void svgChartsRenderInline() throws Exception {
        Path out = dir.resolve("svg");
        cli("run", "library/udp-flood.yaml", "--no-expect", "--scheme", "tcp", "--set", "durationS=0.3", "--set", "warmupS=0.1",
                "--out", out.toString(), "--quiet", "--no-plots");
        cli("plot", out.toString(), "--format", "svg");
        HeadlessChromium.Page p = checkedPage(out.resolve("report.html"));
        assertThat(p.images()).hasSizeGreaterThanOrEqualTo(4).allMatch(i -> i.kind().equals("svg"));
    }

    @Test
    void comparisonReportAndEverySchemesReport() throws Exception {
        Path out = dir.resolve("compare");
        cli("compare", "library/weighted-floods.yaml", "--schemes", "tcp,drr", "--set", "durationS=0.3", "--set",
                "warmupS=0.1", "--set", "sampleIntervalS=0.05", "--out",
                out.toString(), "--quiet");
        HeadlessChromium.Page p = checkedPage(out.resolve("report.html"));
        List<Path> targets = linkTargets(p);
        assertThat(targets).contains(out.resolve("tcp/report.html").toRealPath(),
                out.resolve("drr/report.html").toRealPath());
        for (Path t : targets) {
            checkedPage(t);
        }
    }

    @Test
    void sweepReportLeadsToEveryRunsReport() throws Exception {
        Path out = dir.resolve("sweep");
        cli("sweep", "library/weighted-floods.yaml", "--set", "scheme=drr", "--set", "durationS=0.2", "--set",
                "warmupS=0.1", "--set", "sampleIntervalS=0.05", "--set", "tenants.heavy.weight=[1,3]", "--set", "repetitions=2", "--out",
                out.toString(), "--quiet");
        HeadlessChromium.Page p = checkedPage(out.resolve("report.html"));
        List<Path> targets = linkTargets(p);
        List<Path> runs = new ArrayList<>();
        try (var list = Files.list(out.resolve("runs"))) {
            list.filter(Files::isDirectory).sorted().forEach(r -> runs.add(r.resolve("report.html")));
        }
        assertThat(runs).hasSize(4);
        List<Path> expected = new ArrayList<>();
        for (Path r : runs) {
            expected.add(r.toRealPath());
        }
        assertThat(targets).containsExactlyElementsOf(expected);
        for (Path t : targets) {
            checkedPage(t);
        }
    }

    private static List<Path> linkTargets(HeadlessChromium.Page p) throws Exception {
        List<Path> out = new ArrayList<>();
        for (String l : p.links()) {
            out.add(Path.of(URI.create(l)).toRealPath());
        }
        return out;
    }

    /** The checks can fail: a page with each defect is caught on each count. */
    @Test
    void aBrokenPageIsCaughtOnEveryCount() throws Exception {
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>bad</title></head><body>"
                + "<script>console.error('boom');</script>"
                + "<img id=\"far\" src=\"http://127.0.0.1:9/chart.png\">"
                + "<img id=\"missing\" src=\"missing.png\">"
                + "</body></html>\n");
        HeadlessChromium.Page p = browser.open(bad);
        assertThat(p.consoleErrors()).anyMatch(e -> e.contains("boom"));
        assertThat(p.externalRequests()).contains("http://127.0.0.1:9/chart.png");
        assertThat(p.images()).hasSize(2).allMatch(i -> i.naturalWidth() == 0 && i.naturalHeight() == 0);
        assertThat(p.firstScreen().nonBackgroundFraction()).isLessThan(MIN_NON_BACKGROUND_FRACTION);

        Path blank = dir.resolve("blank.html");
        Files.writeString(blank, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>blank</title></head>"
                + "<body></body></html>\n");
        HeadlessChromium.Page b = browser.open(blank);
        assertThat(b.consoleErrors()).isEmpty();
        assertThat(b.externalRequests()).isEmpty();
        assertThat(b.firstScreen().nonBackgroundPixels()).isZero();
        assertThat(b.firstScreen().distinctColours()).isEqualTo(1);
    }
}
