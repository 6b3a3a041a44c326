package org.seawallsim.scenario.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seawallsim.scenario.model.Scenario;

/**
 * Writes a run's folder as docs/results-format.md specifies. Every file goes to a temporary name in the same folder
 * and is then atomically renamed, so no reader ever sees half a file; summary.json is written last and marks a
 * finished run (sweeps resume on it).
 */
public final class ResultsWriter {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsWriter() {
    }

    /**
     * The version recorded in every output: the jar's Implementation-Version and, after a '+', its {@link BuildId}
     * (SemVer build metadata: {@code 0.1.0+3f1c0a9e2b7d}), so that outputs and resumed sweeps tell builds apart; "dev"
     * when run from classes.
     */
    public static String version() {
        return VersionHolder.VERSION;
    }

    private static final class VersionHolder {
        static final String VERSION = compose(ResultsWriter.class.getPackage().getImplementationVersion(),
                BuildId.ofRunningJar());
    }

    static String compose(String release, String buildId) {
        if (release == null) {
            return "dev";
        }
        return buildId == null ? release : release + "+" + buildId;
    }

    public static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The comment header every CSV starts with. */
    public static String header(Scenario sc, String units) {
        return "# scenario: " + sc.name() + "\n# scheme: " + sc.scheme() + "\n# seed: " + sc.seed()
                + (sc.tieSeed() == 0 ? "" : "\n# tie_seed: " + sc.tieSeed()) + "\n# version: "
                + version() + "\n# units: " + units + "\n";
    }

    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    /** Builds summary.json's content (as ordered maps) from a result. */
    public static Map<String, Object> summary(RunResult r) {
        Scenario sc = r.scenario();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", sc.name());
        // Absolute: as typed, a sweep resumed from another folder ("../s.yaml") recorded two names for one file,
        // and the same run gave other bytes from another working folder.
        m.put("scenario_file", sc.file().toAbsolutePath().normalize().toString());
        m.put("scheme", sc.scheme());
        m.put("seed", sc.seed());
        m.put("tie_seed", sc.tieSeed());
        m.put("version", version());
        m.put("duration_s", sc.durationS());
        m.put("warmup_s", sc.warmupS());
        m.put("sample_interval_s", sc.sampleIntervalS());
        m.put("parameters", new java.util.TreeMap<>(sc.parameters()));
        List<Object> vms = new ArrayList<>();
        double[] tenantGood = new double[sc.tenants().size()];
        for (Scenario.Vm vm : sc.vms()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", vm.name());
            v.put("tenant", vm.tenant());
            v.put("host", vm.host());
            v.put("weight", r.vmWeight()[vm.id()]);
            v.put("goodput_bps", r.vmGoodputBps()[vm.id()]);
            v.put("ideal_bps", r.vmIdealBps()[vm.id()]);
            List<Object> paths = new ArrayList<>();
            for (RunResult.VmPath p : r.vmPaths().get(vm.id())) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("links", p.links());
                pm.put("flows", p.flows());
                paths.add(pm);
            }
            v.put("paths", paths);
            vms.add(v);
            tenantGood[vm.tenantId()] += r.vmGoodputBps()[vm.id()];
        }
        m.put("vms", vms);
        List<Object> tenants = new ArrayList<>();
        for (Scenario.Tenant t : sc.tenants()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", t.name());
            v.put("goodput_bps", tenantGood[t.id()]);
            tenants.add(v);
        }
        m.put("tenants", tenants);
        List<Object> links = new ArrayList<>();
        long drops = r.otherDrops();
        boolean[] shown = shownLinks(r);
        for (int i = 0; i < r.linkNames().size(); i++) {
            drops += r.linkDrops()[i];
            if (shown[i]) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("name", r.linkNames().get(i));
                v.put("utilization", r.linkUtilization()[i]);
                v.put("drops", r.linkDrops()[i]);
                if (sc.topology().loss().rate() > 0) {
                    v.put("lost", r.linkLost()[i]);
                }
                v.put("bottleneck", r.bottlenecks().contains(i));
                links.add(v);
            }
        }
        m.put("links", links);
        // Drops at no link (Seawall's SW-port queues, hosts' rings, filters at a switch): metrics.drops counts them
        // with the links' drops, which alone did not add up to it.
        m.put("other_drops", r.otherDrops());
        m.put("metrics", Metrics.compute(r, drops));
        // Flow completion times of sized flows that started after the warm-up.
        List<Double> fct = new ArrayList<>();
        for (FlowCompletion f : r.fcts()) {
            if (f.startPs() >= org.seawallsim.engine.time.Time.ofSeconds(sc.warmupS())) {
                fct.add(org.seawallsim.engine.time.Time.toSeconds(f.fctPs()));
            }
        }
        fct.sort(null);
        Map<String, Object> flows = new LinkedHashMap<>();
        flows.put("count", fct.size());
        // Started after the warm-up and not complete at the end: the percentiles cannot count them.
        flows.put("unfinished", r.unfinishedFlows());
        flows.put("fct_p50_s", percentile(fct, 0.50));
        flows.put("fct_p99_s", percentile(fct, 0.99));
        m.put("flows", flows);
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("events", r.events());
        engine.put("wall_s", r.wallS());
        engine.put("fingerprint", String.format(Locale.ROOT, "%016x", r.fingerprint()));
        m.put("engine", engine);
        if ("seawall".equals(sc.scheme())) {
            List<Object> acc = new ArrayList<>();
            for (RunResult.Accusation a : r.accusations()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("src_host", a.srcHost());
                v.put("src_vm", a.srcVm());
                v.put("accuser_host", a.accuserHost());
                v.put("reason", a.reason());
                v.put("reported_s", a.reportedS());
                v.put("installed_s", Double.isNaN(a.installedS()) ? null : a.installedS());
                acc.add(v);
            }
            m.put("accusations", acc);
        }
        if (!r.notes().isEmpty()) {
            m.put("notes", r.notes());
        }
        // A failed expectation (exit 3) was on stdout alone: the folder opened later did not say it failed.
        List<Expectations.Check> checks = Expectations.check(sc, JSON.valueToTree(m));
        if (!checks.isEmpty()) {
            m.put("expectations", Expectations.toJson(checks));
        }
        if (!r.traces().isEmpty()) {
            List<Object> traces = new ArrayList<>();
            for (org.seawallsim.scenario.trace.Tracer.TraceFile t : r.traces()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("file", t.file());
                v.put("ports", t.ports());
                v.put("packets", t.packets());
                v.put("truncated", t.truncated());
                traces.add(v);
            }
            m.put("traces", traces);
        }
        return m;
    }

    /** Nearest-rank percentile of sorted values, or null when there are none. */
    static Double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * The notes a run's summary.json records, in its order (none when it has no {@code notes}): what comparisons and
     * sweeps carry beside the metrics those notes qualify.
     */
    public static List<String> notes(com.fasterxml.jackson.databind.JsonNode summary) {
        List<String> out = new ArrayList<>();
        summary.path("notes").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The expectations a run's summary.json records as failed ({@code ok} false), as recorded, in its order. */
    public static List<com.fasterxml.jackson.databind.JsonNode> failedExpectations(
            com.fasterxml.jackson.databind.JsonNode summary) {
        List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode e : summary.path("expectations")) {
            if (!e.path("ok").asBoolean(false)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Writes every file of one run into {@code dir}; returns the summary. */
    public static Map<String, Object> write(RunResult r, Path dir) {
        Map<String, Object> summary = summary(r);
        for (Map.Entry<String, String> f : files(r, summary).entrySet()) {
            writeAtomically(dir.resolve(f.getKey()), f.getValue());
        }
        return summary;
    }

    /**
     * Every file of one run, name to content, summary.json last. Without the wall time the content depends only on
     * the scenario and seed, which is what lets a sweep run a point on any machine and get the same bytes.
     */
    public static Map<String, String> files(RunResult r, boolean withWallTime) {
        Map<String, Object> summary = summary(r);
        if (!withWallTime) {
            ((Map<?, ?>) summary.get("engine")).remove("wall_s");
        }
        return files(r, summary);
    }

    /**
     * The links summary.json and the link and queue time series show: every one that carried or queued traffic at
     * any time of the run, warm-up included, or dropped, and every bottleneck. Judging by the measured interval alone
     * left a link busy only in the warm-up out of the time series (header, no rows, while the VMs' series showed its
     * traffic), and a bottleneck that carried nothing out of `links` though `metrics.utilization` averaged it in.
     */
    private static boolean[] shownLinks(RunResult r) {
        SeriesData s = r.series();
        boolean[] shown = new boolean[r.linkNames().size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = r.linkUtilization()[i] > 0 || r.linkDrops()[i] > 0 || r.bottlenecks().contains(i);
        }
        for (int k = 0; k < s.times.size(); k++) {
            double[] util = s.linkUtil.get(k);
            long[] queued = s.queueBytes.get(k);
            for (int i = 0; i < shown.length; i++) {
                shown[i] |= util[i] > 0 || queued[i] > 0;
            }
        }
        return shown;
    }

    private static Map<String, String> files(RunResult r, Map<String, Object> summary) {
        Map<String, String> out = new LinkedHashMap<>();
        Scenario sc = r.scenario();
        SeriesData s = r.series();
        // interval_s, last so that positional readers keep working: the last sample is shorter when durationS is
        // not a multiple of sampleIntervalS, and a plain mean of the rows then differed from summary.json (durationS
        // 1.25: 490.13 against 490.57 Mb/s); weighting rows by it gives summary.json's averages.
        String interval = "; interval_s = length of the sample interval ending at time_s, simulated seconds";
        CsvText vm = new CsvText(header(sc, "time_s = simulated seconds at the end of the sample "
                + "interval; goodput_bps = bit/s" + interval), "time_s", "vm", "tenant", "goodput_bps", "ideal_bps",
                "interval_s");
        CsvText ten = new CsvText(header(sc, "time_s = simulated seconds at the end of the sample "
                + "interval; goodput_bps = bit/s" + interval), "time_s", "tenant", "goodput_bps", "interval_s");
        CsvText link = new CsvText(header(sc, "time_s = simulated seconds at the end of the sample "
                + "interval; utilization = fraction of the interval spent serializing" + interval), "time_s", "link",
                "utilization", "interval_s");
        CsvText queue = new CsvText(header(sc, "time_s = simulated seconds; bytes = bytes queued at the "
                + "sample time"), "time_s", "queue", "bytes");
        List<Integer> used = new ArrayList<>();
        boolean[] shown = shownLinks(r);
        for (int i = 0; i < shown.length; i++) {
            if (shown[i]) {
                used.add(i);
            }
        }
        // At most 8 queues: the bottlenecks' (as summary.json marks them) first, then the largest peak occupancy over
        // the run. By peak alone, 8 QCN reaction points' NIC queues (limiter backlogs, 999 KB each) left out the
        // congestion point sw0->h8, the one queue to check against Qeq (probe session 20, q10.yaml).
        long[] peak = new long[r.linkNames().size()];
        for (long[] q : s.queueBytes) {
            for (int i = 0; i < q.length; i++) {
                peak[i] = Math.max(peak[i], q[i]);
            }
        }
        List<Integer> busiest = new ArrayList<>(used);
        busiest.sort(Comparator.comparing((Integer i) -> !r.bottlenecks().contains(i))
                .thenComparingLong(i -> -peak[i]).thenComparing(i -> i));
        busiest = new ArrayList<>(busiest.subList(0, Math.min(8, busiest.size())));
        busiest.sort(Comparator.naturalOrder());
        for (int k = 0; k < s.times.size(); k++) {
            String t = num(s.times.get(k));
            // In whole picoseconds, as the sampler ran: 0.1, not 0.09999999999999998.
            String dt = num(org.seawallsim.engine.time.Time.toSeconds(Math.round(s.times.get(k) * 1e12)
                    - (k == 0 ? 0 : Math.round(s.times.get(k - 1) * 1e12))));
            double[] g = s.vmGoodput.get(k);
            double[] id = s.vmIdeal.get(k);
            double[] tg = new double[sc.tenants().size()];
            for (Scenario.Vm v : sc.vms()) {
                vm.row(t, v.name(), v.tenant(), num(g[v.id()]), num(id[v.id()]), dt);
                tg[v.tenantId()] += g[v.id()];
            }
            for (Scenario.Tenant te : sc.tenants()) {
                ten.row(t, te.name(), num(tg[te.id()]), dt);
            }
            for (int i : used) {
                link.row(t, r.linkNames().get(i), num(s.linkUtil.get(k)[i]), dt);
            }
            for (int i : busiest) {
                queue.row(t, r.linkNames().get(i), s.queueBytes.get(k)[i]);
            }
        }
        out.put("timeseries-vms.csv", vm.toString());
        out.put("timeseries-tenants.csv", ten.toString());
        out.put("timeseries-links.csv", link.toString());
        out.put("timeseries-queues.csv", queue.toString());
        if (!r.fcts().isEmpty()) {
            CsvText fct = new CsvText(header(sc, "size_bytes = bytes; start_s, fct_s = simulated seconds"), "flow",
                    "vm", "tenant", "size_bytes", "start_s", "fct_s");
            for (FlowCompletion f : r.fcts()) {
                Scenario.Vm v = sc.vms().get(f.vm());
                fct.row(f.flowId(), v.name(), v.tenant(), f.sizeBytes(),
                        num(org.seawallsim.engine.time.Time.toSeconds(f.startPs())),
                        num(org.seawallsim.engine.time.Time.toSeconds(f.fctPs())));
            }
            out.put("fct.csv", fct.toString());
        }
        try {
            out.put("summary.json", JSON.writeValueAsString(summary) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
