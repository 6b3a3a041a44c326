package org.seawallsim.plots;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a run's summary.json that charts and reports show. Numbers without a value are NaN. */
public record RunSummary(
        String scenario, String scenarioFile, String scheme, String seed, String tieSeed, String version,
        double durationS, double warmupS, double sampleIntervalS,
        Map<String, String> parameters,
        List<Vm> vms, List<Tenant> tenants, List<Link> links,
        Map<String, Double> metrics,
        long flowCount, long unfinishedFlows, double fctP50S, double fctP99S,
        Map<String, String> engine, List<String> notes, long otherDrops, List<Accusation> accusations,
        List<Expectation> expectations) {

    /** One expectation of the file's expect: block checked against this run; value NaN when it has none. */
    public record Expectation(String what, double value, double low, double high, boolean ok) {
    }

    public record Vm(String name, String tenant, double weight, double goodputBps, double idealBps) {
    }

    public record Tenant(String name, double goodputBps) {
    }

    /** A link; bottleneck is true when the writer marked it as one (optional field, false when absent). */
    public record Link(String name, double utilization, double drops, boolean bottleneck) {
    }

    /**
     * A source Seawall's destinations reported: source host and VM (empty for a false accusation, which names no
     * VM), the accusing host, the reason, when it was reported and when its filter became active (NaN if not yet).
     */
    public record Accusation(String srcHost, String srcVm, String accuserHost, String reason, double reportedS,
                             double installedS) {
    }

    public static final String FILE = "summary.json";

    /** Reads {@code dir/summary.json}; see RESULTS-FORMAT.md for the fields. */
    public static RunSummary read(Path dir) {
        Path f = dir.resolve(FILE);
        JsonNode root = Json.read(f);
        List<Vm> vms = new ArrayList<>();
        List<JsonNode> vmNodes = Json.array(f, root, "", "vms");
        for (int i = 0; i < vmNodes.size(); i++) {
            JsonNode v = vmNodes.get(i);
            String p = "vms[" + i + "].";
            vms.add(new Vm(Json.text(f, v, p, "name"), Json.text(f, v, p, "tenant"),
                    Json.optNumber(f, v, p, "weight"), nonNegative(f, v, p, "goodput_bps"),
                    Json.number(f, v, p, "ideal_bps")));
        }
        List<Tenant> tenants = new ArrayList<>();
        List<JsonNode> tNodes = Json.array(f, root, "", "tenants");
        for (int i = 0; i < tNodes.size(); i++) {
            String p = "tenants[" + i + "].";
            tenants.add(new Tenant(Json.text(f, tNodes.get(i), p, "name"), nonNegative(f, tNodes.get(i), p,
                    "goodput_bps")));
        }
        List<Link> links = new ArrayList<>();
        List<JsonNode> lNodes = Json.array(f, root, "", "links");
        for (int i = 0; i < lNodes.size(); i++) {
            String p = "links[" + i + "].";
            links.add(new Link(Json.text(f, lNodes.get(i), p, "name"),
                    Json.number(f, lNodes.get(i), p, "utilization"), Json.optNumber(f, lNodes.get(i), p, "drops"),
                    lNodes.get(i).path("bottleneck").asBoolean(false)));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = Json.field(f, root, "", "metrics");
        if (!m.isObject()) {
            throw new ResultFileException(f, "field 'metrics' must be an object, found " + Json.describe(m));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            metrics.put(e.getKey(), Json.toNumber(f, e.getValue(), "metrics." + e.getKey()));
        }
        JsonNode flows = root.path("flows");
        long flowCount = 0;
        long unfinished = 0;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        if (flows.isObject()) {
            flowCount = (long) Math.max(0, nanToZero(Json.optNumber(f, flows, "flows.", "count")));
            // Absent in files written before it was recorded: 0.
            unfinished = flows.has("unfinished")
                    ? (long) Math.max(0, nanToZero(Json.optNumber(f, flows, "flows.", "unfinished"))) : 0;
            p50 = Json.optNumber(f, flows, "flows.", "fct_p50_s");
            p99 = Json.optNumber(f, flows, "flows.", "fct_p99_s");
        }
        double duration = nonNegative(f, root, "", "duration_s");
        double warmup = nonNegative(f, root, "", "warmup_s");
        if (warmup > duration) {
            throw new ResultFileException(f, "warmup_s " + warmup + " exceeds duration_s " + duration);
        }
        return new RunSummary(Json.text(f, root, "", "scenario"), Json.optText(root, "scenario_file", ""),
                Json.text(f, root, "", "scheme"), Json.text(f, root, "", "seed"),
                // Absent in files written before it was recorded: scheduling order.
                Json.optText(root, "tie_seed", "0"), Json.text(f, root, "", "version"),
                duration, warmup, Json.optNumber(f, root, "", "sample_interval_s"),
                flatten(root.path("parameters")), List.copyOf(vms), List.copyOf(tenants), List.copyOf(links),
                metrics, flowCount, unfinished, p50, p99, flatten(root.path("engine")), notes(root.path("notes")),
                // Absent in files written before it was recorded: 0.
                root.has("other_drops") ? (long) Math.max(0, nanToZero(Json.optNumber(f, root, "", "other_drops")))
                        : 0,
                accusations(f, root), expectations(f, root));
    }

    /** The checked expectations (an optional array: absent when none applies, and in files written before). */
    static List<Expectation> expectations(Path f, JsonNode root) {
        JsonNode a = root.path("expectations");
        if (!a.isArray()) {
            return List.of();
        }
        List<Expectation> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = a.get(i);
            String p = "expectations[" + i + "].";
            out.add(new Expectation(Json.text(f, x, p, "what"), Json.optNumber(f, x, p, "value"),
                    Json.number(f, x, p, "low"), Json.number(f, x, p, "high"), x.path("ok").asBoolean(false)));
        }
        return List.copyOf(out);
    }

    /** Seawall's accusations (an optional array: other schemes and older files have none). */
    private static List<Accusation> accusations(Path f, JsonNode root) {
        List<Accusation> out = new ArrayList<>();
        JsonNode a = root.path("accusations");
        if (!a.isArray()) {
            return List.of();
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = a.get(i);
            String p = "accusations[" + i + "].";
            out.add(new Accusation(Json.text(f, x, p, "src_host"), Json.optText(x, "src_vm", ""),
                    Json.text(f, x, p, "accuser_host"), Json.text(f, x, p, "reason"), Json.number(f, x, p,
                    "reported_s"), Json.optNumber(f, x, p, "installed_s")));
        }
        return List.copyOf(out);
    }

    /** Whether same-instant events ran in an order drawn from a tie seed (not scheduling order). */
    public boolean permutedTies() {
        return Style.permutedTies(tieSeed);
    }

    /** The run's notes (an optional array of sentences); anything else there is ignored, as older files lack it. */
    static List<String> notes(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode x : n) {
                if (x.isTextual()) {
                    out.add(x.asText());
                }
            }
        }
        return List.copyOf(out);
    }

    private static double nanToZero(double d) {
        return Double.isNaN(d) ? 0 : d;
    }

    private static double nonNegative(Path f, JsonNode n, String path, String name) {
        double d = Json.number(f, n, path, name);
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new ResultFileException(f, "field '" + path + name + "' must be a finite number >= 0, found " + d);
        }
        return d;
    }

    private static Map<String, String> flatten(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        if (obj.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        return out;
    }

    /** The tenant of each VM, by VM name. */
    public Map<String, String> tenantOfVm() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Vm v : vms) {
            out.put(v.name(), v.tenant());
        }
        return out;
    }
}
