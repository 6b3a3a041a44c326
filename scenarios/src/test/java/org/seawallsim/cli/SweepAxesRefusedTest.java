package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Run and compare take one point of a scenario: a file with sweep axes is refused (exit 2, naming the file and the
 * first axis) before anything is written, and runs once the axes are fixed with --set. Compare used to run each
 * axis's first value (rateMbps [200, 400] ran at 200 under every scheme) and exit 0.
 */
class SweepAxesRefusedTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "compare"})
    void aFileWithAxesIsRefused(String command) throws Exception {
        Path f = dir.resolve("ax.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5}
                tenants:
                  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: [200, 400]}]}, b: {host: h1}}}
                scheme: tcp
                durationS: 0.1
                warmupS: 0.02
                sampleIntervalS: 0.02
                """);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of(command, f.toString(), "--quiet", "--no-plots", "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        // One axis is named as one ("has sweep axes (seed, ...)" suggested more); two are both named.
        assertThat(r.err()).contains(f + " has a sweep axis (tenants.t.vms.a.traffic[0].rateMbps): use "
                + "'seawall-sim sweep', or fix it with --set").doesNotContain("Exception");
        CliRun two = CliRun.of(command, f.toString(), "--quiet", "--no-plots", "--out", out.toString(), "--set",
                "seed=[1, 2]");
        assertThat(two.err()).contains(f + " has sweep axes (tenants.t.vms.a.traffic[0].rateMbps, seed): use "
                + "'seawall-sim sweep', or fix each axis with --set");
        assertThat(out).doesNotExist();
        CliRun fixed = CliRun.of(command, f.toString(), "--quiet", "--no-plots", "--out", out.toString(), "--set",
                "tenants.t.vms.a.traffic[0].rateMbps=400");
        assertThat(fixed.code()).as(fixed.err()).isZero();
    }
}
