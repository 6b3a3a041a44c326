package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.locOf;
import static org.seawallsim.scenario.model.Values.lng;
import static org.seawallsim.scenario.model.Values.num;
import static org.seawallsim.scenario.model.Values.str;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.engine.packet.Ethernet;

/** The {@code topology:} section as a record, with the checks that need several of its keys at once. */
final class TopologyReader {
    /** Most hosts a topology may have, as {@code topology.hosts} allows for a star. */
    static final long MAX_HOSTS = 100_000;
    /** Wire bytes of a 1500-byte IP datagram, as the engine frames it. */
    static final long FULL_FRAME_BYTES = Ethernet.wireBytes(Ethernet.MTU_BYTES);
    /** Ethernet's bytes around a datagram above the minimum frame: preamble, header, FCS, gap. */
    static final long FRAMING_BYTES = FULL_FRAME_BYTES - Ethernet.MTU_BYTES;

    private TopologyReader() {
    }

    /** Null when the section is missing or failed validation (the binder has reported it). */
    static Scenario.Topology read(Values values, V t) {
        if (t == null || t.value() == null) {
            return null;
        }
        // A refused builder or size leaves the hosts unknown: placing VMs on a stand-in's hosts reported hosts the
        // file never had.
        if (Values.refused(t, "builder", "hosts", "racks", "hostsPerRack", "leaves", "spines", "k")) {
            return null;
        }
        String builder = str(t, "builder") == null ? "star" : str(t, "builder");
        long hostCount = switch (builder) {
            case "dumbbell" -> 2 * lng(t, "hosts", 4);
            case "tree", "parkinglot" -> lng(t, "racks", 2) * lng(t, "hostsPerRack", 4);
            case "leafspine" -> lng(t, "leaves", 2) * lng(t, "hostsPerRack", 4);
            case "fattree" -> lng(t, "k", 4) * lng(t, "k", 4) * lng(t, "k", 4) / 4;
            default -> lng(t, "hosts", 4);
        };
        if (hostCount > MAX_HOSTS) {
            values.error(t.loc(), "topology", "this " + builder + " has " + hostCount + " hosts; at most " + MAX_HOSTS
                    + " fit (every host has a NIC, and every switch a route to every host)");
            return null;
        }
        // Sizes of other builders were accepted and ignored (racks: 8 on a star).
        if (!List.of("star", "dumbbell").contains(builder)) {
            values.notApplicable(t, "topology", "builders star and dumbbell", "hosts");
        }
        if (!List.of("tree", "parkinglot").contains(builder)) {
            values.notApplicable(t, "topology", "builders tree and parkinglot", "racks");
        }
        if (!List.of("tree", "leafspine", "parkinglot").contains(builder)) {
            values.notApplicable(t, "topology", "builders tree, leafspine and parkinglot", "hostsPerRack");
        }
        if (!"leafspine".equals(builder)) {
            values.notApplicable(t, "topology", "builder leafspine", "leaves", "spines");
        }
        if (!"fattree".equals(builder)) {
            values.notApplicable(t, "topology", "builder fattree", "k");
        }
        if ("star".equals(builder)) {
            // A star has one switch and no switch-to-switch link: coreRateGbps was accepted and ignored.
            values.notApplicable(t, "topology", "builders with switch-to-switch links (all but star)",
                    "coreRateGbps");
        }
        double rate = num(t, "rateGbps", 1);
        Scenario.Topology topo = new Scenario.Topology(builder, (int) lng(t, "hosts", 4), (int) lng(t, "racks", 2),
                (int) lng(t, "hostsPerRack", 4), (int) lng(t, "leaves", 2), (int) lng(t, "spines", 2),
                (int) lng(t, "k", 4), rate, t.has("coreRateGbps") ? num(t, "coreRateGbps", rate) : rate,
                num(t, "delayUs", 1), lng(t, "bufferBytes", 150_000), lng(t, "nicBufferBytes", 1_000_000),
                lng(t, "ecnThresholdBytes", 0), str(t, "nonEctAboveThreshold") == null ? "queue"
                        : str(t, "nonEctAboveThreshold"), hostTiming(values, t.get("hostTiming")), loss(t.get("loss")));
        if ("fattree".equals(builder) && topo.k() % 2 != 0) {
            values.error(locOf(t, "k"), "topology.k", "a fat-tree needs an even k, got " + topo.k());
        }
        if ("star".equals(builder) && topo.hosts() < 2 || "dumbbell".equals(builder) && topo.hosts() < 1) {
            values.error(locOf(t, "hosts"), "topology.hosts", "a " + builder + " needs at least "
                    + ("star".equals(builder) ? 2 : 1) + " host(s), got " + topo.hosts());
        }
        // Topologies.parkingLot refuses a chain without a trunk; caught here so the error names the field.
        if ("parkinglot".equals(builder) && topo.racks() < 2) {
            values.error(locOf(t, "racks"), "topology.racks", "a parkinglot needs at least 2 racks (switches in "
                    + "the chain, joined by racks - 1 trunks), got " + topo.racks());
        }
        // Each switch port marks an arrival when its own queue then exceeds the threshold; a queue never exceeds its
        // buffer, so a threshold at or above it marks nothing, whoever relies on it (ECN-driven Seawall, DCTCP and
        // ECN guests, DRR's and the shaper's queues).
        if (topo.ecnThresholdBytes() > 0 && topo.ecnThresholdBytes() >= topo.bufferBytes()
                && !Values.refused(t, "bufferBytes")) {
            values.error(locOf(t, "ecnThresholdBytes"), "topology.ecnThresholdBytes", "must be below "
                    + "topology.bufferBytes (" + topo.bufferBytes() + " bytes, each switch port's queue), got "
                    + topo.ecnThresholdBytes() + ": a port's queue never exceeds its buffer, so no packet would be "
                    + "marked (0 turns marking off; the library uses 60000 with 131072-byte buffers)");
        }
        if (topo.dropsNonEct() && topo.ecnThresholdBytes() == 0 && !Values.refused(t, "ecnThresholdBytes")) {
            values.error(locOf(t, "nonEctAboveThreshold"), "topology.nonEctAboveThreshold", "'drop' needs "
                    + "topology.ecnThresholdBytes > 0: it drops non-ECN packets where the switches would mark "
                    + "ECN-capable ones, and with ecnThresholdBytes 0 they mark nothing; set ecnThresholdBytes or "
                    + "leave nonEctAboveThreshold at 'queue'");
        }
        if (topo.loss().rate() > 0 && "core".equals(topo.loss().links()) && "star".equals(builder)) {
            values.error(locOf(t.get("loss"), "links"), "topology.loss.links", "a star has no switch-to-switch "
                    + "links, so 'core' would lose nothing; use 'all' or 'access'");
        }
        return topo;
    }

    /** The loss section; absent means no random loss. */
    private static Scenario.Loss loss(V l) {
        if (l == null || l.value() == null) {
            return Scenario.Loss.NONE;
        }
        return new Scenario.Loss(num(l, "rate", 0), str(l, "links") == null ? "all" : str(l, "links"),
                str(l, "packets") == null ? "all" : str(l, "packets"));
    }

    /** The hostTiming section; absent or {@code enabled: false} means ideal hosts. */
    private static Scenario.HostTiming hostTiming(Values values, V h) {
        if (h == null || h.value() == null || (h.has("enabled") && !h.bool("enabled"))) {
            return Scenario.HostTiming.NONE;
        }
        Scenario.HostTiming t = new Scenario.HostTiming(true, num(h, "servicePerPacketUs", 1),
                num(h, "servicePerByteNs", 1), num(h, "sendJitterUs", 5), num(h, "rxCoalesceUs", 18),
                (int) lng(h, "rxCoalesceFrames", 12), num(h, "nicClockPpm", 100),
                num(h, "switchClockPpm", 0));
        if (t.rxCoalesceFrames() > 1 && t.rxCoalesceUs() == 0) {
            values.error(h.get("rxCoalesceFrames") != null ? h.get("rxCoalesceFrames").loc() : h.loc(),
                    "topology.hostTiming.rxCoalesceFrames", "more than 1 frame needs an rxCoalesceUs timer > 0 "
                            + "(a lone packet would wait forever), got " + t.rxCoalesceFrames() + " frames and "
                            + "rxCoalesceUs 0");
        }
        return t;
    }

    /** Host names a topology has, in builder order: h0, h1, ... */
    static List<String> hostNames(Scenario.Topology t) {
        int n = switch (t.builder()) {
            case "star" -> t.hosts();
            case "dumbbell" -> 2 * t.hosts();
            case "tree" -> t.racks() * t.hostsPerRack();
            case "parkinglot" -> t.racks() * t.hostsPerRack();
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
