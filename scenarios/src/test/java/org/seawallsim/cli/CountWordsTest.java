package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep and validate printed "(1 axes, 1 repetitions)" and "1 sweep axes": counts of one take the singular. */
class CountWordsTest {
    @TempDir
    Path dir;

    @Test
    void oneAxisAndOneRepetitionAreSingular() throws Exception {
        Path f = dir.resolve("one.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 2}
                tenants:
                  t:
                    vms:
                      a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 10}]}
                      b: {host: h2}
                scheme: [tcp, seawall]
                durationS: 0.02
                warmupS: 0.01
                sampleIntervalS: 0.01
                """);
        CliRun v = CliRun.of("validate", f.toString());
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).contains("1 sweep axis, 2 runs)");
        CliRun s = CliRun.of("sweep", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out",
                dir.resolve("out").toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("one: 2 runs (1 axis, 1 repetition), 2 run now");
        CliRun two = CliRun.of("sweep", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out",
                dir.resolve("out2").toString(), "--set", "repetitions=2", "--set", "topology.delayUs=[1, 2]");
        assertThat(two.code()).as(two.err()).isZero();
        assertThat(two.out()).contains("8 runs (2 axes, 2 repetitions)");
    }
}
