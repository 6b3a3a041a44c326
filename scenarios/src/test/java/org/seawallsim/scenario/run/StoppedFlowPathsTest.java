package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A flow stopped for good (a VM leaving, a timeline stop) leaves the ideal: a VM that leaves and joins again, or is
 * stopped and started, hashes its new flow anew, and its weight had stayed split over the old flow's path too
 * (leaf-spine, seed 1: an ideal of 627.7 Mb/s for every VM where b was alone on its spine, 941.5, and a and c
 * shared the other, 470.7 each).
 */
class StoppedFlowPathsTest {
    @TempDir
    Path dir;

    private static final String LEAF_SPINE = """
            topology: {builder: leafspine, leaves: 2, spines: 2, hostsPerRack: 3, rateGbps: 1, delayUs: 5,
                       bufferBytes: 131072}
            tenants:
              t1: {vms: {a: {host: h0, traffic: [{type: bulk, to: ar, flows: 1}]}, ar: {host: h3}}}
              t2: {vms: {b: {host: h1, traffic: [{type: bulk, to: br, flows: 1}]}, br: {host: h4}}}
              t3: {vms: {c: {host: h2, traffic: [{type: bulk, to: cr, flows: 1}]}, cr: {host: h5}}}
            timeline:
              - {atS: 0.2, action: %s, vm: [a]}
              - {atS: 0.25, action: %s, vm: [a]}
            scheme: tcp
            seed: %d
            durationS: 0.6
            warmupS: 0.3
            """;

    /** TCP payload of a 1 Gb/s link: 1448 of every 1538 wire bytes. */
    private static final double LINK_GOODPUT_BPS = 1e9 * 1448 / 1538;

    @ParameterizedTest(name = "{0}/{1}, seed {2}")
    @CsvSource({"leave, join, 1", "leave, join, 7", "leave, join, 11", "stop, start, 1", "stop, start, 7",
            "leave, join, 2"})
    void theIdealFollowsTheFlowsRunningNow(String away, String back, int seed) throws Exception {
        RunResult r = ScenarioRuns.run(dir, LEAF_SPINE.formatted(away, back, seed));
        // After the rejoin each sender has one flow on one path, up one of the two spines.
        Map<String, Integer> onSpine = new HashMap<>();
        Map<String, String> spineOf = new HashMap<>();
        for (String vm : List.of("a", "b", "c")) {
            List<RunResult.VmPath> paths = r.vmPaths().get(r.scenario().vm(vm).id());
            assertThat(paths).as(vm + "'s paths").hasSize(1);
            assertThat(paths.get(0).flows()).isEqualTo(1);
            String spine = paths.get(0).links().stream().filter(l -> l.startsWith("spine")).findFirst()
                    .orElseThrow();
            spineOf.put(vm, spine);
            onSpine.merge(spine, 1, Integer::sum);
        }
        // The three senders' racks share only the leaf-to-leaf spines, so each gets the link over the VMs on its
        // spine (the leaf's uplinks and the receivers' links carry one VM each); within 0.1 %.
        for (String vm : List.of("a", "b", "c")) {
            double expected = LINK_GOODPUT_BPS / onSpine.get(spineOf.get(vm));
            assertThat(r.vmIdealBps()[r.scenario().vm(vm).id()]).as(vm).isCloseTo(expected,
                    within(1e-3 * expected));
        }
    }
}
