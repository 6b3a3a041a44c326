package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.run.ResultsWriter;

/**
 * sweep.csv's columns are unique: a swept seed is the column axis_seed beside the run's seed (seed + rep), as in
 * sweep-vms.csv, and sweep.json's axis_columns says so. With --set 'seed=[1,2]' --set repetitions=2 the header had
 * "seed" twice, and readers (the sweep charts among them) took the run's seed for the axis.
 */
class SweepCsvColumnsTest {
    @TempDir
    Path dir;

    @Test
    void aSeedAxisGetsItsOwnColumn() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5}
                tenants:
                  t: {vms: {a: {host: h0, traffic: [{type: udp, to: b, rateMbps: 300}]}, b: {host: h1}}}
                scheme: tcp
                durationS: 0.1
                warmupS: 0.02
                sampleIntervalS: 0.02
                """);
        Path out = dir.resolve("sw");
        CliRun r = CliRun.of("sweep", f.toString(), "--set", "seed=[1,2]", "--set", "repetitions=2", "--quiet",
                "--jobs", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        List<String> lines = Files.readAllLines(out.resolve("sweep.csv")).stream().filter(l -> !l.startsWith("#"))
                .toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertThat(header).doesNotHaveDuplicates();
        assertThat(header.subList(0, 5)).containsExactly("run", "scheme", "rep", "seed", "axis_seed");
        // Repetition r runs at seed + r: the run's seeds 1, 2, 2, 3 for the axis values 1, 1, 2, 2.
        assertThat(lines.subList(1, 5).stream().map(l -> l.split(",")[3] + "/" + l.split(",")[4]).toList())
                .containsExactly("1/1", "2/1", "2/2", "3/2");
        JsonNode meta = ResultsWriter.JSON.readTree(out.resolve("sweep.json").toFile());
        assertThat(meta.path("axis_columns").path("axis_seed").asText()).isEqualTo("seed");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<th>axis_seed</th>");
    }
}
