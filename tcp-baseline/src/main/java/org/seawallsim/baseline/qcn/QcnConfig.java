package org.seawallsim.baseline.qcn;

/**
 * Configuration of the "qcn" baseline: congestion points on every switch egress port, reaction points in every host
 * NIC. See {@link QcnCpConfig} and {@link QcnRpConfig} for each parameter, its unit and its default.
 */
public record QcnConfig(QcnCpConfig cp, QcnRpConfig rp) {
    public QcnConfig {
        if (cp == null || rp == null) {
            throw new IllegalArgumentException("QCN config needs both cp and rp, got cp=" + cp + " rp=" + rp);
        }
    }

    public static QcnConfig defaults() {
        return new QcnConfig(QcnCpConfig.defaults(), QcnRpConfig.defaults());
    }
}
