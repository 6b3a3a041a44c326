package org.seawallsim.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SackScoreboardTest {
    private static final int MSS = 1000;

    @Test
    void mergesOverlappingAndAdjacentBlocksAndForgetsWhatIsAcknowledged() {
        SackScoreboard s = new SackScoreboard();
        s.update(new long[] {5000, 6000}, 0);
        s.update(new long[] {2000, 3000, 8000, 9000}, 0);
        s.update(new long[] {3000, 4000}, 0); // adjacent to [2000, 3000): one range
        assertThat(s.ranges()).isEqualTo(3);
        assertThat(s.unsackedBytes(0, 10_000)).isEqualTo(10_000 - 2000 - 1000 - 1000);
        s.update(new long[] {3500, 5500}, 0); // bridges [2000, 4000) and [5000, 6000)
        assertThat(s.ranges()).isEqualTo(2);
        assertThat(s.unsackedBytes(4500, 4501)).as("byte 4500 SACKed").isZero();
        assertThat(s.unsackedBytes(7000, 7001)).as("byte 7000 not SACKed").isEqualTo(1);
        s.update(null, 5800); // the cumulative ACK passed most of the first range
        assertThat(s.ranges()).isEqualTo(2);
        assertThat(s.unsackedBytes(5800, 9000)).isEqualTo(3200 - 200 - 1000);
        s.update(null, 9000);
        assertThat(s.ranges()).isZero();
    }

    @Test
    void bytesAreLostOnceMoreThanTwoSegmentsAreSackedAboveThemOrThreeRanges() {
        SackScoreboard s = new SackScoreboard();
        s.update(new long[] {1000, 3000}, 0); // 2 MSS above [0, 1000): not yet lost
        assertThat(s.lossBoundary(0, MSS)).isZero();
        s.update(new long[] {4000, 4500}, 0); // 2.5 MSS SACKed in all: everything below [1000, 3000) is lost
        assertThat(s.lossBoundary(0, MSS)).isEqualTo(1000);
        SackScoreboard r = new SackScoreboard();
        r.update(new long[] {1000, 1100, 2000, 2100, 3000, 3100}, 0); // three small ranges
        assertThat(r.lossBoundary(0, MSS)).isEqualTo(1000);
    }

    @Test
    void holesAreFoundBetweenRangesUpToALimit() {
        SackScoreboard s = new SackScoreboard();
        s.update(new long[] {1000, 2000, 3000, 4000}, 0);
        assertThat(s.nextHole(0, 5000)).isZero();
        assertThat(s.holeLength(0, 5000, MSS * 5)).isEqualTo(1000);
        assertThat(s.nextHole(1000, 5000)).isEqualTo(2000);
        assertThat(s.holeLength(2000, 5000, 500)).isEqualTo(500);
        assertThat(s.nextHole(3500, 5000)).isEqualTo(4000);
        assertThat(s.nextHole(3500, 4000)).isEqualTo(-1);
        assertThat(s.highestSacked(0)).isEqualTo(4000);
    }
}
