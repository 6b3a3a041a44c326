package org.seawallsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium in headless mode, driven through Debian's chromedriver by Selenium (tests only). It opens a page
 * the way a person's browser would and reports what a person would notice: console errors, requests that leave the
 * machine, images that do not render, and what the first screen looks like.
 */
final class HeadlessChromium implements AutoCloseable {
    /** The first screen of a report, as a person opening it sees it. */
    static final int SCREEN_WIDTH_PX = 1280;
    static final int SCREEN_HEIGHT_PX = 900;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Held so the level set on it stays (java.util.logging keeps loggers only weakly). */
    private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools");

    private final ChromeDriver driver;
    private final Path profile;

    /** What one page load showed. */
    record Page(String url, List<String> consoleErrors, List<String> requests, List<Image> images,
            List<String> links, Screenshot firstScreen) {
        /** Requests that are neither file:// nor data: (anything that would go to a network). */
        List<String> externalRequests() {
            return requests.stream().filter(u -> !u.startsWith("file:") && !u.startsWith("data:")).toList();
        }
    }

    /** One img element, or one inline svg element (natural size = its rendered box). */
    record Image(String kind, String figureFile, String src, boolean complete, int naturalWidth, int naturalHeight,
            double shownWidth, double shownHeight) {
    }

    /** The screenshot reduced to what decides "blank": how many pixels differ from the background colour. */
    record Screenshot(int width, int height, int background, long nonBackgroundPixels, int distinctColours) {
        double nonBackgroundFraction() {
            return nonBackgroundPixels / (double) ((long) width * height);
        }
    }

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The chromium and chromedriver executables, when both are installed. */
    static Optional<Path[]> find() {
        Path browser = firstExisting("/usr/bin/chromium", "/usr/lib/chromium/chromium");
        Path driver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        return browser == null || driver == null ? Optional.empty() : Optional.of(new Path[] {browser, driver});
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static HeadlessChromium start(Path browser, Path chromedriver) throws IOException {
        Path profile = Files.createTempDirectory("seawall-chromium-profile");
        ChromeOptions o = new ChromeOptions();
        // Both executables are given, so Selenium never runs its driver manager (which would try to download one).
        o.setBinary(browser.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + SCREEN_WIDTH_PX + "," + SCREEN_HEIGHT_PX);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        // Selenium looks for a DevTools binding of this chromium's version; the tests use only WebDriver and logs.
        CDP_LOG.setLevel(Level.SEVERE);
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().window().setSize(new Dimension(SCREEN_WIDTH_PX, SCREEN_HEIGHT_PX));
        d.get("about:blank");
        return new HeadlessChromium(d, profile);
    }

    /** Loads a local file (waits for its load event) and reports what it showed. */
    Page open(Path file) {
        // Empty both logs so the report holds this page's entries only.
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().logs().get(LogType.PERFORMANCE);
        String url = file.toAbsolutePath().toUri().toString();
        driver.get(url);
        JavascriptExecutor js = driver;
        // Decoding of data: images can finish after the load event; wait for it, bounded.
        js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))"
                + ".then(() => requestAnimationFrame(() => done(true)));");
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        List<String> requests = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode m = JSON.readTree(e.getMessage()).path("message");
                // The browser's own pages (the new-tab page of the first tab, loading while the first report does)
                // fetch chrome:// resources; those are not the report's requests. Anything a page of ours asks
                // for, whatever its scheme, is kept.
                String document = m.path("params").path("documentURL").asText();
                if (m.path("method").asText().equals("Network.requestWillBeSent") && !document.startsWith("chrome:")
                        && !document.startsWith("chrome-untrusted:")) {
                    requests.add(m.path("params").path("request").path("url").asText());
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        List<Image> images = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> raw = (List<Map<String, Object>>) js.executeScript(
                "const out = [];"
                + "for (const i of document.images) { const r = i.getBoundingClientRect(); const f = i.closest('figure');"
                + "  out.push({kind: 'img', file: f ? f.dataset.file : '', src: i.src.substring(0, 64),"
                + "    complete: i.complete, w: i.naturalWidth, h: i.naturalHeight, sw: r.width, sh: r.height}); }"
                + "for (const s of document.querySelectorAll('body svg')) { if (s.parentElement.closest('svg')) continue;"
                + "  const r = s.getBoundingClientRect(); const f = s.closest('figure');"
                + "  out.push({kind: 'svg', file: f ? f.dataset.file : '', src: '', complete: true,"
                + "    w: Math.round(r.width), h: Math.round(r.height), sw: r.width, sh: r.height}); }"
                + "return out;");
        for (Map<String, Object> m : raw) {
            images.add(new Image((String) m.get("kind"), String.valueOf(m.get("file")), (String) m.get("src"),
                    Boolean.TRUE.equals(m.get("complete")), ((Number) m.get("w")).intValue(),
                    ((Number) m.get("h")).intValue(), ((Number) m.get("sw")).doubleValue(),
                    ((Number) m.get("sh")).doubleValue()));
        }
        @SuppressWarnings("unchecked")
        List<String> links = (List<String>) js.executeScript(
                "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href);");
        js.executeScript("window.scrollTo(0, 0);");
        Screenshot shot = measure(driver.getScreenshotAs(OutputType.BYTES));
        return new Page(url, errors, requests, images, links, shot);
    }

    /** The number of figures the page declares (figure elements that name a chart file). */
    long figureCount() {
        return ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelectorAll('figure[data-file]').length;")).longValue();
    }

    /** Decodes the PNG with ImageIO; the background is the most common colour. */
    static Screenshot measure(byte[] png) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (img == null) {
            throw new IllegalStateException("the screenshot is not a PNG ImageIO can read");
        }
        Map<Integer, Integer> counts = new HashMap<>();
        int w = img.getWidth();
        int h = img.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                counts.merge(img.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        int background = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long other = (long) w * h - counts.get(background);
        Set<Integer> colours = new HashSet<>(counts.keySet());
        return new Screenshot(w, h, background, other, colours.size());
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
