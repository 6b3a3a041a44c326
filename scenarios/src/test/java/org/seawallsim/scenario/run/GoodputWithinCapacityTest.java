package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TCP goodput is what crossed the network: four bulk NewReno guests into one receiver behind a 1 Gb/s port can sum
 * no more than that port carries. Goodput was credited when the cumulative ACK covered a byte: a no-SACK recovery
 * of a multi-loss window (one hole per RTT, about 5 ms at this 600-KB queue) left up to the 6-MiB receive window
 * buffered out of order, and the retransmission that filled the last hole just after the warm-up credited all of
 * it at once: one 0.5-ms sample at 101 383 Mb/s and 1 058.5, 1 057.8 and 1 068.9 Mb/s summed over the measured
 * interval (seeds 1-3) through a port whose payload capacity is 941.5 (probe session 20). Now a byte counts when it
 * first reaches the receiver, in order or not, and retransmitted copies never.
 *
 * <p>Bounds, with ideal hosts (exact NIC rates): over the measured interval, the payload of the frames sw0->h4
 * carried (its utilisation x 1e9 x 1448/1538: acknowledgements go the other way) plus two segments for the frames
 * on the wire at either end of the interval (2 x 1448 B over 0.3 s, 0.08 Mb/s); 0.1 Mb/s is allowed. Per 0.5-ms
 * sample, the port's payload rate plus one segment: a sample's window can hold ceil(0.5 ms / 12.304 us) = 41
 * frames of the 40.6 the rate allows (41 x 1448 B in 0.5 ms is 949.9 Mb/s, against 941.5 + 23.2).
 */
class GoodputWithinCapacityTest {
    private static final double PAYLOAD_PER_WIRE = 1448.0 / 1538;
    private static final double SEGMENT_BITS = 1448 * 8;

    @ParameterizedTest(name = "sack {0}, seed {1}, warm-up {2} s")
    @CsvSource({"false, 1, 0.2", "false, 2, 0.2", "false, 3, 0.2", "false, 1, 0.25", "true, 1, 0.2",
            "true, 2, 0.25"})
    void summedGoodputAndEverySampleStayWithinTheBottleneck(boolean sack, int seed, double warmupS,
            @TempDir Path dir) throws Exception {
        double durationS = warmupS + 0.3;
        RunResult r = ScenarioRuns.run(dir, String.format(java.util.Locale.ROOT, """
                topology: {builder: star, hosts: 5, rateGbps: 1, delayUs: 5, bufferBytes: 600000}
                tenants:
                  t:
                    vms:
                      s: {count: 4, host: [h0, h1, h2, h3], traffic: [{type: bulk, to: r, variant: newreno, sack: %s}]}
                      r: {host: h4}
                scheme: tcp
                seed: %d
                durationS: %s
                warmupS: %s
                sampleIntervalS: 0.0005
                """, sack, seed, durationS, warmupS));
        int port = r.linkNames().indexOf("sw0->h4");
        assertThat(port).isNotNegative();
        double carriedBps = r.linkUtilization()[port] * 1e9 * PAYLOAD_PER_WIRE;
        double sum = 0;
        for (double g : r.vmGoodputBps()) {
            sum += g;
        }
        assertThat(sum).as("summed goodput against what sw0->h4 carried, %.1f Mb/s", carriedBps / 1e6)
                .isLessThanOrEqualTo(carriedBps + 0.1e6);
        double capacityBps = 1e9 * PAYLOAD_PER_WIRE;
        SeriesData s = r.series();
        for (int k = 1; k < s.times.size(); k++) {
            double intervalS = s.times.get(k) - s.times.get(k - 1);
            double sample = 0;
            for (double g : s.vmGoodput.get(k)) {
                sample += g;
            }
            assertThat(sample).as("sample ending at %s s", s.times.get(k))
                    .isLessThanOrEqualTo(capacityBps + SEGMENT_BITS / intervalS);
        }
    }
}
