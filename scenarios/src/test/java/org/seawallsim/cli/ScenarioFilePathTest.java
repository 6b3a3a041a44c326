package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json names the scenario file by its absolute, normalized path, however it was typed: as typed, a sweep
 * resumed from another folder ("../s.yaml") recorded two names for one file across its runs, and the same run gave
 * other bytes from another working folder.
 */
class ScenarioFilePathTest {
    @TempDir
    Path dir;

    @Test
    void theSameFileTypedTwoWaysIsRecordedOneWay() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                topology: {builder: star, hosts: 2}
                tenants:
                  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 100}]}, b: {host: h1}}}
                scheme: tcp
                durationS: 0.05
                warmupS: 0.01
                sampleIntervalS: 0.01
                """);
        Files.createDirectories(dir.resolve("sub"));
        Path roundabout = dir.resolve("sub").resolve("..").resolve("s.yaml");
        for (Path typed : new Path[] {f, roundabout}) {
            Path out = dir.resolve("out-" + (typed == f ? "direct" : "roundabout"));
            CliRun r = CliRun.of("run", typed.toString(), "--quiet", "--no-plots", "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(Files.readString(out.resolve("summary.json")))
                    .contains("\"scenario_file\" : \"" + f.toAbsolutePath().normalize() + "\"");
        }
    }
}
