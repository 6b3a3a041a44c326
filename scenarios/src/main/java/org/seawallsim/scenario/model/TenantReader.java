package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.lng;
import static org.seawallsim.scenario.model.Values.num;
import static org.seawallsim.scenario.model.Values.str;
import static org.seawallsim.scenario.model.Values.strings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.seawallsim.engine.random.RandomStreams;

/**
 * The {@code tenants:} section: tenants, VM groups expanded into named VMs, and each VM's host. Traffic is read later
 * ({@link TrafficReader}), once every VM name is known.
 */
final class TenantReader {
    /** A VM before its traffic is read; {@code node} is its group's bound value. */
    record VmDraft(String name, String group, int tenantId, String tenant, String host, double weight,
            boolean active, V node, String path) {
    }

    /**
     * What the section declares: {@code groups} maps each VM group name to its VMs' names, in file order;
     * {@code namesIncomplete}: a group's count was refused, so its VMs' names are not known.
     */
    record Tenants(List<Scenario.Tenant> tenants, List<VmDraft> drafts, Map<String, List<String>> groups,
            Set<String> vmNames, boolean namesIncomplete) {
    }

    /** Most VMs in one scenario, as {@code count} allows for one group. */
    static final int MAX_VMS = 1_000_000;

    private final Values values;
    private final List<String> hosts;
    private final Scenario.Topology topo;
    private final long seed;
    // The next host of spread and pack placement, shared by all groups so that groups fill hosts in turn.
    private int nextHost;

    TenantReader(Values values, List<String> hosts, Scenario.Topology topo, long seed) {
        this.values = values;
        this.hosts = hosts;
        this.topo = topo;
        this.seed = seed;
    }

    Tenants read(V tv) {
        boolean namesIncomplete = false;
        List<Scenario.Tenant> tenants = new ArrayList<>();
        List<VmDraft> drafts = new ArrayList<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Set<String> vmNames = new HashSet<>();
        // Each VM name's declaring group: a name made twice is refused whichever comes first.
        Map<String, Declared> declaredBy = new HashMap<>();
        // Each group name's first declaration, for the clashes of group names with VM and group names below.
        Map<String, Declared> groupBy = new LinkedHashMap<>();
        Set<String> clashReported = new HashSet<>();
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
                        int count = (int) lng(g, "count", 1);
                        namesIncomplete |= Values.refused(g, "count");
                        if (vmNames.size() + count > MAX_VMS) {
                            values.error(g.loc(), gPath + ".count", "with this group the scenario has more than "
                                    + MAX_VMS + " VMs, the most a run holds (one transport stack and one ideal-share "
                                    + "entry each)");
                            return new Tenants(tenants, drafts, groups, vmNames, namesIncomplete);
                        }
                        Declared here = new Declared(g, gPath, count);
                        List<String> names = new ArrayList<>();
                        boolean reported = false;
                        for (int i = 0; i < count; i++) {
                            String vmName = count == 1 ? gName : gName + i;
                            if (!vmNames.add(vmName) && !reported) {
                                // One error per group: a group of 1000 colliding with another says it once.
                                reported = true;
                                values.error(g.loc(), gPath, "VM name '" + vmName + "'" + (count > 1 ? " (from "
                                        + "count: " + count + ", which names " + gName + "0.." + gName + (count - 1)
                                        + ")" : "") + " is used twice: " + declaredBy.get(vmName)
                                        + " declares it too; VM names must be unique "
                                        + "across tenants (a group with count: n names its VMs <group>0..<group>n-1)");
                            }
                            declaredBy.putIfAbsent(vmName, here);
                            names.add(vmName);
                        }
                        // A reference names a group or a VM: a group name that is another group's, or (count > 1)
                        // another group's VM name, resolved silently to one of them (to: v0 went to group v0, not to
                        // group v's first VM). Said once: not again when the VM-name check above has said it.
                        Declared first = groupBy.get(gName);
                        if (first != null && !reported) {
                            clashReported.add(gName);
                            values.error(g.loc(), gPath, "group name '" + gName + "' is used twice: "
                                    + first.path() + where(first.node()) + " is a group of that name too; a traffic "
                                    + "or timeline reference names one group or VM, so group names must be unique "
                                    + "across tenants");
                        }
                        if (first == null) {
                            groupBy.put(gName, here);
                            groups.put(gName, names);
                        }
                        tVms.addAll(names);
                        List<String> placed = place(g, gPath, gName, count);
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
        for (Map.Entry<String, Declared> ge : groupBy.entrySet()) {
            String gName = ge.getKey();
            Declared group = ge.getValue();
            if (group.count() != 1 && vmNames.contains(gName) && clashReported.add(gName)) {
                values.error(group.node().loc(), group.path(), "group name '" + gName + "' is also the name "
                        + "of a VM: " + declaredBy.get(gName) + " declares it; a "
                        + "traffic or timeline reference names one group or VM, so a group's name must not be another "
                        + "group's VM name (a group with count: n names its VMs <group>0..<group>n-1)");
            }
        }
        return new Tenants(tenants, drafts, groups, vmNames, namesIncomplete);
    }

    /** A VM group's declaration: its value, path and count. */
    private record Declared(V node, String path, int count) {
        /** As messages name it: its path, its count when over 1, and its line. */
        @Override
        public String toString() {
            return path + (count > 1 ? " (count: " + count + ")" : "") + where(node);
        }
    }

    /** " (line N)" for a value from the file, "" for one from the command line (its source says it). */
    private static String where(V v) {
        return v.loc().line() > 0 && !v.loc().file().startsWith("--set ") ? " (line " + v.loc().line() + ")" : "";
    }

    /** Hosts of the group's VMs: explicit ({@code host:}) or by the placement policy; "?" without a topology. */
    private List<String> place(V g, String gPath, String gName, int count) {
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
                    values.error(items.get(i).loc(), gPath + ".host", "unknown host '" + explicit.get(i) + "'"
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
                String h = hosts.get(nextHost++ % hosts.size());
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
                    out.add(hosts.get(nextHost++ % hosts.size()));
                }
            }
        }
        return out;
    }
}
