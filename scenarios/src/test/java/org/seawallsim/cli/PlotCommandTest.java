package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seawall-sim plot}: charts from a results folder, exit code 2 naming the file when one is wrong. */
class PlotCommandTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int plot(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "plot";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli(all);
    }

    /** Runs the command line with stdout and stderr captured into {@link #out} and {@link #err}. */
    private int cli(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    /** A small but complete run folder as RESULTS-FORMAT.md describes it: two VMs over ten samples. */
    private void writeRun() throws IOException {
        String head = "# scenario: tiny\n# scheme: seawall\n# seed: 3\n# version: 0.1.0\n# units: time_s = simulated "
                + "seconds\n";
        StringBuilder vms = new StringBuilder(head + "time_s,vm,tenant,goodput_bps,ideal_bps\n");
        StringBuilder ten = new StringBuilder(head + "time_s,tenant,goodput_bps\n");
        StringBuilder links = new StringBuilder(head + "time_s,link,utilization\n");
        StringBuilder queues = new StringBuilder(head + "time_s,queue,bytes\n");
        for (int i = 1; i <= 10; i++) {
            double t = i * 0.1;
            double a = 4e8 + 1e7 * i;
            double b = 5e8 - 1e7 * i;
            vms.append(t).append(",a1,attacker,").append(a).append(",4.7E8\n");
            vms.append(t).append(",b1,victim,").append(b).append(",4.7E8\n");
            ten.append(t).append(",attacker,").append(a).append('\n').append(t).append(",victim,").append(b)
                    .append('\n');
            links.append(t).append(",tor0->h1,").append(0.9 + 0.005 * i).append('\n');
            queues.append(t).append(",tor0->h1,").append(10000 * i).append('\n');
        }
        Files.writeString(dir.resolve("timeseries-vms.csv"), vms);
        Files.writeString(dir.resolve("timeseries-tenants.csv"), ten);
        Files.writeString(dir.resolve("timeseries-links.csv"), links);
        Files.writeString(dir.resolve("timeseries-queues.csv"), queues);
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\": \"tiny\", \"scheme\": \"seawall\", \"seed\": 3, "
                + "\"version\": \"0.1.0\", \"duration_s\": 1.0, \"warmup_s\": 0.2, \"sample_interval_s\": 0.1, "
                + "\"vms\": [{\"name\": \"a1\", \"tenant\": \"attacker\", \"weight\": 1, \"goodput_bps\": 4.5e8, "
                + "\"ideal_bps\": 4.7e8}, {\"name\": \"b1\", \"tenant\": \"victim\", \"weight\": 1, "
                + "\"goodput_bps\": 4.5e8, \"ideal_bps\": 4.7e8}], "
                + "\"tenants\": [{\"name\": \"attacker\", \"goodput_bps\": 4.5e8}, {\"name\": \"victim\", "
                + "\"goodput_bps\": 4.5e8}], \"links\": [{\"name\": \"tor0->h1\", \"utilization\": 0.93, "
                + "\"drops\": 10}], \"metrics\": {\"jain_weighted\": 1.0, \"isolation_error\": 0.04, "
                + "\"utilization\": 0.93, \"drops\": 10}, \"flows\": {\"count\": 0, \"fct_p50_s\": null, "
                + "\"fct_p99_s\": null}}\n");
    }

    @Test
    void aFileTheFileSystemRefusesIsAMessageAndExitFourNotAStackTrace() throws IOException {
        writeRun();
        // A chart's name taken by a folder with something in it: the move into place fails, as it would on a full
        // or read-only disk (tests run as root here, so permissions cannot refuse). Before: "internal error", exit
        // 1 and the Java stack.
        Files.createDirectories(dir.resolve("goodput-vms.png").resolve("x"));
        assertThat(plot(dir.toString())).isEqualTo(SeawallSim.EXIT_FILE_SYSTEM);
        assertThat(err).contains("error: cannot write ", "goodput-vms.png").doesNotContain("\tat ",
                "internal error");
    }

    @Test
    void anUnreachableSparkMasterIsNamedBeforeSparkStarts() {
        // Port 1 on this machine refuses at once; Spark itself retried and ended with "Cannot call methods on a
        // stopped SparkContext" after hundreds of lines of traces.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SweepCommand.checkReachable("spark://127.0.0.1:1"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot reach the master at 127.0.0.1:1");
        SweepCommand.checkReachable("local[2]");
    }

    @Test
    void runWritesChartsAndReportNextToItsResults() throws IOException {
        // A UDP-only library scenario (runnable in every build), shortened: only the plumbing is under test here.
        int code = cli("run", "library/weighted-floods.yaml", "--scheme", "drr", "--set", "durationS=0.3",
                "--set", "warmupS=0.1", "--out", dir.toString(), "--quiet");
        assertThat(code).as(err).isZero();
        for (String f : new String[] {"goodput-vms.png", "goodput-tenants.png", "queues.png", "links.png"}) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve(f).toFile());
            assertThat(img).as(f).isNotNull();
            assertThat(img.getWidth()).isEqualTo(org.seawallsim.plots.PlotOptions.DEFAULT_WIDTH_PX);
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("weighted-floods")
                .contains("data-file=\"goodput-vms.png\"");
    }

    @Test
    void noPlotsWritesResultFilesOnly() throws IOException {
        int code = cli("run", "library/weighted-floods.yaml", "--scheme", "drr", "--set", "durationS=0.3",
                "--set", "warmupS=0.1", "--out", dir.toString(), "--quiet", "--no-plots");
        assertThat(code).as(err).isZero();
        assertThat(dir.resolve("summary.json")).exists();
        assertThat(dir.resolve("report.html")).doesNotExist();
        assertThat(dir.resolve("goodput-vms.png")).doesNotExist();
        // The files alone are enough to draw everything later.
        assertThat(plot(dir.toString())).as(err).isZero();
        assertThat(dir.resolve("report.html")).exists();
    }

    @Test
    void plotsARunFolderAndPrintsTheFilesItWrote() throws IOException {
        writeRun();
        assertThat(plot(dir.toString(), "--format", "svg", "--width", "640", "--height", "360")).as(err)
                .isEqualTo(0);
        assertThat(out).contains("goodput-vms.svg").contains("report.html");
        assertThat(dir.resolve("queues.svg")).exists();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("data-file=\"links.svg\"");
    }

    @Test
    void corruptFileExitsTwoAndNamesIt() throws IOException {
        writeRun();
        Files.writeString(dir.resolve("timeseries-queues.csv"), "# scenario: tiny\ntime_s,queue,bytes\n0.1,q,lots\n");
        assertThat(plot(dir.toString())).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(err).contains("timeseries-queues.csv line 3").contains("'lots' is not a number")
                .doesNotContain("Exception");
    }

    @Test
    void missingFileExitsTwoAndNamesIt() throws IOException {
        writeRun();
        Files.delete(dir.resolve("timeseries-tenants.csv"));
        assertThat(plot(dir.toString())).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(err).contains("timeseries-tenants.csv: file not found");
    }

    @Test
    void folderWithoutResultsAndBadFormatExitTwo() {
        assertThat(plot(dir.toString())).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(err).contains("not a results folder").contains("summary.json");
        assertThat(plot(dir.toString(), "--format", "gif")).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(err).contains("format: 'gif'");
    }

    @Test
    void aBareStreamErrorIsReportedWithTheFileItsWriterNamed() {
        // A full disk fails a write with "No space left on device" and no file; the writers wrap it naming theirs.
        java.io.IOException bare = new java.io.IOException("No space left on device");
        RuntimeException wrapped = new RuntimeException(new java.io.UncheckedIOException(
                "cannot write /out/runs/r0003/summary.json: No space left on device", bare));
        assertThat(SeawallSim.fileMessage(wrapped, bare)).isEqualTo(
                "cannot write /out/runs/r0003/summary.json: No space left on device");
        assertThat(SeawallSim.fileMessage(bare, bare)).isEqualTo("cannot write or read a file: No space left on device");
    }
}
