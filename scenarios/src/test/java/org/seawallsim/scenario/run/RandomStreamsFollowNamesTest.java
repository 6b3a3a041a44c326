package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.scenario.model.Scenario;

/**
 * Each traffic source draws from a stream named after what it is (its VM, traffic item and destination), so that what
 * one tenant draws does not depend on the other tenants or on their order in the file. UDP and TCP flows' streams
 * were named by the run's flow counter: a tenant declared first moved every other flow's Poisson gaps and send
 * jitter (a 50 Mb/s Poisson VM delivered 51.23 Mb/s alone and 45.81 beside one datagram on other links), and four
 * identical TCP VMs listed in reverse got 131-337 Mb/s instead of the same four figures.
 */
class RandomStreamsFollowNamesTest {
    @TempDir
    Path dir;

    private static final String POISSON_A = """
              ta:
                vms:
                  a:  {host: h0, traffic: [{type: udp, to: ar, rateMbps: 50, pattern: poisson}]}
                  ar: {host: h1}
            """;
    private static final String OTHER_B = """
              tb:
                vms:
                  b:  {host: h2, traffic: [{type: %s, to: br%s}]}
                  br: {host: h3}
            """;
    private static final String HEAD = """
            topology: {builder: star, hosts: 4, rateGbps: 1, delayUs: 5%s}
            tenants:
            """;
    private static final String TAIL = """
            scheme: %s
            durationS: 0.3
            warmupS: 0.1
            sampleIntervalS: 0.05
            """;

    private static Map<String, Double> goodputByVm(RunResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Scenario.Vm vm : r.scenario().vms()) {
            m.put(vm.name(), r.vmGoodputBps()[vm.id()]);
        }
        return m;
    }

    /** A Poisson source on links of its own keeps every datagram's time whatever else the run holds. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "drr", "seawall"})
    void anotherTenantOnOtherLinksLeavesAPoissonSourceAsItWas(String scheme) throws Exception {
        String tail = TAIL.formatted(scheme);
        double alone = goodputByVm(ScenarioRuns.run(dir, HEAD.formatted("") + POISSON_A + tail)).get("a");
        String[][] others = {{"udp", ", rateMbps: 100, pattern: poisson"}, {"bulk", ""}, {"flows",
            ", arrivalsPerS: 2000, size: {distribution: fixed, meanBytes: 20000}"}};
        for (String[] o : others) {
            String b = OTHER_B.formatted(o[0], o[1]);
            double bFirst = goodputByVm(ScenarioRuns.run(dir, HEAD.formatted("") + b + POISSON_A + tail)).get("a");
            double bAfter = goodputByVm(ScenarioRuns.run(dir, HEAD.formatted("") + POISSON_A + b + tail)).get("a");
            assertThat(bFirst).as("b (%s) declared first", o[0]).isEqualTo(alone);
            assertThat(bAfter).as("b (%s) declared after", o[0]).isEqualTo(alone);
        }
        assertThat(alone).isBetween(40e6, 60e6); // 50 Mb/s of wire, 1472/1500-byte datagrams
    }

    /** The same VMs on the same hosts, their tenants listed in the opposite order: the same run, VM for VM. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "seawall", "qcn"})
    void tenantsInAnotherOrderGiveEachVmTheSameGoodput(String scheme) throws Exception {
        String[] tenants = new String[4];
        for (int i = 0; i < 4; i++) {
            tenants[i] = "  t%d: {vms: {s%d: {host: h%d, traffic: [{type: bulk, to: r%d, flows: %d}]}, r%d: {host: h%d}}}\n"
                    .formatted(i, i, i, i, 1 + i % 2, i, 4 + i);
        }
        String head = "topology: {builder: dumbbell, hosts: 4, rateGbps: 1, delayUs: 5, hostTiming: {}}\ntenants:\n";
        String tail = TAIL.formatted(scheme);
        Map<String, Double> forward = goodputByVm(ScenarioRuns.run(dir, head + String.join("", tenants) + tail));
        Map<String, Double> reverse = goodputByVm(ScenarioRuns.run(dir, head + tenants[3] + tenants[2] + tenants[1]
                + tenants[0] + tail));
        assertThat(reverse).isEqualTo(forward);
        assertThat(forward.values().stream().mapToDouble(Double::doubleValue).sum()).isGreaterThan(900e6);
    }

    /**
     * A VM's sources to several destinations draw from streams named by each destination: by their place in `to`,
     * reordering the list handed each receiver another source's Poisson gaps (their loads swapped exactly).
     */
    @ParameterizedTest
    @ValueSource(strings = {"udp", "bulk"})
    void reorderingDestinationsLeavesEachReceiversTrafficAsItWas(String type) throws Exception {
        String yaml = """
                topology: {builder: star, hosts: 4, rateGbps: 1, delayUs: 5}
                tenants:
                  t: {vms: {a: {host: h0, traffic: [{type: %s, to: %s%s}]}, r1: {host: h1}, r2: {host: h2}, r3: {host: h3}}}
                scheme: tcp
                durationS: 0.3
                warmupS: 0.1
                sampleIntervalS: 0.05
                """;
        String extra = type.equals("udp") ? ", rateMbps: 300, pattern: poisson" : "";
        RunResult forward = ScenarioRuns.run(dir, yaml.formatted(type, "[r1, r2, r3]", extra));
        RunResult reverse = ScenarioRuns.run(dir, yaml.formatted(type, "[r3, r1, r2]", extra));
        for (String link : new String[] {"sw0->h1", "sw0->h2", "sw0->h3"}) {
            assertThat(reverse.linkUtilization()[reverse.linkNames().indexOf(link)]).as(link)
                    .isEqualTo(forward.linkUtilization()[forward.linkNames().indexOf(link)]);
        }
    }
}
