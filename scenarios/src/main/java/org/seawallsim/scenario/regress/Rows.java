package org.seawallsim.scenario.regress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compares outcomes with goldens: one row per (entry, scheme, metric), plus one fingerprint row per run. */
public final class Rows {
    private Rows() {
    }

    /** Verdicts in table order; {@code failing} ones make the command exit non-zero. */
    public enum Verdict {
        /** The run threw. */
        ERROR(true),
        /** Outside tolerance, or a run that had goldens can no longer run. */
        FAIL(true),
        /** Metrics within tolerance but the event sequence differs: the model's behaviour changed somewhere. */
        FINGERPRINT_CHANGED(false),
        /**
         * No golden yet (new entry, scheme or metric): unchecked. Not a regression, but the command exits 3 outside
         * {@code --update} until {@code regress --update --only <run>} records it (a goldens file that lost runs
         * passed silently).
         */
        NEW(false),
        /** This build lacks a model the scenario needs, and had none when the goldens were recorded either. */
        UNSUPPORTED(false),
        OK(false);

        public final boolean failing;

        Verdict(boolean failing) {
            this.failing = failing;
        }

        public String label() {
            return name().replace('_', '-');
        }
    }

    /**
     * One table row. {@code goldenValue}/{@code nowValue} are NaN where there is no number (charts skip those);
     * {@code severity} is |difference| / tolerance band (for sorting failures worst first).
     */
    public record Row(String entry, String scheme, String metric, String golden, String now, String difference,
            String tolerance, Verdict verdict, String note, double goldenValue, double nowValue, double severity) {
    }

    public static List<Row> compare(Suite suite, Goldens goldens, List<Outcome> outcomes) {
        List<Row> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            Suite.Entry e = entry(suite, o.entry());
            Goldens.Golden g = goldens.get(o.key());
            switch (o.status()) {
                case ERROR -> rows.add(run(o, g, Verdict.ERROR, o.message()));
                case UNSUPPORTED -> rows.add(g != null && g.ok()
                        ? run(o, g, Verdict.FAIL, "had goldens, now cannot run: " + o.message())
                        : run(o, g, Verdict.UNSUPPORTED, o.message()));
                case OK -> {
                    boolean have = g != null && g.ok();
                    for (Map.Entry<String, Double> m : o.metrics().entrySet()) {
                        Tolerance t = suite.tolerance(e, m.getKey());
                        double now = m.getValue();
                        Double old = have ? g.metrics().get(m.getKey()) : null;
                        if (old == null) {
                            rows.add(new Row(o.entry(), o.scheme(), m.getKey(), "-", num(now), "-", t.toString(),
                                    Verdict.NEW, "no golden value yet", Double.NaN, now, 0));
                            continue;
                        }
                        double diff = now - old;
                        double band = t.band(old);
                        boolean ok = t.within(old, now);
                        rows.add(new Row(o.entry(), o.scheme(), m.getKey(), num(old), num(now), signed(diff),
                                t.toString(), ok ? Verdict.OK : Verdict.FAIL, ok ? "" : outside(diff), old, now,
                                band > 0 ? Math.abs(diff) / band : Double.isNaN(diff) || diff != 0 ? 1e9 : 0));
                    }
                    String gf = have ? g.fingerprint() : "-";
                    Verdict fv = !have ? Verdict.NEW : gf.equals(o.fingerprint()) ? Verdict.OK
                            : Verdict.FINGERPRINT_CHANGED;
                    rows.add(new Row(o.entry(), o.scheme(), "fingerprint", gf, o.fingerprint(), "-", "exact", fv,
                            fv == Verdict.FINGERPRINT_CHANGED ? "event sequence changed (does not fail by itself)"
                                    : "", Double.NaN, Double.NaN, 0));
                }
                default -> throw new IllegalStateException(o.status().toString());
            }
        }
        sort(rows, outcomes);
        return rows;
    }

    /** Regressions first (by verdict, then worst first), then in run order. */
    static void sort(List<Row> rows, List<Outcome> outcomes) {
        List<String> order = new ArrayList<>();
        for (Outcome o : outcomes) {
            order.add(o.key());
        }
        List<Row> copy = new ArrayList<>(rows);
        rows.sort(Comparator.comparingInt((Row r) -> r.verdict().ordinal())
                .thenComparing(Comparator.comparingDouble(Row::severity).reversed())
                .thenComparingInt(r -> order.indexOf(Outcome.key(r.entry(), r.scheme())))
                .thenComparingInt(copy::indexOf));
    }

    private static Row run(Outcome o, Goldens.Golden g, Verdict v, String note) {
        String golden = g == null ? "-" : g.ok() ? "ran" : "unsupported";
        String now = o.status() == Outcome.Status.ERROR ? "failed" : "unsupported";
        return new Row(o.entry(), o.scheme(), "run", golden, now, "-", "-", v, note, Double.NaN, Double.NaN,
                v.failing ? 1e9 : 0);
    }

    private static Suite.Entry entry(Suite s, String name) {
        for (Suite.Entry e : s.entries()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalStateException("no entry " + name);
    }

    /** Compact but exact enough to see small drifts: 6 significant digits. */
    static String num(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.6g", d);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    static String signed(double d) {
        return Double.isNaN(d) ? "-" : d > 0 ? "+" + num(d) : num(d);
    }

    public static boolean failing(List<Row> rows) {
        for (Row r : rows) {
            if (r.verdict().failing) {
                return true;
            }
        }
        return false;
    }

    /**
     * A FAIL's note, with its direction: tolerances are two-sided, so a result that got better (fewer drops) fails
     * as well, and "outside tolerance" alone read as a regression either way.
     */
    private static String outside(double diff) {
        return diff > 0 ? "outside tolerance, above the golden" : diff < 0 ? "outside tolerance, below the golden"
                : "outside tolerance";
    }
}
