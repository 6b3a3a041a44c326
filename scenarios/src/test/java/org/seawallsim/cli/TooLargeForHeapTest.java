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
}
