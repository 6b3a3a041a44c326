package org.seawallsim.scenario.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.seawallsim.plots.CsvTable;
import org.seawallsim.scenario.model.Scenario;

/**
 * The metrics a regression compares, taken from a run's summary.json content: the four summary metrics, the goodput
 * share (of all VMs' goodput) of every VM or tenant the scenario's expect: block talks about, goodput in Mb/s where
 * the block states one, plus an entry's extra {@code track:} items, and optionally the convergence time.
 */
public final class KeyMetrics {
    /** Largest relative deviation from the ideal at which a VM counts as converged (see {@link #convergenceS}). */
    static final double CONVERGED_WITHIN = 0.15;

    private KeyMetrics() {
    }

    /** Metric names for a scenario: summary metrics first, then shares and goodputs in expect: order. */
    static List<String> names(Scenario sc, List<String> track) {
        Set<String> out = new LinkedHashSet<>();
        for (Scenario.Expectation e : sc.expect()) {
            String who = e.vm() != null ? "vm:" + e.vm() : e.tenant() != null ? "tenant:" + e.tenant() : null;
            if (who == null) {
                continue;
            }
            if (e.share() != null || e.ratioToIdeal() != null) {
                out.add("share:" + who);
            }
            if (e.goodputMbps() != null) {
                out.add("goodput_mbps:" + who);
            }
        }
        out.addAll(track);
        List<String> all = new ArrayList<>(List.of("jain_weighted", "isolation_error", "utilization", "drops"));
        all.addAll(out);
        return all;
    }

    static Map<String, Double> extract(JsonNode summary, List<String> names) {
        double total = 0;
        for (JsonNode vm : summary.get("vms")) {
            total += vm.get("goodput_bps").asDouble();
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, value(summary, n, total));
        }
        return m;
    }

    private static double value(JsonNode s, String name, double total) {
        String[] p = name.split(":");
        if (p.length == 1) {
            JsonNode v = s.get("metrics").get(name);
            if (v == null) {
                throw new IllegalArgumentException("metric '" + name + "' is not in summary.json metrics");
            }
            return v.asDouble();
        }
        if (p.length != 3 || !(p[1].equals("vm") || p[1].equals("tenant"))
                || !(p[0].equals("share") || p[0].equals("goodput_mbps"))) {
            throw new IllegalArgumentException("metric '" + name + "': expected a summary metric, "
                    + "share:vm:NAME, share:tenant:NAME, goodput_mbps:vm:NAME or goodput_mbps:tenant:NAME");
        }
        for (JsonNode n : s.get(p[1].equals("vm") ? "vms" : "tenants")) {
            if (n.get("name").asText().equals(p[2])) {
                double g = n.get("goodput_bps").asDouble();
                return p[0].equals("share") ? (total > 0 ? g / total : 0) : g / 1e6;
            }
        }
        throw new IllegalArgumentException("metric '" + name + "': no " + p[1] + " named '" + p[2] + "'");
    }

    /**
     * Convergence time from timeseries-vms.csv: the samples are cut into phases in which the ideal allocation stays
     * the same (it changes when VMs join, leave or change weight); in each phase, the time from its start until every
     * VM with a non-zero ideal is within {@link #CONVERGED_WITHIN} of it and stays there to the phase's end. The
     * result is the largest over phases of at least three samples (a phase never converging counts its full
     * length), so it is resolved to one sample interval.
     */
    static double convergenceS(Path vmSeries, double intervalS) {
        TreeMap<Double, Map<String, double[]>> byTime = new TreeMap<>();
        CsvTable t = CsvTable.read(vmSeries, "time_s", "vm", "goodput_bps", "ideal_bps");
        int time = t.column("time_s");
        int vm = t.column("vm");
        int goodput = t.column("goodput_bps");
        int ideal = t.column("ideal_bps");
        for (CsvTable.Row row : t.rows()) {
            byTime.computeIfAbsent(t.number(row, time), k -> new TreeMap<>()).put(t.text(row, vm),
                    new double[] {t.number(row, goodput), t.number(row, ideal)});
        }
        List<Double> times = new ArrayList<>(byTime.keySet());
        double worst = 0;
        int start = 0;
        while (start < times.size()) {
            int end = start;
            String sig = signature(byTime.get(times.get(start)));
            while (end + 1 < times.size() && signature(byTime.get(times.get(end + 1))).equals(sig)) {
                end++;
            }
            if (end - start + 1 >= 3) {
                int lastBad = start - 1;
                for (int i = start; i <= end; i++) {
                    if (!converged(byTime.get(times.get(i)))) {
                        lastBad = i;
                    }
                }
                double phaseStart = times.get(start) - intervalS;
                double conv = lastBad < start ? 0 : times.get(lastBad) - phaseStart;
                worst = Math.max(worst, conv);
            }
            start = end + 1;
        }
        return worst;
    }

    /** The ideal allocation, rounded to 1 kb/s so that float noise does not split a phase. */
    private static String signature(Map<String, double[]> vms) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, double[]> e : vms.entrySet()) {
            sb.append(e.getKey()).append('=').append(Math.round(e.getValue()[1] / 1e3)).append(';');
        }
        return sb.toString();
    }

    private static boolean converged(Map<String, double[]> vms) {
        for (double[] gi : vms.values()) {
            if (gi[1] > 0 && Math.abs(gi[0] - gi[1]) > CONVERGED_WITHIN * gi[1]) {
                return false;
            }
        }
        return true;
    }
}
