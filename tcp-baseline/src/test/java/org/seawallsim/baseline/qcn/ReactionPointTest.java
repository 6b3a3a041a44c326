package org.seawallsim.baseline.qcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.qcn.ReactionPoint.Stage;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/** The RP state machine driven by hand: every expected rate below follows from the 802.1Qau formulas. */
class ReactionPointTest {
    private static final long LINE = Rate.gbps(10);
    private static final QcnRpConfig DEF = QcnRpConfig.defaults();
    private static final double EPS = 1e-3; // bit/s: only floating-point rounding

    private static void byteCycles(ReactionPoint rp, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(rp.onBytesSent(rp.byteCounterRemainingBytes())).isTrue();
        }
    }

    @Test
    void largestFeedbackCutsBy63Over128AndSmallFeedbackProportionally() {
        ReactionPoint rp = new ReactionPoint(DEF, LINE);
        rp.onCnm(63);
        assertThat(rp.currentRateBps()).isCloseTo(LINE * (1 - 63.0 / 128), within(EPS));
        assertThat(rp.targetRateBps()).isEqualTo(LINE);
        ReactionPoint small = new ReactionPoint(DEF, LINE);
        small.onCnm(8);
        assertThat(small.currentRateBps()).isCloseTo(LINE * (1 - 8.0 / 128), within(EPS));
    }

    @Test
    void oneCnmNeverCutsMoreThanMaxDecrease() {
        QcnRpConfig strong = new QcnRpConfig(5, 0.5, 150_000, Time.ofMillis(15), 5, Rate.mbps(5), Rate.mbps(50),
                Rate.mbps(5), QcnRpConfig.TargetReset.AFTER_INCREASE, true, QcnRpConfig.CounterHalving.PER_COUNTER,
                QcnRpConfig.HaiStep.PAPER, 0);
        ReactionPoint rp = new ReactionPoint(strong, LINE);
        rp.onCnm(63); // Gd*Fb = 63/32 > 1: capped at the 50% cut
        assertThat(rp.currentRateBps()).isCloseTo(LINE * 0.5, within(EPS));
    }

    @Test
    void rateNeverFallsBelowTheMinimum() {
        ReactionPoint rp = new ReactionPoint(DEF, LINE);
        for (int i = 0; i < 100; i++) {
            rp.onCnm(63);
        }
        assertThat(rp.currentRateBps()).isEqualTo(Rate.mbps(5));
    }

    @Test
    void fastRecoveryHalvesTheGapToTheTargetFiveTimesThenActiveIncreaseAddsRai() {
        ReactionPoint rp = new ReactionPoint(DEF, LINE);
        rp.onCnm(63);
        double c0 = rp.currentRateBps();
        for (int k = 1; k <= 5; k++) {
            byteCycles(rp, 1);
            assertThat(rp.stage()).isEqualTo(Stage.FAST_RECOVERY);
            assertThat(rp.currentRateBps()).isCloseTo(LINE - (LINE - c0) / Math.pow(2, k), within(EPS));
            assertThat(rp.targetRateBps()).isEqualTo(LINE);
        }
        // 1 - 2^-5 of the gap is recovered: the ~97% of the papers.
        assertThat((rp.currentRateBps() - c0) / (LINE - c0)).isCloseTo(31.0 / 32, within(1e-12));
        // Below line rate the next CNM resets TR to CR (an increase has happened since the last CNM).
        rp.onCnm(32);
        double tr = c0 + (LINE - c0) * 31 / 32;
        assertThat(rp.targetRateBps()).isCloseTo(tr, within(EPS));
        double cr = tr * (1 - 32.0 / 128);
        assertThat(rp.currentRateBps()).isCloseTo(cr, within(EPS));
        byteCycles(rp, 5);
        for (int k = 1; k <= 5; k++) {
            cr = (cr + tr) / 2;
        }
        assertThat(rp.currentRateBps()).isCloseTo(cr, within(EPS));
        byteCycles(rp, 1);
        assertThat(rp.stage()).isEqualTo(Stage.ACTIVE_INCREASE);
        tr += Rate.mbps(5);
        cr = (cr + tr) / 2;
        assertThat(rp.targetRateBps()).isCloseTo(tr, within(EPS));
        assertThat(rp.currentRateBps()).isCloseTo(cr, within(EPS));
    }

    @Test
    void hyperActiveIncreaseStepsByMinStageMinusFTimesRhaiOrPlusOneInTheNs3Variant() {
        for (QcnRpConfig.HaiStep step : QcnRpConfig.HaiStep.values()) {
            ReactionPoint rp = new ReactionPoint(DEF.withHaiStep(step), LINE);
            rp.onCnm(63);
            byteCycles(rp, 1);
            rp.onCnm(63); // TR := CR (below line rate) so increases are visible
            for (int i = 0; i < 5; i++) {
                rp.onTimerExpired();
            }
            byteCycles(rp, 5);
            assertThat(rp.stage()).isEqualTo(Stage.FAST_RECOVERY);
            int extra = step == QcnRpConfig.HaiStep.PAPER ? 0 : 1;
            double tr = rp.targetRateBps();
            byteCycles(rp, 1); // stages (6, 5): active increase
            assertThat(rp.stage()).isEqualTo(Stage.ACTIVE_INCREASE);
            tr += Rate.mbps(5);
            assertThat(rp.targetRateBps()).isCloseTo(tr, within(EPS));
            rp.onTimerExpired(); // (6, 6): hyper-active, i = 1
            assertThat(rp.stage()).isEqualTo(Stage.HYPER_ACTIVE_INCREASE);
            tr += (1 + extra) * Rate.mbps(50);
            assertThat(rp.targetRateBps()).isCloseTo(tr, within(EPS));
            byteCycles(rp, 1); // (7, 6): i = 1
            tr += (1 + extra) * Rate.mbps(50);
            assertThat(rp.targetRateBps()).isCloseTo(tr, within(EPS));
            rp.onTimerExpired(); // (7, 7): i = 2
            tr += (2 + extra) * Rate.mbps(50);
            assertThat(rp.targetRateBps()).isCloseTo(tr, within(EPS));
        }
    }

    @Test
    void targetResetRuleDecidesWhetherBackToBackCnmsPullTheTargetDown() {
        ReactionPoint standard = new ReactionPoint(DEF, LINE);
        ReactionPoint paper = new ReactionPoint(DEF.withTargetReset(QcnRpConfig.TargetReset.EVERY_CNM), LINE);
        for (ReactionPoint rp : new ReactionPoint[] {standard, paper}) {
            rp.onCnm(40);
            rp.onCnm(40);
        }
        assertThat(standard.targetRateBps()).isEqualTo(LINE);
        assertThat(paper.targetRateBps()).isCloseTo(LINE * (1 - 40.0 / 128), within(EPS));
    }

    @Test
    void deepCutDividesTheTargetByEightAtTheFirstIncrease() {
        ReactionPoint rp = new ReactionPoint(DEF, LINE);
        for (int i = 0; i < 20; i++) {
            rp.onCnm(63); // back-to-back: CR falls to 5 Mb/s while TR stays at line rate
        }
        assertThat(rp.currentRateBps()).isEqualTo(Rate.mbps(5));
        rp.onTimerExpired();
        assertThat(rp.targetRateBps()).isCloseTo(LINE / 8.0, within(EPS));
        assertThat(rp.currentRateBps()).isCloseTo((Rate.mbps(5) + LINE / 8.0) / 2, within(EPS));
        ReactionPoint off = new ReactionPoint(DEF.withDeepCutTargetReset(false), LINE);
        for (int i = 0; i < 20; i++) {
            off.onCnm(63);
        }
        off.onTimerExpired();
        assertThat(off.targetRateBps()).isEqualTo(LINE);
    }

    @Test
    void countersRunAtHalfLengthOncePastFastRecovery() {
        ReactionPoint rp = new ReactionPoint(DEF, LINE);
        rp.onCnm(10);
        assertThat(rp.timerPeriodPs()).isEqualTo(Time.ofMillis(15));
        byteCycles(rp, 4);
        assertThat(rp.byteCounterRemainingBytes()).isEqualTo(150_000);
        byteCycles(rp, 1);
        assertThat(rp.byteCounterRemainingBytes()).isEqualTo(75_000); // per-counter rule: byte stage reached F
        assertThat(rp.timerPeriodPs()).isEqualTo(Time.ofMillis(15)); // timer still in its own fast recovery
        long next = 0;
        for (int i = 0; i < 5; i++) {
            next = rp.onTimerExpired();
        }
        assertThat(next).isEqualTo(Time.ofMillis(15) / 2);
        // ns-3 variant: nothing halves in active increase, both halve in hyper-active increase.
        ReactionPoint ns3 = new ReactionPoint(DEF.withCounterHalving(QcnRpConfig.CounterHalving.HYPER_ACTIVE_ONLY),
                LINE);
        ns3.onCnm(10);
        byteCycles(ns3, 5);
        assertThat(ns3.byteCounterRemainingBytes()).isEqualTo(150_000);
        for (int i = 0; i < 4; i++) {
            ns3.onTimerExpired();
        }
        assertThat(ns3.onTimerExpired()).isEqualTo(Time.ofMillis(15) / 2);
    }

    @Test
    void recoversToLineRateWithoutFurtherCnms() {
        ReactionPoint rp = new ReactionPoint(DEF, LINE);
        rp.onCnm(63);
        for (int i = 0; i < 40 && !rp.atLineRate(); i++) {
            rp.onTimerExpired();
        }
        assertThat(rp.atLineRate()).isTrue();
        assertThat(rp.currentRateBps()).isEqualTo(LINE);
    }

    @Test
    void rejectsFeedbackOutsideSixBitsAndBadConfig() {
        ReactionPoint rp = new ReactionPoint(DEF, LINE);
        assertThatThrownBy(() -> rp.onCnm(0)).hasMessageContaining("qntzFb");
        assertThatThrownBy(() -> rp.onCnm(64)).hasMessageContaining("qntzFb");
        assertThatThrownBy(() -> DEF.withTimerPs(0)).hasMessageContaining("timerPs");
    }
}
