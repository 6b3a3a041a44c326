package org.seawallsim.scenario.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.seawallsim.engine.random.RandomStreams;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;
import org.seawallsim.scenario.yaml.YamlTree;

/**
 * Reads a scenario file, applies command-line settings, validates it against {@link ScenarioFormat} and checks every
 * cross-reference (tenants, VMs, hosts, times). All problems are reported together in one
 * {@link ScenarioException}.
 */
public final class ScenarioLoader {
    private final Path file;
    private final String fileLabel;
    private final YNode tree;
    private final List<Overrides.Setting> settings;

    private final List<Problem> structural;

    private ScenarioLoader(Path file, YNode tree, List<Overrides.Setting> settings, List<Problem> structural) {
        this.structural = structural;
        this.file = file;
        this.fileLabel = file.toString();
        this.tree = tree;
        this.settings = settings;
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
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(new Loc(file.toString(), 0, 0), "",
                    Files.exists(file) ? "cannot read the file: " + e.getMessage() : "no such file"));
            throw new ScenarioException(problems);
        }
        return open(file, text, sets);
    }

    /**
     * Parses scenario text as if read from {@code file} (which names it in messages and in results): a sweep task
     * carries the text to a machine that does not have the file.
     */
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
        return new ScenarioLoader(file, root, parsed, structural);
    }

    /**
     * Binds the scenario with extra values (sweep points: axis path to a scalar value) applied after the
     * command-line settings.
     */
    public Scenario scenario(Map<String, Object> point) throws ScenarioException {
        List<Problem> problems = new ArrayList<>(structural);
        YNode root = tree.copy();
        Map<String, String> params = new LinkedHashMap<>();
        for (Overrides.Setting s : settings) {
            Overrides.apply(root, s.path(), s.value(), problems);
            params.put(s.path(), s.text());
        }
        for (Map.Entry<String, Object> e : point.entrySet()) {
            Object v = e.getValue();
            YNode.Kind kind = v instanceof Long ? YNode.Kind.INT : v instanceof Double ? YNode.Kind.FLOAT
                    : v instanceof Boolean ? YNode.Kind.BOOL : YNode.Kind.STRING;
            Loc at = new Loc("sweep point " + e.getKey() + "=" + v, 0, 0);
            Overrides.apply(root, e.getKey(), new YNode.Scalar(String.valueOf(v), kind, at), problems);
            params.put(e.getKey(), String.valueOf(v));
        }
        Binder binder = new Binder();
        V v = binder.bind(root, ScenarioFormat.SCENARIO, "");
        problems.addAll(binder.problems());
        Scenario sc = v.value() == null ? null : new Converter(problems, params, binder.axes()).convert(v);
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> a.loc().file().equals(b.loc().file())
                    ? Integer.compare(a.loc().line() * 10000 + a.loc().column(), b.loc().line() * 10000 + b.loc().column())
                    : a.loc().file().compareTo(b.loc().file()));
            throw new ScenarioException(problems);
        }
        return sc;
    }

    /** Host names a topology has, in builder order: h0, h1, ... */
    public static List<String> hostNames(Scenario.Topology t) {
        int n = switch (t.builder()) {
            case "star" -> t.hosts();
            case "dumbbell" -> 2 * t.hosts();
            case "tree" -> t.racks() * t.hostsPerRack();
            case "leafspine" -> t.leaves() * t.hostsPerRack();
            case "fattree" -> t.k() * t.k() * t.k() / 4;
            default -> throw new IllegalArgumentException("unknown topology builder '" + t.builder() + "'");
        };
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add("h" + i);
        }
        return names;
    }

    /** Turns validated values into records and checks references; tolerant of values that failed validation. */
    private final class Converter {
        private final List<Problem> problems;
        private final Map<String, String> params;
        private final List<Binder.Axis> axes;

        Converter(List<Problem> problems, Map<String, String> params, List<Binder.Axis> axes) {
            this.problems = problems;
            this.params = params;
            this.axes = axes;
        }

        private void error(Loc loc, String path, String msg) {
            problems.add(new Problem(loc, path, msg));
        }

        private double num(V obj, String key, double dflt) {
            V x = obj.get(key);
            return x == null || !(x.value() instanceof Number n) ? dflt : n.doubleValue();
        }

        private long lng(V obj, String key, long dflt) {
            V x = obj.get(key);
            return x == null || !(x.value() instanceof Number n) ? dflt : n.longValue();
        }

        private String str(V obj, String key) {
            V x = obj.get(key);
            return x == null || !(x.value() instanceof String s) ? null : s;
        }

        private List<String> strings(V obj, String key) {
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

        private Loc locOf(V obj, String key) {
            V x = obj.get(key);
            return x == null ? obj.loc() : x.loc();
        }

        Scenario convert(V root) {
            String name = str(root, "name");
            if (name == null) {
                String base = file.getFileName().toString();
                name = base.replaceFirst("\\.(ya?ml)$", "");
            }
            double duration = num(root, "durationS", 10);
            double warmup = num(root, "warmupS", 1);
            double sample = num(root, "sampleIntervalS", 0.1);
            if (warmup >= duration) {
                error(locOf(root, "warmupS"), "warmupS", "warm-up (" + warmup + " s) must be shorter than durationS ("
                        + duration + " s)");
            }
            if (sample > duration - warmup && warmup < duration) {
                error(locOf(root, "sampleIntervalS"), "sampleIntervalS", "the sampling interval (" + sample
                        + " s) must not exceed the measured interval durationS - warmupS (" + (duration - warmup) + " s)");
            }
            Scenario.Topology topo = topology(root.get("topology"));
            List<String> hosts = topo == null ? List.of() : hostNames(topo);
            // Tenants and VMs.
            List<Scenario.Tenant> tenants = new ArrayList<>();
            List<VmDraft> drafts = new ArrayList<>();
            Map<String, List<String>> groups = new LinkedHashMap<>();
            Set<String> vmNames = new HashSet<>();
            V tv = root.get("tenants");
            int[] spread = {0};
            long seed = lng(root, "seed", 1);
            if (tv != null && tv.value() != null) {
                for (Map.Entry<String, V> te : tv.map().entrySet()) {
                    V t = te.getValue();
                    if (t.value() == null) {
                        continue;
                    }
                    String tName = te.getKey();
                    double tWeight = num(t, "weight", 1);
                    List<String> tVms = new ArrayList<>();
                    V vmsV = t.get("vms");
                    if (vmsV != null && vmsV.value() != null) {
                        for (Map.Entry<String, V> ge : vmsV.map().entrySet()) {
                            V g = ge.getValue();
                            if (g.value() == null) {
                                continue;
                            }
                            String gName = ge.getKey();
                            String gPath = "tenants." + tName + ".vms." + gName;
                            if (groups.containsKey(gName)) {
                                error(g.loc(), gPath, "VM name '" + gName + "' is used twice; VM names must be unique "
                                        + "across tenants");
                            }
                            int count = (int) lng(g, "count", 1);
                            List<String> names = new ArrayList<>();
                            for (int i = 0; i < count; i++) {
                                String vmName = count == 1 ? gName : gName + i;
                                if (!vmNames.add(vmName) && count > 1) {
                                    error(g.loc(), gPath, "VM name '" + vmName + "' (from count) is used twice");
                                }
                                names.add(vmName);
                            }
                            groups.put(gName, names);
                            tVms.addAll(names);
                            List<String> placed = place(g, gPath, gName, count, hosts, spread, topo, seed);
                            double w = g.has("weight") ? num(g, "weight", tWeight) : tWeight;
                            boolean active = g.has("active") ? g.bool("active") : true;
                            for (int i = 0; i < count; i++) {
                                drafts.add(new VmDraft(names.get(i), gName, tenants.size(), tName, placed.get(i), w,
                                        active, g, gPath));
                            }
                        }
                    }
                    tenants.add(new Scenario.Tenant(tenants.size(), tName, tWeight, List.copyOf(tVms)));
                }
            }
            // Traffic, now that every VM name is known.
            List<Scenario.Vm> vms = new ArrayList<>();
            Map<String, List<Scenario.Traffic>> trafficByGroup = new HashMap<>();
            for (VmDraft d : drafts) {
                List<Scenario.Traffic> traffic = trafficByGroup.get(d.group);
                if (traffic == null) {
                    traffic = traffic(d.node, d.path, groups, duration);
                    trafficByGroup.put(d.group, traffic);
                }
                vms.add(new Scenario.Vm(vms.size(), d.name, d.group, d.tenantId, d.tenant, d.host, d.weight, d.active,
                        traffic));
            }
            for (Scenario.Vm vm : vms) {
                for (Scenario.Traffic tr : vm.traffic()) {
                    for (String d : tr.to()) {
                        Scenario.Vm dv = null;
                        for (Scenario.Vm x : vms) {
                            if (x.name().equals(d)) {
                                dv = x;
                            }
                        }
                        if (dv != null && !d.equals(vm.name()) && dv.host().equals(vm.host())
                                && !"?".equals(vm.host())) {
                            error(locOfGroup(root, vm), "tenants." + vm.tenant() + ".vms." + vm.group() + ".traffic",
                                    "VM '" + vm.name() + "' sends to '" + d + "' on the same host " + vm.host()
                                            + "; traffic between VMs of one host does not cross the network");
                        }
                    }
                    if (tr.to().contains(vm.name())) {
                         error(locOfGroup(root, vm), "tenants." + vm.tenant()
                                + ".vms." + vm.group() + ".traffic", "VM '" + vm.name() + "' sends to itself");
                    }
                    if ("incast".equals(tr.type()) && tr.to().size() != 1) {
                        error(locOfGroup(root, vm), "tenants." + vm.tenant() + ".vms." + vm.group() + ".traffic",
                                "incast needs exactly one destination VM, got " + tr.to().size());
                    }
                }
            }
            List<Scenario.Event> timeline = timeline(root.get("timeline"), groups, hosts, duration);
            List<Scenario.Expectation> expect = expectations(root.get("expect"), groups.keySet(), vmNames,
                    tenants);
            Map<String, Map<String, String>> schemeParams = new LinkedHashMap<>();
            V sp = root.get("schemeParams");
            if (sp != null && sp.value() != null) {
                for (Map.Entry<String, V> e : sp.map().entrySet()) {
                    if (e.getValue().value() == null) {
                        continue;
                    }
                    Map<String, String> m = new LinkedHashMap<>();
                    for (Map.Entry<String, V> pe : e.getValue().map().entrySet()) {
                        m.put(pe.getKey(), (String) pe.getValue().value());
                    }
                    schemeParams.put(e.getKey(), Map.copyOf(m));
                }
            }
            String scheme = str(root, "scheme");
            return new Scenario(name, str(root, "description") == null ? "" : str(root, "description"), file, topo,
                    List.copyOf(hosts), List.copyOf(tenants), List.copyOf(vms), List.copyOf(timeline),
                    scheme == null ? "seawall" : scheme, strings(root, "compare"), schemeParams, duration, warmup,
                    sample, lng(root, "seed", 1), (int) lng(root, "repetitions", 1), expect, List.copyOf(axes),
                    Map.copyOf(params));
        }

        private Loc locOfGroup(V root, Scenario.Vm vm) {
            try {
                return root.get("tenants").get(vm.tenant()).get("vms").get(vm.group()).get("traffic").loc();
            } catch (RuntimeException e) {
                return root.loc();
            }
        }

        private Scenario.Topology topology(V t) {
            if (t == null || t.value() == null) {
                return null;
            }
            String builder = str(t, "builder") == null ? "star" : str(t, "builder");
            double rate = num(t, "rateGbps", 1);
            Scenario.Topology topo = new Scenario.Topology(builder, (int) lng(t, "hosts", 4), (int) lng(t, "racks", 2),
                    (int) lng(t, "hostsPerRack", 4), (int) lng(t, "leaves", 2), (int) lng(t, "spines", 2),
                    (int) lng(t, "k", 4), rate, t.has("coreRateGbps") ? num(t, "coreRateGbps", rate) : rate,
                    num(t, "delayUs", 1), lng(t, "bufferBytes", 150_000), lng(t, "nicBufferBytes", 1_000_000),
                    lng(t, "ecnThresholdBytes", 0));
            if ("fattree".equals(builder) && topo.k() % 2 != 0) {
                error(locOf(t, "k"), "topology.k", "a fat-tree needs an even k, got " + topo.k());
            }
            if ("star".equals(builder) && topo.hosts() < 2 || "dumbbell".equals(builder) && topo.hosts() < 1) {
                error(locOf(t, "hosts"), "topology.hosts", "a " + builder + " needs at least "
                        + ("star".equals(builder) ? 2 : 1) + " host(s), got " + topo.hosts());
            }
            if (topo.bufferBytes() < 1538) {
                error(locOf(t, "bufferBytes"), "topology.bufferBytes", "must hold at least one full frame (1538 bytes),"
                        + " got " + topo.bufferBytes());
            }
            return topo;
        }

        private List<String> place(V g, String gPath, String gName, int count, List<String> hosts, int[] spread,
                Scenario.Topology topo, long seed) {
            List<String> out = new ArrayList<>();
            if (hosts.isEmpty()) {
                for (int i = 0; i < count; i++) {
                    out.add("?");
                }
                return out;
            }
            List<String> explicit = strings(g, "host");
            if (!explicit.isEmpty()) {
                List<V> items = g.get("host").list();
                for (int i = 0; i < explicit.size(); i++) {
                    if (!hosts.contains(explicit.get(i))) {
                        error(items.get(i).loc(), gPath + ".host", "unknown host '" + explicit.get(i) + "'"
                                + Binder.didYouMean(explicit.get(i), hosts) + "; the " + topo.builder() + " topology has "
                                + "hosts h0.." + hosts.get(hosts.size() - 1));
                    }
                }
                for (int i = 0; i < count; i++) {
                    out.add(explicit.get(i % explicit.size()));
                }
                return out;
            }
            String policy = str(g, "placement") == null ? "spread" : str(g, "placement");
            switch (policy) {
                case "pack" -> {
                    String h = hosts.get(spread[0]++ % hosts.size());
                    for (int i = 0; i < count; i++) {
                        out.add(h);
                    }
                }
                case "random" -> {
                    SplittableRandom r = new RandomStreams(seed).stream("placement/" + gName);
                    for (int i = 0; i < count; i++) {
                        out.add(hosts.get(r.nextInt(hosts.size())));
                    }
                }
                default -> {
                    for (int i = 0; i < count; i++) {
                        out.add(hosts.get(spread[0]++ % hosts.size()));
                    }
                }
            }
            return out;
        }

        private List<String> resolveVms(V node, String key, String path, Map<String, List<String>> groups) {
            List<String> out = new ArrayList<>();
            V x = node.get(key);
            if (x == null || !(x.value() instanceof List<?>)) {
                return out;
            }
            List<String> known = new ArrayList<>(groups.keySet());
            for (List<String> names : groups.values()) {
                for (String n : names) {
                    if (!known.contains(n)) {
                        known.add(n);
                    }
                }
            }
            List<V> items = x.list();
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i).value() instanceof String s)) {
                    continue;
                }
                if (groups.containsKey(s)) {
                    for (String n : groups.get(s)) {
                        if (!out.contains(n)) {
                            out.add(n);
                        }
                    }
                } else if (known.contains(s)) {
                    if (!out.contains(s)) {
                        out.add(s);
                    }
                } else {
                    error(items.get(i).loc(), path + "." + key, "unknown VM '" + s + "'" + Binder.didYouMean(s, known)
                            + "; VMs are declared under tenants.<tenant>.vms");
                }
            }
            return out;
        }

        private List<Scenario.Traffic> traffic(V g, String gPath, Map<String, List<String>> groups, double duration) {
            List<Scenario.Traffic> out = new ArrayList<>();
            V tl = g.get("traffic");
            if (tl == null || tl.value() == null) {
                return out;
            }
            List<V> items = tl.list();
            for (int i = 0; i < items.size(); i++) {
                V t = items.get(i);
                if (t.value() == null) {
                    continue;
                }
                String p = gPath + ".traffic[" + i + "]";
                String type = str(t, "type");
                List<String> to = resolveVms(t, "to", p, groups);
                double start = num(t, "startS", 0);
                Double stop = t.has("stopS") ? num(t, "stopS", duration) : null;
                if (stop != null && stop <= start) {
                    error(locOf(t, "stopS"), p + ".stopS", "stopS (" + stop + ") must be after startS (" + start + ")");
                }
                if (start >= duration) {
                    error(locOf(t, "startS"), p + ".startS", "startS (" + start + ") is not before the end of the run ("
                            + duration + " s)");
                }
                Scenario.SizeDist size = null;
                if ("flows".equals(type)) {
                    size = size(t.get("size"), p + ".size");
                }
                String variant = str(t, "variant") == null ? "newreno" : str(t, "variant");
                out.add(new Scenario.Traffic(type, List.copyOf(to), start, stop, variant, (int) lng(t, "flows", 1),
                        num(t, "rateMbps", 0), (int) lng(t, "packetBytes", 1500), num(t, "onS", 0.5),
                        num(t, "offS", 0.5), t.has("exponential") && t.bool("exponential"),
                        num(t, "arrivalsPerS", 100), size, lng(t, "sizeBytes", 0), (int) lng(t, "rounds", 10),
                        "poisson".equals(str(t, "pattern")), t.has("sack") && t.bool("sack"),
                        t.has("ecn") && t.bool("ecn")));
            }
            return List.copyOf(out);
        }

        private Scenario.SizeDist size(V s, String path) {
            if (s == null || s.value() == null) {
                return new Scenario.SizeDist("exponential", 100_000, 1.5, 1.0, null, null);
            }
            String dist = str(s, "distribution") == null ? "exponential" : str(s, "distribution");
            double mean = num(s, "meanBytes", 100_000);
            double shape = num(s, "shape", 1.5);
            Path cdfFile = null;
            double[][] cdf = null;
            if ("pareto".equals(dist) && shape <= 1) {
                error(locOf(s, "shape"), path + ".shape", "a Pareto size distribution needs shape > 1 for a finite "
                        + "mean, got " + shape);
            }
            if ("cdf".equals(dist)) {
                String f = str(s, "cdfFile");
                if (f == null) {
                    error(s.loc(), path + ".cdfFile", "distribution 'cdf' needs cdfFile (a file of 'sizeBytes "
                            + "probability' lines)");
                } else {
                    Path base = file.toAbsolutePath().getParent();
                    cdfFile = base == null ? Path.of(f) : base.resolve(f).normalize();
                    cdf = readCdf(cdfFile, locOf(s, "cdfFile"), path + ".cdfFile");
                    if (cdf != null) {
                        mean = cdfMean(cdf);
                    }
                }
            }
            return new Scenario.SizeDist(dist, mean, shape, num(s, "sigma", 1), cdfFile, cdf);
        }

        private double[][] readCdf(Path f, Loc loc, String path) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                error(loc, path, "cannot read CDF file " + f + ": " + (Files.exists(f) ? e.getMessage() : "no such file"));
                return null;
            }
            List<double[]> pts = new ArrayList<>();
            double lastP = -1;
            double lastS = -1;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("[\\s,]+");
                try {
                    double s = Double.parseDouble(parts[0]);
                    double pr = Double.parseDouble(parts[1]);
                    if (s <= 0 || s < lastS || pr < lastP || pr > 1) {
                        error(loc, path, f + " line " + (i + 1) + ": sizes must be positive and sizes and "
                                + "probabilities non-decreasing, with probabilities in [0, 1]");
                        return null;
                    }
                    lastS = s;
                    lastP = pr;
                    pts.add(new double[] {s, pr});
                } catch (RuntimeException e) {
                    error(loc, path, f + " line " + (i + 1) + ": expected 'sizeBytes probability', got '" + line + "'");
                    return null;
                }
            }
            if (pts.isEmpty() || lastP != 1.0) {
                error(loc, path, f + ": the CDF must end at probability 1");
                return null;
            }
            return pts.toArray(new double[0][]);
        }

        private double cdfMean(double[][] cdf) {
            // Piecewise-linear interpolation between points: the mean of each segment is its midpoint.
            double mean = cdf[0][0] * cdf[0][1];
            for (int i = 1; i < cdf.length; i++) {
                mean += (cdf[i][1] - cdf[i - 1][1]) * (cdf[i][0] + cdf[i - 1][0]) / 2;
            }
            return mean;
        }

        private List<Scenario.Event> timeline(V tl, Map<String, List<String>> groups, List<String> hosts,
                double duration) {
            List<Scenario.Event> out = new ArrayList<>();
            if (tl == null || tl.value() == null) {
                return out;
            }
            List<V> items = tl.list();
            for (int i = 0; i < items.size(); i++) {
                V e = items.get(i);
                if (e.value() == null) {
                    continue;
                }
                String p = "timeline[" + i + "]";
                String action = str(e, "action");
                double at = num(e, "atS", 0);
                if (at > duration) {
                    error(locOf(e, "atS"), p + ".atS", "atS (" + at + ") is after the end of the run (" + duration + " s)");
                }
                List<String> vms = resolveVms(e, "vm", p, groups);
                String host = str(e, "host");
                Double weight = e.has("weight") ? num(e, "weight", 1) : null;
                if (action != null) {
                    if ("compromise".equals(action)) {
                        if (host == null) {
                            error(e.loc(), p + ".host", "action 'compromise' needs 'host'");
                        } else if (!hosts.isEmpty() && !hosts.contains(host)) {
                            error(locOf(e, "host"), p + ".host", "unknown host '" + host + "'"
                                    + Binder.didYouMean(host, hosts) + "; hosts are h0.." + hosts.get(hosts.size() - 1));
                        }
                    } else if (!e.has("vm")) {
                        error(e.loc(), p + ".vm", "action '" + action + "' needs 'vm'");
                    }
                    if ("setWeight".equals(action) && weight == null) {
                        error(e.loc(), p + ".weight", "action 'setWeight' needs 'weight' (a number > 0)");
                    }
                    if (!"setWeight".equals(action) && e.has("weight")) {
                        error(locOf(e, "weight"), p + ".weight", "'weight' only applies to action 'setWeight'");
                    }
                }
                out.add(new Scenario.Event(at, action, List.copyOf(vms), host, weight,
                        str(e, "mode") == null ? "ignoresFeedback" : str(e, "mode")));
            }
            out.sort((a, b) -> Double.compare(a.atS(), b.atS()));
            return out;
        }

        private double[] range(V e, String key, String path) {
            V x = e.get(key);
            if (x == null || !(x.value() instanceof List<?>)) {
                return null;
            }
            List<V> l = x.list();
            if (l.size() != 2 || !(l.get(0).value() instanceof Number a) || !(l.get(1).value() instanceof Number b)) {
                return null;
            }
            if (a.doubleValue() > b.doubleValue()) {
                error(x.loc(), path + "." + key, "range [low, high] has low > high");
            }
            return new double[] {a.doubleValue(), b.doubleValue()};
        }

        private List<Scenario.Expectation> expectations(V ex, Set<String> groupNames, Set<String> vmNames,
                List<Scenario.Tenant> tenants) {
            List<Scenario.Expectation> out = new ArrayList<>();
            if (ex == null || ex.value() == null) {
                return out;
            }
            List<String> tenantNames = new ArrayList<>();
            for (Scenario.Tenant t : tenants) {
                tenantNames.add(t.name());
            }
            List<V> items = ex.list();
            for (int i = 0; i < items.size(); i++) {
                V e = items.get(i);
                if (e.value() == null) {
                    continue;
                }
                String p = "expect[" + i + "]";
                String vm = str(e, "vm");
                String tenant = str(e, "tenant");
                String metric = str(e, "metric");
                int subjects = (vm == null ? 0 : 1) + (tenant == null ? 0 : 1) + (metric == null ? 0 : 1);
                if (subjects != 1) {
                    error(e.loc(), p, "give exactly one of 'vm', 'tenant' or 'metric'");
                }
                if (vm != null && !vmNames.contains(vm)) {
                    error(locOf(e, "vm"), p + ".vm", "unknown VM '" + vm + "'" + Binder.didYouMean(vm,
                            new ArrayList<>(vmNames)));
                }
                if (tenant != null && !tenantNames.contains(tenant)) {
                    error(locOf(e, "tenant"), p + ".tenant", "unknown tenant '" + tenant + "'"
                            + Binder.didYouMean(tenant, tenantNames) + "; tenants are " + String.join(", ", tenantNames));
                }
                double[] share = range(e, "share", p);
                double[] good = range(e, "goodputMbps", p);
                double[] ideal = range(e, "ratioToIdeal", p);
                double[] rng = range(e, "range", p);
                if (metric != null && rng == null) {
                    error(e.loc(), p + ".range", "a 'metric' expectation needs 'range: [low, high]'");
                }
                if ((vm != null || tenant != null) && share == null && good == null && ideal == null) {
                    error(e.loc(), p, "a VM or tenant expectation needs 'share', 'goodputMbps' or 'ratioToIdeal'");
                }
                if (tenant != null && ideal != null) {
                    error(locOf(e, "ratioToIdeal"), p + ".ratioToIdeal", "'ratioToIdeal' applies to VMs only");
                }
                out.add(new Scenario.Expectation(str(e, "scheme"), vm, tenant, metric, share, good, ideal, rng,
                        str(e, "note")));
            }
            return List.copyOf(out);
        }
    }

    private record VmDraft(String name, String group, int tenantId, String tenant, String host, double weight,
            boolean active, V node, String path) {
    }

    /** Lowercase helper kept for error messages that name schemes. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
