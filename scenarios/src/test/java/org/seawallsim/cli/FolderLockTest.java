package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A command writing into a results folder holds an OS lock on it: run, compare or sweep into a folder another command
 * is writing is refused with exit 2 naming the folder, and changes nothing. Before, two sweeps started together into
 * one folder both exited 0 and the folder kept only one sweep's 10 runs. A lock file left behind (a killed command's)
 * blocks nothing: only the OS lock counts.
 */
class FolderLockTest {
    @TempDir
    Path dir;

    private static final String SWEEP = """
            topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5}
            tenants:
              t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: [200, 300]}]}, b: {host: h1}}}
            scheme: tcp
            durationS: 0.1
            warmupS: 0.02
            sampleIntervalS: 0.02
            """;

    private CliRun cli(String command, Path file, Path out) {
        List<String> a = new ArrayList<>(List.of(command, file.toString(), "--quiet", "--no-plots", "--out",
                out.toString()));
        if (command.equals("compare")) {
            a.addAll(List.of("--schemes", "tcp", "--jobs", "1"));
        }
        if (!command.equals("sweep")) {
            a.addAll(List.of("--set", "tenants.t.vms.a.traffic[0].rateMbps=200"));
        }
        return CliRun.of(a.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "compare", "sweep"})
    void aFolderAnotherCommandIsWritingIsRefused(String command) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SWEEP);
        Path out = dir.resolve("out");
        // Another command in this JVM holds the folder (as a concurrent in-process command would).
        try (FileChannel ch = FileChannel.open(FolderLock.fileFor(out), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = ch.lock()) {
            CliRun r = cli(command, f, out);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--out " + out + ": another seawall-sim command is writing this folder")
                    .doesNotContain("\tat ", "Exception");
            assertThat(out).doesNotExist();
        }
        // Released: the same command now runs, and the lock file left beside the folder is no obstacle.
        assertThat(FolderLock.fileFor(out)).exists();
        CliRun again = cli(command, f, out);
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        CliRun third = cli(command, f, out);
        assertThat(third.code()).as("the lock is released when a command ends: " + third.err()).isEqualTo(0);
    }

    /** plot and regress write into a folder too: charts drawn while a run rewrote it mixed old and new files. */
    @Test
    void plotAndRegressAreRefusedWhileAnotherCommandHoldsTheFolder() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SWEEP);
        Path out = dir.resolve("run");
        assertThat(cli("run", f, out).code()).isZero();
        Path reg = dir.resolve("reg");
        String[] regress = {"regress", "--suite", RegressCommandTest.SUITE.toString(), "--only",
            "R-weighted-floods/drr", "--quiet", "--out", reg.toString()};
        try (FileChannel a = FileChannel.open(FolderLock.fileFor(out), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock heldRun = a.lock();
                FileChannel b = FileChannel.open(FolderLock.fileFor(reg), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock heldReg = b.lock()) {
            CliRun plot = CliRun.of("plot", out.toString());
            assertThat(plot.code()).as(plot.err()).isEqualTo(2);
            assertThat(plot.err()).contains("RESULTS_DIR " + out + ": another seawall-sim command is writing this "
                    + "folder").doesNotContain("\tat ");
            CliRun r = CliRun.of(regress);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--out " + reg + ": another seawall-sim command is writing this folder");
            assertThat(reg).doesNotExist();
        }
        CliRun plot = CliRun.of("plot", out.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        CliRun r = CliRun.of(regress);
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(reg.resolve("regress.csv")).isNotEmptyFile();
    }

    @Test
    void aSweepIsRefusedWhileAnotherProcessHoldsTheFolderAndRunsOnceItIsGone() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SWEEP);
        Path out = dir.resolve("sw");
        // A real second process, as in the report: its tryLock returns null here rather than throwing.
        Path holder = dir.resolve("Hold.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        ch.lock();
                        System.out.println("locked");
                        System.out.flush();
                        Thread.sleep(120_000);
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), FolderLock.fileFor(out).toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("locked");
            CliRun refused = cli("sweep", f, out);
            assertThat(refused.code()).as(refused.err()).isEqualTo(2);
            assertThat(refused.err()).contains(out.toString(), "another seawall-sim command is writing this folder");
            assertThat(out).doesNotExist();
        } finally {
            // Killed, as a crashed command would be: the OS drops its lock, the file stays.
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        CliRun ran = cli("sweep", f, out);
        assertThat(ran.code()).as(ran.err()).isEqualTo(0);
        assertThat(out.resolve("runs").resolve("r0001").resolve("summary.json")).exists();
    }
}
