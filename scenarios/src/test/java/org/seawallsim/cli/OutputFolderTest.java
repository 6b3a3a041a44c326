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
    void aFolderTheFileSystemWillNotTakeIsExitFour() throws Exception {
        // /proc takes no new entries, as a read-only mount would refuse them (tests run as root, so permissions
        // cannot). The README's exit code for a refusing file system is 4; this was 2, as if the input were wrong.
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, UDP);
        for (String command : List.of("run", "compare", "sweep")) {
            CliRun r = cli(command, f, "/proc/seawall-sim-test/out");
            assertThat(r.code()).as(command + "\n" + r.err()).isEqualTo(SeawallSim.EXIT_FILE_SYSTEM);
            assertThat(r.err()).contains("--out /proc/seawall-sim-test/out: cannot create a folder there")
                    .doesNotContain("\tat ");
        }
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
            assertThat(cli(command, f, "/proc/no-such-place/x").code()).isEqualTo(SeawallSim.EXIT_FILE_SYSTEM);
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

    @Test
    void aResultsFolderIsWrittenOnlyByTheCommandThatMadeIt() throws Exception {
        Path f = udpFile();
        Path sweepFile = sweepFile();
        Path run = dir.resolve("run");
        Path cmp = dir.resolve("cmp");
        Path swp = dir.resolve("swp");
        assertThat(cli("run", f, run.toString()).code()).isZero();
        assertThat(cli("compare", f, cmp.toString()).code()).isZero();
        assertThat(cli("sweep", sweepFile, swp.toString()).code()).isZero();
        // Before: a run into the sweep's folder deleted its runs, a sweep into a run's or comparison's folder mixed
        // its runs and report into them.
        String[][] refused = {{"run", swp.toString(), "a sweep (sweep.json)"}, {"run", cmp.toString(), "a comparison"},
            {"compare", run.toString(), "a run's results"}, {"sweep", run.toString(), "a run's results"},
            {"sweep", cmp.toString(), "a comparison (comparison.csv)"}, {"compare", swp.toString(), "a sweep"}};
        for (String[] r : refused) {
            CliRun c = cli(r[0], r[0].equals("sweep") ? sweepFile : f, r[1]);
            assertThat(c.code()).as(r[0] + " into " + r[1]).isEqualTo(2);
            assertThat(c.err()).contains("holds " + r[2], "nothing was changed");
        }
        CliRun regress = CliRun.of("regress", "--only", "R-weighted-floods/drr", "--quiet", "--out", run.toString());
        assertThat(regress.code()).isEqualTo(2);
        assertThat(regress.err()).contains("holds a run's results");
        assertThat(swp.resolve("sweep.json")).exists();
        assertThat(run.resolve("summary.json")).exists();
        assertThat(run.resolve("runs")).doesNotExist();
        // Each kind into its own folder again is fine: a run replaces its run, a sweep resumes its sweep.
        assertThat(cli("run", f, run.toString()).code()).isZero();
        assertThat(cli("sweep", sweepFile, swp.toString()).code()).isZero();
    }

    /**
     * A comparison's scheme folder and a sweep's run folder belong to their comparison and sweep: {@code run --scheme
     * drr --out cmp/tcp} was accepted (exit 0) and the comparison then reported drr's goodput under tcp, and {@code
     * run --out swp/runs/r0000} deleted the run's task.json (the sweep no longer resumed). Both are refused, naming
     * the folder they belong to, for new folders beside them too; and plot refuses a comparison whose scheme folder
     * holds a run of another scheme, seed or duration than the comparison's.
     */
    @Test
    void aComparisonsOrSweepsRunFolderIsWrittenOnlyByItsOwnCommand() throws Exception {
        Path f = udpFile();
        Path sweepFile = sweepFile();
        Path cmp = dir.resolve("cmp");
        Path swp = dir.resolve("swp");
        assertThat(CliRun.of("compare", f.toString(), "--schemes", "tcp,drr", "--jobs", "1", "--quiet", "--no-plots",
                "--out", cmp.toString()).code()).isZero();
        assertThat(cli("sweep", sweepFile, swp.toString()).code()).isZero();
        byte[] tcpSummary = Files.readAllBytes(cmp.resolve("tcp/summary.json"));
        byte[] task = Files.readAllBytes(swp.resolve("runs/r0000/task.json"));
        String[][] refused = {{"run", cmp.resolve("tcp").toString(), "inside a comparison"},
            {"run", cmp.resolve("new").toString(), "inside a comparison"},
            {"compare", cmp.resolve("drr").toString(), "inside a comparison"},
            {"run", swp.resolve("runs/r0000").toString(), "inside a sweep"},
            {"compare", swp.resolve("runs/r0001").toString(), "inside a sweep"},
            {"run", swp.resolve("runs/r0099").toString(), "inside a sweep"}};
        for (String[] r : refused) {
            CliRun c = cli(r[0], f, r[1]);
            assertThat(c.code()).as(r[0] + " into " + r[1] + ": " + c.err()).isEqualTo(2);
            assertThat(c.err()).contains(r[2], "nothing was changed").hasLineCount(1);
        }
        assertThat(Files.readAllBytes(cmp.resolve("tcp/summary.json"))).isEqualTo(tcpSummary);
        assertThat(Files.readAllBytes(swp.resolve("runs/r0000/task.json"))).isEqualTo(task);
        assertThat(cmp.resolve("new")).doesNotExist();
        assertThat(swp.resolve("runs/r0099")).doesNotExist();
        assertThat(CliRun.of("plot", cmp.toString()).code()).isZero();

        // A run folder moved into a comparison by hand (or written before this check) is refused by plot, which
        // finds it disagrees with comparison.csv, instead of reporting it as the comparison's.
        Path copy = dir.resolve("copy");
        Path tcp = copy.resolve("tcp");
        Path drr = copy.resolve("drr");
        Path other = dir.resolve("other");
        Files.createDirectories(copy);
        Files.copy(cmp.resolve("comparison.csv"), copy.resolve("comparison.csv"));
        assertThat(CliRun.of("run", f.toString(), "--scheme", "drr", "--quiet", "--no-plots", "--out",
                drr.toString()).code()).isEqualTo(2);
        assertThat(CliRun.of("run", f.toString(), "--scheme", "drr", "--quiet", "--no-plots", "--out",
                other.toString()).code()).isZero();
        Files.move(other, drr);
        assertThat(CliRun.of("run", f.toString(), "--scheme", "drr", "--quiet", "--no-plots", "--out",
                other.toString()).code()).isZero();
        Files.move(other, tcp);
        CliRun plot = CliRun.of("plot", copy.toString());
        assertThat(plot.code()).isEqualTo(2);
        assertThat(plot.err()).contains(tcp.resolve("summary.json") + ": is not the run of this comparison: it has "
                + "scheme drr, where comparison.csv lists this folder as scheme tcp");
        ResultFolder.deleteTree(tcp);
        assertThat(CliRun.of("run", f.toString(), "--scheme", "tcp", "--seed", "5", "--quiet", "--no-plots", "--out",
                other.toString()).code()).isZero();
        Files.move(other, tcp);
        plot = CliRun.of("plot", copy.toString());
        assertThat(plot.err()).contains("it has seed 5, where comparison.csv says seed 1");
        ResultFolder.deleteTree(tcp);
        assertThat(CliRun.of("run", f.toString(), "--scheme", "tcp", "--set", "durationS=0.15", "--quiet",
                "--no-plots", "--out", other.toString()).code()).isZero();
        Files.move(other, tcp);
        plot = CliRun.of("plot", copy.toString());
        assertThat(plot.err()).contains(drr.resolve("summary.json") + ": is not the run of this comparison: it has "
                + "duration 0.2 s (warm-up 0.05 s), where the tcp run has 0.15 s (warm-up 0.05 s)");
        assertThat(plot.code()).isEqualTo(2);
    }

    /** The one-flood scenario, and the same with a two-point sweep of its rate. */
    private Path udpFile() throws java.io.IOException {
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, UDP);
        return f;
    }

    private Path sweepFile() throws java.io.IOException {
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, UDP.replace("rateMbps: 300", "rateMbps: [300, 500]"));
        return f;
    }
}
