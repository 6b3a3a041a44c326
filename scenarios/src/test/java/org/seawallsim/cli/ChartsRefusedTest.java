package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system refusing a chart (a full disk): run and compare exited 0 with "warning: charts not written", part
 * of the charts and no report.html, while plot exits 4 in the same case. Now they exit 4 too, as README's exit codes
 * say, with the results (summary.json, CSV files) in place and no partial chart set. The refusal is injected without
 * privileges: a file-size limit (ulimit -f 16, 16 KiB) that the result files (under 3 KB here) stay within and every
 * chart (35-64 KB) exceeds; the JVM ignores SIGXFSZ, so the write fails with EFBIG ("File too large").
 */
class ChartsRefusedTest {
    @TempDir
    Path dir;

    private static final String SCENARIO = "name: base\n"
            + "topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072}\n"
            + "tenants:\n"
            + "  attacker: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}}}\n"
            + "  victim: {vms: {v: {host: h1, traffic: [{type: bulk, to: vr, flows: 1}]}, vr: {host: h3}}}\n"
            + "scheme: seawall\ndurationS: 0.04\nwarmupS: 0.02\nsampleIntervalS: 0.01\nseed: 1\n";

    private record Result(int exit, String out, String err) {
    }

    private Result limited(String... args) throws Exception {
        return limitedTo(16, args);
    }

    private Result limitedTo(int kib, String... args) throws Exception {
        StringBuilder cmd = new StringBuilder("ulimit -f " + kib + "; exec '" + Path.of(System.getProperty("java.home"), "bin",
                "java") + "' -XX:-UsePerfData -Xmx256m -cp '" + System.getProperty("java.class.path") + "' "
                + SeawallSim.class.getName());
        for (String a : args) {
            cmd.append(" '").append(a).append("'");
        }
        Process p = new ProcessBuilder("bash", "-c", cmd.toString()).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private static List<String> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aRunWhoseChartsTheFileSystemRefusesExitsFourAndKeepsItsResults() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Result r = limited("run", "s.yaml", "--out", "r", "--quiet", "--no-expect");
        assertThat(r.exit()).as(r.err()).isEqualTo(SeawallSim.EXIT_FILE_SYSTEM);
        assertThat(r.err()).startsWith("error: charts not written: cannot write " + dir.resolve("r") + "/")
                .contains("(File too large); the results (summary.json and the CSV files) are complete in r without "
                        + "charts or report.html: make room and run 'seawall-sim plot r'")
                .doesNotContain("partial", "warning").hasLineCount(1);
        assertThat(r.out()).contains("results: r");
        assertThat(files(dir.resolve("r"))).containsExactly("summary.json", "timeseries-links.csv",
                "timeseries-queues.csv", "timeseries-tenants.csv", "timeseries-vms.csv");
        // What was kept draws once there is room.
        assertThat(CliRun.of("plot", dir.resolve("r").toString()).code()).isZero();
        assertThat(dir.resolve("r/report.html")).exists();
    }

    @Test
    void aComparisonWhoseChartsTheFileSystemRefusesExitsFourAndKeepsItsResults() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Result r = limited("compare", "s.yaml", "--schemes", "tcp,drr", "--jobs", "1", "--out", "c", "--quiet",
                "--no-expect", "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(SeawallSim.EXIT_FILE_SYSTEM);
        assertThat(r.err()).contains("error: charts not written: cannot write " + dir.resolve("c") + "/tcp/",
                "complete in c without charts or report.html");
        assertThat(r.out()).contains("\"report\" : null");
        assertThat(files(dir.resolve("c"))).containsExactly("comparison.csv", "drr/summary.json",
                "drr/timeseries-links.csv", "drr/timeseries-queues.csv", "drr/timeseries-tenants.csv",
                "drr/timeseries-vms.csv", "tcp/summary.json", "tcp/timeseries-links.csv", "tcp/timeseries-queues.csv",
                "tcp/timeseries-tenants.csv", "tcp/timeseries-vms.csv");
    }

    /**
     * A result file refused (1 KiB: summary.json does not fit) named the hidden staging folder, deleted by the time
     * the user read "cannot write .../.r.partial-29863/summary.json"; the message names the folder asked for.
     */
    @Test
    void aRefusedResultFileIsNamedInTheFolderAskedFor() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        for (String command : List.of("run", "compare")) {
            Result r = command.equals("run") ? limitedTo(1, "run", "s.yaml", "--out", "r1", "--quiet", "--no-expect")
                    : limitedTo(1, "compare", "s.yaml", "--schemes", "tcp,drr", "--jobs", "1", "--out", "c1",
                            "--quiet", "--no-expect");
            String out = command.equals("run") ? "r1" : "c1";
            assertThat(r.exit()).as(r.err()).isEqualTo(SeawallSim.EXIT_FILE_SYSTEM);
            Path folder = dir.resolve(out);
            assertThat(r.err()).contains("cannot write " + folder + "/", "nothing was written; " + folder
                    + " was not created").doesNotContain("partial");
            assertThat(dir.resolve(out)).doesNotExist();
        }
    }
}
