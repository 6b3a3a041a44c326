package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.locOf;
import static org.seawallsim.scenario.model.Values.lng;
import static org.seawallsim.scenario.model.Values.num;
import static org.seawallsim.scenario.model.Values.str;

import java.util.ArrayList;
import java.util.List;

/** The {@code topology:} section as a record, with the checks that need several of its keys at once. */
final class TopologyReader {
    private TopologyReader() {
    }

    /** Null when the section is missing or failed validation (the binder has reported it). */
    static Scenario.Topology read(Values values, V t) {
        if (t == null || t.value() == null) {
            return null;
        }
        String builder = str(t, "builder") == null ? "star" : str(t, "builder");
        double rate = num(t, "rateGbps", 1);
        Scenario.Topology topo = new Scenario.Topology(builder, (int) lng(t, "hosts", 4), (int) lng(t, "racks", 2),
                (int) lng(t, "hostsPerRack", 4), (int) lng(t, "leaves", 2), (int) lng(t, "spines", 2),
                (int) lng(t, "k", 4), rate, t.has("coreRateGbps") ? num(t, "coreRateGbps", rate) : rate,
                num(t, "delayUs", 1), lng(t, "bufferBytes", 150_000), lng(t, "nicBufferBytes", 1_000_000),
                lng(t, "ecnThresholdBytes", 0));
        if ("fattree".equals(builder) && topo.k() % 2 != 0) {
            values.error(locOf(t, "k"), "topology.k", "a fat-tree needs an even k, got " + topo.k());
        }
        if ("star".equals(builder) && topo.hosts() < 2 || "dumbbell".equals(builder) && topo.hosts() < 1) {
            values.error(locOf(t, "hosts"), "topology.hosts", "a " + builder + " needs at least "
                    + ("star".equals(builder) ? 2 : 1) + " host(s), got " + topo.hosts());
        }
        if (topo.bufferBytes() < 1538) {
            values.error(locOf(t, "bufferBytes"), "topology.bufferBytes", "must hold at least one full frame "
                    + "(1538 bytes), got " + topo.bufferBytes());
        }
        return topo;
    }

    /** Host names a topology has, in builder order: h0, h1, ... */
    static List<String> hostNames(Scenario.Topology t) {
        int n = switch (t.builder()) {
            case "star" -> t.hosts();
            case "dumbbell" -> 2 * t.hosts();
            case "tree" -> t.racks() * t.hostsPerRack();
            case "leafspine" -> t.leaves() * t.hostsPerRack();
            case "fattree" -> t.k() * t.k() * t.k() / 4;
            default -> throw new IllegalArgumentException("unknown topology builder '" + t.builder() + "'");
        };
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add("h" + i);
        }
        return names;
    }
}
