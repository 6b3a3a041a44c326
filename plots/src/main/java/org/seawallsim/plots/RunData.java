package org.seawallsim.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything in one run folder, read and checked: summary.json, the four time-series CSVs and fct.csv if present.
 * Series are keyed by name and sorted by name so colours and legends are stable.
 */
public record RunData(
        Path dir, RunSummary summary,
        List<Series> vmGoodput, List<Series> vmIdeal, Map<String, String> vmTenant,
        List<Series> tenantGoodput, List<Series> tenantIdeal,
        List<Series> linkUtilization, List<Series> queueBytes,
        List<Flow> flows) {

    public static final String VMS_CSV = "timeseries-vms.csv";
    public static final String TENANTS_CSV = "timeseries-tenants.csv";
    public static final String LINKS_CSV = "timeseries-links.csv";
    public static final String QUEUES_CSV = "timeseries-queues.csv";
    public static final String FCT_CSV = "fct.csv";

    /** One completed sized flow from fct.csv. */
    public record Flow(String flow, String vm, String tenant, double sizeBytes, double startS, double fctS) {
    }

    /** True when dir holds a run's summary.json. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunSummary.FILE));
    }

    /** Reads and checks every file of the run folder. */
    public static RunData read(Path dir) {
        RunSummary summary = RunSummary.read(dir);

        CsvTable vms = CsvTable.read(dir.resolve(VMS_CSV), "time_s", "vm", "tenant", "goodput_bps", "ideal_bps");
        int t = vms.column("time_s");
        int vm = vms.column("vm");
        int ten = vms.column("tenant");
        int gp = vms.column("goodput_bps");
        int id = vms.column("ideal_bps");
        Map<String, Builder> vmGood = new TreeMap<>();
        Map<String, Builder> vmIdeal = new TreeMap<>();
        Map<String, String> vmTenant = new TreeMap<>();
        // Tenant ideal = sum of its VMs' ideal shares at the same sample time.
        Map<String, TreeMap<Double, Double>> tenantIdealSum = new TreeMap<>();
        for (CsvTable.Row r : vms.rows()) {
            String name = vms.text(r, vm);
            String tenant = vms.text(r, ten);
            double time = vms.nonNegative(r, t);
            double ideal = vms.number(r, id);
            if (ideal < 0 || Double.isInfinite(ideal)) {
                throw new ResultFileException(vms.file(), r.line(), "column 'ideal_bps': " + ideal
                        + " is not a finite number >= 0 (or NaN for no ideal)");
            }
            String previous = vmTenant.putIfAbsent(name, tenant);
            if (previous != null && !previous.equals(tenant)) {
                throw new ResultFileException(vms.file(), r.line(), "VM '" + name + "' is in tenant '" + tenant
                        + "' but earlier rows put it in tenant '" + previous + "'");
            }
            vmGood.computeIfAbsent(name, k -> new Builder()).add(vms, r, time, vms.nonNegative(r, gp));
            vmIdeal.computeIfAbsent(name, k -> new Builder()).add(vms, r, time, ideal);
            if (!Double.isNaN(ideal)) {
                tenantIdealSum.computeIfAbsent(tenant, k -> new TreeMap<>()).merge(time, ideal, Double::sum);
            }
        }

        CsvTable tenants = CsvTable.read(dir.resolve(TENANTS_CSV), "time_s", "tenant", "goodput_bps");
        Map<String, Builder> tenGood = new TreeMap<>();
        t = tenants.column("time_s");
        ten = tenants.column("tenant");
        gp = tenants.column("goodput_bps");
        for (CsvTable.Row r : tenants.rows()) {
            tenGood.computeIfAbsent(tenants.text(r, ten), k -> new Builder())
                    .add(tenants, r, tenants.nonNegative(r, t), tenants.nonNegative(r, gp));
        }
        List<Series> tenIdeal = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, Double>> e : tenantIdealSum.entrySet()) {
            double[] xs = new double[e.getValue().size()];
            double[] ys = new double[xs.length];
            int i = 0;
            for (Map.Entry<Double, Double> p : e.getValue().entrySet()) {
                xs[i] = p.getKey();
                ys[i++] = p.getValue();
            }
            tenIdeal.add(new Series(e.getKey(), xs, ys));
        }

        CsvTable links = CsvTable.read(dir.resolve(LINKS_CSV), "time_s", "link", "utilization");
        Map<String, Builder> linkUtil = new TreeMap<>();
        t = links.column("time_s");
        int l = links.column("link");
        int u = links.column("utilization");
        for (CsvTable.Row r : links.rows()) {
            double util = links.nonNegative(r, u);
            // Serialization time cannot exceed wall time; allow rounding slack of 1e-6.
            if (util > 1 + 1e-6) {
                throw new ResultFileException(links.file(), r.line(), "column 'utilization': " + util
                        + " exceeds 1 (a link cannot be busy more than 100% of the time)");
            }
            linkUtil.computeIfAbsent(links.text(r, l), k -> new Builder()).add(links, r, links.nonNegative(r, t),
                    util);
        }

        CsvTable queues = CsvTable.read(dir.resolve(QUEUES_CSV), "time_s", "queue", "bytes");
        Map<String, Builder> qBytes = new TreeMap<>();
        t = queues.column("time_s");
        int q = queues.column("queue");
        int b = queues.column("bytes");
        for (CsvTable.Row r : queues.rows()) {
            qBytes.computeIfAbsent(queues.text(r, q), k -> new Builder()).add(queues, r, queues.nonNegative(r, t),
                    queues.nonNegative(r, b));
        }

        List<Flow> flows = new ArrayList<>();
        Path fctFile = dir.resolve(FCT_CSV);
        if (Files.exists(fctFile)) {
            CsvTable fct = CsvTable.read(fctFile, "flow", "vm", "tenant", "size_bytes", "start_s", "fct_s");
            int cf = fct.column("flow");
            int cv = fct.column("vm");
            int ct = fct.column("tenant");
            int cs = fct.column("size_bytes");
            int cst = fct.column("start_s");
            int cfct = fct.column("fct_s");
            for (CsvTable.Row r : fct.rows()) {
                flows.add(new Flow(fct.text(r, cf), fct.text(r, cv), fct.text(r, ct), fct.nonNegative(r, cs),
                        fct.nonNegative(r, cst), fct.nonNegative(r, cfct)));
            }
        }
        return new RunData(dir, summary, build(vmGood), build(vmIdeal), vmTenant, build(tenGood), tenIdeal,
                build(linkUtil), build(qBytes), List.copyOf(flows));
    }

    private static List<Series> build(Map<String, Builder> m) {
        List<Series> out = new ArrayList<>();
        for (Map.Entry<String, Builder> e : m.entrySet()) {
            out.add(e.getValue().build(e.getKey()));
        }
        return out;
    }

    /** Accumulates points and checks that time never goes backwards within a series. */
    private static final class Builder {
        private double[] x = new double[16];
        private double[] y = new double[16];
        private int n;

        void add(CsvTable table, CsvTable.Row row, double time, double value) {
            if (n > 0 && time < x[n - 1]) {
                throw new ResultFileException(table.file(), row.line(), "time_s " + time
                        + " is earlier than the previous sample " + x[n - 1] + " of the same series");
            }
            if (n == x.length) {
                x = java.util.Arrays.copyOf(x, n * 2);
                y = java.util.Arrays.copyOf(y, n * 2);
            }
            x[n] = time;
            y[n++] = value;
        }

        Series build(String name) {
            return new Series(name, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        }
    }

    /** Every VM name, from the summary and the time series, sorted: the basis of stable VM colours. */
    public List<String> allVmNames() {
        java.util.TreeSet<String> s = new java.util.TreeSet<>(vmTenant.keySet());
        for (RunSummary.Vm v : summary.vms()) {
            s.add(v.name());
        }
        return new ArrayList<>(s);
    }

    /** Every tenant name, sorted. */
    public List<String> allTenantNames() {
        java.util.TreeSet<String> s = new java.util.TreeSet<>(vmTenant.values());
        for (RunSummary.Tenant tn : summary.tenants()) {
            s.add(tn.name());
        }
        for (Series sr : tenantGoodput) {
            s.add(sr.name());
        }
        return new ArrayList<>(s);
    }

    /** Convenience for reports: the time-series maps keyed by name. */
    public static Map<String, Series> byName(List<Series> list) {
        Map<String, Series> m = new LinkedHashMap<>();
        for (Series s : list) {
            m.put(s.name(), s);
        }
        return m;
    }
}
