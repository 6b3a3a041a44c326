package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.run.ResultsWriter;

/**
 * compare and sweep record the tie seed in their own outputs, as each run's files do: comparison.csv's and
 * sweep.csv's comment headers ("# tie_seed: 7", when not 0), sweep.json's tie_seed and compare --json's. With
 * --tie-seed 7 none of comparison.csv, sweep.csv and sweep.json said so, and a run redone from them alone differed.
 */
class TieSeedRecordedTest {
    @TempDir
    Path dir;

    private Path scenario() throws Exception {
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
        return f;
    }

    @Test
    void compareRecordsIt() throws Exception {
        Path out = dir.resolve("cmp");
        CliRun r = CliRun.of("compare", scenario().toString(), "--schemes", "tcp,drr", "--tie-seed", "7", "--json",
                "--quiet", "--no-plots", "--jobs", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("comparison.csv"))).startsWith("# scenario: s\n# seed: 1\n"
                + "# tie_seed: 7\n# version: ");
        assertThat(ResultsWriter.JSON.readTree(r.out()).path("tie_seed").asLong()).isEqualTo(7);
    }

    @Test
    void sweepRecordsIt() throws Exception {
        Path f = scenario();
        Path out = dir.resolve("sw");
        CliRun r = CliRun.of("sweep", f.toString(), "--set", "seed=[1,2]", "--tie-seed", "7", "--quiet",
                "--no-plots", "--jobs", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("sweep.csv"))).startsWith("# scenario: s\n# tie_seed: 7\n# version: ");
        assertThat(ResultsWriter.JSON.readTree(out.resolve("sweep.json").toFile()).path("tie_seed").asLong())
                .isEqualTo(7);

        // A swept tie seed is each run's own column, not one value for the sweep.
        Path swept = dir.resolve("swept");
        assertThat(CliRun.of("sweep", f.toString(), "--set", "tieSeed=[0,7]", "--quiet", "--no-plots", "--jobs", "1",
                "--out", swept.toString()).code()).isZero();
        JsonNode meta = ResultsWriter.JSON.readTree(swept.resolve("sweep.json").toFile());
        assertThat(meta.has("tie_seed")).isFalse();
        assertThat(Files.readString(swept.resolve("sweep.csv"))).doesNotContain("# tie_seed").contains(",tieSeed,");
    }
}
