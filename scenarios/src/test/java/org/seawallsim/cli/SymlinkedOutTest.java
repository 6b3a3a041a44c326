package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A results folder given as a symbolic link (results kept on another disk, say) is written through the link. run and
 * compare write a new folder and rename it into place, which replaced the link by a plain folder: the link was gone
 * and its target kept the old results.
 */
class SymlinkedOutTest {
    @TempDir
    Path dir;

    private static final String SCENARIO = """
            topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5}
            tenants:
              t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 200}]}, b: {host: h1}}}
            scheme: tcp
            durationS: 0.05
            warmupS: 0.01
            sampleIntervalS: 0.01
            """;

    private CliRun cli(String command, Path file, Path out) {
        return command.equals("compare")
                ? CliRun.of(command, file.toString(), "--quiet", "--no-plots", "--out", out.toString(), "--schemes",
                        "tcp", "--jobs", "1")
                : CliRun.of(command, file.toString(), "--quiet", "--no-plots", "--out", out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "compare", "sweep"})
    void resultsGoThroughTheLinkWhichStays(String command) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SCENARIO);
        Path real = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("out"), real);
        String marker = command.equals("run") ? "summary.json" : command.equals("compare") ? "comparison.csv"
                : "sweep.csv";
        for (int i = 0; i < 2; i++) { // the second time replaces (run, compare) or resumes (sweep) the results
            CliRun r = cli(command, f, link);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(Files.isSymbolicLink(link)).as("the link is still a link after run " + i).isTrue();
            assertThat(Files.readSymbolicLink(link)).isEqualTo(real);
            assertThat(real.resolve(marker)).isNotEmptyFile();
        }
        CliRun plot = CliRun.of("plot", link.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "sweep"})
    void aLinkToNothingIsRefusedNamingItsTarget(String command) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SCENARIO);
        Path missing = dir.resolve("not-there");
        Path link = Files.createSymbolicLink(dir.resolve("out"), missing);
        CliRun r = cli(command, f, link);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--out " + link + " is a symbolic link to " + missing + ", which does not exist")
                .doesNotContain("\tat ");
        assertThat(missing).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    /** A chain of links is followed to where it ends, and a loop is called one (the message named the first hop). */
    @org.junit.jupiter.api.Test
    void aChainToNothingAndALoopAreNamedAsSuch() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SCENARIO);
        Path missing = dir.resolve("not-there");
        Path mid = Files.createSymbolicLink(dir.resolve("mid"), missing);
        Path chain = Files.createSymbolicLink(dir.resolve("chain"), mid);
        CliRun r = cli("run", f, chain);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is a symbolic link to " + mid + " -> " + missing + ", which does not exist");
        Path loopA = dir.resolve("loopA");
        Path loopB = Files.createSymbolicLink(dir.resolve("loopB"), loopA);
        Files.createSymbolicLink(loopA, loopB);
        CliRun l = cli("run", f, loopA);
        assertThat(l.code()).isEqualTo(2);
        assertThat(l.err()).contains(", a loop: point it at a folder").doesNotContain("\tat ");
    }
}
