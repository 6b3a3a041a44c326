package org.seawallsim.scenario.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;
import org.seawallsim.scenario.yaml.YamlTree;

/**
 * The regression set ({@code scenarios/regression/regression.yaml}): per-metric tolerances and the entries, each a
 * library scenario shortened with {@code --set}-style settings and run under the schemes it compares.
 */
public record Suite(Path file, Map<String, Tolerance> tolerances, List<Entry> entries) {

    /**
     * One regression scenario.
     *
     * @param name unique name, used in goldens and tables
     * @param scenario scenario file, resolved against the suite file's folder
     * @param schemes schemes to run it under
     * @param sets path=value settings applied before the user's --set (shortened durations etc.)
     * @param track extra metrics beyond those derived from the scenario's expect: block
     * @param convergence whether to compute convergence_s from the VM time series
     * @param tolerances per-entry tolerance overrides
     */
    public record Entry(String name, Path scenario, List<String> schemes, List<String> sets, List<String> track,
            boolean convergence, Map<String, Tolerance> tolerances) {
    }

    private static final Set<String> TOP = Set.of("tolerances", "entries");
    private static final Set<String> ENTRY = Set.of("name", "scenario", "schemes", "set", "track", "convergence",
            "tolerances");

    /** Tolerance of a metric: the entry's, else the suite's, by full name and then by the part before ':'. */
    public Tolerance tolerance(Entry e, String metric) {
        String family = metric.contains(":") ? metric.substring(0, metric.indexOf(':')) : metric;
        for (Map<String, Tolerance> m : List.of(e.tolerances(), tolerances)) {
            if (m.containsKey(metric)) {
                return m.get(metric);
            }
            if (m.containsKey(family)) {
                return m.get(family);
            }
        }
        throw new IllegalArgumentException(file + ": no tolerance for metric '" + metric + "' (entry " + e.name()
                + "); add one under tolerances: " + family);
    }

    public static Suite load(Path file) {
        JsonNode root;
        YNode located;
        try {
            String text = Files.readString(file);
            // Parsed twice: the located tree gives each problem its line and column, as scenario errors have them.
            located = YamlTree.parse(text, file.toString(), new ArrayList<>());
            root = new YAMLMapper().readTree(text);
        } catch (YamlTree.SyntaxError e) {
            throw new IllegalArgumentException("regression suite " + e.loc() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("regression suite " + file + ": "
                    + (Files.exists(file) ? e.getMessage() : "no such file"));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("regression suite " + file + ": expected a mapping with tolerances"
                    + " and entries");
        }
        unknownKeys(root, TOP, "", problems);
        Map<String, Tolerance> tol = tolerances(root.get("tolerances"), "tolerances", problems);
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        JsonNode es = root.get("entries");
        if (es == null || !es.isArray() || es.isEmpty()) {
            problems.add("entries: expected a non-empty list");
        } else {
            for (int i = 0; i < es.size(); i++) {
                JsonNode n = es.get(i);
                String at = "entries[" + i + "]";
                if (!n.isObject()) {
                    problems.add(at + ": expected a mapping");
                    continue;
                }
                unknownKeys(n, ENTRY, at + ".", problems);
                String name = text(n, "name", at, problems);
                String sc = text(n, "scenario", at, problems);
                if (name != null && !names.add(name)) {
                    problems.add(at + ".name: duplicate entry name '" + name + "'");
                }
                if (name != null && !name.matches("[A-Za-z0-9_.-]+")) {
                    problems.add(at + ".name: '" + name + "' may only use letters, digits, '_', '.' and '-'");
                }
                Path scPath = sc == null ? null : file.toAbsolutePath().getParent().resolve(sc).normalize();
                if (scPath != null && !Files.isRegularFile(scPath)) {
                    problems.add(at + ".scenario: no such file " + scPath);
                }
                List<String> schemes = list(n, "schemes", at, problems);
                if (schemes.isEmpty()) {
                    problems.add(at + ".schemes: expected a non-empty list of schemes");
                }
                JsonNode conv = n.get("convergence");
                if (conv != null && !conv.isBoolean()) {
                    problems.add(at + ".convergence: expected true or false, got " + conv);
                }
                entries.add(new Entry(name, scPath, schemes, list(n, "set", at, problems),
                        list(n, "track", at, problems), conv != null && conv.asBoolean(),
                        tolerances(n.get("tolerances"), at + ".tolerances", problems)));
            }
        }
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (String pr : problems) {
                lines.add(locate(located, pr.substring(0, Math.max(0, pr.indexOf(": ")))) + ": " + pr);
            }
            throw new IllegalArgumentException("regression suite " + file + ":\n  " + String.join("\n  ", lines));
        }
        return new Suite(file, tol, entries);
    }

    /**
     * Where a problem's field path ("entries[1].tolerances.jain.abs") was written: the key itself when it is there,
     * else the nearest enclosing one (a missing key is reported at its mapping).
     */
    static Loc locate(YNode root, String path) {
        YNode node = root;
        Loc at = new Loc(root.loc().file(), 1, 1);
        String rest = path;
        while (!rest.isEmpty()) {
            if (rest.startsWith("[") && node instanceof YNode.Sequence seq && rest.indexOf(']') > 0) {
                int i = Integer.parseInt(rest.substring(1, rest.indexOf(']')));
                if (i >= seq.items().size()) {
                    break;
                }
                node = seq.items().get(i);
                at = node.loc();
                rest = rest.substring(rest.indexOf(']') + 1);
            } else if (node instanceof YNode.Mapping m) {
                String r = rest.startsWith(".") ? rest.substring(1) : rest;
                // The longest key that starts the rest: metric names in tolerances may hold dots.
                YNode.Entry found = null;
                for (YNode.Entry e : m.entries().values()) {
                    boolean starts = r.equals(e.key()) || r.startsWith(e.key() + ".") || r.startsWith(e.key() + "[");
                    if (starts && (found == null || e.key().length() > found.key().length())) {
                        found = e;
                    }
                }
                if (found == null) {
                    break;
                }
                node = found.value();
                at = found.keyLoc();
                rest = r.substring(found.key().length());
            } else {
                break;
            }
        }
        return at;
    }

    private static Map<String, Tolerance> tolerances(JsonNode n, String at, List<String> problems) {
        Map<String, Tolerance> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problems.add(at + ": expected a mapping of metric to {abs: x, rel: y}");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode t = f.getValue();
            String where = at + "." + f.getKey();
            if (!t.isObject() || (t.get("abs") == null && t.get("rel") == null)) {
                problems.add(where + ": expected {abs: x} and/or {rel: y}");
                continue;
            }
            unknownKeys(t, Set.of("abs", "rel"), where + ".", problems);
            try {
                out.put(f.getKey(), new Tolerance(num(t.get("abs")), num(t.get("rel"))));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static double num(JsonNode n) {
        if (n == null) {
            return 0;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("expected a number, got " + n);
        }
        return n.asDouble();
    }

    private static void unknownKeys(JsonNode n, Set<String> known, String at, List<String> problems) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                problems.add(at + k + ": unknown key; allowed: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    private static String text(JsonNode n, String key, String at, List<String> problems) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(at + "." + key + ": required text");
            return null;
        }
        return v.asText();
    }

    private static List<String> list(JsonNode n, String key, String at, List<String> problems) {
        JsonNode v = n.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problems.add(at + "." + key + ": expected a list");
            return out;
        }
        for (JsonNode x : v) {
            if (!x.isValueNode()) {
                problems.add(at + "." + key + ": expected text items, got " + x);
            } else {
                out.add(x.asText());
            }
        }
        return out;
    }
}
