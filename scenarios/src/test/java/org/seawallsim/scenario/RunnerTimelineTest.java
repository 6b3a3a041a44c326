package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.scenario.run.RunResult;
import org.seawallsim.scenario.run.Runner;

/**
 * The runner follows the timeline and the oracle follows it too: VM b (weight 1) joins at 0.3 s and leaves at 0.6 s
 * while VM a floods; per-tenant DRR is work conserving, so a has the whole port alone and half of it with b.
 */
class RunnerTimelineTest {
    @TempDir
    Path dir;

    @Test
    void joinAndLeaveMoveBothTheMeasuredAndTheIdealShares() throws Exception {
        Path f = dir.resolve("join.yaml");
        Files.writeString(f, String.join("\n",
                "topology: {builder: star, hosts: 3}",
                "tenants:",
                "  ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: h2}}}",
                "  tb: {vms: {b: {host: h1, active: false, traffic: [{type: udp, to: br}]}, br: {host: h2}}}",
                "timeline:",
                "  - {atS: 0.3, action: join, vm: b}",
                "  - {atS: 0.6, action: leave, vm: b}",
                "scheme: drr",
                "durationS: 0.9",
                "warmupS: 0.1",
                "sampleIntervalS: 0.1",
                ""));
        Scenario sc = ScenarioLoader.load(f, List.of());
        RunResult r = Runner.run(sc, null);
        Map<String, Object> summary = ResultsWriter.write(r, dir.resolve("out"));
        List<String> rows = Files.readAllLines(dir.resolve("out").resolve("timeseries-vms.csv"));
        // The oracle sizes each VM with its own payload per frame: 1500-byte UDP carries 1472 of 1538 wire bytes.
        double udp = 1e9 * 1472 / 1538;
        for (String row : rows) {
            if (row.startsWith("#") || row.startsWith("time_s")) {
                continue;
            }
            String[] x = row.split(",");
            double t = Double.parseDouble(x[0]);
            double good = Double.parseDouble(x[3]);
            double ideal = Double.parseDouble(x[4]);
            boolean together = t > 0.35 && t < 0.65;
            if (x[1].equals("a") && t > 0.1 && Math.abs(t - 0.4) > 0.01 && Math.abs(t - 0.7) > 0.01) {
                // Sample intervals that contain a join or leave are mixed; the others are checked to 3 %.
                assertThat(ideal).as("ideal of a at %s", t).isCloseTo(together ? udp / 2 : udp, within(1.0));
                assertThat(good).as("goodput of a at %s", t).isCloseTo(together ? udp / 2 : udp, within(0.03 * udp));
            }
            if (x[1].equals("b") && !together && (t < 0.3 || t > 0.75)) {
                assertThat(good).as("b sends only while joined (t=%s)", t).isZero();
                assertThat(ideal).isZero();
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) summary.get("metrics");
        assertThat((Double) metrics.get("utilization")).isGreaterThan(0.98);
    }
}
