package org.seawallsim.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Resolves VM references (a VM name or a VM group name) in traffic destinations and timeline events. */
final class VmRefs {
    private final Values values;
    private final Map<String, List<String>> groups;
    /**
     * A group's count was refused, so its VMs' names are not known: a reference to one (a0 of `a: {count: x}`) is not
     * reported as an unknown VM on top of the count's error.
     */
    private final boolean namesIncomplete;
    private Set<String> known;

    VmRefs(Values values, Map<String, List<String>> groups, boolean namesIncomplete) {
        this.values = values;
        this.groups = groups;
        this.namesIncomplete = namesIncomplete;
    }

    /** The VMs {@code node.key} names, each once, in order; unknown names are reported. */
    List<String> resolve(V node, String key, String path) {
        V x = node.get(key);
        if (x == null || !(x.value() instanceof List<?>)) {
            return new ArrayList<>();
        }
        // Sets, not lists: a group of 100 000 VMs sending to another must not take quadratic time to resolve.
        Set<String> out = new LinkedHashSet<>();
        for (V item : x.list()) {
            if (!(item.value() instanceof String s)) {
                continue;
            }
            if (groups.containsKey(s)) {
                out.addAll(groups.get(s));
            } else if (known().contains(s)) {
                out.add(s);
            } else if (!namesIncomplete) {
                values.error(item.loc(), path + "." + key, "unknown VM '" + s + "'"
                        + Binder.didYouMean(s, new ArrayList<>(known())) + "; VMs are declared under "
                        + "tenants.<tenant>.vms");
            }
        }
        return new ArrayList<>(out);
    }

    /** Group names, then VM names, each once. */
    private Set<String> known() {
        if (known == null) {
            known = new LinkedHashSet<>(groups.keySet());
            for (List<String> names : groups.values()) {
                known.addAll(names);
            }
        }
        return known;
    }
}
