package org.seawallsim.seawall.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feedback mode ecn-bottleneck's hook in the rate controller, in closed form: a congested interval cuts by
 * beta x cut share and raises by (1 - increase share) of the weighted additive step, and so does (without the cut)
 * a congested interval in the hold-off after a cut; an uncongested one raises by the whole step; a share of 1 is
 * exactly the rule without the hook (mode ecn), for every share and weight tried.
 */
class PathCongestionRuleTest {
    static final long MS = ControllerConfig.PS_PER_MS;

    final FakeTime time = new FakeTime();
    final RateControllerTest.FakePort port = new RateControllerTest.FakePort();

    RateController controller(ControllerConfig cfg, double share) {
        return controller(cfg, key -> share);
    }

    RateController controller(ControllerConfig cfg, PathCongestion pc) {
        RateController c = new RateController(cfg, time, port);
        c.setActivity(port);
        c.setPathCongestion(pc);
        return c;
    }

    /** VM 1 at {@code weight} opens its tunnel to host 7, which reports 5 marks one interval later. */
    private long openAndMark(RateController c, double weight) {
        c.addVm(1, weight);
        long key = Tunnels.key(1, 7);
        c.tunnelOpened(key);
        port.seq = 13;
        time.advanceBy(MS);
        c.onFeedback(marked(1, 7, 5, 12));
        return key;
    }

    static FeedbackReport marked(int vm, int dst, long marks, int seq) {
        return new FeedbackReport(vm, 0, dst, 1, MS, 40, 60_000, 0, marks, marks > 0 ? seq : -1, seq, false);
    }

    @ParameterizedTest(name = "share {0}")
    @ValueSource(doubles = {1.0, 0.5, 1.0 / 3, 0.25})
    void congestedIntervalCutsByTheBottlenecksShareAndRaisesByTheRest(double share) {
        for (double weight : new double[] {1, 2, 4}) {
            ControllerConfig cfg = ControllerConfig.defaults().withBeta(0.1).withInitialRateBps(600_000_000L)
                    .withCoupleIntervals(0);
            RateController c = controller(cfg, share);
            long key = openAndMark(c, weight);
            double expected = 600e6 * (1 - cfg.beta() * share) + cfg.alphaBps() * weight * (1 - share);
            assertThat((double) port.rates.get(key)).as("weight %s", weight).isCloseTo(expected, within(1.0));
            // Past the hold-off an unmarked interval raises by the whole weighted step, whatever the share.
            time.advanceBy((long) (cfg.holdoffIntervals() + 1) * MS);
            long before = port.rates.get(key);
            c.onFeedback(marked(1, 7, 0, 20));
            // dt is capped at 4 intervals: the step covers the time since the last report.
            double dt = Math.min(cfg.holdoffIntervals() + 1, 4);
            assertThat((double) port.rates.get(key)).isCloseTo(before + cfg.alphaBps() * weight * dt, within(1.0));
        }
    }

    @ParameterizedTest(name = "share {0}")
    @ValueSource(doubles = {1.0, 0.5})
    void shareOfOneIsTheRuleWithoutTheHook(double share) {
        ControllerConfig cfg = ControllerConfig.defaults().withBeta(0.1).withInitialRateBps(700_000_000L);
        RateController with = controller(cfg, share);
        FakeTime t2 = time;
        RateControllerTest.FakePort p2 = new RateControllerTest.FakePort();
        RateController without = new RateController(cfg, t2, p2);
        without.setActivity(p2);
        long key = Tunnels.key(3, 9);
        for (RateController c : new RateController[] {with, without}) {
            c.addVm(3, 2.0);
            c.tunnelOpened(key);
        }
        long[] marks = {3, 0, 0, 0, 1, 1, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0};
        for (int i = 0; i < marks.length; i++) {
            time.advanceBy(MS);
            port.seq = p2.seq = 10 * i + 6; // sent up to the packet the report blames
            with.onFeedback(marked(3, 9, marks[i], 10 * i + 5));
            without.onFeedback(marked(3, 9, marks[i], 10 * i + 5));
        }
        if (share == 1.0) {
            assertThat(port.rates.get(key)).isEqualTo(p2.rates.get(key));
        } else {
            // Three cuts of half the size: strictly above the unscaled rule's rate.
            assertThat(port.rates.get(key)).isGreaterThan(p2.rates.get(key));
        }
    }

    @ParameterizedTest(name = "cut share {0}, increase share {1}")
    @CsvSource({"0.5, 0.25", "0.25, 0.5", "1, 1"})
    void heldOffCongestedIntervalRaisesByTheIncreaseSharesRest(double cutShare, double increaseShare) {
        ControllerConfig cfg = ControllerConfig.defaults().withBeta(0.1).withInitialRateBps(600_000_000L)
                .withCoupleIntervals(0);
        RateController c = controller(cfg, new PathCongestion() {
            @Override
            public double bottleneckShare(long tunnelKey) {
                return cutShare;
            }

            @Override
            public double increaseShare(long tunnelKey) {
                return increaseShare;
            }
        });
        double weight = 2;
        long key = openAndMark(c, weight);
        double step = cfg.alphaBps() * weight;
        double afterCut = 600e6 * (1 - cfg.beta() * cutShare) + step * (1 - increaseShare);
        assertThat((double) port.rates.get(key)).isCloseTo(afterCut, within(1.0));
        // One interval later, within the hold-off and about packets sent after the cut: no cut, and the part of the
        // step the other links' marks account for (none with shares of 1: the rate holds, as in mode ecn).
        assertThat(cfg.holdoffIntervals()).isGreaterThan(1);
        time.advanceBy(MS);
        c.onFeedback(marked(1, 7, 5, 14));
        assertThat((double) port.rates.get(key)).isCloseTo((long) afterCut + step * (1 - increaseShare),
                within(1.0));
        assertThat(c.decreases()).isEqualTo(1);
    }

    /**
     * Every congestion cut, own or coupled, is reported to the path view once (its share's denominator); a
     * held-off congested interval and an uncongested one are not. Loss-driven constants, so coupling is on.
     */
    @ParameterizedTest(name = "coupled at own report {0}")
    @ValueSource(booleans = {false, true})
    void everyCutIsReportedOnceToThePathView(boolean coupleAtOwnReport) {
        ControllerConfig cfg = ControllerConfig.defaults().withBeta(0.1).withInitialRateBps(600_000_000L)
                .withCoupleAtOwnReport(coupleAtOwnReport);
        assertThat(cfg.coupleIntervals()).isGreaterThan(0);
        java.util.Map<Long, Integer> taken = new java.util.HashMap<>();
        RateController c = controller(cfg, new PathCongestion() {
            @Override
            public double bottleneckShare(long tunnelKey) {
                return 0.5;
            }

            @Override
            public void cutTaken(long tunnelKey) {
                taken.merge(tunnelKey, 1, Integer::sum);
            }
        });
        c.addVm(1, 1.0);
        long toA = Tunnels.key(1, 7);
        long toB = Tunnels.key(1, 8);
        c.tunnelOpened(toA);
        c.tunnelOpened(toB);
        long[] marksA = {0, 3, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0};
        long[] marksB = {0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < marksA.length; i++) {
            time.advanceBy(MS);
            port.seq = 10 * i + 6; // sent up to the packet the report blames
            c.onFeedback(marked(1, 7, marksA[i], 10 * i + 5));
            c.onFeedback(marked(1, 8, marksB[i], 10 * i + 5));
        }
        int reported = taken.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(reported).isEqualTo(c.decreases());
        // A's own cuts at intervals 1 and 8 (2 is held off); B's own at 3, and B coupled to A's cut at 8.
        assertThat(taken.get(toA)).isGreaterThanOrEqualTo(2);
        assertThat(taken.get(toB)).isGreaterThanOrEqualTo(2);
        assertThat(c.coupledCuts()).isGreaterThan(0);
        assertThat(reported).isEqualTo(c.decreases()).isGreaterThanOrEqualTo(4);
    }
}
