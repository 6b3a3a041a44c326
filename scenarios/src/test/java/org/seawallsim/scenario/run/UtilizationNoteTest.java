package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When no link is full in the ideal, the utilization metric is the busiest link's and a run note says so: a 10 GbE
 * host's packet path (about 2.3 Gb/s) bounding its VM read as "utilization 0.29" with no bottleneck and no word.
 */
class UtilizationNoteTest {
    @TempDir
    Path dir;

    private static final String ONE_VM = """
            topology: {builder: star, hosts: 2, rateGbps: %s, hostTiming: {}}
            tenants:
              t: {vms: {a: {host: h0, traffic: [{type: udp, to: b}]}, b: {host: h1}}}
            scheme: tcp
            durationS: 0.2
            warmupS: 0.05
            sampleIntervalS: 0.05
            """;

    @Test
    void aRunBoundByAHostPathSaysItsUtilizationIsTheBusiestLinks() throws Exception {
        RunResult r = ScenarioRuns.run(dir, ONE_VM.formatted(10));
        assertThat(r.bottlenecks()).isEmpty();
        double busiest = 0;
        for (double u : r.linkUtilization()) {
            busiest = Math.max(busiest, u);
        }
        assertThat(busiest).isBetween(0.15, 0.5); // the path's ~2.3 Gb/s of a 10 Gb/s NIC
        String shown = String.format(java.util.Locale.ROOT, "(%.3f)", busiest);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("no link is full in the ideal allocation")
                .contains("the busiest link, ").contains(shown));
        // A 1 GbE host fills its NIC: a bottleneck, no note.
        RunResult full = ScenarioRuns.run(dir, ONE_VM.formatted(1));
        assertThat(full.bottlenecks()).isNotEmpty();
        assertThat(full.notes()).noneSatisfy(n -> assertThat(n).startsWith("no link is full"));
    }
}
