package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A `flows` source stopped and started again (timeline stop/start, leave/join) draws new arrivals: it used to
 * build a new generator on the stream of the same name and replay the first phase exactly (an outside probe: flow 48
 * of 82 574 B at 0.4038 s, a copy of flow 1 at 0.0038 s), so its traffic was periodic, not Poisson, across phases.
 */
class ArrivalsAfterRestartTest {
    private static final String YAML = """
            topology: {builder: star, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 200000}
            tenants:
              a: {weight: 1, vms: {a1: {host: h0, traffic: [{type: flows, to: [ra], arrivalsPerS: 300, size: {distribution: %s}}]}, ra: {host: h3}}}
              c: {weight: 1, vms: {c1: {host: h1, traffic: [{type: bulk, to: rc}]}, rc: {host: h3}}}
            timeline:
              - {atS: 0.2, action: %s, vm: [a1]}
              - {atS: 0.4, action: %s, vm: [a1]}
            scheme: %s
            durationS: 0.6
            warmupS: 0.1
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{0} {1}/{2}, {3}, seed {4}")
    @CsvSource({
            "'exponential, meanBytes: 100000', leave, join, drr, 5", "'exponential, meanBytes: 100000', stop, start, tcp, 9",
            "'pareto, meanBytes: 30000, shape: 1.5', stop, start, seawall, 2"})
    void aRestartedSourceDrawsNewArrivals(String size, String off, String on, String scheme, int seed,
            @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(size, off, on, scheme), "seed=" + seed);
        long restartPs = 400_000_000_000L;
        // Each arrival as (size, offset from its phase's start); with a replay every early one recurs after 0.4 s.
        Set<List<Long>> firstPhase = new HashSet<>();
        int later = 0;
        for (FlowCompletion f : r.fcts()) {
            if (f.vm() == 0 && f.startPs() < 200_000_000_000L) {
                firstPhase.add(List.of(f.sizeBytes(), f.startPs()));
            }
        }
        int repeated = 0;
        for (FlowCompletion f : r.fcts()) {
            if (f.vm() == 0 && f.startPs() >= restartPs) {
                later++;
                if (firstPhase.contains(List.of(f.sizeBytes(), f.startPs() - restartPs))) {
                    repeated++;
                }
            }
        }
        // 300 arrivals a second: about 60 in each 0.2-s phase (the later ones that finish by the end are counted).
        assertThat(firstPhase).hasSizeGreaterThan(20);
        assertThat(later).isGreaterThan(20);
        assertThat(repeated).isZero();
    }
}
