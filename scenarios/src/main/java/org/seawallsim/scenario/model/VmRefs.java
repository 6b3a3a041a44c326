package org.seawallsim.scenario.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resolves VM references (a VM name or a VM group name) in traffic destinations and timeline events. */
final class VmRefs {
    private final Values values;
    private final Map<String, List<String>> groups;

    VmRefs(Values values, Map<String, List<String>> groups) {
        this.values = values;
        this.groups = groups;
    }

    /** The VMs {@code node.key} names, each once, in order; unknown names are reported. */
    List<String> resolve(V node, String key, String path) {
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
                values.error(items.get(i).loc(), path + "." + key, "unknown VM '" + s + "'"
                        + Binder.didYouMean(s, known) + "; VMs are declared under tenants.<tenant>.vms");
            }
        }
        return out;
    }
}
