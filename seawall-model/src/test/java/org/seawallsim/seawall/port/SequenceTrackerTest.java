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

    // ---- several paths (ECMP): each path is FIFO, the paths skew ----

    /** Numbers 0..n-1 sent round-robin over two paths, path 1 arriving {@code lag} numbers behind path 0. */
    private static void twoPathsWithLag(SequenceTracker t, int n, int lag, int... missingOnPath0) {
        twoPathsWithLag(t, n, lag, n + lag, missingOnPath0);
    }

    /** The same, stopped after {@code steps} steps (path 0 has then sent up to {@code steps - 1}). */
    private static void twoPathsWithLag(SequenceTracker t, int n, int lag, int steps, int[] missingOnPath0) {
        java.util.Set<Integer> missing = new java.util.HashSet<>();
        for (int m : missingOnPath0) {
            missing.add(m);
        }
        for (int i = 0; i < steps; i++) {
            // Path 0 carries the even numbers, path 1 the odd ones; path 1's are lag numbers late.
            if (i < n && i % 2 == 0 && !missing.contains(i)) {
                t.onSequence(i & 0xFFFF, 100);
            }
            // Number 1 comes at once: the tracker knows a path once it has delivered (a path's very first packet,
            // if late, finds the numbers before it judged).
            int j = i == 1 ? 1 : i - lag;
            if (j >= 0 && j < n && j % 2 == 1 && (j != 1 || i == 1)) {
                t.onSequence(j & 0xFFFF, 200);
            }
        }
    }

    @Test
    void pathsThatSkewByFarMoreThanTheToleranceLoseNothing() {
        for (int lag : new int[] {4, 40, 400}) {
            SequenceTracker t = new SequenceTracker(3);
            twoPathsWithLag(t, 5_000, lag);
            assertThat(t.lost()).as("lag %d", lag).isZero();
            assertThat(t.late()).as("lag %d", lag).isZero();
            assertThat(t.duplicates()).isZero();
            // One path only (the old judgement against the highest number), reporting every 8 steps: every number
            // later than a report was a loss.
            SequenceTracker onePath = new SequenceTracker(3);
            for (int i = 0; i < 5_000 + lag; i++) {
                if (i % 8 == 0) {
                    onePath.endInterval();
                }
                if (i < 5_000 && i % 2 == 0) {
                    onePath.onSequence(i);
                }
                int j = i - lag;
                if (j >= 0 && j < 5_000 && j % 2 == 1) {
                    onePath.onSequence(j);
                }
            }
            if (lag > 4) {
                assertThat(onePath.lost()).as("lag %d on one path", lag).isGreaterThan(2_000);
            }
        }
    }

    @Test
    void aLossOnTheFastPathIsJudgedOnceTheSlowPathHasOvertakenIt() {
        SequenceTracker t = new SequenceTracker(3);
        // Number 1000 (path 0) never arrives; path 1 runs 40 numbers behind.
        twoPathsWithLag(t, 1_100, 40, 1_000);
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.lastLostSeq()).isEqualTo(1_000);
        assertThat(t.late()).isZero();
        // It is not judged while the slow path has not passed it by more than the tolerance: stopped with path 0
        // at 1 030 and path 1 still 40 behind.
        SequenceTracker early = new SequenceTracker(3);
        twoPathsWithLag(early, 1_100, 40, 1_031, new int[] {1_000});
        assertThat(early.lost()).isZero();
    }

    @Test
    void aPathThatFallsSilentForAnIntervalNoLongerHoldsTheOthersBack() {
        SequenceTracker t = new SequenceTracker(3);
        twoPathsWithLag(t, 200, 10);
        t.endInterval();
        // Path 1's flows ended at 199; path 0 continues and loses 250.
        for (int i = 200; i < 300; i++) {
            if (i != 250) {
                t.onSequence(i, 100);
            }
        }
        assertThat(t.lost()).as("path 1 still counted active this interval").isZero();
        t.endInterval();
        assertThat(t.lost()).as("path 1 silent for an interval: judged against path 0 alone").isEqualTo(1);
        assertThat(t.lastLostSeq()).isEqualTo(250);
        // A single path is never dropped, even when silent.
        SequenceTracker one = new SequenceTracker(3);
        one.onSequence(0, 7);
        one.onSequence(2, 7);
        one.endInterval();
        one.endInterval();
        assertThat(one.lost()).isZero();
    }

    @Test
    void numbersThatLeaveTheWindowUnjudgedAreLosses() {
        SequenceTracker t = new SequenceTracker(3);
        t.onSequence(0, 1);
        t.onSequence(1, 2);
        // Path 2 stays at 1 while path 1 runs a full window ahead, losing 10: judged as it leaves the window.
        for (int i = 2; i < SequenceTracker.WINDOW + 20; i++) {
            if (i != 10) {
                t.onSequence(i & 0xFFFF, 1);
            }
        }
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.lastLostSeq()).isEqualTo(10);
    }

    /**
     * Conservation over several paths: numbers sent round-robin over 1-4 paths with different lags (up to 1 000
     * numbers behind the fastest path), each dropped with probability 2 %; once every path has delivered past the last drop, the tracker has
     * counted exactly the dropped numbers as lost, none late and none twice, whatever the seed.
     */
    @Test
    void everyDroppedNumberIsCountedOnceAcrossPathsAndLags() {
        for (long seed = 1; seed <= 20; seed++) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            int paths = 1 + rnd.nextInt(4);
            int[] lag = new int[paths];
            for (int k = 1; k < paths; k++) {
                lag[k] = rnd.nextInt(1_000 / paths); // at most 1 000 numbers behind: within the window
            }
            int n = 20_000;
            boolean[] dropped = new boolean[n];
            int drops = 0;
            for (int i = 0; i < n; i++) {
                // Each path's first number and the last numbers of every path arrive: the tracker learns of every
                // path at once, and each path passes every drop before its end.
                dropped[i] = i >= paths && i < n - 2_000 && rnd.nextDouble() < 0.02;
                drops += dropped[i] ? 1 : 0;
            }
            SequenceTracker t = new SequenceTracker(3);
            for (int k = 0; k < paths; k++) {
                t.onSequence(k, 1000 + k);
            }
            int maxLag = java.util.Arrays.stream(lag).max().orElse(0);
            for (int step = 0; step < n + maxLag; step++) {
                for (int k = 0; k < paths; k++) {
                    // Path k carries the numbers i with i % paths == k, lag[k] steps late.
                    int i = step - lag[k];
                    if (i >= paths && i < n && i % paths == k && !dropped[i]) {
                        t.onSequence(i & 0xFFFF, 1000 + k);
                    }
                }
            }
            assertThat(t.lost()).as("seed %d, %d paths, lags %s", seed, paths, java.util.Arrays.toString(lag))
                    .isEqualTo(drops);
            assertThat(t.late()).as("seed %d", seed).isZero();
            assertThat(t.duplicates()).as("seed %d", seed).isZero();
        }
    }

    @Test
    void aPathWhoseFirstPacketComesLateTakesBackLossesNotYetReported() {
        // Path 100 delivers the even numbers from 0; path 200's first packet (1) comes after path 100 reached 40:
        // 1 was judged lost at 6 (tolerance 3), and arrives before the interval ends.
        SequenceTracker t = new SequenceTracker(3);
        for (int i = 0; i <= 40; i += 2) {
            t.onSequence(i, 100);
        }
        assertThat(t.lost()).isGreaterThan(0);
        for (int j = 1; j <= 41; j += 2) {
            t.onSequence(j, 200);
        }
        assertThat(t.lost()).isZero();
        assertThat(t.late()).isZero();
        assertThat(t.retracted()).isGreaterThan(0);
        // After a report, a late number stays a loss (it was reported), counted apart from late arrivals: it was
        // judged before its path was known, which says nothing about its stamp.
        SequenceTracker r = new SequenceTracker(3);
        for (int i = 0; i <= 40; i += 2) {
            r.onSequence(i, 100);
        }
        long judged = r.lost();
        r.endInterval();
        for (int j = 1; j <= 41; j += 2) {
            r.onSequence(j, 200);
        }
        assertThat(r.lost()).isEqualTo(judged);
        assertThat(r.late()).isZero();
        assertThat(r.lateOnJoiningPath()).isEqualTo(judged);
    }

    @Test
    void aLateArrivalOnAPathKnownWhenItsNumberWasJudgedCountsLate() {
        // Both paths known from the start; path 200 then delivers 9 after path 100 and 200 itself passed it (11 on
        // path 200): reordering within a FIFO path, which an honest sender's packets never show.
        SequenceTracker t = new SequenceTracker(3);
        t.onSequence(0, 100);
        t.onSequence(1, 200);
        for (int i = 2; i <= 30; i++) {
            if (i != 9) {
                t.onSequence(i, i % 2 == 0 ? 100 : 200);
            }
        }
        assertThat(t.lost()).isEqualTo(1);
        t.endInterval();
        t.onSequence(9, 200);
        assertThat(t.late()).isEqualTo(1);
        assertThat(t.lateOnJoiningPath()).isZero();
    }

    @Test
    void aPathBackAfterSilentIntervalsBringsReportedLossesThatAreNotLateArrivals() {
        // Path 200 goes quiet for `quiet` intervals with its packets still queued, path 100 runs on; then path 200
        // delivers everything it held. Dropped after its first silent interval, its numbers were judged against path
        // 100 alone and reported lost: when they arrive they are the path's lag, not late arrivals (bad stamps).
        for (int quiet = 1; quiet <= 6; quiet++) {
            SequenceTracker t = new SequenceTracker(3);
            int next = 0;
            for (; next < 20; next++) {
                t.onSequence(next, next % 2 == 0 ? 100 : 200);
            }
            t.endInterval();
            java.util.List<Integer> held = new java.util.ArrayList<>();
            for (int q = 0; q < quiet; q++) {
                for (int j = 0; j < 20; j++, next++) {
                    if (next % 2 == 0) {
                        t.onSequence(next, 100);
                    } else {
                        held.add(next);
                    }
                }
                t.endInterval();
            }
            long reported = t.lost();
            assertThat(reported).as("quiet %d: judged against path 100 alone", quiet).isPositive();
            for (int s : held) {
                t.onSequence(s, 200);
            }
            t.onSequence(next, 100);
            t.onSequence(next + 1, 200);
            t.endInterval();
            assertThat(t.late()).as("quiet %d", quiet).isZero();
            assertThat(t.lateOnJoiningPath()).as("quiet %d", quiet).isEqualTo(reported);
            assertThat(t.lost()).as("quiet %d: reported losses stay reported", quiet).isEqualTo(reported);
        }
    }
}
