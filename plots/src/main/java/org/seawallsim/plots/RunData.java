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

        // Each time-series file is parsed row by row into primitive series and dropped before the next is read: as
        // tables of String cells, all four held at once, a run's charts needed far more heap than the run itself.
        Map<String, Builder> vmGood = new TreeMap<>();
        Map<String, Builder> vmIdeal = new TreeMap<>();
        Map<String, String> vmTenant = new TreeMap<>();
        // Tenant ideal = sum of its VMs' ideal shares at the same sample time.
        Map<String, Builder> tenantIdealSum = new TreeMap<>();
        readVms(dir, vmGood, vmIdeal, vmTenant, tenantIdealSum);
        List<Series> tenIdeal = new ArrayList<>();
        for (Map.Entry<String, Builder> e : tenantIdealSum.entrySet()) {
            tenIdeal.add(e.getValue().sumByTime(e.getKey()));
        }
        Map<String, Builder> tenGood = new TreeMap<>();
        readSeries(dir.resolve(TENANTS_CSV), "tenant", "goodput_bps", tenGood);
        Map<String, Builder> linkUtil = new TreeMap<>();
        // Serialization time cannot exceed wall time; allow rounding slack of 1e-6.
        readSeries(dir.resolve(LINKS_CSV), "link", "utilization", linkUtil, 1 + 1e-6,
                "1 (a link cannot be busy more than 100% of the time)");
        Map<String, Builder> qBytes = new TreeMap<>();
        readSeries(dir.resolve(QUEUES_CSV), "queue", "bytes", qBytes);

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

    private static void readVms(Path dir, Map<String, Builder> vmGood, Map<String, Builder> vmIdeal,
            Map<String, String> vmTenant, Map<String, Builder> tenantIdealSum) {
        CsvTable vms = CsvTable.open(dir.resolve(VMS_CSV), "time_s", "vm", "tenant", "goodput_bps", "ideal_bps");
        int t = vms.column("time_s");
        int vm = vms.column("vm");
        int ten = vms.column("tenant");
        int gp = vms.column("goodput_bps");
        int id = vms.column("ideal_bps");
        vms.forEachRow(r -> {
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
                tenantIdealSum.computeIfAbsent(tenant, k -> new Builder()).append(time, ideal);
            }
        });
    }

    /** One series per name from a file of (time_s, name, value) rows; values must be finite and >= 0. */
    private static void readSeries(Path file, String nameColumn, String valueColumn, Map<String, Builder> into) {
        readSeries(file, nameColumn, valueColumn, into, Double.POSITIVE_INFINITY, null);
    }

    /** As above, values also at most {@code max}; a larger one is refused as exceeding {@code maxText}. */
    private static void readSeries(Path file, String nameColumn, String valueColumn, Map<String, Builder> into,
            double max, String maxText) {
        CsvTable table = CsvTable.open(file, "time_s", nameColumn, valueColumn);
        int t = table.column("time_s");
        int n = table.column(nameColumn);
        int v = table.column(valueColumn);
        table.forEachRow(r -> {
            double value = table.nonNegative(r, v);
            if (value > max) {
                throw new ResultFileException(table.file(), r.line(), "column '" + valueColumn + "': " + value
                        + " exceeds " + maxText);
            }
            into.computeIfAbsent(table.text(r, n), k -> new Builder()).add(table, r, table.nonNegative(r, t), value);
        });
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

        /** Appends a point whatever its time (the tenants' ideal sums: their VMs' rows interleave). */
        void append(double time, double value) {
            if (n == x.length) {
                x = java.util.Arrays.copyOf(x, n * 2);
                y = java.util.Arrays.copyOf(y, n * 2);
            }
            x[n] = time;
            y[n++] = value;
        }

        /** The points summed per distinct time, in time order (as a sorted map of time to sum, without boxing). */
        Series sumByTime(String name) {
            Integer[] order = null;
            for (int i = 1; i < n; i++) {
                if (x[i] < x[i - 1]) {
                    // Rows out of time order (a file written by hand): sort, stably, so equal times keep file order.
                    order = new Integer[n];
                    for (int k = 0; k < n; k++) {
                        order[k] = k;
                    }
                    java.util.Arrays.sort(order, (p, q) -> Double.compare(x[p], x[q]));
                    break;
                }
            }
            double[] xs = new double[n];
            double[] ys = new double[n];
            int m = 0;
            for (int k = 0; k < n; k++) {
                int i = order == null ? k : order[k];
                if (m > 0 && Double.compare(xs[m - 1], x[i]) == 0) {
                    ys[m - 1] += y[i];
                } else {
                    xs[m] = x[i];
                    ys[m++] = y[i];
                }
            }
            return new Series(name, java.util.Arrays.copyOf(xs, m), java.util.Arrays.copyOf(ys, m));
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
