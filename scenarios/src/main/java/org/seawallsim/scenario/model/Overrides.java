package org.seawallsim.scenario.model;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;
import org.seawallsim.scenario.yaml.YamlTree;

/**
 * Applies {@code path=value} settings to a scenario tree before validation. Paths are the field paths that errors
 * report: keys joined by dots, list items by index, e.g. {@code tenants.attacker.vms.a.traffic[0].flows} or
 * {@code topology.rateGbps}. The value is YAML, so {@code [1,2,4]} makes a sweep axis.
 */
public final class Overrides {
    private Overrides() {
    }

    /** Sections whose presence turns a model on: --set of one of their keys does not create them. */
    private static final java.util.Set<String> SWITCHES_ON = java.util.Set.of("topology.hostTiming");

    /** A parsed setting; {@code text} is kept for the results' parameter record. */
    public record Setting(String path, String text, YNode value) {
    }

    /** Parses "path=value"; problems (no '=', bad YAML) are added to {@code problems}. */
    public static Setting parse(String arg, List<Problem> problems) {
        int eq = arg.indexOf('=');
        Loc at = new Loc("--set " + arg, 0, 0);
        if (eq <= 0) {
            problems.add(new Problem(at, "", "expected path=value, e.g. durationS=2"));
            return null;
        }
        String path = arg.substring(0, eq).trim();
        String text = arg.substring(eq + 1).trim();
        try {
            YNode v = YamlTree.parse(text.isEmpty() ? "''" : text, "--set " + arg, new ArrayList<>());
            return new Setting(path, text, v);
        } catch (YamlTree.SyntaxError e) {
            problems.add(new Problem(at, path, e.getMessage()));
            return null;
        }
    }

    /** Sets {@code path} in {@code root} to {@code value}, creating missing mappings on the way. */
    public static void apply(YNode root, String path, YNode value, List<Problem> problems) {
        List<Object> steps = new ArrayList<>();
        Loc at = new Loc("--set " + path, 0, 0);
        if (!splitPath(path, steps)) {
            problems.add(new Problem(at, path, "malformed path; use keys joined by '.', and [i] for list items"));
            return;
        }
        YNode cur = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            String soFar = prefix(steps, i + 1);
            if (step instanceof String key) {
                if (!(cur instanceof YNode.Mapping m)) {
                    problems.add(new Problem(at, soFar, "cannot set key '" + key + "': the value here is not a mapping"));
                    return;
                }
                YNode.Entry e = m.entries().get(key);
                // Tenants and VM groups are named by the file: a --set naming one the file does not have is a typo
                // (tenants.attacker.vms.A.weight=2 quietly added a fifth VM, placed automatically), not a new one.
                boolean named = "tenants".equals(steps.get(0)) && (i == 1 || i == 3 && "vms".equals(steps.get(2)));
                if (e == null && named) {
                    List<String> have = new ArrayList<>(m.entries().keySet());
                    String what = i == 1 ? "tenant" : "VM group";
                    problems.add(new Problem(at, soFar, "the file has no " + what + " '" + key + "'"
                            + Binder.didYouMean(key, have) + " (" + (i == 1 ? "tenants" : "its VM groups") + ": "
                            + String.join(", ", have) + "); --set changes what the file has and adds none"));
                    return;
                }
                if (last) {
                    // The whole parameter is replaced, however the file spelled its parts: dotted entries under it
                    // (rateMbps.t1 beside a --set rateMbps={t1: 5}) would otherwise read as the parameter given twice.
                    m.entries().keySet().removeIf(k -> k.startsWith(key + "."));
                    m.put(key, e == null ? at : e.keyLoc(), value);
                    return;
                }
                // A free map (schemeParams) may spell a.b as one dotted key: set that entry rather than add a nested
                // one beside it, which the binder refuses as the parameter given twice.
                String dotted = e == null ? dottedRest(steps, i) : null;
                YNode.Entry de = dotted == null ? null : m.entries().get(dotted);
                if (de != null) {
                    m.put(dotted, de.keyLoc(), value);
                    return;
                }
                // Its enabled=false changes nothing (the section absent and {enabled: false} both mean off): taken.
                boolean off = i == steps.size() - 2 && "enabled".equals(steps.get(i + 1))
                        && value instanceof YNode.Scalar v && v.kind() != YNode.Kind.NULL
                        && v.text().equalsIgnoreCase("false");
                if (e == null && SWITCHES_ON.contains(soFar) && !off) {
                    // Creating it to set one key turned real-host timing on with defaults for the rest (events
                    // 205 766 -> 320 038 for --set topology.hostTiming.rxCoalesceUs=3): a change of model, not of a
                    // value, so it is asked for by name.
                    problems.add(new Problem(at, soFar, "the file has no " + soFar + " section, and giving it turns "
                            + "it on (its other keys at their defaults); --set changes what the file has: to turn it "
                            + "on, give it in the file (" + key + ": {} for the defaults) or set it whole, e.g. --set "
                            + soFar + "={" + steps.get(i + 1) + ": ...}"));
                    return;
                }
                if (e == null) {
                    YNode.Mapping fresh = new YNode.Mapping(at);
                    m.put(key, at, fresh);
                    cur = fresh;
                } else {
                    cur = e.value();
                }
            } else {
                int idx = (Integer) step;
                // A negative index ([-1]) reached List.get and ended as an internal error with a stack trace.
                if (!(cur instanceof YNode.Sequence s) || idx < 0 || idx >= s.items().size()) {
                    problems.add(new Problem(at, soFar, "no list item " + idx + " here" + (cur instanceof YNode.Sequence
                            s ? " (the list has " + s.items().size() + " item" + (s.items().size() == 1 ? "" : "s")
                            + ", numbered from 0)" : " (the value here is not a list)")));
                    return;
                }
                if (last) {
                    s.items().set(idx, value);
                    return;
                }
                cur = s.items().get(idx);
            }
        }
    }

    /** Steps {@code from} to the end joined by dots, or null when one of them is a list index. */
    private static String dottedRest(List<Object> steps, int from) {
        StringBuilder sb = new StringBuilder();
        for (int j = from; j < steps.size(); j++) {
            if (!(steps.get(j) instanceof String k)) {
                return null;
            }
            sb.append(j == from ? "" : ".").append(k);
        }
        return sb.toString();
    }

    static boolean splitPath(String path, List<Object> steps) {
        for (String part : path.split("\\.", -1)) {
            String key = part;
            int b = key.indexOf('[');
            String rest = "";
            if (b >= 0) {
                rest = key.substring(b);
                key = key.substring(0, b);
            }
            if (key.isEmpty()) {
                return false;
            }
            steps.add(key);
            while (!rest.isEmpty()) {
                int close = rest.indexOf(']');
                if (!rest.startsWith("[") || close < 2) {
                    return false;
                }
                try {
                    steps.add(Integer.parseInt(rest.substring(1, close)));
                } catch (NumberFormatException e) {
                    return false;
                }
                rest = rest.substring(close + 1);
            }
        }
        return !steps.isEmpty();
    }

    private static String prefix(List<Object> steps, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Object s = steps.get(i);
            if (s instanceof String k) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(k);
            } else {
                sb.append('[').append(s).append(']');
            }
        }
        return sb.toString();
    }
}
