package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts and reports do not depend on the JVM's default locale: drawn under a German default (as
 * {@code JAVA_TOOL_OPTIONS="-Duser.language=de -Duser.country=DE"} makes it) they are the same bytes as under
 * Locale.ROOT. Before, the German charts' tick labels read "0,04" and "1.000" instead of "0.04" and "1,000".
 */
class ChartLocaleTest {
    @TempDir
    Path dir;

    @Test
    void chartsDrawnUnderAGermanLocaleEqualTheRootOnes() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5}
                tenants:
                  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 300}]}, b: {host: h1}}}
                scheme: tcp
                durationS: 0.2
                warmupS: 0.05
                sampleIntervalS: 0.01
                """);
        Path root = dir.resolve("root");
        Path german = dir.resolve("de");
        assertThat(CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--out", root.toString()).code()).isZero();
        Files.createDirectories(german);
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.toList()) {
                Files.copy(p, german.resolve(p.getFileName()));
            }
        }
        assertThat(CliRun.of("plot", root.toString(), "--format", "svg").code()).isZero();
        Locale was = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            CliRun de = CliRun.of("plot", german.toString(), "--format", "svg");
            assertThat(de.code()).as(de.err()).isZero();
            assertThat(Locale.getDefault()).as("the caller's locale is restored").isEqualTo(Locale.GERMANY);
        } finally {
            Locale.setDefault(was);
        }
        List<Path> drawn;
        try (Stream<Path> files = Files.list(root)) {
            drawn = files.filter(p -> p.toString().endsWith(".svg") || p.toString().endsWith(".html")).sorted()
                    .toList();
        }
        assertThat(drawn).hasSizeGreaterThan(3);
        for (Path p : drawn) {
            String want = Files.readString(p);
            String got = Files.readString(german.resolve(p.getFileName()));
            assertThat(got.equals(want)).as(p.getFileName() + " under de_DE: " + firstDifference(want, got)).isTrue();
        }
    }

    /** Where two texts first differ, a few characters of each (whole SVG files are too long to print). */
    private static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 30);
        return "ROOT '" + a.substring(from, Math.min(a.length(), i + 30)) + "' vs '"
                + b.substring(from, Math.min(b.length(), i + 30)) + "'";
    }
}
