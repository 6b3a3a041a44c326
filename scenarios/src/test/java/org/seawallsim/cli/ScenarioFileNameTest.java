package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file without {@code name:} is named after its base name, which heads every CSV: a newline in it split the
 * comment header ("# scenario: nl" then a bare "x,y" line that readers took for the column header), so the run
 * wrote no charts or report and {@code plot} refused the folder.
 */
class ScenarioFileNameTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nl\nx,y", "cr\rz", "tab\tq", "plain name"})
    void aBaseNameWithControlCharactersStillGivesChartsAReportAndReadableCsvs(String base) throws Exception {
        Path f = dir.resolve(base + ".yaml");
        Files.writeString(f, "topology: {builder: dumbbell, hosts: 2, rateGbps: 1}\n"
                + "tenants: {t1: {vms: {a: {host: h0, traffic: [{type: udp, to: r, rateMbps: 300}]}, r: {host: h2}}}}\n"
                + "scheme: tcp\ndurationS: 0.05\nwarmupS: 0.01\nsampleIntervalS: 0.01\n");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("run", f.toString(), "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("goodput-vms.png")).exists();
        String expected = base.replaceAll("\\p{Cntrl}", "_");
        for (String csv : List.of("timeseries-vms.csv", "timeseries-tenants.csv", "timeseries-links.csv")) {
            List<String> lines = Files.readAllLines(out.resolve(csv), StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("# scenario: " + expected);
            // Every line before the column header is a comment: the header is where readers expect it.
            int header = 0;
            while (lines.get(header).startsWith("#")) {
                header++;
            }
            assertThat(lines.get(header)).startsWith("time_s,");
        }
        assertThat(CliRun.of("plot", out.toString()).code()).isZero();
    }
}
