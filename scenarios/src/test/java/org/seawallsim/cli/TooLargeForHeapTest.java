package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.RunEstimate;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * A scenario too large for the heap is refused up front when its estimate says so, and one that runs out of heap
 * anyway ends in one line, not a JVM stack trace. A 100 000-rack parking lot was estimated as a star (one switch,
 * 754 MB), passed, and died after 99 s with an OutOfMemoryError trace: its chain has a route per switch and host.
 */
class TooLargeForHeapTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aLongParkingLotCountsItsSwitchesTrunksAndRoutes() throws Exception {
        Path small = write("pl3.yaml", "topology: {builder: parkinglot, racks: 3, hostsPerRack: 1}\n"
                + "tenants: {t1: {vms: {a: {host: h0, traffic: [{type: udp, to: r}]}, r: {host: h2}}}}\n");
        // 3 switches, 3 NIC ports + 3 switch ports to hosts + 2 trunks both ways, 3 x 3 routes
        assertThat(String.join("\n", RunEstimate.of(ScenarioLoader.load(small, List.of())).lines()))
                .contains("3 hosts, 3 switches, 10 ports, 9 routes");

        Path big = write("big_pl.yaml", "topology: {builder: parkinglot, racks: 100000, hostsPerRack: 1}\n"
                + "tenants: {t1: {vms: {a: {host: h0, traffic: [{type: udp, to: r}]}, r: {host: h1}}}}\n"
                + "durationS: 0.5\nwarmupS: 0.1\n");
        CliRun v = CliRun.of("validate", big.toString());
        assertThat(v.code()).as(v.out() + v.err()).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(v.err()).contains("big_pl.yaml", "of heap", "SEAWALL_SIM_JAVA_OPTS=-Xmx");
    }

    @Test
    void runningOutOfHeapIsOneLineWithTheHint() throws Exception {
        // 100 000 hosts in a 48 MB heap, past the up-front check: the build runs out at once.
        Path f = write("star.yaml", "topology: {builder: star, hosts: 100000}\n"
                + "tenants: {t1: {vms: {a: {host: h0, traffic: [{type: udp, to: r}]}, r: {host: h1}}}}\n"
                + "durationS: 0.2\nwarmupS: 0.1\n");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), SeawallSim.class.getName(), "run", f.toString(),
                "--ignore-limits", "--quiet", "--no-plots", "--out", dir.resolve("out").toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isEqualTo(SeawallSim.EXIT_BAD_INPUT);
        assertThat(text).startsWith("error: out of memory").contains("SEAWALL_SIM_JAVA_OPTS=-Xmx", "MB of heap")
                .doesNotContain("\tat ", "Exception in thread");
        assertThat(text.strip().lines().count()).isEqualTo(1);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /** 20 tenants of one 20 Mb/s UDP sender and its receiver on a 40-host star, sampled every 20 us for 0.1 s. */
    private Path sampleHeavy() throws Exception {
        StringBuilder y = new StringBuilder("topology: {builder: star, hosts: 40}\ntenants:\n");
        for (int i = 0; i < 20; i++) {
            y.append("  t").append(i).append(":\n    vms:\n      s").append(i).append(": {host: h").append(2 * i)
                    .append(", traffic: [{type: udp, to: r").append(i).append(", rateMbps: 20}]}\n      r").append(i)
                    .append(": {host: h").append(2 * i + 1).append("}\n");
        }
        return write("sampleheavy.yaml", y + "scheme: tcp\ndurationS: 0.1\nwarmupS: 0\nsampleIntervalS: 0.00002\n");
    }

    /**
     * The heap estimate is an upper end when samples dominate: 5 001 samples of 40 VMs and 80 ports complete, CSVs,
     * charts and report included, in a JVM whose heap is the estimate (the launcher's collector and uncompressed
     * references; the heap check is skipped, as the usable heap is a little below -Xmx). At 16 B a sampled value the
     * estimate was 93 MB and this run ran out of heap at -Xmx96m (as a 240-VM fat-tree did at twice its estimate).
     */
    @Test
    void aSampleHeavyRunCompletesInItsEstimatedHeap() throws Exception {
        Path f = sampleHeavy();
        RunEstimate est = RunEstimate.of(ScenarioLoader.load(f, List.of()));
        long xmxMb = (long) Math.ceil(est.heapBytes() / (1 << 20));
        Path err = dir.resolve("heavy-stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmxMb + "m", "-XX:+UseParallelGC", "-XX:-UseCompressedOops", "-cp",
                System.getProperty("java.class.path"), SeawallSim.class.getName(), "run", f.toString(),
                "--ignore-limits", "--quiet", "--out", dir.resolve("heavy").toString())
                .redirectOutput(dir.resolve("heavy-stdout.txt").toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("-Xmx" + xmxMb + "m: " + text).isZero();
        assertThat(dir.resolve("heavy").resolve("report.html")).exists();
        assertThat(dir.resolve("heavy").resolve("goodput-vms.png")).exists();
    }

    /** A refusal names what the heap goes to: here the time series (sampleIntervalS), not the largest sender. */
    @Test
    void aRefusalForTimeSeriesNamesSampleIntervalS() throws Exception {
        RunEstimate est = RunEstimate.of(ScenarioLoader.load(sampleHeavy(), List.of()));
        String why = est.refusal(RunEstimate.DEFAULT_MAX_EVENTS, (long) (est.heapBytes() / 2));
        assertThat(why).contains("most of it is the time series", "5001 samples", "sampleIntervalS = 0.00002 s")
                .doesNotContain("largest sender");
        // Without the samples, a sender's traffic is named as before.
        Path few = write("few.yaml", "topology: {builder: dumbbell, hosts: 2}\ntenants: {t1: {vms: {a: {host: h0, "
                + "traffic: [{type: bulk, to: r, flows: 100000}]}, r: {host: h2}}}}\n");
        RunEstimate many = RunEstimate.of(ScenarioLoader.load(few, List.of()));
        assertThat(many.refusal(RunEstimate.DEFAULT_MAX_EVENTS, (long) (many.heapBytes() / 2)))
                .contains("the largest sender is tenants.t1.vms.a.traffic[0]").doesNotContain("sampleIntervalS");
    }

    @Test
    void anEventsRefusalForSamplingNamesSampleIntervalS() throws Exception {
        // The sample-heavy star: its 5 001 samples of every VM and port are most of its work, not a sender.
        RunEstimate est = RunEstimate.of(ScenarioLoader.load(sampleHeavy(), List.of()));
        String why = est.refusal((long) (est.events() / 2), Long.MAX_VALUE);
        assertThat(why).contains("most of it is sampling and writing the time series", "5001 samples",
                "sampleIntervalS = 0.00002 s").doesNotContain("largest sender");
        // A run whose events are its traffic still names its largest sender.
        Path few = write("few.yaml", "topology: {builder: dumbbell, hosts: 2}\ntenants: {t1: {vms: {a: {host: h0, "
                + "traffic: [{type: bulk, to: r, flows: 100000}]}, r: {host: h2}}}}\n");
        RunEstimate many = RunEstimate.of(ScenarioLoader.load(few, List.of()));
        assertThat(many.refusal((long) (many.events() / 2), Long.MAX_VALUE))
                .contains("the largest sender is tenants.t1.vms.a.traffic[0]").doesNotContain("sampleIntervalS");
    }
}
