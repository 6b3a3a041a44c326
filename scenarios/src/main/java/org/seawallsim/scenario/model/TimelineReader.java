package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.locOf;
import static org.seawallsim.scenario.model.Values.num;
import static org.seawallsim.scenario.model.Values.str;

import java.util.ArrayList;
import java.util.List;

/** The {@code timeline:} events, sorted by time, with each action's required keys checked. */
final class TimelineReader {
    private TimelineReader() {
    }

    static List<Scenario.Event> read(Values values, VmRefs refs, V tl, List<String> hosts, double duration) {
        List<Scenario.Event> out = new ArrayList<>();
        if (tl == null || tl.value() == null) {
            return out;
        }
        List<V> items = tl.list();
        for (int i = 0; i < items.size(); i++) {
            V e = items.get(i);
            if (e.value() == null) {
                continue;
            }
            String p = "timeline[" + i + "]";
            String action = str(e, "action");
            double at = num(e, "atS", 0);
            if (at > duration) {
                values.error(locOf(e, "atS"), p + ".atS", "atS (" + at + ") is after the end of the run (" + duration
                        + " s)");
            }
            List<String> vms = refs.resolve(e, "vm", p);
            String host = str(e, "host");
            Double weight = e.has("weight") ? num(e, "weight", 1) : null;
            if (action != null) {
                if ("compromise".equals(action)) {
                    if (host == null) {
                        values.error(e.loc(), p + ".host", "action 'compromise' needs 'host'");
                    } else if (!hosts.isEmpty() && !hosts.contains(host)) {
                        values.error(locOf(e, "host"), p + ".host", "unknown host '" + host + "'"
                                + Binder.didYouMean(host, hosts) + "; hosts are h0.." + hosts.get(hosts.size() - 1));
                    }
                } else if (!e.has("vm")) {
                    values.error(e.loc(), p + ".vm", "action '" + action + "' needs 'vm'");
                }
                if ("setWeight".equals(action) && weight == null) {
                    values.error(e.loc(), p + ".weight", "action 'setWeight' needs 'weight' (a number > 0)");
                }
                if (!"setWeight".equals(action) && e.has("weight")) {
                    values.error(locOf(e, "weight"), p + ".weight", "'weight' only applies to action 'setWeight'");
                }
                if ("compromise".equals(action)) {
                    values.notApplicable(e, p, "actions other than 'compromise' (which names its 'host')", "vm");
                } else {
                    values.notApplicable(e, p, "action 'compromise'", "host", "mode");
                }
            }
            out.add(new Scenario.Event(at, action, List.copyOf(vms), host, weight,
                    str(e, "mode") == null ? "ignoresFeedback" : str(e, "mode")));
        }
        out.sort((a, b) -> Double.compare(a.atS(), b.atS()));
        return out;
    }
}
