package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.run.Sweep;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.run.ResultsWriter;

/**
 * A resumed sweep reuses a finished run only when the run's task.json shows the same task, and the task now includes
 * the version of seawall-sim and the bytes of every file the scenario reads besides itself (a flow-size cdfFile).
 * Before, a sweep resumed after its CDF file was edited reused both stale runs (exit 0, "2 reused"), and runs of
 * another version were reused alike.
 */
class SweepIdentityTest {
    @TempDir
    Path dir;

    private static final String FLOWS = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1}
            tenants:
              t:
                vms:
                  a: {host: h0, traffic: [{type: flows, to: b, arrivalsPerS: [200, 400], size: {distribution: cdf, cdfFile: sizes.cdf}}]}
                  b: {host: h2}
            scheme: tcp
            durationS: 0.2
            warmupS: 0.05
            sampleIntervalS: 0.05
            """;

    private Path scenario() throws Exception {
        Files.writeString(dir.resolve("sizes.cdf"), "1000000 0.5\n5000000 1.0\n");
        Path f = dir.resolve("fl.yaml");
        Files.writeString(f, FLOWS);
        return f;
    }

    private CliRun sweep(Path f, Path out) {
        return CliRun.of("sweep", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out", out.toString());
    }

    /**
     * The same settings written another way are the same sweep: resume compared --set as typed and refused
     * {@code durationS=0.20} after {@code 0.2} as another sweep's. Another order of settings stays another sweep (a
     * later setting may override part of an earlier one), as does another value.
     */
    @Test
    void settingsWrittenAnotherWayResumeAndOtherValuesDoNot() throws Exception {
        Path f = scenario();
        Path out = dir.resolve("sets");
        CliRun first = CliRun.of("sweep", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out",
                out.toString(), "--set", "durationS=0.2", "--set", "topology.delayUs=5");
        assertThat(first.code()).as(first.err()).isZero();
        CliRun again = CliRun.of("sweep", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out",
                out.toString(), "--set", "durationS=0.20", "--set", "topology.delayUs=5.0");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 run now, 2 reused");
        CliRun other = CliRun.of("sweep", f.toString(), "--quiet", "--no-plots", "--jobs", "1", "--out",
                out.toString(), "--set", "durationS=0.2", "--set", "topology.delayUs=6");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("sets [\"durationS=0.2\",\"topology.delayUs=5\"] then, "
                + "[\"durationS=0.2\",\"topology.delayUs=6\"] now");
        assertThat(Sweep.canonicalSets(java.util.List.of("a=0.20", "b=1e3", "c='0.20'", "d=[1.0, x]", "e=0",
                "f={k: 2.50}", "g=true"))).containsExactly("a=0.2", "b=1000", "c=\"0.20\"", "d=[1,\"x\"]", "e=0",
                "f={k:2.5}", "g=true");
    }

    @Test
    void anEditedCdfFileIsAnotherSweep() throws Exception {
        Path f = scenario();
        Path out = dir.resolve("sw");
        assertThat(sweep(f, out).code()).isZero();
        String before = Files.readString(out.resolve("runs/r0000/summary.json"));
        CliRun same = sweep(f, out);
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("0 run now, 2 reused");

        Files.writeString(dir.resolve("sizes.cdf"), "1000 0.5\n2000 1.0\n");
        CliRun edited = sweep(f, out);
        assertThat(edited.code()).as(edited.out()).isEqualTo(2);
        assertThat(edited.err()).contains("runs/r0000: the content of sizes.cdf changed",
                "runs/r0001: the content of sizes.cdf changed", "write this sweep to a new --out")
                .doesNotContain("Exception");
        assertThat(Files.readString(out.resolve("runs/r0000/summary.json"))).isEqualTo(before);
    }

    @Test
    void runsOfAnotherVersionAreNotReused() throws Exception {
        Path f = scenario();
        Path out = dir.resolve("sw");
        assertThat(sweep(f, out).code()).isZero();
        Path task = out.resolve("runs/r0001/task.json");
        assertThat(ResultsWriter.JSON.readTree(task.toFile()).path("version").asText())
                .isEqualTo(ResultsWriter.version());
        ObjectNode t = (ObjectNode) ResultsWriter.JSON.readTree(task.toFile());
        t.put("version", "0.0.9");
        Files.writeString(task, ResultsWriter.JSON.writeValueAsString(t));
        CliRun r = sweep(f, out);
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("runs/r0001: made by seawall-sim \"0.0.9\", this is \""
                + ResultsWriter.version() + "\"", "write this sweep to a new --out").doesNotContain("r0000");

        // A task.json written before versions were recorded is another version too.
        t.remove("version");
        Files.writeString(task, ResultsWriter.JSON.writeValueAsString(t));
        assertThat(sweep(f, out).err()).contains("runs/r0001: made by a seawall-sim that did not record its version");
        // So is one whose version is not text (it read "made by seawall-sim null").
        t.putNull("version");
        Files.writeString(task, ResultsWriter.JSON.writeValueAsString(t));
        assertThat(sweep(f, out).err()).contains("runs/r0001: made by a seawall-sim that did not record its version");
    }
}
