package org.seawallsim.scenario.regress;

import java.util.Locale;

/**
 * How far a metric may move from its golden value: the larger of an absolute band and a band relative to the golden
 * value. Either may be zero (then only the other applies; both zero means "must be equal").
 */
public record Tolerance(double abs, double rel) {
    public Tolerance {
        if (!(abs >= 0) || Double.isInfinite(abs)) {
            throw new IllegalArgumentException("tolerance abs: expected a finite number >= 0, got " + abs);
        }
        if (!(rel >= 0) || Double.isInfinite(rel)) {
            throw new IllegalArgumentException("tolerance rel: expected a finite number >= 0, got " + rel);
        }
    }

    /** The allowed absolute deviation around {@code golden}. */
    public double band(double golden) {
        return Math.max(abs, rel * Math.abs(golden));
    }

    public boolean within(double golden, double now) {
        if (Double.isNaN(golden) || Double.isNaN(now)) {
            return Double.isNaN(golden) && Double.isNaN(now);
        }
        // A hair of slack so that a value exactly on the band edge is not failed by rounding in the JSON round trip.
        return Math.abs(now - golden) <= band(golden) * (1 + 1e-9) + 1e-12;
    }

    @Override
    public String toString() {
        if (rel == 0) {
            return String.format(Locale.ROOT, "±%s", Rows.num(abs));
        }
        if (abs == 0) {
            return String.format(Locale.ROOT, "±%s%%", Rows.num(rel * 100));
        }
        return String.format(Locale.ROOT, "±max(%s, %s%%)", Rows.num(abs), Rows.num(rel * 100));
    }
}
