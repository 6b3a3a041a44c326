package org.seawallsim.seawall.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    @Test
    void inOrderAcrossTheWrapLosesNothing() {
        SequenceTracker t = new SequenceTracker(3);
        for (int i = 65_000; i < 65_000 + 2000; i++) {
            t.onSequence(i & 0xFFFF);
        }
        assertThat(t.lost()).isZero();
        assertThat(t.highest()).isEqualTo((65_000 + 1999) & 0xFFFF);
    }

    @Test
    void gapsAreLossesOnceBeyondTheTolerance() {
        SequenceTracker t = new SequenceTracker(3);
        int[] arrivals = {0, 1, 2, 4, 5, 6}; // 3 missing
        for (int s : arrivals) {
            t.onSequence(s);
        }
        assertThat(t.lost()).as("3 is only 3 behind the highest: still within tolerance").isZero();
        t.onSequence(7);
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.lastLostSeq()).isEqualTo(3);
    }

    @Test
    void reorderingWithinToleranceIsNotLoss() {
        SequenceTracker t = new SequenceTracker(3);
        int[] arrivals = {0, 2, 1, 5, 3, 4, 6, 7, 8, 9};
        for (int s : arrivals) {
            t.onSequence(s);
        }
        assertThat(t.lost()).isZero();
        assertThat(t.late()).isZero();
    }

    @Test
    void bigJumpCountsEveryMissingNumberOnceAndDuplicatesAreFlagged() {
        SequenceTracker t = new SequenceTracker(2);
        t.onSequence(65_530);
        t.onSequence(10); // 65531..65535 and 0..9 missing: 15 numbers, across the wrap
        t.onSequence(11);
        t.onSequence(12);
        t.onSequence(13);
        assertThat(t.lost()).isEqualTo(15);
        t.onSequence(13);
        assertThat(t.duplicates()).isEqualTo(1);
    }
}
