package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder replaces or receives results only when it is absent, empty or seawall-sim's own: an existing file,
 * a folder of other files, the current folder, an empty path or a place nothing can be created are refused before
 * anything runs (exit 2), and the path is left as it was. Before, run and compare replaced any of them, the scenario
 * file itself or a thesis folder included.
 */
class OutputFolderTest {
    @TempDir
    Path dir;

    private static final String UDP = """
            topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5}
            tenants:
              t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 300}]}, b: {host: h1}}}
            scheme: tcp
            durationS: 0.2
            warmupS: 0.05
            sampleIntervalS: 0.05
            """;

    private CliRun cli(String command, Path file, String out) {
        List<String> a = new ArrayList<>(List.of(command, file.toString(), "--quiet", "--no-plots", "--out", out));
        if (command.equals("compare")) {
            a.addAll(List.of("--schemes", "tcp", "--jobs", "1"));
        }
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    void onlyAbsentEmptyOrResultFoldersAreWrittenTo() throws Exception {
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, UDP);
        Path thesis = dir.resolve("thesis");
        Files.createDirectories(thesis);
        Files.writeString(thesis.resolve("thesis.tex"), "chapter 1");
        for (String command : List.of("run", "compare", "sweep")) {
            CliRun onFile = cli(command, f, f.toString());
            assertThat(onFile.code()).as(command).isEqualTo(2);
            assertThat(onFile.err()).contains("is an existing file").contains("nothing was changed")
                    .doesNotContain("at org.");
            assertThat(Files.readString(f)).isEqualTo(UDP);
            CliRun onOther = cli(command, f, thesis.toString());
            assertThat(onOther.code()).as(command).isEqualTo(2);
            assertThat(onOther.err()).contains("holds 1 entry (thesis.tex) but no seawall-sim results");
            assertThat(Files.readString(thesis.resolve("thesis.tex"))).isEqualTo("chapter 1");
            assertThat(cli(command, f, "").err()).contains("must name a folder");
            assertThat(cli(command, f, "/proc/no-such-place/x").code()).isEqualTo(2);
        }
        // The folder the command runs in, or one above it, would be replaced.
        CliRun here = cli("run", f, Path.of("").toAbsolutePath().toString());
        assertThat(here.code()).isEqualTo(2);
        assertThat(here.err()).contains("is the folder this command runs in");
        // An empty folder, and then the results folder itself, are fine (a second run replaces the first).
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThat(cli("run", f, empty.toString()).code()).isZero();
        assertThat(cli("run", f, empty.toString()).code()).isZero();
        assertThat(empty.resolve("summary.json")).exists();
    }
}
