package org.seawallsim.sweep.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.cli.SeawallSim;

/**
 * The command line as a user types it: `sweep --spark local[2]` finds the Spark executor through ServiceLoader,
 * starts and stops its own embedded Spark, and writes what `sweep --jobs 1` writes in another JVM; a second call
 * resumes without starting Spark. Bad masters are refused before Spark starts.
 */
class SparkSweepCommandTest {
    @TempDir
    Path dir;

    record Cli(int code, String out, String err) {
    }

    static Cli cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = SeawallSim.run(args);
            return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void sparkSweepFromTheCommandLineMatchesTheLocalOneAndResumes() throws Exception {
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, SparkSweepTest.UDP);
        // The reference runs in another JVM, as a cluster's executors do: nothing may depend on per-JVM state (such
        // as the iteration order of Map.of, which changes from JVM to JVM).
        Process local = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SeawallSim.class.getName(), "sweep", f.toString(), "--jobs",
                "1", "--no-plots", "--quiet", "--out", dir.resolve("l").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("local.log").toFile()).start();
        assertThat(local.waitFor()).as(Files.readString(dir.resolve("local.log"))).isZero();
        Cli spark = cli("sweep", f.toString(), "--spark", "local[2]", "--no-plots", "--quiet", "--out",
                dir.resolve("s").toString());
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.out()).contains("4 run now, 0 reused, 0 failed").contains("with Spark local[2,4]");
        SparkSweepTest.assertSameFiles(dir.resolve("l"), dir.resolve("s"));
        // Nothing left to do: the executor returns before starting Spark.
        Cli again = cli("sweep", f.toString(), "--spark", "local[2]", "--no-plots", "--quiet", "--out",
                dir.resolve("s").toString());
        assertThat(again.out()).contains("0 run now, 4 reused");
        SparkSweepTest.assertSameFiles(dir.resolve("l"), dir.resolve("s"));
    }

    /**
     * A signal while Spark runs a sweep is an interruption, not a bug: Spark's shutdown hook stops its context and the
     * waiting job failed with "internal error: ... SparkContext was shut down" and a stack trace. The runs finished
     * before the signal stay, and the same command resumes them.
     */
    @Test
    void aSignalDuringASparkSweepIsAnInterruptionAndTheSweepResumes() throws Exception {
        Path f = dir.resolve("udp.yaml");
        // 8 points of 6 simulated seconds (about half a second each): still sweeping once the first is in.
        Files.writeString(f, SparkSweepTest.UDP.replace("repetitions: 2", "repetitions: 4")
                .replace("durationS: 0.3", "durationS: 6").replace("sampleIntervalS: 0.05", "sampleIntervalS: 0.5"));
        Path out = dir.resolve("i");
        Path log = dir.resolve("interrupted.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SeawallSim.class.getName(), "sweep", f.toString(), "--spark",
                "local[1]", "--no-plots", "--quiet", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive() && !Files.exists(out.resolve("runs").resolve("r0000"))) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("still sweeping when the first run is in: " + Files.readString(log)).isTrue();
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as after Ctrl-C
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(log);
        // (Spark's own threads may still log a line or two while its shutdown hook races this one.)
        assertThat(text).as("exit " + p.exitValue()).contains("interrupted: finished runs are kept")
                .doesNotContain("internal error", "SparkContext was shut down");
        assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM
        long kept;
        try (var runs = Files.list(out.resolve("runs"))) {
            kept = runs.filter(r -> r.getFileName().toString().matches("r\\d+")).count();
        }
        Cli again = cli("sweep", f.toString(), "--spark", "local[1]", "--no-plots", "--quiet", "--out",
                out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains((8 - kept) + " run now, " + kept + " reused, 0 failed");
    }

    @Test
    void malformedMastersAreBadInput() throws Exception {
        Path f = dir.resolve("udp.yaml");
        Files.writeString(f, SparkSweepTest.UDP);
        for (String m : new String[] {"local[0]", "local[2,x]", "local2"}) {
            Cli r = cli("sweep", f.toString(), "--spark", m, "--no-plots", "--out", dir.resolve("x").toString());
            assertThat(r.code()).as(m).isEqualTo(2);
            assertThat(r.err()).contains("--spark " + m + ": a local master is local, local[N], local[*] or local[N,F]")
                    .doesNotContain("\tat ");
        }
        // A master Spark cannot parse failed only inside SparkContext, with its stack trace and exit 1.
        Cli bogus = cli("sweep", f.toString(), "--spark", "bogus", "--no-plots", "--out", dir.resolve("x").toString());
        assertThat(bogus.code()).isEqualTo(2);
        assertThat(bogus.err()).contains("--spark bogus: a master is local").contains("spark://HOST:PORT")
                .doesNotContain("\tat ");
        // Spark 4 has no Mesos, and the embedded Spark no YARN or Kubernetes cluster manager: refused up front, they
        // failed inside SparkContext with "Could not parse Master URL", a stack trace and exit 1, while the error for
        // a bogus master listed them as valid.
        for (String m : new String[] {"yarn", "k8s://https://127.0.0.1:6443", "mesos://127.0.0.1:5050"}) {
            Cli r = cli("sweep", f.toString(), "--spark", m, "--no-plots", "--out", dir.resolve("x").toString());
            assertThat(r.code()).as(m + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--spark " + m + ": ", "the embedded Spark here runs local, local[N], "
                    + "local[*], local[N,F] and spark://HOST:PORT").doesNotContain("\tat ", "Exception");
        }
        assertThat(bogus.err()).doesNotContain("yarn", "mesos", "k8s");
        // A standalone master without a usable host and port failed inside SparkContext ("Invalid master URL"), with
        // a stack trace and exit 1, after about 5 s.
        for (String m : new String[] {"spark://127.0.0.1", "spark://:7077", "spark://127.0.0.1:abc",
            "spark://a,b:7077", "spark://127.0.0.1:99999", "spark://127.0.0.1:0", "spark://host:7077/x",
            "spark://host:0", "spark://host:65536", "spark://host:-1"}) {
            Cli r = cli("sweep", f.toString(), "--spark", m, "--no-plots", "--out", dir.resolve("x").toString());
            assertThat(r.code()).as(m + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--spark " + m + ": ").doesNotContain("\tat ", "Exception",
                    "is it running");
        }
        // --jobs sizes the local pool; under Spark the master does (local[N]): it was accepted and ignored.
        Cli jobs = cli("sweep", f.toString(), "--spark", "local[1]", "--jobs", "3", "--no-plots", "--out",
                dir.resolve("x").toString());
        assertThat(jobs.code()).isEqualTo(2);
        assertThat(jobs.err()).contains("--jobs", "local[N]");
        Cli submit = cli("sweep", f.toString(), "--spark", "submit", "--no-plots", "--out", dir.resolve("x").toString());
        assertThat(submit.code()).isEqualTo(2);
        assertThat(submit.err()).contains("takes the master from spark-submit");
        assertThat(dir.resolve("x").resolve("runs")).doesNotExist();
    }
}
