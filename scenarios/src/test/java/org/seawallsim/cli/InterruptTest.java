package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real {@code seawall-sim run} in its own JVM, stopped with a real signal (SIGTERM as from kill or a scheduler,
 * SIGINT as from Ctrl-C) while it simulates (and one {@code compare}): the result folder is absent, or still the earlier complete one, and
 * no partial folder is left; stderr says which.
 */
class InterruptTest {
    @TempDir
    Path dir;

    private Process start(Path out, String durationS) throws Exception {
        return start("run", out, durationS);
    }

    private Process start(String command, Path out, String durationS) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SeawallSim.class.getName(), command,
                "library/udp-flood.yaml", "--set", "durationS=" + durationS, "--set", "warmupS=0.1", "--quiet", "--no-plots", "--no-expect",
                "--out", out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private List<String> partials(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + out.getFileName() + "."))
                    // The lock file stays on purpose (FolderLock): only its OS lock matters, and a killed run's goes.
                    .filter(n -> !n.equals("." + out.getFileName() + ".lock")).toList();
        }
    }

    /** Signals the process once its staging folder exists (the run has started), and returns its exit code. */
    private int interrupt(Process p, Path out, String signal) throws Exception {
        Path staging = out.getParent().resolve("." + out.getFileName() + ".partial-" + p.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(staging)) {
            assertThat(p.isAlive()).as("process ended early: " + stderr()).isTrue();
            assertThat(System.nanoTime()).as("run did not start within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(300); // well into the simulation (100 simulated seconds take minutes)
        assertThat(p.isAlive()).isTrue();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the run stops after the signal").isTrue();
        return p.exitValue();
    }

    private String stderr() throws Exception {
        return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalDuringTheRunLeavesNoFolder(String signal, int code) throws Exception {
        Path out = dir.resolve("results").resolve("e1");
        Files.createDirectories(out.getParent());
        Process p = start(out, "100");
        assertThat(interrupt(p, out, signal)).isEqualTo(code);
        assertThat(out).doesNotExist();
        assertThat(partials(out)).isEmpty();
        assertThat(stderr()).contains("interrupted before the run finished; no results written", "was not created");
    }

    @Test
    void compareIsAtomicToo() throws Exception {
        Path out = dir.resolve("results").resolve("cmp");
        Files.createDirectories(out.getParent());
        Process p = start("compare", out, "100");
        assertThat(interrupt(p, out, "TERM")).isEqualTo(143);
        assertThat(out).doesNotExist();
        assertThat(partials(out)).isEmpty();
        assertThat(stderr()).contains("no results written");
    }

    @Test
    void aSignalDuringARerunKeepsTheEarlierCompleteFolder() throws Exception {
        Path out = dir.resolve("results").resolve("e1");
        Files.createDirectories(out.getParent());
        Process first = start(out, "0.3");
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(stderr()).isZero();
        String summary = Files.readString(out.resolve("summary.json"));
        List<String> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.map(Path::toString).sorted().toList();
        }
        Process again = start(out, "100");
        assertThat(interrupt(again, out, "TERM")).isEqualTo(143);
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo(summary);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(Path::toString).sorted().toList()).isEqualTo(files);
        }
        assertThat(partials(out)).isEmpty();
        assertThat(stderr()).contains("no results written", "still holds the earlier results");
    }

    /** A local sweep stopped with Ctrl-C exited 130 with nothing on stderr; now one line says what stays. */
    @Test
    void anInterruptedSweepSaysTheFinishedRunsAreKept() throws Exception {
        Path f = dir.resolve("sw.yaml");
        Files.writeString(f, "topology: {builder: dumbbell, hosts: 1}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r, rateMbps: [900, 950]}]}\n      r: {host: h1}\n"
                + "durationS: 1000\nwarmupS: 0.1\n");
        Path out = dir.resolve("results").resolve("sw");
        Files.createDirectories(out.getParent());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SeawallSim.class.getName(), "sweep", f.toString(), "--jobs", "1",
                "--quiet", "--no-plots", "--ignore-limits", "--out", out.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        Path lock = out.resolveSibling(".sw.lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(lock)) {
            assertThat(p.isAlive()).as("process ended early: " + stderr()).isTrue();
            assertThat(System.nanoTime()).as("sweep did not start within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        Thread.sleep(1500); // into the first run (1000 simulated seconds take minutes)
        assertThat(p.isAlive()).as(stderr()).isTrue();
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        assertThat(stderr()).contains("interrupted; finished runs are kept in " + out.resolve("runs"),
                "run the same command to resume the rest").doesNotContain("Exception");
    }
}
