package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.scenario.model.RunEstimate;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.RunResult;
import org.seawallsim.scenario.run.Runner;

/**
 * The event estimate is an upper end that is not far off: for library scenarios under the schemes they compare,
 * shortened to 0.3 s, the run's actual event count is at most the estimate and at least a twentieth of it. Measured
 * estimate/actual: 1.4-7, and 18 for the policer, which drops most of its flood at the first switch; the estimate
 * takes every port as event-driven and every packet to reach its receiver.
 */
class RunEstimateTest {
    @ParameterizedTest
    @CsvSource({"udp-flood, tcp", "udp-flood, drr", "many-flows, seawall", "many-flows, tcp",
            "many-destinations, seawall", "weights, drr", "shuffle, tcp", "overhead, seawall", "policer, ratelimit",
            "weighted-floods, qcn", "weights, seawall"})
    void actualEventsAreWithinTheEstimate(String file, String scheme) throws Exception {
        Scenario sc = ScenarioLoader.load(Path.of("library", file + ".yaml"), List.of("scheme=" + scheme,
                "durationS=0.3", "warmupS=0.1", "sampleIntervalS=0.05"));
        RunEstimate est = RunEstimate.of(sc);
        RunResult r = Runner.run(sc, null);
        assertThat((double) r.events()).as(file + "/" + scheme + " estimate " + est.events())
                .isLessThanOrEqualTo(est.events()).isGreaterThanOrEqualTo(est.events() / 20);
        assertThat(est.heapBytes()).isBetween(64e6, 1e9);
        System.out.printf(java.util.Locale.ROOT, "estimate/actual events %s/%s: %.2f%n", file, scheme,
                est.events() / r.events());
    }

    @ParameterizedTest
    @CsvSource({"1, 10", "10, 100", "100, 1000"})
    void estimateGrowsLinearlyWithDurationAndFlows(int flows, int more) throws Exception {
        Path f = Path.of("library/many-flows.yaml");
        RunEstimate a = RunEstimate.of(ScenarioLoader.load(f, List.of("tenants.attacker.vms.a.traffic[0].flows="
                + flows)));
        RunEstimate b = RunEstimate.of(ScenarioLoader.load(f, List.of("tenants.attacker.vms.a.traffic[0].flows="
                + more)));
        // The bottleneck caps TCP's packets, so more flows add heap, not events.
        assertThat(b.events()).isCloseTo(a.events(), org.assertj.core.api.Assertions.withinPercentage(1));
        assertThat(b.heapBytes() - a.heapBytes()).isGreaterThanOrEqualTo((more - flows) * 8192.0 * 0.99);
        RunEstimate longer = RunEstimate.of(ScenarioLoader.load(f, List.of("durationS=40")));
        RunEstimate base = RunEstimate.of(ScenarioLoader.load(f, List.of()));
        assertThat(longer.events() / base.events()).isCloseTo(10, org.assertj.core.api.Assertions.within(0.1));
    }

    /**
     * Scheme timers count too: Seawall's hosts tick every interval whether they send or not (a 10 000-host star with
     * one 10 Mb/s sender under seawall: estimated 5.2e4 events, ran 4e7), and QCN's rate limiters run a timer of
     * timerMs (timerMs 1e-6 on a dumbbell: estimated 3.3e5, ran 8e8), so --max-events did not protect.
     */
    @ParameterizedTest
    @CsvSource({"'topology: {builder: star, hosts: 2000}', seawall, durationS=0.5",
            "'topology: {builder: star, hosts: 2000}', seawall, schemeParams.seawall.intervalUs=100",
            "'topology: {builder: dumbbell, hosts: 2}', qcn, schemeParams.qcn.timerMs=0.001",
            "'topology: {builder: dumbbell, hosts: 2}', qcn, schemeParams.qcn.timerMs=0.01"})
    void schemeTimersAreWithinTheEstimate(String topology, String scheme, String set,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("timers.yaml");
        java.nio.file.Files.writeString(f, topology + "\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: udp, to: r, rateMbps: 600}]}\n      r: {host: h1}\n"
                + "  t2:\n    vms:\n      b: {host: h2, traffic: [{type: bulk, to: r2}]}\n      r2: {host: h3}\n"
                + "durationS: 0.1\nwarmupS: 0.05\nsampleIntervalS: 0.05\n");
        Scenario sc = ScenarioLoader.load(f, List.of("scheme=" + scheme, set));
        RunEstimate est = RunEstimate.of(sc);
        RunResult r = Runner.run(sc, null);
        assertThat((double) r.events()).as(set + " estimate " + est.events() + "\n" + est.lines())
                .isLessThanOrEqualTo(est.events()).isGreaterThanOrEqualTo(est.events() / 20);
        assertThat(String.join("\n", est.lines())).contains(scheme + " timers");
        System.out.printf(java.util.Locale.ROOT, "estimate/actual events %s %s: %.2f%n", scheme, set,
                est.events() / r.events());
    }

    /**
     * UDP datagrams of any size: the estimate counts their frames at their own size. Counted as full frames, 900 Mb/s
     * of 64-byte datagrams beside 900 Mb/s of 200-byte ones was estimated at 2.5e5 events and ran 5.4e5.
     */
    @ParameterizedTest
    @CsvSource({"64, 64", "64, 200", "200, 1500", "1500, 1500", "9000, 64"})
    void smallDatagramsAreWithinTheEstimate(int bytesA, int bytesB, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("small.yaml");
        java.nio.file.Files.writeString(f, "topology: {builder: dumbbell, hosts: 2, bufferBytes: 20000, "
                + "nicBufferBytes: 20000}\ntenants:\n"
                + "  t1: {vms: {a: {host: h0, traffic: [{type: udp, to: r, rateMbps: 900, packetBytes: " + bytesA
                + "}]}, r: {host: h2}}}\n"
                + "  t2: {vms: {b: {host: h1, traffic: [{type: udp, to: r2, rateMbps: 900, packetBytes: " + bytesB
                + "}]}, r2: {host: h3}}}\n"
                + "scheme: tcp\ndurationS: 0.05\nwarmupS: 0.02\nsampleIntervalS: 0.01\n");
        Scenario sc = ScenarioLoader.load(f, List.of());
        RunEstimate est = RunEstimate.of(sc);
        RunResult r = Runner.run(sc, null);
        assertThat((double) r.events()).as(est.lines().toString()).isLessThanOrEqualTo(est.events())
                .isGreaterThanOrEqualTo(est.events() / 20);
        System.out.printf(java.util.Locale.ROOT, "estimate/actual events UDP %d and %d B: %.2f%n", bytesA, bytesB,
                est.events() / r.events());
    }

    /**
     * On/off periods far below the gap between datagrams: every phase change is an event and an activity-log entry.
     * 1-ps periods in a 0.05-s run were estimated at 16 200 events and ran out of heap in a SourceActivity log.
     */
    @ParameterizedTest
    @CsvSource({"0.000001, 0.000001, false", "0.00001, 0.00003, true", "0.001, 0.001, false"})
    void onOffPhaseChangesAreWithinTheEstimate(double onS, double offS, boolean exponential,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("onoff.yaml");
        java.nio.file.Files.writeString(f, "topology: {builder: dumbbell, hosts: 1}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: onoff, to: r, rateMbps: 10, onS: " + onS + ", offS: " + offS
                + (exponential ? ", exponential: true" : "") + "}]}\n      r: {host: h1}\n"
                + "scheme: tcp\ndurationS: 0.1\nwarmupS: 0.05\nsampleIntervalS: 0.05\n");
        Scenario sc = ScenarioLoader.load(f, List.of());
        RunEstimate est = RunEstimate.of(sc);
        RunResult r = Runner.run(sc, null);
        assertThat((double) r.events()).as(est.lines().toString()).isLessThanOrEqualTo(est.events())
                .isGreaterThanOrEqualTo(est.events() / 20);
        assertThat(String.join("\n", est.lines())).contains("on/off phase changes");
    }

    @Test
    void picosecondOnOffPeriodsAreRefusedBeforeTheyRun(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("tiny.yaml");
        java.nio.file.Files.writeString(f, "topology: {builder: dumbbell, hosts: 1}\ntenants:\n  t1:\n    vms:\n"
                + "      a: {host: h0, traffic: [{type: onoff, to: r, onS: 1e-12, offS: 1e-12}]}\n"
                + "      r: {host: h1}\nscheme: tcp\ndurationS: 0.05\nwarmupS: 0.01\nsampleIntervalS: 0.01\n");
        RunEstimate est = RunEstimate.of(ScenarioLoader.load(f, List.of()));
        // 5e10 phase changes: over the default budget of 2e9 events and any heap this machine has.
        assertThat(est.events()).isGreaterThan(4e10);
        assertThat(est.refusal(2_000_000_000L, 8L << 30)).isNotNull();
    }

    /**
     * A long parking lot whose VMs sit on its first racks: the traffic crosses 1-3 links of switches, not the chain.
     * With the chain's length (racks + 1 hops) `racks: 1000` was refused at 2.98e9 events for a run of 1.7e6.
     */
    @ParameterizedTest
    @CsvSource({"200, seawall", "200, tcp", "3, tcp"})
    void aParkingLotsEstimateFollowsItsTrafficsRacks(int racks, String scheme) throws Exception {
        Scenario sc = ScenarioLoader.load(java.nio.file.Path.of("library/parking-lot.yaml"),
                List.of("topology.racks=" + racks, "scheme=" + scheme, "durationS=0.3", "warmupS=0.1",
                        "sampleIntervalS=0.05"));
        RunEstimate est = RunEstimate.of(sc);
        RunResult r = Runner.run(sc, null);
        assertThat((double) r.events()).as(est.lines().toString()).isLessThanOrEqualTo(est.events())
                .isGreaterThanOrEqualTo(est.events() / 20);
    }

    /** The "about N s" of the estimate's first line, in seconds. */
    private static double aboutS(RunEstimate e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("about ([0-9.]+) (s|min)")
                .matcher(e.lines().get(0));
        assertThat(m.find()).as(e.lines().get(0)).isTrue();
        return Double.parseDouble(m.group(1)) * ("min".equals(m.group(2)) ? 60 : 1);
    }

    /**
     * The time estimate counts sampling and writing the results in proportion to samples x rows. A 200-host star of
     * 1 200 VMs at 2 501 samples (1 600 VM and port rows each) was estimated at 2 s: it simulated for 57 s and wrote
     * for 106 more (0.1 event a sampled row; no time at all for 9 million CSV rows and their charts). Not a timed
     * test: the figure must grow with the samples, by at least their ratio for the part they add, and reach 20 s.
     */
    @Test
    void theTimeEstimateGrowsWithSamplesAndRows(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringBuilder y = new StringBuilder("topology: {builder: star, hosts: 200}\ntenants:\n");
        for (int t = 0; t < 200; t++) {
            y.append("  t").append(t).append(":\n    vms:\n      s").append(t).append("x: {count: 5, host: h")
                    .append(t).append(", traffic: [{type: udp, to: r").append(t).append(", rateMbps: 100}]}\n      r")
                    .append(t).append(": {host: h").append((t + 1) % 200).append("}\n");
        }
        Path f = dir.resolve("star.yaml");
        java.nio.file.Files.writeString(f, y + "scheme: tcp\ndurationS: 0.05\nwarmupS: 0\n");
        RunEstimate coarse = RunEstimate.of(ScenarioLoader.load(f, List.of("sampleIntervalS=0.025")));
        RunEstimate fine = RunEstimate.of(ScenarioLoader.load(f, List.of("sampleIntervalS=0.00002")));
        RunEstimate finer = RunEstimate.of(ScenarioLoader.load(f, List.of("sampleIntervalS=0.00001")));
        assertThat(fine.lines().toString()).contains("samples: 2501 x (1200 VMs + 400 ports)");
        assertThat(aboutS(fine)).isGreaterThanOrEqualTo(20);
        assertThat(aboutS(finer)).isGreaterThan(aboutS(fine));
        // What the samples add doubles with them (5 001 - 3 against 2 501 - 3 samples; rounding to whole seconds).
        assertThat(aboutS(finer) - aboutS(coarse)).isCloseTo(2 * (aboutS(fine) - aboutS(coarse)),
                org.assertj.core.api.Assertions.within(2.0));
        // and the heap's time series with them
        assertThat(finer.heapBytes() - coarse.heapBytes()).isCloseTo(2 * (fine.heapBytes() - coarse.heapBytes()),
                org.assertj.core.api.Assertions.withinPercentage(1));
    }
}
