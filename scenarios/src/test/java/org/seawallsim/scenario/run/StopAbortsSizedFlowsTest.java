package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A timeline stop, or a traffic item's stopS, aborts a `flows` item's transfers still running, as it aborts bulk and
 * shuffle flows (describe timeline says so): only new arrivals stopped, and 30-MB flows ran on at 941 Mb/s for the
 * rest of the run against an ideal of 0 (isolation_error 1.66) and finished into fct.csv after the stop.
 */
class StopAbortsSizedFlowsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({"timeline, 1", "timeline, 2", "stopS, 1"})
    void nothingIsDeliveredOrCompletedAfterTheStop(String how, int seed) throws Exception {
        String traffic = "{type: flows, to: [ar], arrivalsPerS: 20, size: {distribution: fixed, meanBytes: 30000000}"
                + (how.equals("stopS") ? ", stopS: 0.5" : "") + "}";
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5, bufferBytes: 131072}
                tenants:
                  t1: {vms: {a: {host: h0, traffic: [%s]}, ar: {host: h1}}}
                %s
                scheme: tcp
                durationS: 1.0
                warmupS: 0.2
                sampleIntervalS: 0.1
                seed: %d
                """.formatted(traffic, how.equals("timeline") ? "timeline: [{atS: 0.5, action: stop, vm: [a]}]" : "",
                seed));
        SeriesData s = r.series();
        int a = r.scenario().vm("a").id();
        double before = 0;
        for (int k = 0; k < s.times.size(); k++) {
            double t = s.times.get(k);
            if (t > 0.25 && t <= 0.5 + 1e-9) {
                before = Math.max(before, s.vmGoodput.get(k)[a]);
            }
            if (t > 0.6 + 1e-9) {
                // Whole samples after the stop: what was in flight (at most the 131 072-byte queue and a window)
                // arrived within the first one.
                assertThat(s.vmGoodput.get(k)[a]).as("goodput at %.1f s", t).isZero();
            }
        }
        assertThat(before).as("the flows ran before the stop").isGreaterThan(900e6);
        for (FlowCompletion f : r.fcts()) {
            assertThat(f.startPs() + f.fctPs()).as("completed after the stop").isLessThanOrEqualTo(500_000_000_000L);
        }
    }
}
