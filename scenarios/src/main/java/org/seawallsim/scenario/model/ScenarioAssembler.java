package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.lng;
import static org.seawallsim.scenario.model.Values.locOf;
import static org.seawallsim.scenario.model.Values.num;
import static org.seawallsim.scenario.model.Values.str;
import static org.seawallsim.scenario.model.Values.strings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seawallsim.scenario.scheme.SchemeConfigs;
import org.seawallsim.scenario.scheme.SchemeParamException;
import org.seawallsim.scenario.yaml.Loc;

/**
 * Turns a bound (schema-checked) value tree into a {@link Scenario}: section by section, then the checks across
 * sections. Tolerant of values that failed validation, so every problem in a file is found in one pass.
 */
final class ScenarioAssembler {
    private final Path file;
    private final Values values;
    private final Map<String, String> params;
    private final List<Binder.Axis> axes;
    private final boolean everyRepetition;

    ScenarioAssembler(Path file, List<Problem> problems, Map<String, String> params, List<Binder.Axis> axes,
            boolean everyRepetition) {
        this.everyRepetition = everyRepetition;
        this.file = file;
        this.values = new Values(problems);
        this.params = params;
        this.axes = axes;
    }

    Scenario assemble(V root) {
        String name = str(root, "name");
        if (name != null && !name.matches(Binder.NAME)) {
            // The name makes the default results folder and heads the CSV files: "../../x" wrote outside results/,
            // a newline broke the CSV comment header, and "" wrote results/-seawall.
            values.error(locOf(root, "name"), "name", Binder.NAME_RULE + " (it names the results folder and the "
                    + "result files' headers), got '" + name.replace("\n", "\\n") + "'");
        }
        if (name == null) {
            String base = file.getFileName().toString();
            // Control characters become '_': a newline in the file's name split every CSV's comment header and the
            // run lost its charts and report. A name: key holding them is refused instead, as it is easily changed.
            name = base.replaceFirst("\\.(ya?ml)$", "").replaceAll("\\p{Cntrl}", "_");
        }
        double duration = num(root, "durationS", 10);
        double warmup = num(root, "warmupS", 1);
        double sample = num(root, "sampleIntervalS", 0.1);
        CrossChecks.runWindow(values, root, duration, warmup, sample);
        // A refused durationS is reported once: times are not held against the default standing in for it.
        double endS = Values.refused(root, "durationS") ? Double.POSITIVE_INFINITY : duration;
        Scenario.Topology topo = TopologyReader.read(values, root.get("topology"));
        CrossChecks.ecnFeedback(values, root, topo);
        List<String> hosts = topo == null ? List.of() : TopologyReader.hostNames(topo);
        long seed = lng(root, "seed", 1);
        long reps = lng(root, "repetitions", 1);
        // Repetition r runs with seed + r: past Long.MAX_VALUE that wrapped to -9223372036854775808 silently. Only
        // where every repetition runs (ScenarioLoader.runningEveryRepetition).
        if (everyRepetition && reps > 1 && seed > Long.MAX_VALUE - (reps - 1)
                && !Values.refused(root, "seed", "repetitions")) {
            values.error(locOf(root, "seed"), "seed", "with repetitions: " + reps + " the runs use seeds " + seed
                    + " to seed + " + (reps - 1) + ", past the largest integer (" + Long.MAX_VALUE + "): use a seed "
                    + "<= " + (Long.MAX_VALUE - (reps - 1)));
        }
        TenantReader.Tenants declared = new TenantReader(values, hosts, topo, seed).read(root.get("tenants"));
        VmRefs refs = new VmRefs(values, declared.groups(), declared.namesIncomplete());
        // Traffic, now that every VM name is known; VMs of one group share their group's list.
        TrafficReader trafficReader = new TrafficReader(values, refs, file, endS, topo);
        List<Scenario.Vm> vms = new ArrayList<>();
        Map<String, List<Scenario.Traffic>> trafficByGroup = new HashMap<>();
        for (TenantReader.VmDraft d : declared.drafts()) {
            List<Scenario.Traffic> traffic = trafficByGroup.get(d.group());
            if (traffic == null) {
                traffic = trafficReader.read(d.node(), d.path());
                trafficByGroup.put(d.group(), traffic);
            }
            vms.add(new Scenario.Vm(vms.size(), d.name(), d.group(), d.tenantId(), d.tenant(), d.host(), d.weight(),
                    d.active(), traffic));
        }
        CrossChecks.destinations(values, root, vms);
        List<Scenario.Event> timeline = TimelineReader.read(values, refs, root.get("timeline"), hosts, endS);
        Set<String> silentVms = new java.util.HashSet<>();
        for (Scenario.Vm vm : vms) {
            if (vm.traffic().isEmpty()) {
                silentVms.add(vm.name());
            }
        }
        List<Scenario.Expectation> expect = ExpectationReader.read(values, root.get("expect"), declared.vmNames(),
                declared.tenants(), silentVms);
        CrossChecks.sweepSize(values, axes, (int) reps);
        String scheme = str(root, "scheme") == null ? "seawall" : str(root, "scheme");
        List<String> compare = strings(root, "compare");
        compareOnce(root.get("compare"));
        Map<String, Map<String, String>> schemeParams = schemeParams(root.get("schemeParams"));
        checkSchemeParams(root, scheme, compare, schemeParams, vms, topo);
        axesOfSchemesNotRun(scheme, compare);
        return new Scenario(name, str(root, "description") == null ? "" : str(root, "description"), file, topo,
                List.copyOf(hosts), List.copyOf(declared.tenants()), List.copyOf(vms), List.copyOf(timeline),
                scheme, compare, schemeParams,
                duration, warmup, sample, seed, (int) reps, expect, List.copyOf(axes),
                Map.copyOf(params), lng(root, "tieSeed", 0), TraceReader.read(values, root.get("trace"), endS));
    }

    /** Each scheme of {@code compare:} once, as --schemes requires: [tcp, tcp] ran tcp twice into one folder. */
    private void compareOnce(V compare) {
        if (compare == null || !(compare.value() instanceof List<?>)) {
            return;
        }
        Map<String, V> seen = new HashMap<>();
        for (V item : compare.list()) {
            if (item.value() instanceof String name) {
                V first = seen.putIfAbsent(name, item);
                if (first != null) {
                    values.error(item.loc(), "compare", "names '" + name + "' twice (also at line "
                            + first.loc().line() + ", column " + first.loc().column() + "); each scheme runs once "
                            + "into its own folder: list each at most once");
                }
            }
        }
    }

    /**
     * Every scheme parameter block the file gives, and those of the schemes it runs and compares, checked by the
     * schemes' readers ({@link SchemeConfigs}) and reported with the other problems: one pass finds them all,
     * and a block that only {@code compare} would read fails {@code validate} too.
     */
    private void checkSchemeParams(V root, String scheme, List<String> compare, Map<String, Map<String, String>> given,
                                   List<Scenario.Vm> vms, Scenario.Topology topo) {
        V sp = root.get("schemeParams");
        Set<String> names = new LinkedHashSet<>();
        names.add(scheme);
        names.addAll(compare);
        names.addAll(given.keySet());
        Set<String> tenants = new TreeSet<>();
        for (Scenario.Vm vm : vms) {
            tenants.add(vm.tenant());
        }
        for (String name : names) {
            Set<String> refused = new java.util.HashSet<>();
            V block = sp == null || sp.value() == null ? null : sp.get(name);
            Map<String, Binder.Axis> swept = schemeAxes(name);
            for (SchemeParamException e : SchemeConfigs.build(name, given.get(name), tenants).problems()) {
                if (swept.containsKey(e.key())) {
                    refused.add(e.key()); // the first item: reported with the others, by index, below
                    continue;
                }
                Loc at = block == null || block.value() == null ? (sp == null ? root.loc() : sp.loc())
                        : locOf(block, e.key());
                values.error(at, "schemeParams." + name + "." + e.key(), e.detail());
                refused.add(e.key());
            }
            checkAxisItems(name, given.get(name), tenants, swept);
            if ("seawall".equals(name) && topo != null && !refused.contains("initialRateMbps")) {
                initialRate(given.get(name), block, topo);
            }
            if (topo != null) {
                mechanismReachable(root, name, given.get(name), block, topo, refused, vms);
            }
            Map<String, String> rl = given.get(name);
            if ("ratelimit".equals(name) && rl != null && block != null && block.value() != null) {
                // A shaper queues at switch egress: 'placement: ingress' was accepted and ignored with it.
                // The scheme reads its mode whatever the case (mode: Shaper is a shaper).
                boolean shaper = "shaper".equalsIgnoreCase(rl.get("mode"));
                String only = shaper ? "placement" : "shaperQueueBytes";
                if (rl.containsKey(only)) {
                    values.error(locOf(block, only), "schemeParams.ratelimit." + only, "'" + only + "' only "
                            + "applies to mode '" + (shaper ? "policer" : "shaper") + "'" + (shaper
                            ? " (a shaper queues each tenant at switch egress)" : " (a policer drops, it queues "
                            + "nothing)"));
                }
            }
        }
    }

    /**
     * A sweep axis over a parameter of a scheme the sweep does not run is refused: its points differ only in a block
     * nothing reads, so they are identical runs shown as a varied parameter ('schemeParams.qcn.qeqBytes=[5000,26000]'
     * on a seawall file ran 2 points with one fingerprint, and sweep.csv listed 5000 and 26000). A sweep runs the
     * file's scheme, or each value of a scheme axis; compare runs its list but takes no axes, so a scheme only in
     * {@code compare:} is not run by a sweep either. A scalar parameter of another scheme multiplies nothing and is
     * kept: it is read when --scheme or compare runs that scheme.
     */
    private void axesOfSchemesNotRun(String scheme, List<String> compare) {
        List<String> run = new ArrayList<>();
        boolean schemeAxis = false;
        for (Binder.Axis a : axes) {
            if (a.path().equals("scheme")) {
                schemeAxis = true;
                for (Object v : a.values()) {
                    run.add(String.valueOf(v));
                }
            }
        }
        if (!schemeAxis) {
            run.add(scheme);
        }
        for (Binder.Axis a : axes) {
            if (!a.path().startsWith("schemeParams.")) {
                continue;
            }
            String rest = a.path().substring("schemeParams.".length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            if (run.contains(name) || !SchemeConfigs.available().contains(name)) {
                continue; // an unknown scheme's block is refused as such
            }
            String runs = schemeAxis ? "the schemes of its scheme axis, " + String.join(", ", run)
                    : "scheme " + scheme + " only";
            values.error(a.loc(), a.path(), "a sweep axis over a parameter of " + name + ", which this sweep does "
                    + "not run (it runs " + runs + (compare.contains(name) ? "; compare: lists " + name + ", but "
                    + "compare takes no axes and a sweep runs the scheme field" : "") + "): its " + a.values().size()
                    + " values would give identical runs; sweep a parameter of " + String.join(" or ", run)
                    + ", or run " + name + " (scheme: " + name + "; a scheme axis such as scheme: ["
                    + String.join(", ", run) + ", " + name + "] runs the other schemes' points once per value, "
                    + "identical)");
        }
    }

    /** The sweep axes among {@code schemeParams.<scheme>}'s parameters, by parameter name. */
    private Map<String, Binder.Axis> schemeAxes(String scheme) {
        String prefix = "schemeParams." + scheme + ".";
        Map<String, Binder.Axis> out = new LinkedHashMap<>();
        for (Binder.Axis a : axes) {
            if (a.path().startsWith(prefix)) {
                out.put(a.path().substring(prefix.length()), a);
            }
        }
        return out;
    }

    /**
     * Each value of a scheme parameter's sweep axis, judged by the scheme's reader with the block's other parameters
     * as given, and refused where it is written with its index (schemeParams.seawall.intervalUs[1]), as the binder
     * refuses a bad item of topology.bufferBytes: [1538, 10]. Only the parameter's own problems are the item's; a
     * check across parameters or sections is made for each sweep point when the sweep is expanded.
     */
    private void checkAxisItems(String scheme, Map<String, String> given, Set<String> tenants,
            Map<String, Binder.Axis> swept) {
        for (Map.Entry<String, Binder.Axis> a : swept.entrySet()) {
            String key = a.getKey();
            List<Object> items = a.getValue().values();
            // Each accepted item's reading, by the item it was first read from: the binder compares texts, so
            // [0.2, 0.20], [500, 0.5e3] and [usage, Usage] ran their points twice, shown as two values.
            Map<Object, Integer> readings = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String text = (String) items.get(i);
                Map<String, String> withItem = new LinkedHashMap<>(given == null ? Map.of() : given);
                withItem.put(key, text);
                boolean refused = false;
                for (SchemeParamException e : SchemeConfigs.build(scheme, withItem, tenants).problems()) {
                    if (e.key().equals(key)) {
                        values.error(a.getValue().itemLocs().get(i), "schemeParams." + scheme + "." + key + "[" + i
                                + "]", e.detail());
                        refused = true;
                    }
                }
                Integer first = refused ? null : readings.putIfAbsent(SchemeConfigs.reading(text), i);
                if (first != null) {
                    String firstText = (String) items.get(first);
                    values.error(a.getValue().itemLocs().get(i), "schemeParams." + scheme + "." + key + "[" + i
                            + "]", "the sweep axis gives " + firstText + " twice (items " + first + " and " + i
                            + ", from 0: " + scheme + " reads " + text + " as " + firstText + ", " + (SchemeConfigs
                            .reading(text) instanceof String ? "names in any case" : "numbers by value")
                            + "), which would run the same points twice; give each value once");
                }
            }
        }
    }

    /**
     * Seawall's initial tunnel rate is capped by the hosts' NIC rate, which only the topology knows: the scheme's
     * reader let 2000 Mbit/s on 1 GbE NICs pass, and the run then failed with the controller's "initialRateBps must
     * be ... in [minRateBps, maxRateBps]" (bit/s, no file or field), compare stopped and sweep said
     * IllegalArgumentException.
     */
    private void initialRate(Map<String, String> seawall, V block, Scenario.Topology topo) {
        String text = seawall == null ? null : seawall.get("initialRateMbps");
        if (text == null) {
            return;
        }
        double mbps;
        try {
            mbps = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return; // the scheme's reader reported it
        }
        long nicBps = Math.round(topo.rateGbps() * 1e9);
        // As the run converts it: whole bit/s.
        if (mbps != 0 && Math.round(mbps * 1e6) > nicBps) {
            values.error(block == null ? Loc.NONE : locOf(block, "initialRateMbps"),
                    "schemeParams.seawall.initialRateMbps", "a new tunnel starts at most at its host's NIC rate: "
                    + "0 (the NIC rate) or at most " + RunEstimate.num(nicBps / 1e6) + " Mbit/s (topology.rateGbps: "
                    + RunEstimate.num(topo.rateGbps()) + "), got " + text);
        }
    }

    /**
     * Settings that leave a scheme's mechanism unable to act, so the run would be drop-tail under the scheme's name
     * (the ECN threshold at or above the buffer is refused the same way, by TopologyReader): QCN's set point at or
     * above the switch buffer (the queue never exceeds Qeq, so no congestion message is sent; 200 000 or the default
     * 26 000 over 150 000- and 20 000-byte buffers left the queue at the buffer and the shares 283/674 Mb/s where
     * 478.5 each was fair), QCN's rate floor at or above the NIC rate (a limiter that can never cut), and a DRR or
     * shaper per-tenant queue limit at or below the ECN threshold while ECN traffic runs (each queue is marked on its
     * own, so nothing is ever marked: DCTCP flows lost 691 packets instead of none).
     */
    private void mechanismReachable(V root, String name, Map<String, String> params, V block,
            Scenario.Topology topo, Set<String> refused, List<Scenario.Vm> vms) {
        Map<String, String> p = params == null ? Map.of() : params;
        V topology = root.get("topology");
        if ("qcn".equals(name)) {
            long qeq = longOr(p.get("qeqBytes"), org.seawallsim.baseline.qcn.QcnCpConfig.defaults().qeqBytes());
            if (!refused.contains("qeqBytes") && qeq >= topo.bufferBytes()) {
                boolean given = p.containsKey("qeqBytes");
                values.error(given ? at(block, "qeqBytes", root) : at(topology, "bufferBytes", root),
                        given ? "schemeParams.qcn.qeqBytes" : "topology.bufferBytes", "QCN's set point Qeq ("
                        + qeq + " bytes" + (given ? "" : ", the default") + ") must be below the switch ports' "
                        + "buffer (topology.bufferBytes: " + topo.bufferBytes() + "): the queue never exceeds the "
                        + "buffer, so it never exceeds Qeq, no congestion message is sent and the run is drop-tail "
                        + "(set schemeParams.qcn.qeqBytes below " + topo.bufferBytes() + ")");
            }
            Double minMbps = doubleOr(p.get("minRateMbps"));
            double nicMbps = topo.rateGbps() * 1e3;
            if (minMbps != null && !refused.contains("minRateMbps") && minMbps >= nicMbps) {
                values.error(at(block, "minRateMbps", root), "schemeParams.qcn.minRateMbps", "a rate limiter's floor "
                        + "must be below the hosts' NIC rate (" + RunEstimate.num(nicMbps) + " Mbit/s, "
                        + "topology.rateGbps): at " + p.get("minRateMbps") + " a limiter can never cut, so QCN "
                        + "never acts");
            }
        }
        // A policer has no tenant queue: shaperQueueBytes there is refused as a policer's, not for marking.
        String queueKey = "drr".equals(name) ? "queueBytes"
                : "ratelimit".equals(name) && "shaper".equalsIgnoreCase(p.get("mode")) ? "shaperQueueBytes"
                : null;
        long threshold = topo.ecnThresholdBytes();
        if (queueKey != null && threshold > 0 && !refused.contains(queueKey)) {
            long limit = longOr(p.get(queueKey), 0);
            if (limit > 0 && limit <= threshold && anyEcnTraffic(vms)) {
                values.error(at(block, queueKey, root), "schemeParams." + name + "." + queueKey, "each tenant's "
                        + "queue is marked on its own when it holds more than topology.ecnThresholdBytes ("
                        + threshold + "), so a limit of " + limit + " bytes means no packet of this run's ECN "
                        + "traffic is ever marked, only dropped: use a limit above " + threshold + ", or 0 (none "
                        + "but the port buffer)");
            }
        }
    }

    /** Where {@code key} was written in {@code obj}, or the file's top when there is no such object. */
    private static Loc at(V obj, String key, V root) {
        return obj == null || obj.value() == null ? root.loc() : locOf(obj, key);
    }

    private static boolean anyEcnTraffic(List<Scenario.Vm> vms) {
        for (Scenario.Vm vm : vms) {
            for (Scenario.Traffic tr : vm.traffic()) {
                if (tr.ecn() || "dctcp".equals(tr.variant())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A scheme parameter as the scheme's reader took it, or {@code dflt}; a value it refused is reported there. */
    private static long longOr(String text, long dflt) {
        if (text == null) {
            return dflt;
        }
        try {
            return SchemeConfigs.wholeNumber(text);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Double doubleOr(String text) {
        try {
            return text == null ? null : Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Scheme parameters stay strings here; each scheme parses and checks its own ({@link SchemeConfigs}). */
    private static Map<String, Map<String, String>> schemeParams(V sp) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (sp != null && sp.value() != null) {
            for (Map.Entry<String, V> e : sp.map().entrySet()) {
                if (e.getValue().value() == null) {
                    continue;
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (Map.Entry<String, V> pe : e.getValue().map().entrySet()) {
                    if (pe.getValue().value() != null) { // null: a sweep axis refused by the binder
                        m.put(pe.getKey(), (String) pe.getValue().value());
                    }
                }
                out.put(e.getKey(), Map.copyOf(m));
            }
        }
        return out;
    }
}
