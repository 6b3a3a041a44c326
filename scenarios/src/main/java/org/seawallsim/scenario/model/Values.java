package org.seawallsim.scenario.model;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.scenario.yaml.Loc;

/**
 * Typed reads from bound values, tolerant of values that failed validation (those read as the default), and the one
 * problem list every part of the conversion reports into.
 */
final class Values {
    private final List<Problem> problems;

    Values(List<Problem> problems) {
        this.problems = problems;
    }

    void error(Loc loc, String path, String msg) {
        problems.add(new Problem(loc, path, msg));
    }

    static double num(V obj, String key, double dflt) {
        V x = obj.get(key);
        return x == null || !(x.value() instanceof Number n) ? dflt : n.doubleValue();
    }

    static long lng(V obj, String key, long dflt) {
        V x = obj.get(key);
        return x == null || !(x.value() instanceof Number n) ? dflt : n.longValue();
    }

    static String str(V obj, String key) {
        V x = obj.get(key);
        return x == null || !(x.value() instanceof String s) ? null : s;
    }

    static List<String> strings(V obj, String key) {
        V x = obj.get(key);
        List<String> out = new ArrayList<>();
        if (x != null && x.value() instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof V item && item.value() instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code key}, a field with a default, was given a value that failed validation (the binder keeps a
     * null there). Checks that relate it to other fields skip then: with the default standing in they spoke of
     * values the file never had ("the star topology has hosts h0..h1" after 'builder: Dumbbell' was refused).
     */
    static boolean refused(V obj, String key) {
        V x = obj == null || !(obj.value() instanceof java.util.Map<?, ?>) ? null : obj.get(key);
        return x != null && x.value() == null;
    }

    /** Whether any of {@code keys} was refused (see {@link #refused(V, String)}). */
    static boolean refused(V obj, String... keys) {
        for (String k : keys) {
            if (refused(obj, k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code key} was written in the file (or set), not filled in as a default: a default carries its
     * object's location, a written value its own.
     */
    static boolean given(V obj, String key) {
        V x = obj.get(key);
        return x != null && x.value() != null && !x.loc().equals(obj.loc());
    }

    /**
     * Whether {@code key} was written in the file (or set), its value refused or not: a refused value is null at its
     * own location, a default at its object's.
     */
    static boolean written(V obj, String key) {
        V x = obj.get(key);
        return x != null && !x.loc().equals(obj.loc());
    }

    /**
     * Refuses each of {@code keys} written in {@code obj} although it does not apply, as {@code "'k' only applies to
     * " + where}: accepted and ignored, they made a file say what the run did not do.
     */
    void notApplicable(V obj, String path, String where, String... keys) {
        for (String k : keys) {
            if (given(obj, k)) {
                error(locOf(obj, k), path + "." + k, "'" + k + "' only applies to " + where);
            }
        }
    }

    /** Where {@code key} was written, or its object's location when it was defaulted. */
    static Loc locOf(V obj, String key) {
        V x = obj.get(key);
        return x == null ? obj.loc() : x.loc();
    }
}
