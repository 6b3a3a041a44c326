package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The oracle's demand of each traffic type equals what its source offers. */
class OracleDemandTest {
    private static final String FLOWS = """
            topology: {builder: star, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
            tenants:
              t:
                vms:
                  c: {host: h0, traffic: [{type: flows, to: [%s], arrivalsPerS: 100, size: {distribution: fixed, meanBytes: 100000}}]}
                  r1: {host: h1}
                  r2: {host: h2}
                  r3: {host: h3}
            durationS: 0.5
            warmupS: 0.1
            sampleIntervalS: 0.1
            """;

    @ParameterizedTest(name = "to {0} destinations")
    @ValueSource(ints = {1, 2, 3})
    void poissonFlowsToSeveralDestinationsDemandTheirTotalArrivalRate(int destinations, @TempDir Path dir)
            throws Exception {
        String to = String.join(", ", java.util.List.of("r1", "r2", "r3").subList(0, destinations));
        RunResult r = ScenarioRuns.run(dir, FLOWS.formatted(to));
        // 100 arrivals/s of 100 000 B in all, whatever the number of destinations (each arrival draws one): 80 Mb/s
        // of payload, far below the 1 Gb/s links, so the ideal is the demand itself.
        assertThat(r.vmIdealBps()[0]).isCloseTo(80e6, within(1e3));
        // And the measured goodput follows the arrivals (Poisson: a few tens of flows in the measured 0.4 s).
        assertThat(r.vmGoodputBps()[0]).isBetween(40e6, 130e6);
    }
}
