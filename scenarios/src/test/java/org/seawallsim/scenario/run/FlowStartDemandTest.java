package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bulk or shuffle item's flows start at a random offset in [0, 10 ms) after the item's start; the oracle owes the
 * VM a share for each flow from that flow's own start, not from the item's.
 */
class FlowStartDemandTest {
    /** UDP goodput per wire bit: 1472 payload bytes of 1538 on the wire. */
    private static final double UDP = 1472.0 / 1538;
    /** TCP goodput per wire bit: MSS 1448 (timestamps) of 1538. */
    private static final double TCP = 1448.0 / 1538;

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({"startS, 1", "startS, 2", "startS, 3", "restart, 1", "restart, 2", "restart, 3"})
    void aBulkItemIsOwedItsShareFromItsFlowsStartNotFromStartS(String how, int seed, @TempDir Path dir)
            throws Exception {
        // probeK's tl18 without its timeline: DRR, a and b each send 300 Mb/s of UDP over the 1 Gb/s trunk, and b
        // starts a bulk TCP item at 0.5 s. Hand max-min: before b's TCP flow runs, nothing is full and each VM is
        // owed its UDP demand, 300 Mb/s of wire = 287.13 Mb/s of goodput. Once it runs, a keeps 300 of the trunk's
        // wire and b gets the other 700: 287.13 of UDP plus 400 x 1448/1538 = 376.59 of TCP, 663.72 (its
        // acknowledgements go the other way, on ports no data crosses). "restart": the bulk item runs from the
        // start, a timeline stops b at 0.45 s and starts it again at 0.5 s; the new flow draws a new offset.
        String bulk = how.equals("startS") ? "{type: bulk, to: br, startS: 0.5}" : "{type: bulk, to: br}";
        String timeline = how.equals("startS") ? "" : """
                timeline:
                  - {atS: 0.45, action: stop, vm: [b]}
                  - {atS: 0.5, action: start, vm: [b]}
                """;
        String yaml = """
                topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072}
                tenants:
                  ta: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 300, startS: 0.3}]}, ar: {host: h2}}}
                  tb: {vms: {b: {host: h1, traffic: [{type: udp, to: br, rateMbps: 300}, %s]}, br: {host: h3}}}
                %sscheme: drr
                durationS: 0.52
                warmupS: 0.4
                sampleIntervalS: 0.001
                seed: %d
                """.formatted(bulk, timeline, seed);
        RunResult r = ScenarioRuns.run(dir, yaml);
        SeriesData s = r.series();
        int b = 2;
        double noItem = 300e6 * UDP;
        double full = noItem + 400e6 * TCP;
        int k0 = -1;
        for (int k = 0; k < s.times.size(); k++) {
            if (s.times.get(k) > 0.5 + 1e-9 && Math.abs(s.vmIdeal.get(k)[b] - noItem) > 1e3) {
                k0 = k;
                break;
            }
        }
        // The flow starts within 10 ms of 0.5 s, so its share shows in a sample ending by 0.511 s.
        assertThat(k0).isPositive();
        assertThat(s.times.get(k0)).isLessThanOrEqualTo(0.511 + 1e-9);
        // The ideal rises in the sample in which the flow starts: TCP goodput (beyond the 287 Mb/s of UDP) arrives
        // in it or, for a flow starting in its last round trips, in the next one. Counted from startS, the ideal
        // rose in the sample ending at 0.501, 5-7 ms before the flow sent anything.
        double good = s.vmGoodput.get(k0)[b] + s.vmGoodput.get(k0 + 1)[b];
        assertThat(good).as("b's goodput in the samples ending at %.3f and %.3f s", s.times.get(k0),
                s.times.get(k0 + 1)).isGreaterThan(2 * noItem + 20e6);
        for (int k = 0; k < k0; k++) {
            if (s.times.get(k) > 0.5 + 1e-9) {
                // Before the flow starts: the allocation without the bulk item, to the bit/s (1 bps: rounding).
                assertThat(s.vmIdeal.get(k)[b]).isCloseTo(noItem, within(1.0));
                assertThat(s.vmIdeal.get(k)[0]).isCloseTo(noItem, within(1.0));
                assertThat(s.vmGoodput.get(k)[b]).isLessThan(noItem * 1.05);
            }
        }
        for (int k = k0 + 1; k < s.times.size(); k++) {
            assertThat(s.vmIdeal.get(k)[b]).isCloseTo(full, within(1e3));
        }
    }

    @Test
    void eachFlowOfAnItemIsOwedItsShareFromItsOwnStart(@TempDir Path dir) throws Exception {
        // m starts bulk TCP to x and y (two flows, two offsets) at 0.05 s; c floods y's port with UDP from the start.
        // Hand max-min (star, 1 Gb/s): before either flow runs, m is owed 0 and c its whole port, 957.09 Mb/s. With
        // both running, on y's port c (weight 1) meets m's y path (half of m's weight): c 666.7 Mb/s of wire, m's y
        // path 333.3 and its x path the rest of its NIC, 666.7: m 1000 x 1448/1538 = 941.48, c 638.06.
        String yaml = """
                topology: {builder: star, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 131072}
                tenants:
                  t1: {vms: {m: {host: h0, traffic: [{type: bulk, to: [x, y], startS: 0.05}]}, x: {host: h1}, y: {host: h2}}}
                  t2: {vms: {c: {host: h3, traffic: [{type: udp, to: y, rateMbps: 2000}]}}}
                scheme: drr
                durationS: 0.08
                warmupS: 0
                sampleIntervalS: 0.001
                seed: %d
                """;
        int before = 0;
        for (int seed = 1; seed <= 3; seed++) {
            RunResult r = ScenarioRuns.run(dir, yaml.formatted(seed));
            SeriesData s = r.series();
            int m = 0;
            int c = 3;
            int last = s.times.size() - 1;
            assertThat(s.vmIdeal.get(last)[m]).isCloseTo(1000e6 * TCP, within(1e4));
            assertThat(s.vmIdeal.get(last)[c]).isCloseTo(1000e6 / 1.5 * UDP, within(1e4));
            // The first sample in which m delivers anything: its first flow started in it or, if in its last
            // round trips, in the one before. Every sample from 0.05 s up to that one is owed as if m had no
            // flow: m nothing, c its port.
            int k1 = 0;
            while (s.vmGoodput.get(k1)[m] == 0) {
                k1++;
            }
            for (int k = 0; k < k1 - 1; k++) {
                if (s.times.get(k) > 0.05 + 1e-9) {
                    before++;
                    assertThat(s.vmIdeal.get(k)[m]).as("seed %d, sample ending %.3f s", seed, s.times.get(k))
                            .isZero();
                    assertThat(s.vmIdeal.get(k)[c]).isCloseTo(1000e6 * UDP, within(1.0));
                }
            }
        }
        // The first of two offsets drawn in [0, 10 ms) is over 2 ms with probability 0.64: some seed checks samples.
        assertThat(before).isPositive();
    }
}
