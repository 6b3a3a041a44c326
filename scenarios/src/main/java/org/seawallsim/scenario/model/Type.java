package org.seawallsim.scenario.model;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The declarative description of the scenario format. One tree of these drives validation ({@link Binder}), the
 * JSON Schema ({@link JsonSchema}), the {@code describe} command and "did you mean" suggestions, so they cannot
 * drift apart.
 */
public sealed interface Type {
    /** One-line name of the accepted values, used in error messages ("a number >= 0"). */
    String allowed();

    record Str() implements Type {
        @Override
        public String allowed() {
            return "a string";
        }
    }

    /** An integer; {@code why} (or null) says where a bound comes from, shown with it. */
    record Int(long min, long max, String why) implements Type {
        public Int(long min, long max) {
            this(min, max, null);
        }

        @Override
        public String allowed() {
            // The full 64-bit range (seed, tieSeed) said "an integer >= -9223372036854775808", with no upper bound.
            String range = max == Long.MAX_VALUE && min == Long.MIN_VALUE ? "an integer from " + min + " to " + max
                    : max == Long.MAX_VALUE ? "an integer >= " + min : "an integer in [" + min + ", " + max + "]";
            return why == null ? range : range + " (" + why + ")";
        }
    }

    /**
     * A real number; {@code minExclusive} makes the lower bound strict (rates, durations). {@code why} (or null) says
     * where a bound comes from when it is a limit of the simulator rather than of the quantity, and is shown with it.
     */
    record Num(double min, boolean minExclusive, double max, String why) implements Type {
        public Num(double min, boolean minExclusive, double max) {
            this(min, minExclusive, max, null);
        }

        @Override
        public String allowed() {
            if (min == -Double.MAX_VALUE && !minExclusive && max == Double.MAX_VALUE) {
                return "a number"; // any finite one: "a number >= -1.7976931348623157E308" said nothing more
            }
            String lo = (minExclusive ? "> " : ">= ") + fmt(min);
            String range = max == Double.MAX_VALUE ? "a number " + lo : "a number " + lo + " and <= " + fmt(max);
            return why == null ? range : range + " (" + why + ")";
        }

        private static String fmt(double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Math.abs(d) > 1e300 ? Double.toString(d)
                    : new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toString().replace("E", "e");
        }
    }

    record Bool() implements Type {
        @Override
        public String allowed() {
            return "true or false";
        }
    }

    record Enum(List<String> values) implements Type {
        @Override
        public String allowed() {
            return "one of " + String.join(", ", values);
        }
    }

    /** A closed object: every key must be one of the fields. */
    record Obj(String title, List<Field> fields) implements Type {
        @Override
        public String allowed() {
            return "a mapping (" + title + ")";
        }

        public Field field(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** A list; when {@code scalarOk} a single item may be written without brackets. */
    record ListOf(Type item, int minItems, int maxItems, boolean scalarOk) implements Type {
        @Override
        public String allowed() {
            String n = minItems == maxItems ? "exactly " + minItems : minItems > 0 ? "at least " + minItems : "any number of";
            return "a list of " + n + (minItems == maxItems && minItems == 1 ? " item (" : " items (") + item.allowed()
                    + ")";
        }
    }

    /** Named entries: the keys are names chosen by the user (tenants, VMs). */
    record MapOf(Type value, String keyMeaning, int minEntries) implements Type {
        @Override
        public String allowed() {
            return "a mapping from " + keyMeaning + " to " + value.allowed();
        }
    }

    /** One of several object shapes, chosen by the value of the {@code discriminator} key. */
    record Union(String title, String discriminator, LinkedHashMap<String, Obj> variants) implements Type {
        @Override
        public String allowed() {
            return "a mapping with '" + discriminator + "' one of " + String.join(", ", variants.keySet());
        }
    }

    /** Free scalar parameters checked later by the component that takes them (scheme parameters). */
    record FreeMap(String meaning) implements Type {
        @Override
        public String allowed() {
            return "a mapping of " + meaning;
        }
    }
}
