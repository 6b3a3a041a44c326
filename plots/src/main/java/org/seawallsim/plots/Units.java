package org.seawallsim.plots;

/** Display units: files hold SI base units (bit/s, bytes, seconds, fractions); charts show readable multiples. */
public final class Units {
    /** bit/s to Mb/s. */
    public static final double MBPS = 1e-6;
    /** bytes to kB (1000 bytes). */
    public static final double KB = 1e-3;
    /** fraction to percent. */
    public static final double PERCENT = 100;
    /** seconds to milliseconds. */
    public static final double MS = 1e3;

    private Units() {
    }

    /**
     * How a sweep metric column is shown: a multiplier from the file's value, the axis label with its unit, and the
     * unit alone ("" for none), which the report's tables name so that they agree with the chart.
     */
    public record Scale(double factor, String label, String unit) {
        /** " (unit)", or "" without one. */
        public String suffix() {
            return unit.isEmpty() ? "" : " (" + unit + ")";
        }
    }

    public static Scale forMetric(String metric) {
        String m = metric.toLowerCase(java.util.Locale.ROOT);
        if (m.endsWith("_bps")) {
            return new Scale(MBPS, metric + " (Mb/s)", "Mb/s");
        }
        if (m.equals("jain_weighted")) {
            return new Scale(1, "Jain index of goodput/weight (1 = proportional to weights)", "");
        }
        if (m.equals("isolation_error")) {
            return new Scale(1, "isolation error (0 = ideal shares)", "");
        }
        if (m.contains("utilization")) {
            return new Scale(PERCENT, metric + " (% of capacity)", "%");
        }
        if (m.equals("drops") || m.endsWith("drops")) {
            return new Scale(1, metric + " (packets)", "packets");
        }
        if (m.endsWith("share")) {
            return new Scale(1, metric + " (fraction)", "fraction");
        }
        if (m.endsWith("_s")) {
            return new Scale(MS, metric + " (ms)", "ms");
        }
        if (m.endsWith("_bytes")) {
            return new Scale(KB, metric + " (kB)", "kB");
        }
        return new Scale(1, metric, "");
    }
}
