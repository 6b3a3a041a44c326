package org.seawallsim.baseline.qcn;

/**
 * The rate state machine of one 802.1Qau reaction point (one rate limiter), without any timing machinery: its owner
 * calls {@link #onCnm}, {@link #onBytesSent} and {@link #onTimerExpired} and runs the timer. A CNM cuts the current
 * rate CR by min(Gd·Fb, maxDecrease) and restarts both counters; each completed byte-counter or timer cycle raises
 * CR halfway toward the target TR, in fast recovery (while neither counter has completed more than F cycles: the
 * papers' five FR cycles), active increase (one counter past F: TR += R_AI) or hyper-active increase (both past F:
 * TR += i·R_HAI, i = min(stages) - F, so 1, 2, 3...). Rates are doubles in bit/s because the averaging step halves
 * them repeatedly.
 *
 * <p>Stage convention: the stage counters count completed cycles since the last CNM and are incremented before the
 * regime is chosen, as in the pseudo code; the pseudo code's "stage &lt; F" test then yields only F - 1 fast-recovery
 * increases, while the papers describe F of them. This class follows the papers (F full FR cycles); the NS3 variant
 * of the HAI step ({@link QcnRpConfig.HaiStep#NS3_PLUS_ONE}) adds one more R_HAI per step.
 *
 * <p>Not thread-safe; deterministic (no randomness, no clock).
 */
public final class ReactionPoint {
    /** The increase regime the next increase event will use. */
    public enum Stage { FAST_RECOVERY, ACTIVE_INCREASE, HYPER_ACTIVE_INCREASE }

    private final QcnRpConfig cfg;
    private final double lineRateBps;
    private double crBps;
    private double trBps;
    private long bcRemainingBytes;
    private int byteStage;
    private int timeStage;

    /** A newly activated rate limiter: CR = TR = line rate, counters at stage 0. */
    public ReactionPoint(QcnRpConfig cfg, long lineRateBps) {
        if (lineRateBps <= 0) {
            throw new IllegalArgumentException("reaction point lineRateBps must be > 0, got " + lineRateBps);
        }
        this.cfg = cfg;
        this.lineRateBps = lineRateBps;
        this.crBps = lineRateBps;
        this.trBps = lineRateBps;
        this.bcRemainingBytes = cfg.byteCounterBytes();
    }

    /** Applies a CNM with quantized feedback 1..63. The owner must restart the timer with {@link #timerPeriodPs()}. */
    public void onCnm(int qntzFb) {
        if (qntzFb < 1 || qntzFb > 63) {
            throw new IllegalArgumentException("qntzFb must be in [1, 63], got " + qntzFb);
        }
        if (cfg.targetReset() == QcnRpConfig.TargetReset.EVERY_CNM || byteStage > 0 || timeStage > 0) {
            trBps = crBps;
        }
        double factor = Math.max(1 - qntzFb * cfg.gd(), 1 - cfg.maxDecrease());
        crBps = Math.max(crBps * factor, cfg.minRateBps());
        byteStage = 0;
        timeStage = 0;
        bcRemainingBytes = cfg.byteCounterBytes();
    }

    /** Counts bytes the limiter sent; returns true if a byte-counter cycle completed (and the rate increased). */
    public boolean onBytesSent(long bytes) {
        bcRemainingBytes -= bytes;
        if (bcRemainingBytes > 0) {
            return false;
        }
        byteStage++;
        bcRemainingBytes = byteCycleBytes();
        increase();
        return true;
    }

    /** The timer expired: one timer cycle completes and the rate increases. Returns the next timer period. */
    public long onTimerExpired() {
        timeStage++;
        increase();
        return timerPeriodPs();
    }

    // A counter's cycles after its F-th are half length (pseudo code), or only once both counters are past
    // their F-th cycle (the ns-3 DCQCN variant).
    private boolean halveByteCounter() {
        int f = cfg.fastRecoveryCycles();
        return cfg.counterHalving() == QcnRpConfig.CounterHalving.PER_COUNTER
                ? byteStage >= f : byteStage >= f && timeStage >= f;
    }

    private boolean halveTimer() {
        int f = cfg.fastRecoveryCycles();
        return cfg.counterHalving() == QcnRpConfig.CounterHalving.PER_COUNTER
                ? timeStage >= f : byteStage >= f && timeStage >= f;
    }

    private long byteCycleBytes() {
        return halveByteCounter() ? cfg.byteCounterBytes() / 2 : cfg.byteCounterBytes();
    }

    /** Length of the timer cycle that starts now. */
    public long timerPeriodPs() {
        return halveTimer() ? cfg.timerPs() / 2 : cfg.timerPs();
    }

    /** The regime of the current stage counters (the one the last increase used). */
    public Stage stage() {
        int f = cfg.fastRecoveryCycles();
        if (byteStage <= f && timeStage <= f) {
            return Stage.FAST_RECOVERY;
        }
        if (byteStage <= f || timeStage <= f) {
            return Stage.ACTIVE_INCREASE;
        }
        return Stage.HYPER_ACTIVE_INCREASE;
    }

    private void increase() {
        switch (stage()) {
            case FAST_RECOVERY -> {
            }
            case ACTIVE_INCREASE -> trBps += cfg.aiRateBps();
            case HYPER_ACTIVE_INCREASE -> {
                int i = Math.min(byteStage, timeStage) - cfg.fastRecoveryCycles();
                if (cfg.haiStep() == QcnRpConfig.HaiStep.NS3_PLUS_ONE) {
                    i++;
                }
                trBps += (double) i * cfg.haiRateBps();
            }
        }
        if (cfg.deepCutTargetReset() && (byteStage == 1 || timeStage == 1) && trBps > 10 * crBps) {
            trBps /= 8;
        }
        trBps = Math.min(trBps, lineRateBps);
        crBps = Math.min((crBps + trBps) / 2, lineRateBps);
        // Averaging only approaches the line rate; a hardware limiter's rate granularity ends the approach, which
        // is what lets the limiter be released. Snap within 1/1024 of line rate.
        if (crBps >= lineRateBps * (1 - 1.0 / 1024)) {
            crBps = lineRateBps;
        }
    }

    public double currentRateBps() {
        return crBps;
    }

    public double targetRateBps() {
        return trBps;
    }

    public int byteStage() {
        return byteStage;
    }

    public int timeStage() {
        return timeStage;
    }

    public long byteCounterRemainingBytes() {
        return bcRemainingBytes;
    }

    /** True once CR is back at the line rate (the limiter may then be released when its queue is empty). */
    public boolean atLineRate() {
        return crBps >= lineRateBps;
    }
}
