package org.seawallsim.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text of {@code seawall-sim describe [TOPIC]}: every parameter with its unit, default and meaning. */
public final class Describe {
    private Describe() {
    }

    /** Topics: the top-level sections plus traffic types; null or "" gives everything. */
    public static List<String> topics() {
        List<String> t = new ArrayList<>();
        for (Field f : ScenarioFormat.SCENARIO.fields()) {
            if (!(f.type() instanceof Type.Str || f.type() instanceof Type.Num || f.type() instanceof Type.Int)) {
                t.add(f.name());
            }
        }
        t.add("run");
        t.add("traffic");
        t.addAll(ScenarioFormat.TRAFFIC.variants().keySet());
        // Every scheme's parameters; the command prints it from the schemes' own tables.
        t.add("schemes");
        return t;
    }

    /** Returns the description, or null if the topic is unknown. */
    public static String describe(String topic) {
        StringBuilder sb = new StringBuilder();
        if (topic == null || topic.isEmpty()) {
            sb.append("Scenario file format (YAML). Keys carry their units; a list given for a parameter marked "
                    + "[axis] makes a sweep axis.\nTopics: ").append(String.join(", ", topics())).append("\n\n");
            walk(sb, ScenarioFormat.SCENARIO, "");
            return sb.toString();
        }
        if (topic.equals("run")) {
            for (Field f : ScenarioFormat.SCENARIO.fields()) {
                if (f.type() instanceof Type.Num || f.type() instanceof Type.Int || f.type() instanceof Type.Str) {
                    line(sb, f, f.name());
                }
            }
            return sb.toString();
        }
        if (topic.equals("traffic")) {
            walkType(sb, ScenarioFormat.TRAFFIC, "tenants.<tenant>.vms.<vm>.traffic[]");
            return sb.toString();
        }
        Type.Obj variant = ScenarioFormat.TRAFFIC.variants().get(topic);
        if (variant != null) {
            sb.append("traffic type '").append(topic).append("': ").append(variant.title()).append('\n');
            walk(sb, variant, "traffic[]");
            return sb.toString();
        }
        for (Field f : ScenarioFormat.SCENARIO.fields()) {
            if (f.name().equals(topic)) {
                line(sb, f, f.name());
                walkType(sb, f.type(), f.name());
                return sb.toString();
            }
        }
        return null;
    }

    private static void walk(StringBuilder sb, Type.Obj o, String path) {
        for (Field f : o.fields()) {
            String p = path.isEmpty() ? f.name() : path + "." + f.name();
            line(sb, f, p);
            walkType(sb, f.type(), p);
        }
    }

    private static void walkType(StringBuilder sb, Type t, String p) {
        if (t instanceof Type.Obj o) {
            walk(sb, o, p);
        } else if (t instanceof Type.ListOf l) {
            walkType(sb, l.item(), p.endsWith("[]") ? p : p + "[]");
        } else if (t instanceof Type.MapOf m) {
            String key = m.keyMeaning().contains("tenant") ? "<tenant>" : "<vm>";
            walkType(sb, m.value(), p + "." + key);
        } else if (t instanceof Type.Union u) {
            for (Map.Entry<String, Type.Obj> e : u.variants().entrySet()) {
                sb.append(String.format(Locale.ROOT, "%n  %s.%s: %s  (%s)%n", p, u.discriminator(), e.getKey(),
                        e.getValue().title()));
                walk(sb, e.getValue(), p);
            }
        }
    }

    private static void line(StringBuilder sb, Field f, String path) {
        String unit = f.unit().isEmpty() ? "" : " [" + f.unit() + "]";
        String dflt = f.required() ? "required" : f.dflt() == null ? "default: none" : "default: " + f.dflt();
        String kind = f.type() instanceof Type.Obj || f.type() instanceof Type.MapOf ? "" : "  " + f.type().allowed();
        sb.append(path).append(unit).append("  (").append(dflt).append(f.sweepable() ? ", axis" : "").append(")")
                .append(kind).append("\n      ").append(f.doc()).append('\n');
    }
}
