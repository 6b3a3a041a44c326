package org.seawallsim.baseline.qcn;

import java.util.ArrayList;
import java.util.List;

/**
 * Congestion-point parameters (IEEE 802.1Qau). Defaults are the 802.1Qau MIB DEFVALs.
 *
 * @param qeqBytes        queue set point Qeq, bytes (default 26000, cpQueueSizeSetPoint; the QCN papers' 10G
 *                        simulations use ~33 KB)
 * @param w               feedback weight on the queue's growth (default 2; the MIB's cpFeedbackWeight = 1 is log2)
 * @param sampleBaseBytes sampling interval at no congestion, bytes of arriving frames (default 150000,
 *                        cpMinSampleBase); the interval shrinks to base/(1 + qntzFb/8) as feedback grows (the
 *                        table of the public Linux CP prototype, which uses base 153600)
 * @param jitterFraction  uniform jitter of each sampling interval, as a fraction (0 = none, the default; 0.15 is
 *                        the +-15% commonly cited for the standard). Draws come from a seeded per-port stream.
 */
public record QcnCpConfig(long qeqBytes, int w, long sampleBaseBytes, double jitterFraction) {
    public static final long DEFAULT_QEQ_BYTES = 26_000;
    public static final int DEFAULT_W = 2;
    public static final long DEFAULT_SAMPLE_BASE_BYTES = 150_000;

    public QcnCpConfig {
        List<String> errors = new ArrayList<>();
        if (qeqBytes <= 0) {
            errors.add("qeqBytes must be > 0, got " + qeqBytes);
        }
        if (w < 0 || w > 64) {
            errors.add("w must be in [0, 64], got " + w);
        }
        if (sampleBaseBytes < 1600) {
            errors.add("sampleBaseBytes must be >= 1600 (at least one full frame per sample), got "
                    + sampleBaseBytes);
        }
        if (!(jitterFraction >= 0 && jitterFraction < 1)) {
            errors.add("jitterFraction must be in [0, 1), got " + jitterFraction);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid QCN CP config: " + String.join("; ", errors));
        }
    }

    public static QcnCpConfig defaults() {
        return new QcnCpConfig(DEFAULT_QEQ_BYTES, DEFAULT_W, DEFAULT_SAMPLE_BASE_BYTES, 0);
    }

    public QcnCpConfig withQeqBytes(long q) {
        return new QcnCpConfig(q, w, sampleBaseBytes, jitterFraction);
    }

    public QcnCpConfig withJitterFraction(double j) {
        return new QcnCpConfig(qeqBytes, w, sampleBaseBytes, j);
    }

    public QcnCpConfig withSampleBaseBytes(long b) {
        return new QcnCpConfig(qeqBytes, w, b, jitterFraction);
    }

    /** |Fb| at which quantized feedback saturates at 63: Qeq x (2w + 1). */
    public long fbMaxBytes() {
        return qeqBytes * (2L * w + 1);
    }
}
