package org.seawallsim.seawall.sim;

/**
 * Switch-port telemetry for feedback mode {@code ecn-bottleneck} ({@link LinkTelemetry}).
 *
 * @param enabled    collect and publish per-link congestion (off: the controller's cuts are not scaled)
 * @param intervalPs how often the network controller receives every port's record of which 1-ms sub-intervals
 *                   saw a mark or drop (and its counters), one batch per period (streaming telemetry)
 * @param delayPs    control-plane delay from a sample to the hypervisors having the result
 * @param gain       EWMA gain per sample of the per-port and per-path counts the shares are computed from, in
 *                   (0, 1]: a share needs tens of congestion episodes to be a fair estimate, far more than one
 *                   sample holds
 */
public record TelemetryConfig(boolean enabled, long intervalPs, long delayPs, double gain) {
    public static final long PS_PER_MS = 1_000_000_000L;

    public TelemetryConfig {
        if (intervalPs < PS_PER_MS / 10 || intervalPs > 10_000 * PS_PER_MS) {
            throw new IllegalArgumentException("telemetry interval must be in [0.1 ms, 10 s], got " + intervalPs
                    + " ps");
        }
        if (delayPs < 0 || delayPs > 10_000 * PS_PER_MS) {
            throw new IllegalArgumentException("telemetry delay must be in [0, 10 s], got " + delayPs + " ps");
        }
        if (!(gain > 0 && gain <= 1)) {
            throw new IllegalArgumentException("telemetry gain must be in (0, 1], got " + gain);
        }
    }

    /**
     * Off; when switched on: 10 ms samples, 10 ms control-plane delay, gain 0.05 (a 200 ms memory). Measured on the
     * parking lots (1 GbE, seeds 1-3): a shorter memory makes the shares noisy, and the maximum of noisy counts is
     * biased upward, so the long VM is cut too much (3 hops, long VM 0.932-0.951 of its max-min share at gain 0.1,
     * 0.950-0.971 at 0.05 but for one run with a guest TCP timeout); a longer one over-serves it (2 hops, 2:1:1,
     * one-hop VM b1 0.937-0.943 at 0.02, 0.952-0.961 at 0.05).
     */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig(false, 10 * PS_PER_MS, 10 * PS_PER_MS, 0.05);
    }

    public TelemetryConfig withEnabled(boolean v) {
        return new TelemetryConfig(v, intervalPs, delayPs, gain);
    }

    public TelemetryConfig withIntervalPs(long v) {
        return new TelemetryConfig(enabled, v, delayPs, gain);
    }

    public TelemetryConfig withDelayPs(long v) {
        return new TelemetryConfig(enabled, intervalPs, v, gain);
    }

    public TelemetryConfig withGain(double v) {
        return new TelemetryConfig(enabled, intervalPs, delayPs, v);
    }
}
