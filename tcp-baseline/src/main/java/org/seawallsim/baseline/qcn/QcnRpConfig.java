package org.seawallsim.baseline.qcn;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * Reaction-point parameters (IEEE 802.1Qau). Numeric defaults are the 802.1Qau MIB DEFVALs; the four points on
 * which sources disagree are explicit choices, defaults stated below.
 *
 * @param gdLog2              rate-decrease gain as log2(1/Gd) (default 7: Gd = 1/128, so the largest feedback, 63,
 *                            cuts by ~49%)
 * @param maxDecrease         largest fraction one CNM may cut (default 0.5, rpgMinDecFac = 50%)
 * @param byteCounterBytes    bytes per byte-counter cycle (default 150000, rpgByteReset)
 * @param timerPs             rate-increase timer period (default 15 ms, the MIB's rpgTimeReset; the QCN papers use
 *                            10 ms and DCQCN's ns-3 code 1.5 ms). Disagreement 1.
 * @param fastRecoveryCycles  F, cycles of fast recovery before active increase (default 5, rpgThreshold)
 * @param aiRateBps           active-increase step R_AI (default 5 Mb/s)
 * @param haiRateBps          hyper-active-increase step R_HAI (default 50 Mb/s)
 * @param minRateBps          floor of the current rate (default 5 Mb/s, rpgMinRate; ns-3 DCQCN 100 Mb/s, htsim 1)
 * @param targetReset         when a CNM copies the current rate into the target rate. Disagreement 2, default
 *                            {@link TargetReset#AFTER_INCREASE} (the 802.1Qau pseudo code and the ns-3 and htsim
 *                            implementations: back-to-back CNMs do not pull the target down);
 *                            {@link TargetReset#EVERY_CNM} is the papers' form
 * @param deepCutTargetReset  after a deep cut (target above 10x current at the first increase), divide the target
 *                            by 8 (pseudo code and ns-3 DCQCN; default true)
 * @param counterHalving      when the byte counter and timer run at half length. Disagreement 3, default
 *                            {@link CounterHalving#PER_COUNTER} (pseudo code: each counter halves once its own stage
 *                            reaches F); {@link CounterHalving#HYPER_ACTIVE_ONLY} halves them only in hyper-active
 *                            increase (both stages past F), as ns-3 DCQCN does for the byte counter
 * @param haiStep             size of a hyper-active step. Disagreement 4, default {@link HaiStep#PAPER}
 *                            (i x R_HAI with i = min(stages) - F); {@link HaiStep#NS3_PLUS_ONE} uses i + 1
 * @param rlQueueBytes        limit of each rate limiter's queue in the NIC, bytes; 0 (default) = no limit but the
 *                            scenario's NIC buffer, which the NIC's FIFO and limiters share
 */
public record QcnRpConfig(int gdLog2, double maxDecrease, long byteCounterBytes, long timerPs,
        int fastRecoveryCycles, long aiRateBps, long haiRateBps, long minRateBps, TargetReset targetReset,
        boolean deepCutTargetReset, CounterHalving counterHalving, HaiStep haiStep, long rlQueueBytes) {

    /** When the target rate is reset to the current rate on a CNM. */
    public enum TargetReset { AFTER_INCREASE, EVERY_CNM }

    /** When the byte counter and the timer shorten to half a cycle. */
    public enum CounterHalving { PER_COUNTER, HYPER_ACTIVE_ONLY }

    /** Multiplier of R_HAI in hyper-active increase. */
    public enum HaiStep { PAPER, NS3_PLUS_ONE }

    public QcnRpConfig {
        List<String> errors = new ArrayList<>();
        if (gdLog2 < 1 || gdLog2 > 30) {
            errors.add("gdLog2 must be in [1, 30], got " + gdLog2);
        }
        if (!(maxDecrease > 0 && maxDecrease < 1)) {
            errors.add("maxDecrease must be in (0, 1), got " + maxDecrease);
        }
        if (byteCounterBytes < 1600) {
            errors.add("byteCounterBytes must be >= 1600, got " + byteCounterBytes);
        }
        if (timerPs <= 0) {
            errors.add("timerPs must be > 0, got " + timerPs);
        }
        if (fastRecoveryCycles < 1) {
            errors.add("fastRecoveryCycles must be >= 1, got " + fastRecoveryCycles);
        }
        if (aiRateBps <= 0) {
            errors.add("aiRateBps must be > 0, got " + aiRateBps);
        }
        if (haiRateBps <= 0) {
            errors.add("haiRateBps must be > 0, got " + haiRateBps);
        }
        if (minRateBps <= 0) {
            errors.add("minRateBps must be > 0, got " + minRateBps);
        }
        if (targetReset == null) {
            errors.add("targetReset must be AFTER_INCREASE or EVERY_CNM, got null");
        }
        if (counterHalving == null) {
            errors.add("counterHalving must be PER_COUNTER or HYPER_ACTIVE_ONLY, got null");
        }
        if (haiStep == null) {
            errors.add("haiStep must be PAPER or NS3_PLUS_ONE, got null");
        }
        if (rlQueueBytes < 0) {
            errors.add("rlQueueBytes must be >= 0 (0 = NIC buffer), got " + rlQueueBytes);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid QCN RP config: " + String.join("; ", errors));
        }
    }

    public static QcnRpConfig defaults() {
        return new QcnRpConfig(7, 0.5, 150_000, Time.ofMillis(15), 5, Rate.mbps(5), Rate.mbps(50), Rate.mbps(5),
                TargetReset.AFTER_INCREASE, true, CounterHalving.PER_COUNTER, HaiStep.PAPER, 0);
    }

    public QcnRpConfig withTimerPs(long t) {
        return new QcnRpConfig(gdLog2, maxDecrease, byteCounterBytes, t, fastRecoveryCycles, aiRateBps, haiRateBps,
                minRateBps, targetReset, deepCutTargetReset, counterHalving, haiStep, rlQueueBytes);
    }

    public QcnRpConfig withTargetReset(TargetReset r) {
        return new QcnRpConfig(gdLog2, maxDecrease, byteCounterBytes, timerPs, fastRecoveryCycles, aiRateBps,
                haiRateBps, minRateBps, r, deepCutTargetReset, counterHalving, haiStep, rlQueueBytes);
    }

    public QcnRpConfig withDeepCutTargetReset(boolean b) {
        return new QcnRpConfig(gdLog2, maxDecrease, byteCounterBytes, timerPs, fastRecoveryCycles, aiRateBps,
                haiRateBps, minRateBps, targetReset, b, counterHalving, haiStep, rlQueueBytes);
    }

    public QcnRpConfig withCounterHalving(CounterHalving h) {
        return new QcnRpConfig(gdLog2, maxDecrease, byteCounterBytes, timerPs, fastRecoveryCycles, aiRateBps,
                haiRateBps, minRateBps, targetReset, deepCutTargetReset, h, haiStep, rlQueueBytes);
    }

    public QcnRpConfig withHaiStep(HaiStep s) {
        return new QcnRpConfig(gdLog2, maxDecrease, byteCounterBytes, timerPs, fastRecoveryCycles, aiRateBps,
                haiRateBps, minRateBps, targetReset, deepCutTargetReset, counterHalving, s, rlQueueBytes);
    }

    public QcnRpConfig withMinRateBps(long r) {
        return new QcnRpConfig(gdLog2, maxDecrease, byteCounterBytes, timerPs, fastRecoveryCycles, aiRateBps,
                haiRateBps, r, targetReset, deepCutTargetReset, counterHalving, haiStep, rlQueueBytes);
    }

    public QcnRpConfig withRlQueueBytes(long b) {
        return new QcnRpConfig(gdLog2, maxDecrease, byteCounterBytes, timerPs, fastRecoveryCycles, aiRateBps,
                haiRateBps, minRateBps, targetReset, deepCutTargetReset, counterHalving, haiStep, b);
    }

    /** Gd as a fraction. */
    public double gd() {
        return 1.0 / (1L << gdLog2);
    }
}
