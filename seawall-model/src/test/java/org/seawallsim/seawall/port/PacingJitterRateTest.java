package org.seawallsim.seawall.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.seawall.controller.FakeTime;
import org.seawallsim.seawall.port.SenderPortTest.Pkt;
import org.seawallsim.seawall.port.SenderPortTest.View;

/**
 * The pacing jitter moves when a rate-limited packet leaves, never how many leave: a backlogged tunnel limited to R
 * sends R x t over t, to within its bucket (two frames and R x jitter), whatever the jitter up to the allowed 1000 us.
 * Before the bucket held the jitter's accrual, a wait longer than one frame's time spilled tokens: 0.10-0.99 of R.
 */
class PacingJitterRateTest {
    static final int WIRE = 1538;

    @ParameterizedTest(name = "{0} b/s, jitter {1} us, seed {2}")
    @CsvSource({
            "10000000, 1000, 1", "100000000, 1000, 2", "300000000, 300, 3", "478000000, 1000, 4",
            "478000000, 20, 5", "900000000, 1000, 6", "900000000, 20, 7", "50000000, 5000, 8"})
    void aBackloggedTunnelSendsItsRateWhateverTheJitter(long rateBps, int jitterUs, long seed) {
        FakeTime time = new FakeTime();
        List<Long> sentAt = new ArrayList<>();
        PacketOutput<Pkt> out = new PacketOutput<>() {
            public void transmit(Pkt p) {
                sentAt.add(time.nowPs());
            }

            public void dropLocal(Pkt p) {
            }
        };
        // jitterUs 5000 is past the scenario limit; the port itself allows 1 ms, so it is clamped here.
        long jitterPs = Math.min(jitterUs, 1000) * 1_000_000L;
        PortConfig cfg = PortConfig.defaults().withNicRateBps(1_000_000_000L).withPacingJitterPs(jitterPs);
        SenderPort<Pkt> port = new SenderPort<>(cfg, time, time, new View(), out, null, key -> rateBps,
                new SplittableRandom(seed));
        // The guest keeps the tunnel's queue topped up (a 2 Gb/s flood into a full queue), for 0.5 s.
        long gapPs = 6_152_000L;
        long endPs = 500_000_000_000L;
        for (long t = 0; t < endPs; t += gapPs) {
            time.advanceTo(t);
            port.send(new Pkt(1, 2, 1500));
        }
        time.advanceTo(endPs);
        // Counted between departures 0.1 s and 0.5 s in: the bytes sent between two departures are what the rate
        // accrued over that time plus the change in the bucket's tokens, which never exceed its capacity: two frames
        // and what R accrues over the longest jitter (a shaper behind a coarse timer needs that burst to keep R).
        double bucketBits = 2 * WIRE * 8.0 + rateBps * (jitterPs / 1e12);
        int first = 0;
        while (sentAt.get(first) < 100_000_000_000L) {
            first++;
        }
        int last = sentAt.size() - 1;
        double seconds = (sentAt.get(last) - sentAt.get(first)) / 1e12;
        double sentBits = (double) (last - first) * WIRE * 8;
        double expectedBits = rateBps * seconds;
        assertThat(Math.abs(sentBits - expectedBits)).as("sent %.0f bits, %.0f expected over %.3f s", sentBits,
                expectedBits, seconds).isLessThanOrEqualTo(bucketBits);
        // Nor does any run of departures outpace the rate by more than the bucket held before its first frame left
        // (at most its capacity less that frame): a jittered wake-up sends what accrued while it was late, no more.
        for (int i = first; i <= last; i++) {
            for (int k = i + 1; k <= Math.min(last, i + 40); k++) {
                double spanS = (sentAt.get(k) - sentAt.get(i)) / 1e12;
                assertThat((k - i) * WIRE * 8.0).isLessThanOrEqualTo(rateBps * spanS + bucketBits - WIRE * 8.0 + 1);
            }
        }
    }
}
