package org.seawallsim.engine.time;

/** Rates are {@code long} bits per second; these factories keep the unit visible at the call site. */
public final class Rate {
    private Rate() {
    }

    public static long kbps(long k) {
        return Math.multiplyExact(k, 1_000L);
    }

    public static long mbps(long m) {
        return Math.multiplyExact(m, 1_000_000L);
    }

    public static long gbps(long g) {
        return Math.multiplyExact(g, 1_000_000_000L);
    }

    /** Bits per second achieved by {@code bytes} over {@code durationPs}. */
    public static double bps(long bytes, long durationPs) {
        if (durationPs <= 0) {
            return 0;
        }
        return bytes * 8.0 * Time.PS_PER_S / durationPs;
    }

    public static String format(double bps) {
        if (bps >= 1e9) {
            return String.format(java.util.Locale.ROOT, "%.3fGbps", bps / 1e9);
        }
        if (bps >= 1e6) {
            return String.format(java.util.Locale.ROOT, "%.3fMbps", bps / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.0fbps", bps);
    }
}
