package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.locOf;
import static org.seawallsim.scenario.model.Values.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code expect:} block: each expectation names one subject (VM, tenant or metric) and a range it needs. */
final class ExpectationReader {
    private ExpectationReader() {
    }

    /** {@code silentVms}: the VMs that send nothing (receivers), whose ideal share is always 0. */
    static List<Scenario.Expectation> read(Values values, V ex, Set<String> vmNames, List<Scenario.Tenant> tenants,
                                           Set<String> silentVms) {
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
                values.error(e.loc(), p, "give exactly one of 'vm', 'tenant' or 'metric'");
            }
            if (vm != null && !vmNames.contains(vm)) {
                values.error(locOf(e, "vm"), p + ".vm", "unknown VM '" + vm + "'" + Binder.didYouMean(vm,
                        new ArrayList<>(vmNames)));
            }
            if (tenant != null && !tenantNames.contains(tenant)) {
                values.error(locOf(e, "tenant"), p + ".tenant", "unknown tenant '" + tenant + "'"
                        + Binder.didYouMean(tenant, tenantNames) + "; tenants are " + String.join(", ", tenantNames));
            }
            double[] share = range(values, e, "share", p);
            double[] good = range(values, e, "goodputMbps", p);
            double[] ideal = range(values, e, "ratioToIdeal", p);
            double[] rng = range(values, e, "range", p);
            if (metric == null) {
                values.notApplicable(e, p, "a 'metric' expectation", "range");
            } else {
                values.notApplicable(e, p, "a VM or tenant expectation (a metric takes 'range')", "share",
                        "goodputMbps", "ratioToIdeal");
            }
            // Only when the key is absent: a written but refused value is reported where it is, and "needs 'range'"
            // beside "expected a number, got x" in the range itself was a second error for one mistake.
            if (metric != null && rng == null && !Values.written(e, "range")) {
                values.error(e.loc(), p + ".range", "a 'metric' expectation needs 'range: [low, high]'");
            }
            if ((vm != null || tenant != null) && share == null && good == null && ideal == null
                    && !Values.written(e, "share") && !Values.written(e, "goodputMbps")
                    && !Values.written(e, "ratioToIdeal")) {
                values.error(e.loc(), p, "a VM or tenant expectation needs 'share', 'goodputMbps' or 'ratioToIdeal'");
            }
            if (tenant != null && ideal != null) {
                values.error(locOf(e, "ratioToIdeal"), p + ".ratioToIdeal", "'ratioToIdeal' applies to VMs only");
            }
            // Goodput over an ideal of 0 is undefined: every run would fail it, after validate had passed it.
            if (vm != null && ideal != null && silentVms.contains(vm)) {
                values.error(locOf(e, "ratioToIdeal"), p + ".ratioToIdeal", "VM '" + vm + "' sends nothing (a "
                        + "receiver), so its ideal share is 0 and goodput/ideal is undefined; expect its goodputMbps "
                        + "instead");
            }
            out.add(new Scenario.Expectation(str(e, "scheme"), vm, tenant, metric, share, good, ideal, rng,
                    str(e, "note")));
        }
        return List.copyOf(out);
    }

    private static double[] range(Values values, V e, String key, String path) {
        V x = e.get(key);
        if (x == null || !(x.value() instanceof List<?>)) {
            return null;
        }
        List<V> l = x.list();
        if (l.size() != 2 || !(l.get(0).value() instanceof Number a) || !(l.get(1).value() instanceof Number b)) {
            return null;
        }
        if (a.doubleValue() > b.doubleValue()) {
            values.error(x.loc(), path + "." + key, "range [low, high] has low > high");
        }
        return new double[] {a.doubleValue(), b.doubleValue()};
    }
}
