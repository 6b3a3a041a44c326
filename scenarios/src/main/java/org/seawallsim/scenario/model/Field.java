package org.seawallsim.scenario.model;

/**
 * One key of the scenario format.
 *
 * @param dflt default value (Long, Double, String, Boolean, a List, or null when the field has no default)
 * @param unit unit of the value, shown by {@code describe} ("" when unitless); the key names carry units too
 * @param sweepable whether a list in place of the scalar makes a sweep axis
 */
public record Field(String name, Type type, boolean required, Object dflt, String unit, String doc, boolean sweepable) {
    public static Field req(String name, Type type, String unit, String doc) {
        return new Field(name, type, true, null, unit, doc, false);
    }

    public static Field opt(String name, Type type, Object dflt, String unit, String doc) {
        return new Field(name, type, false, dflt, unit, doc, false);
    }

    /** An optional scalar that may also be given as a list of values to sweep. */
    public static Field axis(String name, Type type, Object dflt, String unit, String doc) {
        return new Field(name, type, false, dflt, unit, doc, true);
    }
}
