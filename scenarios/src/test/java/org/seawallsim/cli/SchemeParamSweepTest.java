package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.run.ResultsWriter;

/**
 * A sweep over scheme parameters, end to end: schemeParams.seawall.intervalUs: [500, 2000] x feedback: [loss, ecn]
 * gives four runs, each run with its values (summary.json's parameters, sweep.csv's axis columns) and each the
 * same as a single run given those values with --set, so the value reached the scheme; resume reuses them. Before,
 * the file was refused ("expected a scalar value or a mapping of them, got a list") and such a study took one file
 * per value, without the sweep's table, charts, resume or Spark.
 */
class SchemeParamSweepTest {
    @TempDir
    Path dir;

    /** Two UDP floods (weights 1 and 2) into one 1 Gb/s port with a 131072-byte buffer that marks at 60000. */
    private static final String FLOODS = """
            topology: {builder: star, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000}
            tenants:
              a: {weight: 1, vms: {v1: {host: h0, traffic: [{type: udp, to: r1}]}, r1: {host: h2}}}
              b: {weight: 2, vms: {v2: {host: h1, traffic: [{type: udp, to: r2}]}, r2: {host: h2}}}
            scheme: seawall
            durationS: 0.2
            warmupS: 0.05
            sampleIntervalS: 0.05
            """;

    private static JsonNode summary(Path folder) throws Exception {
        return ResultsWriter.JSON.readTree(folder.resolve("summary.json").toFile());
    }

    /** The run's outcome, without what names the run (file, parameters) or measures the machine. */
    private static String outcome(JsonNode s) {
        return s.get("metrics").toString() + s.get("vms") + s.get("links") + s.path("notes");
    }

    @Test
    void seawallKnobsSweepLikeAnyAxis() throws Exception {
        Path f = dir.resolve("knobs.yaml");
        Files.writeString(f, FLOODS + "schemeParams:\n  seawall: {intervalUs: [500, 2000], feedback: [loss, ecn]}\n");
        Path out = dir.resolve("sw");
        CliRun r = CliRun.of("sweep", f.toString(), "--quiet", "--jobs", "1", "--no-plots", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 runs (2 axes, 1 repetition), 4 run now, 0 reused, 0 failed");

        String[][] values = {{"500", "loss"}, {"500", "ecn"}, {"2000", "loss"}, {"2000", "ecn"}};
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode s = summary(out.resolve("runs").resolve("r000" + i));
            assertThat(s.path("parameters").path("schemeParams.seawall.intervalUs").asText()).isEqualTo(values[i][0]);
            assertThat(s.path("parameters").path("schemeParams.seawall.feedback").asText()).isEqualTo(values[i][1]);
            // The point is the run that --set gives with the same values: the value reached the scheme as a --set
            // does (the outcome is byte for byte the same; determinism makes any other difference a bug).
            Path single = dir.resolve("single" + i);
            CliRun one = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--out", single.toString(),
                    "--set", "schemeParams.seawall.intervalUs=" + values[i][0],
                    "--set", "schemeParams.seawall.feedback=" + values[i][1]);
            assertThat(one.code()).as(one.err()).isZero();
            assertThat(outcome(s)).as("r000" + i).isEqualTo(outcome(summary(single)));
            outcomes.add(outcome(s));
        }
        // And each value matters: the four runs differ.
        assertThat(outcomes).doesNotHaveDuplicates();
        // The controller itself saw T = 500 us: the run notes that it is shorter than half the loss-driven feedback
        // delay, the 131072-byte queue's 131072 x 8 / 1e9 s = 1048.6 us, i.e. 524.3 us; under ECN the marking
        // threshold's 480 us gives 240 us, and T = 2000 us is above both, so only r0000 has the note.
        assertThat(summary(out.resolve("runs/r0000")).path("notes").toString())
                .contains("schemeParams.seawall.intervalUs 500.0 is shorter than", "at least 524.3 us");
        for (String id : List.of("r0001", "r0002", "r0003")) {
            assertThat(summary(out.resolve("runs").resolve(id)).path("notes").toString()).as(id)
                    .doesNotContain("is shorter than");
        }

        // sweep.csv and sweep.json name the axes by their paths, as for any other axis.
        List<String> lines = Files.readAllLines(out.resolve("sweep.csv")).stream().filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(Arrays.asList(lines.get(0).split(",")).subList(0, 6)).containsExactly("run", "scheme", "rep",
                "seed", "schemeParams.seawall.intervalUs", "schemeParams.seawall.feedback");
        assertThat(lines.subList(1, 5).stream().map(l -> l.split(",")[4] + "/" + l.split(",")[5]).toList())
                .containsExactly("500/loss", "500/ecn", "2000/loss", "2000/ecn");
        JsonNode meta = ResultsWriter.JSON.readTree(out.resolve("sweep.json").toFile());
        assertThat(meta.path("axes").toString())
                .isEqualTo("[\"schemeParams.seawall.intervalUs\",\"schemeParams.seawall.feedback\"]");
        assertThat(meta.path("vm_table").path("axis_columns").path("schemeParams_seawall_feedback").asText())
                .isEqualTo("schemeParams.seawall.feedback");

        // Resume: the finished points are recognised and reused.
        CliRun again = CliRun.of("sweep", f.toString(), "--quiet", "--jobs", "1", "--no-plots", "--out",
                out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 run now, 4 reused, 0 failed");

        // run and compare take one point, as for any file with axes.
        CliRun run = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--out", dir.resolve("x").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("has sweep axes (schemeParams.seawall.intervalUs, "
                + "schemeParams.seawall.feedback): use 'seawall-sim sweep'");
        CliRun compare = CliRun.of("compare", f.toString(), "--quiet", "--out", dir.resolve("y").toString());
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).contains("has sweep axes (schemeParams.seawall.intervalUs");
    }

    @Test
    void aBaselineParameterSweepsThroughSet() throws Exception {
        Path f = dir.resolve("qcn.yaml");
        Files.writeString(f, FLOODS);
        Path out = dir.resolve("qcn");
        CliRun r = CliRun.of("sweep", f.toString(), "--quiet", "--jobs", "1", "--no-plots", "--out", out.toString(),
                "--set", "scheme=qcn", "--set", "schemeParams.qcn.qeqBytes=[5000,26000]");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> outcomes = new ArrayList<>();
        String[] qeq = {"5000", "26000"};
        for (int i = 0; i < 2; i++) {
            JsonNode s = summary(out.resolve("runs").resolve("r000" + i));
            assertThat(s.path("scheme").asText()).isEqualTo("qcn");
            assertThat(s.path("parameters").path("schemeParams.qcn.qeqBytes").asText()).isEqualTo(qeq[i]);
            Path single = dir.resolve("qcn-single" + i);
            CliRun one = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--out", single.toString(),
                    "--set", "scheme=qcn", "--set", "schemeParams.qcn.qeqBytes=" + qeq[i]);
            assertThat(one.code()).as(one.err()).isZero();
            assertThat(outcome(s)).isEqualTo(outcome(summary(single)));
            outcomes.add(outcome(s));
        }
        assertThat(outcomes.get(0)).isNotEqualTo(outcomes.get(1));
        assertThat(Files.readAllLines(out.resolve("sweep.csv")).stream().filter(l -> l.startsWith("run,"))
                .findFirst().orElseThrow()).startsWith("run,scheme,rep,seed,schemeParams.qcn.qeqBytes,");
    }

    @Test
    void describeMarksSchemeParametersAsAxes() {
        String schemes = CliRun.of("describe", "schemes").out();
        assertThat(schemes).contains("each is a sweep axis", "schemeParams.seawall.pacingJitterUs  (axis)",
                "schemeParams.seawall.feedback  (axis)", "schemeParams.qcn.qeqBytes  (axis)",
                "schemeParams.drr.queueBytes  (axis)");
        assertThat(CliRun.of("describe", "schemeParams").out()).contains("schemeParams.seawall  (default: none, axis)",
                "a list of values for one parameter makes a sweep axis");
    }
}
