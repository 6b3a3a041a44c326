package org.seawallsim.scenario.model;

import org.seawallsim.scenario.yaml.Spelling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;

/**
 * Checks a located YAML tree against a {@link Type} tree and fills in defaults. It never stops at the first error:
 * every problem is collected, so a user fixes a file in one pass. Sweepable scalars given as lists become axes.
 */
public final class Binder {
    /** What a user-chosen name (tenant, VM, the scenario's) may be: it becomes part of paths and CSV columns. */
    /** At most 100 characters: a name becomes a results folder's name (with "-scheme"), and file names stop at 255. */
    static final String NAME = "[A-Za-z][A-Za-z0-9_-]{0,99}";
    static final String NAME_RULE = "a name must start with a letter and contain only letters, digits, '_' and '-', "
            + "at most 100 characters";

    /** Why a YAML integer the readers cannot take is refused: hex, octal and binary are not read. */
    private static final String NOT_DECIMAL = " (hex, octal and binary integers are not read: write it in decimal "
            + "digits)";

    /**
     * A list-valued sweepable field: {@code path} is where it sits, {@code values} the validated points, {@code loc}
     * the list's place and {@code itemLocs} each value's (checks made after binding name the item they refuse).
     */
    public record Axis(String path, List<Object> values, Loc loc, List<Loc> itemLocs) {
        public Axis {
            itemLocs = List.copyOf(itemLocs);
        }
    }

    private final List<Problem> problems = new ArrayList<>();
    private final List<Axis> axes = new ArrayList<>();

    public List<Problem> problems() {
        return problems;
    }

    public List<Axis> axes() {
        return axes;
    }

    public V bind(YNode node, Type type, String path) {
        return bind(node, type, path, false);
    }

    private void error(Loc loc, String path, String msg) {
        problems.add(new Problem(loc, path, msg));
    }

    private V bind(YNode node, Type type, String path, boolean sweepable) {
        // A free map (schemeParams.<scheme>) is swept parameter by parameter (flatten), not as a whole.
        if (sweepable && node instanceof YNode.Sequence seq && !(type instanceof Type.ListOf)
                && !(type instanceof Type.FreeMap)) {
            return axis(seq, path, type.allowed(), (item, ip) -> bind(item, type, ip, false), seq.loc());
        }
        if (type instanceof Type.Obj obj) {
            return bindObj(node, obj, path, null);
        }
        if (type instanceof Type.Union u) {
            return bindUnion(node, u, path);
        }
        if (type instanceof Type.ListOf l) {
            return bindList(node, l, path);
        }
        if (type instanceof Type.MapOf m) {
            return bindMap(node, m, path);
        }
        if (type instanceof Type.FreeMap fm) {
            if (!(node instanceof YNode.Mapping mapping)) {
                error(node.loc(), path, "expected " + fm.allowed() + ", got " + what(node));
                return new V(null, node.loc());
            }
            Map<String, V> out = new LinkedHashMap<>();
            flatten(mapping, "", path, out, sweepable);
            return new V(out, node.loc());
        }
        return bindScalar(node, type, path);
    }

    /**
     * A free map's entries as dotted keys: a nested mapping such as {@code rateMbps: {attacker: 100}} (or the
     * mapping a {@code --set a.b.c=v} builds) gives {@code rateMbps.attacker}, the form the schemes read.
     */
    private void flatten(YNode.Mapping mapping, String prefix, String path, Map<String, V> out, boolean sweepable) {
        for (YNode.Entry e : mapping.entries().values()) {
            String key = prefix + e.key();
            boolean axis = sweepable && e.value() instanceof YNode.Sequence;
            if (axis || e.value() instanceof YNode.Scalar sc && sc.kind() != YNode.Kind.NULL) {
                V before = out.get(key);
                Loc at = e.value().loc();
                if (before != null) {
                    // rateMbps: {t1: 6} and rateMbps.t1: 5 name one parameter: the later silently won, and a --set
                    // of it could land in the other spelling and be overridden.
                    error(at, path + "." + key, "this parameter is given twice, here and at "
                            + (before.loc().line() > 0 ? "line " + before.loc().line() + ", column "
                            + before.loc().column() : before.loc().toString()) + " (once nested, once as a dotted "
                            + "key '" + key + "'): give it once");
                    continue;
                }
                out.put(key, axis ? freeAxis((YNode.Sequence) e.value(), path + "." + key)
                        : freeScalar((YNode.Scalar) e.value()));
            } else if (e.value() instanceof YNode.Mapping inner) {
                flatten(inner, key + ".", path, out, sweepable);
            } else {
                error(e.value().loc(), path + "." + key, "expected a scalar value or a mapping of them, got "
                        + what(e.value()));
            }
        }
    }

    /** A free map's value as its scheme reads it: the text as written, booleans as everywhere else (bindScalar). */
    private static V freeScalar(YNode.Scalar s) {
        // True and FALSE are true and false; yes/no/on/off stay as written, which the schemes' readers refuse.
        boolean bool = s.kind() == YNode.Kind.BOOL && trueOrFalse(s.text());
        return new V(bool ? s.text().toLowerCase(Locale.ROOT) : s.text(), s.loc());
    }

    /**
     * A list given for one parameter of a free map (schemeParams.seawall.intervalUs: [500, 2000]): a sweep axis of
     * its texts, as a list makes one for the format's own fields. Only the shape is checked here; the scheme's reader
     * judges each value (ScenarioAssembler names the item it refuses). The first value stands in, as for any axis.
     */
    private V freeAxis(YNode.Sequence seq, String path) {
        return axis(seq, path, "a scalar value or a list of them", (item, ip) -> {
            if (!(item instanceof YNode.Scalar s) || s.kind() == YNode.Kind.NULL) {
                error(item.loc(), ip, "expected a scalar value (an item of a sweep axis), got " + what(item));
                return new V(null, item.loc());
            }
            return freeScalar(s);
        }, seq.items().isEmpty() ? seq.loc() : seq.items().get(0).loc());
    }

    /**
     * A list given where one value is expected: a sweep axis of its items, each bound by {@code item} (with its
     * path, {@code path[i]}) and given once. Returns the first value, which stands in for the axis, placed at
     * {@code standInLoc}; an empty list is refused, naming what the field takes ({@code allowed}).
     */
    private V axis(YNode.Sequence seq, String path, String allowed, BiFunction<YNode, String, V> item,
            Loc standInLoc) {
        if (seq.items().isEmpty()) {
            error(seq.loc(), path, "an empty list cannot be a sweep axis; expected " + allowed);
            return new V(null, seq.loc());
        }
        List<Object> values = new ArrayList<>();
        int before = problems.size();
        for (int i = 0; i < seq.items().size(); i++) {
            V v = item.apply(seq.items().get(i), path + "[" + i + "]");
            // A value given twice ran its points twice ([tcp,seawall,tcp]: 6 runs for 2 schemes), where
            // compare and --schemes refuse a scheme named twice.
            int first = v.value() == null ? -1 : values.indexOf(v.value());
            if (first >= 0) {
                error(seq.items().get(i).loc(), path + "[" + i + "]", "the sweep axis gives " + v.value()
                        + " twice (items " + first + " and " + i + ", from 0), which would run the same points "
                        + "twice; give each value once");
            }
            values.add(v.value());
        }
        if (problems.size() == before) {
            axes.add(new Axis(path, values, seq.loc(), itemLocs(seq)));
        }
        return new V(values.get(0), standInLoc);
    }

    private static List<Loc> itemLocs(YNode.Sequence seq) {
        List<Loc> out = new ArrayList<>();
        for (YNode item : seq.items()) {
            out.add(item.loc());
        }
        return out;
    }

    private V bindScalar(YNode node, Type type, String path) {
        if (!(node instanceof YNode.Scalar s)) {
            error(node.loc(), path, "expected " + type.allowed() + ", got " + what(node));
            return new V(null, node.loc());
        }
        String bad = "expected " + type.allowed() + ", got " + s.describe();
        if (type instanceof Type.Str) {
            if (s.kind() == YNode.Kind.NULL) {
                error(s.loc(), path, bad);
                return new V(null, s.loc());
            }
            return new V(s.text(), s.loc());
        }
        if (type instanceof Type.Bool) {
            // One rule for every boolean, here and in schemeParams (whose readers take true and false only): true or
            // false, as YAML 1.2 and the JSON schema have it. The parser also reports YAML 1.1's yes/no/on/off as
            // booleans, and Boolean.parseBoolean read each of them as false: 'sack: yes' turned SACK off.
            if (s.kind() == YNode.Kind.BOOL && !trueOrFalse(s.text())) {
                error(s.loc(), path, "expected true or false, got " + s.text() + " (YAML 1.1's yes/no/on/off are not "
                        + "taken as booleans: write true or false)");
                return new V(null, s.loc());
            }
            // A quoted "true" or "false" (any case) is taken, as schemeParams takes it: 'active: "true"' was refused
            // with 'expected true or false, got "true"'.
            boolean quoted = s.kind() == YNode.Kind.STRING && trueOrFalse(s.text());
            if (s.kind() != YNode.Kind.BOOL && !quoted) {
                error(s.loc(), path, bad);
                return new V(null, s.loc());
            }
            return new V(Boolean.parseBoolean(s.text()), s.loc());
        }
        if (type instanceof Type.Enum t) {
            if (s.kind() == YNode.Kind.NULL || !t.values().contains(s.text())) {
                error(s.loc(), path, bad + didYouMean(s.text(), t.values()));
                return new V(null, s.loc());
            }
            return new V(s.text(), s.loc());
        }
        if (type instanceof Type.Int t) {
            long v;
            if (s.kind() == YNode.Kind.FLOAT) {
                return integralFloat(s, t, path, bad);
            }
            if (s.kind() != YNode.Kind.INT) {
                error(s.loc(), path, bad);
                return new V(null, s.loc());
            }
            try {
                v = Long.parseLong(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // Only decimal digits overflow: 0x0A (YAML's hex, 10) was called "too large: at most 100000".
                String digits = s.text().trim().replace("_", "");
                boolean negative = digits.startsWith("-");
                error(s.loc(), path, bad + (!digits.matches("[-+]?[0-9]+") ? NOT_DECIMAL
                        : negative ? " (too small: at least " + t.min() + ")" : " (too large: at most " + t.max()
                        + ")"));
                return new V(null, s.loc());
            }
            if (v < t.min() || v > t.max()) {
                error(s.loc(), path, bad);
                return new V(null, s.loc());
            }
            return new V(v, s.loc());
        }
        if (type instanceof Type.Num t) {
            if (s.kind() != YNode.Kind.INT && s.kind() != YNode.Kind.FLOAT) {
                error(s.loc(), path, bad);
                return new V(null, s.loc());
            }
            double v;
            try {
                v = Double.parseDouble(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                error(s.loc(), path, bad + (s.kind() == YNode.Kind.INT ? NOT_DECIMAL : ""));
                return new V(null, s.loc());
            }
            boolean low = t.minExclusive() ? !(v > t.min()) : !(v >= t.min());
            if (low || v > t.max() || Double.isNaN(v) || Double.isInfinite(v)) {
                error(s.loc(), path, bad);
                return new V(null, s.loc());
            }
            return new V(v, s.loc());
        }
        throw new IllegalStateException("not a scalar type: " + type);
    }

    /**
     * An integer written as a float with no fractional part ({@code 1e6}, {@code 1000000.0}, {@code -0.0}) is that
     * integer: JSON Schema, and so an editor checking the file, counts it as one, and 1e6 bytes is how people write a
     * million. It is read exactly, in decimal, so {@code 1.5} and {@code 1e-3} stay refused and no rounding of a
     * double makes {@code 9007199254740993.0} another integer.
     */
    private V integralFloat(YNode.Scalar s, Type.Int t, String path, String bad) {
        java.math.BigDecimal d;
        try {
            d = new java.math.BigDecimal(s.text().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            error(s.loc(), path, bad); // .inf, .nan
            return new V(null, s.loc());
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            error(s.loc(), path, bad + " (not a whole number)");
            return new V(null, s.loc());
        }
        if (d.compareTo(java.math.BigDecimal.valueOf(t.min())) < 0) {
            error(s.loc(), path, bad + " (too small: at least " + t.min() + ")");
            return new V(null, s.loc());
        }
        if (d.compareTo(java.math.BigDecimal.valueOf(t.max())) > 0) {
            error(s.loc(), path, bad + " (too large: at most " + t.max() + ")");
            return new V(null, s.loc());
        }
        return new V(d.longValueExact(), s.loc());
    }

    private V bindList(YNode node, Type.ListOf l, String path) {
        List<YNode> items;
        if (node instanceof YNode.Sequence seq) {
            items = seq.items();
        } else if (l.scalarOk() && node instanceof YNode.Scalar s && s.kind() != YNode.Kind.NULL) {
            items = List.of(node);
        } else {
            error(node.loc(), path, "expected " + l.allowed() + ", got " + what(node));
            return new V(null, node.loc());
        }
        if (items.size() < l.minItems() || items.size() > l.maxItems()) {
            error(node.loc(), path, "expected " + l.allowed() + ", got " + items.size()
                    + (items.size() == 1 ? " item" : " items"));
        }
        List<V> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(bind(items.get(i), l.item(), path + "[" + i + "]", false));
        }
        return new V(out, node.loc());
    }

    private V bindMap(YNode node, Type.MapOf m, String path) {
        if (!(node instanceof YNode.Mapping mapping)) {
            error(node.loc(), path, "expected " + m.allowed() + ", got " + what(node));
            return new V(null, node.loc());
        }
        if (mapping.entries().size() < m.minEntries()) {
            error(node.loc(), path, "needs at least " + m.minEntries() + " " + m.keyMeaning());
        }
        Map<String, V> out = new LinkedHashMap<>();
        for (YNode.Entry e : mapping.entries().values()) {
            if (!e.key().matches(NAME)) {
                error(e.keyLoc(), path + "." + e.key(), NAME_RULE);
            }
            out.put(e.key(), bind(e.value(), m.value(), path + "." + e.key(), false));
        }
        return new V(out, node.loc());
    }

    private V bindUnion(YNode node, Type.Union u, String path) {
        if (!(node instanceof YNode.Mapping mapping)) {
            error(node.loc(), path, "expected " + u.allowed() + ", got " + what(node));
            return new V(null, node.loc());
        }
        YNode d = mapping.get(u.discriminator());
        List<String> kinds = new ArrayList<>(u.variants().keySet());
        if (d == null) {
            error(node.loc(), path, "missing required field '" + u.discriminator() + "' (one of "
                    + String.join(", ", kinds) + ")");
            return new V(null, node.loc());
        }
        if (!(d instanceof YNode.Scalar s) || !u.variants().containsKey(s.text())) {
            String got = d instanceof YNode.Scalar s ? s.describe() : what(d);
            String hint = d instanceof YNode.Scalar s ? didYouMean(s.text(), kinds) : "";
            error(d.loc(), path + "." + u.discriminator(), "expected one of " + String.join(", ", kinds) + ", got "
                    + got + hint);
            return new V(null, node.loc());
        }
        return bindObj(node, u.variants().get(s.text()), path, u.discriminator());
    }

    private V bindObj(YNode node, Type.Obj obj, String path, String discriminator) {
        if (!(node instanceof YNode.Mapping mapping)) {
            error(node.loc(), path, "expected " + obj.allowed() + ", got " + what(node));
            return new V(null, node.loc());
        }
        Map<String, V> out = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (Field f : obj.fields()) {
            known.add(f.name());
        }
        if (discriminator != null) {
            known.add(discriminator);
            out.put(discriminator, new V(((YNode.Scalar) mapping.get(discriminator)).text(),
                    mapping.get(discriminator).loc()));
        }
        for (YNode.Entry e : mapping.entries().values()) {
            if (!known.contains(e.key())) {
                error(e.keyLoc(), join(path, e.key()), "unknown key '" + e.key() + "'" + didYouMean(e.key(), known)
                        + " (allowed here: " + String.join(", ", known) + ")");
            }
        }
        for (Field f : obj.fields()) {
            String fp = join(path, f.name());
            YNode.Entry e = mapping.entries().get(f.name());
            // A required field left empty ('atS:') said "got null": the same words as an optional one now.
            if (e != null && e.value() instanceof YNode.Scalar s && s.kind() == YNode.Kind.NULL) {
                // 'durationS:' with nothing after it (or null, ~) quietly meant the default (10 s), 'timeline:' none,
                // while 'tenants:' and 'to:' were errors and the JSON schema refuses null everywhere: one rule, an
                // empty value is refused; leaving the key out is how a default is asked for.
                error(s.loc(), fp, "expected " + f.type().allowed() + ", got an empty value (null): give a value"
                        + (f.required() ? " (it is required)" : ", or leave the key out" + (f.dflt() == null ? ""
                        : " for the default (" + defaultText(f.dflt()) + ")")));
                out.put(f.name(), new V(null, s.loc())); // refused: checks that depend on it skip
                continue;
            }
            if (e == null) {
                if (f.required()) {
                    error(node.loc(), fp, "missing required field '" + f.name() + "' (" + f.type().allowed() + ")");
                    out.put(f.name(), new V(null, node.loc()));
                } else {
                    out.put(f.name(), defaultValue(f, node.loc()));
                }
                continue;
            }
            out.put(f.name(), bind(e.value(), f.type(), fp, f.sweepable()));
        }
        return new V(out, node.loc());
    }

    private static String defaultText(Object d) {
        // As describe writes them ("[]" for an empty list), with an empty text shown as ''.
        return d instanceof String str && str.isEmpty() ? "''" : String.valueOf(d);
    }

    /** true or false in any case: the booleans every reader takes (YAML 1.1's yes/no/on/off are not). */
    private static boolean trueOrFalse(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }

    private static V defaultValue(Field f, Loc loc) {
        Object d = f.dflt();
        if (d instanceof List<?> l) {
            List<V> vs = new ArrayList<>();
            for (Object o : l) {
                vs.add(new V(o, loc));
            }
            return new V(vs, loc);
        }
        if (d instanceof Integer i) {
            d = f.type() instanceof Type.Num ? (Object) i.doubleValue() : (Object) i.longValue();
        }
        return new V(d, loc);
    }

    static String join(String path, String key) {
        String k = key.isEmpty() ? "''" : key; // an empty key still gets a visible field path
        return path.isEmpty() ? k : path + "." + k;
    }

    static String what(YNode n) {
        if (n instanceof YNode.Mapping) {
            return "a mapping";
        }
        if (n instanceof YNode.Sequence) {
            return "a list";
        }
        YNode.Scalar s = (YNode.Scalar) n;
        return s.describe();
    }

    /** " (did you mean 'x'?)" when a known name is close to {@code got}, else "". */
    public static String didYouMean(String got, List<String> known) {
        return Spelling.didYouMean(got, known);
    }
}
