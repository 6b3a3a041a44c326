package org.seawallsim.scenario.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;
import org.seawallsim.scenario.yaml.YamlTree;

/**
 * Reads a scenario file, applies command-line settings and sweep points, validates the result against
 * {@link ScenarioFormat} ({@link Binder}) and builds the {@link Scenario} with every cross-reference checked
 * ({@link ScenarioAssembler}). All problems are reported together in one {@link ScenarioException}, sorted by
 * position.
 */
public final class ScenarioLoader {
    /** Prefix of top-level keys the format ignores, for blocks that only anchors and aliases use. */
    public static final String EXTENSION_PREFIX = "x-";

    /** Largest scenario file read (library files have 1-3 KB). */
    public static final long MAX_FILE_BYTES = 10_000_000;

    private final Path file;
    private final YNode tree;
    private final List<Overrides.Setting> settings;
    // Problems found while parsing (duplicate keys) that every binding reports again.
    private final List<Problem> structural;
    // The inputs as given, so that a sweep can hand them to another machine (Sweep.Task).
    private final String text;
    private final List<String> sets;
    private LinkCheck linkCheck;
    private boolean everyRepetition;

    /**
     * Judges a scenario's trace.links against its built topology (only a built network knows its link names; the
     * run package builds it): null when every name exists, else what is wrong, without the file and field.
     */
    @FunctionalInterface
    public interface LinkCheck {
        String unknownLinks(Scenario sc);
    }

    private ScenarioLoader(Path file, YNode tree, List<Overrides.Setting> settings, List<Problem> structural,
            String text, List<String> sets) {
        this.structural = structural;
        this.file = file;
        this.tree = tree;
        this.settings = settings;
        this.text = text;
        this.sets = List.copyOf(sets);
    }

    /**
     * Has every binding check trace.links with {@code check} and report the result with the file's other problems:
     * validate showed a bad link only once everything else was valid, in another format. Returns this loader.
     */
    public ScenarioLoader checkingLinks(LinkCheck check) {
        this.linkCheck = check;
        return this;
    }

    /**
     * Has every binding check that the seeds of all repetitions (seed, seed + 1, ...) stay within a long, for the
     * commands that run them all (sweep, validate): run and compare run one repetition, with the seed itself, and
     * refused a valid --seed 9223372036854775807 for a file with repetitions: 2. Returns this loader.
     */
    public ScenarioLoader runningEveryRepetition() {
        this.everyRepetition = true;
        return this;
    }

    /** The file the text was read from (or is named after). */
    public Path file() {
        return file;
    }

    /** The scenario text as parsed. */
    public String text() {
        return text;
    }

    /** The settings ("path=value") as given. */
    public List<String> sets() {
        return sets;
    }

    /** Loads and validates {@code file} with {@code sets} ("path=value") applied. */
    public static Scenario load(Path file, List<String> sets) throws ScenarioException {
        return open(file, sets).scenario(Map.of());
    }

    /** Parses the file and the settings without binding, for repeated binding of sweep points. */
    public static ScenarioLoader open(Path file, List<String> sets) throws ScenarioException {
        List<Problem> problems = new ArrayList<>();
        String text;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
                problems.add(new Problem(new Loc(file.toString(), 0, 0), "", "the file has " + Files.size(file)
                        + " bytes; a scenario file has at most " + MAX_FILE_BYTES));
                throw new ScenarioException(problems);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            // Latin-1 or UTF-16 text: Java's own message was "Input length = 3".
            problems.add(new Problem(new Loc(file.toString(), 0, 0), "", "the file is not UTF-8 text (a scenario "
                    + "file is UTF-8; save it as UTF-8, or ASCII)"));
            throw new ScenarioException(problems);
        } catch (IOException e) {
            problems.add(new Problem(new Loc(file.toString(), 0, 0), "",
                    Files.exists(file) ? "cannot read the file: " + e.getMessage() : "no such file"));
            throw new ScenarioException(problems);
        }
        return open(file, text, sets);
    }

    /** As {@link #open(Path, List)} with the file's text given ({@code file} names it in messages). */
    public static ScenarioLoader open(Path file, String text, List<String> sets) throws ScenarioException {
        List<Problem> problems = new ArrayList<>();
        YNode root;
        List<YamlTree.SyntaxError> dups = new ArrayList<>();
        try {
            root = YamlTree.parse(text, file.toString(), dups);
        } catch (YamlTree.SyntaxError e) {
            problems.add(new Problem(e.loc(), "", e.getMessage()));
            throw new ScenarioException(problems);
        }
        List<Problem> structural = new ArrayList<>();
        for (YamlTree.SyntaxError d : dups) {
            structural.add(new Problem(d.loc(), "", d.getMessage()));
        }
        List<Overrides.Setting> parsed = new ArrayList<>();
        for (String s : sets) {
            Overrides.Setting st = Overrides.parse(s, problems);
            if (st != null) {
                parsed.add(st);
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new ScenarioLoader(file, root, parsed, structural, text, sets);
    }

    /**
     * Where a problem with the value a sweep point gives {@code axis} is reported while the point is bound: no line
     * of its own (the value is the point's, not the file's), which {@link Loc#commandLine()} tells apart. The sweep
     * compares a problem's place with this to find the axis at fault.
     */
    public static Loc pointValueLoc(String axis, Object value) {
        return new Loc(Loc.SWEEP_POINT_PREFIX + axis + "=" + value, 0, 0);
    }

    /**
     * Binds the scenario with extra values (sweep points: axis path to a scalar value) applied after the
     * command-line settings.
     */
    public Scenario scenario(Map<String, Object> point) throws ScenarioException {
        List<Problem> problems = new ArrayList<>(structural);
        Map<String, String> params = new LinkedHashMap<>();
        Binder binder = new Binder();
        V v = bind(point, problems, params, binder);
        Scenario sc = v.value() == null ? null
                : new ScenarioAssembler(file, problems, params, binder.axes(), everyRepetition).assemble(v);
        // The links only when the topology and the links themselves read cleanly: a network built from defaults
        // standing in for a refused value would name other links. The trace's other fields (snapBytes, startS, ...)
        // do not change link names, and a bad one hid a bad link until it was fixed.
        if (linkCheck != null && sc != null && sc.topology() != null && sc.trace() != null
                && !sc.trace().links().isEmpty() && problems.stream().noneMatch(p -> p.path().startsWith("topology")
                        || p.path().equals("trace") || p.path().startsWith("trace.links"))) {
            String wrong = linkCheck.unknownLinks(sc);
            if (wrong != null) {
                problems.add(new Problem(Values.locOf(v.get("trace"), "links"), "trace.links", wrong));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> a.loc().file().equals(b.loc().file())
                    ? Integer.compare(a.loc().line() * 10000 + a.loc().column(), b.loc().line() * 10000 + b.loc().column())
                    : a.loc().file().compareTo(b.loc().file()));
            throw new ScenarioException(problems);
        }
        return sc;
    }

    /**
     * The sweep axes the file and the settings give, also when the scenario itself is refused: a value refused at
     * an axis's first point failed the whole file, and the sweep could not say which point it was.
     */
    public List<Binder.Axis> axes() {
        Binder binder = new Binder();
        bind(Map.of(), new ArrayList<>(), new LinkedHashMap<>(), binder);
        return binder.axes();
    }

    /** The file's tree with the settings and the point's values applied, bound by {@code binder}. */
    private V bind(Map<String, Object> point, List<Problem> problems, Map<String, String> params, Binder binder) {
        YNode root = tree.copy();
        if (root instanceof YNode.Mapping m) {
            // Top-level keys starting with "x-" hold anchored blocks for aliases (<<: *name) and are not scenario keys.
            m.entries().keySet().removeIf(k -> k.startsWith(EXTENSION_PREFIX));
        }
        for (Overrides.Setting s : settings) {
            Overrides.apply(root, s.path(), s.value(), problems);
            params.put(s.path(), s.text());
        }
        for (Map.Entry<String, Object> e : point.entrySet()) {
            Object v = e.getValue();
            YNode.Kind kind = v instanceof Long ? YNode.Kind.INT : v instanceof Double ? YNode.Kind.FLOAT
                    : v instanceof Boolean ? YNode.Kind.BOOL : YNode.Kind.STRING;
            Overrides.apply(root, e.getKey(), new YNode.Scalar(String.valueOf(v), kind, pointValueLoc(e.getKey(), v)),
                    problems);
            params.put(e.getKey(), String.valueOf(v));
        }
        V v = binder.bind(root, ScenarioFormat.SCENARIO, "");
        problems.addAll(binder.problems());
        return v;
    }

    /** Host names a topology has, in builder order: h0, h1, ... */
    public static List<String> hostNames(Scenario.Topology t) {
        return TopologyReader.hostNames(t);
    }
}
