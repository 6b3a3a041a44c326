package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run writes one summary.json, whichever command ran it: {@code run --scheme drr} recorded the scheme in
 * {@code parameters} and {@code compare --schemes drr} did not, the only difference apart from the wall time
 * (session 16), so a script diffing the two saw a spurious change.
 */
class RunAndCompareAgreeTest {
    @TempDir
    Path dir;

    @Test
    void runAndCompareWriteTheSameSummaryForTheSameRun() throws Exception {
        String[] common = {"--set", "durationS=0.3", "--set", "warmupS=0.1", "--set", "sampleIntervalS=0.05",
            "--seed", "2", "--quiet", "--no-plots"};
        Path run = dir.resolve("run");
        Path cmp = dir.resolve("cmp");
        CliRun r = CliRun.of(concat(new String[] {"run", "library/weighted-floods.yaml", "--scheme", "drr", "--out",
            run.toString()}, common));
        assertThat(r.code()).as(r.err()).isZero();
        CliRun c = CliRun.of(concat(new String[] {"compare", "library/weighted-floods.yaml", "--schemes", "drr",
            "--out", cmp.toString()}, common));
        assertThat(c.code()).as(c.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(run.resolve("summary.json").toFile());
        JsonNode b = json.readTree(cmp.resolve("drr").resolve("summary.json").toFile());
        // The wall time differs between any two runs; everything else is the run's.
        ((ObjectNode) a.get("engine")).remove("wall_s");
        ((ObjectNode) b.get("engine")).remove("wall_s");
        assertThat(b.get("parameters")).isEqualTo(a.get("parameters"));
        assertThat(b).isEqualTo(a);
        assertThat(a.get("parameters").get("scheme").asText()).isEqualTo("drr");
        assertThat(a.get("parameters").get("seed").asText()).isEqualTo("2");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
