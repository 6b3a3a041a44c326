package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Field.axis;
import static org.seawallsim.scenario.model.Field.opt;
import static org.seawallsim.scenario.model.Field.req;

import java.util.LinkedHashMap;
import org.seawallsim.scenario.trace.TraceSpec;
import java.util.List;

/**
 * The scenario file format, written once as data. Keys carry their units ({@code rateGbps}, {@code delayUs},
 * {@code bufferBytes}, {@code durationS}); every field has a default or is required, and its documentation is what
 * {@code seawall-sim describe} prints.
 */
public final class ScenarioFormat {
    private ScenarioFormat() {
    }

    public static final List<String> SCHEMES = List.of("tcp", "seawall", "ratelimit", "drr", "qcn");
    public static final List<String> BUILDERS = List.of("star", "dumbbell", "tree", "leafspine", "fattree",
            "parkinglot");
    public static final List<String> VARIANTS = List.of("newreno", "cubic", "dctcp");
    public static final List<String> PLACEMENTS = List.of("spread", "pack", "random");
    public static final List<String> ACTIONS = List.of("start", "stop", "setWeight", "join", "leave", "compromise");
    public static final List<String> DISTRIBUTIONS = List.of("fixed", "exponential", "pareto", "lognormal", "cdf");
    public static final List<String> METRICS = List.of("jain_weighted", "isolation_error", "utilization", "drops");

    static final Type STR = new Type.Str();
    static final Type BOOL = new Type.Bool();
    static final Type POS = new Type.Num(0, true, Double.MAX_VALUE);
    static final Type NONNEG = new Type.Num(0, false, Double.MAX_VALUE);
    static final Type FRACTION = new Type.Num(0, false, 1);

    /** Longest simulated time or delay any key may give, and the sum a run may reach (see {@link #TIME_S}). */
    public static final double MAX_TIME_S = 1e6;
    /** Fastest link: a byte then takes exactly one picosecond, the clock's resolution. */
    public static final double MAX_RATE_BPS = 8e12;
    private static final String CLOCK = "the clock counts picoseconds up to 9.2e6 s; 1e6 s leaves room for delays";
    private static final String SERIALIZATION = "serialization times are whole picoseconds, and above 8 Tbit/s a "
            + "byte would take less than one";
    // Times: from 0 (or one picosecond, the clock's resolution, when 0 is meaningless) to MAX_TIME_S.
    static final Type TIME_S = new Type.Num(0, false, MAX_TIME_S, CLOCK);
    static final Type POS_TIME_S = new Type.Num(1e-12, false, MAX_TIME_S, "1 ps to 1e6 s: " + CLOCK);
    static final Type DELAY_US = new Type.Num(0, false, 1e9, "at most 1000 s: " + CLOCK);
    static final Type RATE_GBPS = new Type.Num(0.01, false, MAX_RATE_BPS / 1e9, "10 Mbit/s to 8 Tbit/s: the "
            + "schemes' rate controllers have floors of 1-5 Mbit/s; " + SERIALIZATION);
    static final Type RATE_MBPS = new Type.Num(0, false, MAX_RATE_BPS / 1e6, "0, or 1 bit/s to 8 Tbit/s: "
            + SERIALIZATION);
    static final Type WEIGHT = new Type.Num(1e-6, false, 1e6,
            "weights from 1e-6 to 1e6 keep the schemes' rate arithmetic finite");
    static final Type COUNT = new Type.Int(1, 100_000);
    static final Type POS_INT = new Type.Int(1, Long.MAX_VALUE);
    static final Type NONNEG_INT = new Type.Int(0, Long.MAX_VALUE);
    /**
     * A queue's capacity: at least one full frame (1 538 wire bytes), or every full-size packet is dropped and the
     * run goes on with no goodput.
     */
    static final Type FRAME_BYTES = new Type.Int(1538, Long.MAX_VALUE, "a queue must hold one full frame");
    static final Type ANY_INT = new Type.Int(Long.MIN_VALUE, Long.MAX_VALUE);
    static final Type NAMES = new Type.ListOf(STR, 1, Integer.MAX_VALUE, true);
    static final Type RANGE = new Type.ListOf(new Type.Num(-Double.MAX_VALUE, false, Double.MAX_VALUE), 2, 2, false);

    /** Defaults are the engine's {@code HostTimingConfig.defaults1GbE()}, where their sources are cited. */
    static final Type.Obj HOST_TIMING = new Type.Obj("host timing", List.of(
            opt("enabled", BOOL, true, "",
                    "Whether hosts have the timing below; without a hostTiming section they have none (packets pass "
                            + "between VMs and the wire at once)."),
            axis("servicePerPacketUs", DELAY_US, 1.0, "us",
                    "Hypervisor CPU time per packet, on the send and on the receive path (ours: well under a 1 GbE "
                            + "frame time, as hosts reach line rate without Seawall)."),
            axis("servicePerByteNs", new Type.Num(0, false, 1e6, "at most 1 ms a byte: " + CLOCK), 1.0, "ns",
                    "Hypervisor CPU time per IP byte, each path (the per-byte term of the E7 cost model)."),
            axis("sendJitterUs", DELAY_US, 5.0, "us",
                    "Each sent packet's service takes an extra uniform [0, this] (scheduler/softirq wake-up variance;"
                            + " ours). Packets of a host never reorder. Paced UDP sources (udp without poisson, "
                            + "onoff) on the host also send each datagram up to this (at most one gap) after its "
                            + "slot, as TCP's sends are jittered, so VMs sending at one rate do not send at the same "
                            + "instants forever."),
            axis("rxCoalesceUs", DELAY_US, 18.0, "us",
                    "NIC receive interrupt coalescing timer, ethtool rx-usecs (Linux bnx2 default 18)."),
            axis("rxCoalesceFrames", new Type.Int(1, 1_000_000), 12, "frames",
                    "Interrupt once this many frames wait, ethtool rx-frames (Linux bnx2 default 12)."),
            axis("nicClockPpm", new Type.Num(0, false, 1000), 100.0, "ppm",
                    "Each host's NIC runs off nominal by a uniform offset within +- this (IEEE 802.3 allows 1000BASE-T"
                            + " +-100 ppm), so back-to-back senders drift in phase instead of staying locked."),
            axis("switchClockPpm", new Type.Num(0, false, 1000), 0.0, "ppm",
                    "Each switch egress port runs off nominal by a uniform offset within +- this, as real switch"
                            + " ports do. With 0 (the default, which keeps earlier results) a saturated switch port "
                            + "re-serialises back to back at exactly its nominal rate, so line-rate streams that "
                            + "meet at the next full drop-tail port keep one phase for the whole run and one of "
                            + "them can lose every slot; 100 makes such phases drift as on hardware. Like the rest of this "
                            + "section, it applies only while hostTiming is enabled.")));

    static final Type.Obj LOSS = new Type.Obj("random loss", List.of(
            axis("rate", new Type.Num(0, false, 0.5, "at most one frame in two: beyond that almost nothing gets "
                    + "through"), 0.0, "fraction",
                    "Probability that a frame is lost, independently for every frame on every link direction "
                            + "chosen by 'links' (a corrupted frame the receiving interface discards). Lost frames "
                            + "were sent: they count in the link's utilization and its trace, and as its drops "
                            + "(summary.json links: drops, and lost for these alone). Loss-driven Seawall and TCP "
                            + "take them for congestion, as real ones do; switch telemetry (ecn-bottleneck) does not."),
            opt("links", new Type.Enum(List.of("all", "core", "access")), "all", "",
                    "Which links lose frames: all, core (switch to switch: the dumbbell bottleneck, uplinks, "
                            + "trunks; a star has none) or access (host to switch, both ways)."),
            opt("packets", new Type.Enum(List.of("all", "data")), "all", "",
                    "Which frames: all, or data (TCP segments and UDP datagrams only: ACKs, Seawall reports and "
                            + "QCN messages always arrive, as the Mathis model of TCP throughput assumes).")));

    public static final Type.Obj TOPOLOGY = new Type.Obj("topology", List.of(
            opt("builder", new Type.Enum(BUILDERS), "star", "",
                    "How the network is built: star (all hosts on one switch), dumbbell (two switches joined by one "
                            + "bottleneck link, hosts split between them), tree (racks of hosts under ToRs under one "
                            + "core switch), leafspine, fattree (k-ary), parkinglot (racks switches in a chain joined by "
                            + "coreRateGbps trunks). Hosts are named h0, h1, ... in builder order."),
            axis("hosts", COUNT, 4, "hosts",
                    "star: number of hosts; dumbbell: hosts on each side (h0.. on the left, then the right)."),
            axis("racks", COUNT, 2, "racks", "tree: number of racks (ToR switches); parkinglot: "
                    + "switches in the chain, at least 2 (racks - 1 trunks)."),
            axis("hostsPerRack", COUNT, 4, "hosts", "tree, leafspine and parkinglot: hosts under each "
                    + "ToR/leaf/switch."),
            axis("leaves", COUNT, 2, "switches", "leafspine: number of leaf switches."),
            axis("spines", COUNT, 2, "switches", "leafspine: number of spine switches."),
            axis("k", new Type.Int(2, 64), 4, "ports", "fattree: switch radix k (even); k^3/4 hosts."),
            axis("rateGbps", RATE_GBPS, 1.0, "Gbit/s", "Rate of every host link (the NICs)."),
            axis("coreRateGbps", RATE_GBPS, null, "Gbit/s",
                    "Rate of switch-to-switch links (the dumbbell bottleneck, ToR uplinks); default: rateGbps."),
            axis("delayUs", DELAY_US, 1.0, "us", "One-way propagation delay of every link."),
            axis("bufferBytes", FRAME_BYTES, 150_000, "bytes",
                    "Drop-tail capacity of every switch egress queue (100 full-size packets by default). Queues "
                            + "count each packet's IP bytes (1500 for a full-size packet, 1528 with Seawall's "
                            + "encapsulation), not its 1538 bytes on the wire; the minimum, 1538, leaves room for "
                            + "one packet of any scheme."),
            axis("nicBufferBytes", FRAME_BYTES, 1_000_000, "bytes",
                    "Capacity of every host NIC queue, in IP bytes as bufferBytes."),
            axis("ecnThresholdBytes", NONNEG_INT, 0, "bytes",
                    "Mark CE on switch queues above this occupancy in IP bytes, as bufferBytes counts (DCTCP-style "
                            + "step); 0 turns ECN marking off. Below bufferBytes, or nothing is ever marked."),
            axis("nonEctAboveThreshold", new Type.Enum(List.of("queue", "drop")), "queue", "",
                    "What a switch queue above ecnThresholdBytes does with a packet that is not ECN-capable (plain "
                            + "TCP, UDP): queue lets it in unmarked, up to bufferBytes (drop-tail), so non-ECN flows "
                            + "fill the buffer beside ECN ones; drop drops it where an ECN-capable packet would be "
                            + "marked, as RFC 3168 section 7 asks of routers (and switches running WRED with ECN do), "
                            + "counted as a drop at that port. Applies to FIFO ports and DRR's and the shaper's "
                            + "per-tenant queues; drop needs ecnThresholdBytes > 0."),
            opt("hostTiming", HOST_TIMING, null, "",
                    "Send/receive timing of real servers: hypervisor service, send jitter, NIC interrupt coalescing. "
                            + "Absent: none (ideal hosts)."),
            opt("loss", LOSS, null, "",
                    "Random frame loss on links (bit errors), besides the queues' drops. Absent: none.")));

    static final Type.Obj SIZE = new Type.Obj("flow size distribution", List.of(
            opt("distribution", new Type.Enum(DISTRIBUTIONS), "exponential", "",
                    "Size distribution: fixed, exponential, pareto, lognormal (Commons Math) or cdf (a file)."),
            axis("meanBytes", new Type.Num(1, false, 1e15), 100_000.0, "bytes", "Mean flow size (fixed: the size)."),
            axis("shape", new Type.Num(1, true, 1000, "a Pareto mean is finite only above 1"), 1.5, "",
                    "pareto: shape alpha."),
            axis("sigma", new Type.Num(0, true, 10, "larger spreads make sizes beyond 1e17 bytes"), 1.0, "", "lognormal: standard deviation of the log of the size."),
            opt("cdfFile", STR, null, "path",
                    "cdf: a file of 'sizeBytes cumulativeProbability' lines, relative to the scenario file.")));

    static List<Field> common(boolean tcp) {
        List<Field> f = new java.util.ArrayList<>(List.of(
                req("to", NAMES, "VM names",
                        "Destination VMs: VM names, or VM group names (every VM of the group)."),
                opt("startS", TIME_S, 0.0, "s", tcp ? "When the traffic starts (simulated seconds); bulk and "
                        + "shuffle flows each start at a random offset in [0, 10 ms) after it (from the flow's own "
                        + "stream), so that identical flows do not start in lockstep."
                        : "When the traffic starts (simulated seconds)."),
                opt("stopS", TIME_S, null, "s", "When the traffic stops; default: the end of the run.")));
        if (tcp) {
            f.add(axis("variant", new Type.Enum(VARIANTS), "newreno", "", "TCP congestion control of these flows."));
            f.add(opt("sack", BOOL, true, "",
                    "Selective acknowledgments (RFC 2018) with RFC 6675 loss recovery, Proportional Rate Reduction "
                            + "(RFC 6937) and Linux's lost-retransmission detection; on by default, as every guest OS "
                            + "of the Seawall era (Linux, Windows Server 2008) negotiates it. false: NewReno's one "
                            + "hole per round trip (RFC 6582)."));
            f.add(opt("ecn", BOOL, false, "",
                    "Classic ECN (RFC 3168) for newreno and cubic: ECN-capable data, an echo cuts the window as a "
                            + "loss would (newreno to 1/2, cubic to 0.7), once per window. dctcp always uses ECN."));
        }
        return f;
    }

    static List<Field> with(List<Field> base, Field... more) {
        List<Field> l = new java.util.ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    public static final Type.Union TRAFFIC;

    static {
        LinkedHashMap<String, Type.Obj> v = new LinkedHashMap<>();
        v.put("bulk", new Type.Obj("bulk TCP", with(common(true),
                axis("flows", new Type.Int(1, 1_000_000), 1, "flows", "Long-lived TCP flows to each destination VM."))));
        v.put("udp", new Type.Obj("UDP flood", with(common(false),
                axis("rateMbps", RATE_MBPS, 0.0, "Mbit/s", "Sending rate on the wire (Ethernet framing included); 0 = the NIC rate."),
                axis("pattern", new Type.Enum(List.of("cbr", "poisson")), "cbr", "",
                        "cbr: one datagram every wire-size / rate; poisson: exponential gaps with that mean rate "
                                + "(breaks the phase locking of identical CBR sources at drop-tail queues)."),
                axis("packetBytes", new Type.Int(64, 9000), 1500, "bytes",
                        "IP datagram size; its frame (38 bytes more) must fit bufferBytes and nicBufferBytes."))));
        v.put("onoff", new Type.Obj("on/off UDP", with(common(false),
                axis("rateMbps", RATE_MBPS, 0.0, "Mbit/s", "Rate while on; 0 = the NIC rate."),
                axis("onS", POS_TIME_S, 0.5, "s", "Length of each on period (mean, if exponential)."),
                axis("offS", POS_TIME_S, 0.5, "s", "Length of each off period (mean, if exponential)."),
                opt("exponential", BOOL, false, "", "Draw period lengths from exponential distributions."),
                axis("packetBytes", new Type.Int(64, 9000), 1500, "bytes",
                        "IP datagram size; its frame (38 bytes more) must fit bufferBytes and nicBufferBytes."))));
        v.put("flows", new Type.Obj("sized TCP flows with Poisson arrivals", with(common(true),
                axis("arrivalsPerS", new Type.Num(1e-6, false, 1e9, "mean gaps from 1 ns to 1e6 s"), 100.0, "1/s", "Mean rate of the Poisson flow arrivals of this VM."),
                opt("size", SIZE, null, "", "Flow size distribution (default: exponential, mean 100000 B)."))));
        v.put("shuffle", new Type.Obj("all-to-all TCP (one flow to every destination VM)", with(common(true),
                axis("sizeBytes", NONNEG_INT, 0, "bytes", "Bytes per flow; 0 = unbounded (long-lived)."))));
        v.put("incast", new Type.Obj("synchronized block reads: every VM of this group sends to the one destination;"
                + " each round the destination first sends every sender a 64-byte request over TCP (its own goodput)",
                with(common(true),
                        axis("sizeBytes", POS_INT, 64_000, "bytes", "Block each sender sends per round."),
                        axis("rounds", new Type.Int(1, 1_000_000_000), 10, "rounds", "Rounds; a round starts when the previous one ends."))));
        TRAFFIC = new Type.Union("traffic", "type", v);
    }

    public static final Type.Obj VM = new Type.Obj("VM group", List.of(
            axis("count", COUNT, 1, "VMs",
                    "Number of VMs; with count > 1 they are named <group>0, <group>1, ... (at most 1000000 VMs in all)."),
            opt("host", NAMES, null, "host names",
                    "Explicit placement: a host, or a list of hosts used round-robin. Overrides placement."),
            opt("placement", new Type.Enum(PLACEMENTS), "spread", "",
                    "Automatic placement when 'host' is absent: spread (next host round-robin over all hosts), "
                            + "pack (all VMs of the group on the next host), random (uniform, from the scenario's seed)."),
            axis("weight", WEIGHT, null, "", "Seawall weight of each VM; default: the tenant's weight."),
            opt("active", BOOL, true, "", "false: the VM exists but only starts at a timeline 'join' event."),
            opt("traffic", new Type.ListOf(TRAFFIC, 0, Integer.MAX_VALUE, false), List.of(), "",
                    "What each VM of the group sends.")));

    public static final Type.Obj TENANT = new Type.Obj("tenant", List.of(
            axis("weight", WEIGHT, 1.0, "", "Default weight of the tenant's VMs."),
            req("vms", new Type.MapOf(VM, "VM (group) names", 1), "", "The tenant's VMs, by name.")));

    public static final Type.Obj EVENT = new Type.Obj("timeline event", List.of(
            req("atS", TIME_S, "s", "When the event happens (simulated seconds)."),
            req("action", new Type.Enum(ACTIONS), "",
                    "start/stop: all traffic of the VM(s) (stop aborts unfinished sized transfers, which are not "
                            + "recorded in fct.csv; start begins a sized shuffle or incast anew, its whole size); "
                            + "setWeight: new weight; join/leave: the VM starts or stops "
                            + "(its traffic too) and the scheme is told; a VM that has left (or not yet joined) "
                            + "receives nothing: its host drops what arrives for it, so TCP to it stalls and UDP to it "
                            + "takes the wire for nothing; compromise: the host's hypervisor ignores "
                            + "Seawall feedback from then on."),
            opt("vm", NAMES, null, "VM names", "VMs (or groups) the event applies to (all actions but compromise)."),
            opt("host", STR, null, "host name", "compromise: the host whose hypervisor is compromised."),
            opt("mode", new Type.Enum(List.of("ignoresFeedback", "disabledPort")), "ignoresFeedback", "",
                    "compromise: ignoresFeedback (the SW-port stamps but every tunnel runs at line rate) or "
                            + "disabledPort (no stamping, no limits)."),
            axis("weight", WEIGHT, null, "", "setWeight: the new weight.")));

    public static final Type.Obj EXPECT = new Type.Obj("expected result", List.of(
            opt("scheme", new Type.Enum(SCHEMES), null, "", "Checked only when the run used this scheme."),
            opt("vm", STR, null, "VM name", "The VM whose result is checked."),
            opt("tenant", STR, null, "tenant name", "The tenant whose result is checked."),
            opt("metric", new Type.Enum(METRICS), null, "", "A summary metric to check against 'range'."),
            opt("share", RANGE, null, "fraction",
                    "[low, high] for the VM's or tenant's goodput divided by the total goodput of all VMs."),
            opt("goodputMbps", RANGE, null, "Mbit/s", "[low, high] for the VM's or tenant's goodput."),
            opt("ratioToIdeal", RANGE, null, "", "[low, high] for the VM's goodput divided by its ideal share."),
            opt("range", RANGE, null, "", "[low, high] for 'metric'."),
            opt("note", STR, null, "", "Why this is the expected result.")));

    public static final Type.Obj TRACE = new Type.Obj("packet trace", List.of(
            opt("links", NAMES, null, "link names",
                    "What to record, one pcap file per link (both directions merged in time order): 'all', a link "
                            + "group (dumbbell: bottleneck; tree: uplinks), a host (its access link, e.g. h0), a link "
                            + "(h0<->swL) or one direction as a port (swL->swR). run --pcap LINK... replaces this list."),
            opt("direction", new Type.Enum(TraceSpec.DIRECTIONS), "both", "",
                    "both, forward (each link's first-named end to the other: a dumbbell bottleneck left to right, a "
                            + "host's uplink) or reverse. Port names are one direction already."),
            opt("startS", TIME_S, 0.0, "s", "Record frames from this simulated time on."),
            opt("stopS", POS_TIME_S, null, "s",
                    "Record frames before this simulated time; default: to the end of the run."),
            opt("maxPackets", POS_INT, TraceSpec.DEFAULT_MAX_PACKETS, "frames",
                    "Frames per file at most; later ones are left out and the file is reported as capped."),
            opt("snapBytes", new Type.Int(54, 65_535), TraceSpec.DEFAULT_SNAP_BYTES, "bytes",
                    "Bytes kept of each frame (the pcap snap length): 128 keeps every header (payload is zeros "
                            + "anyway); 65535 keeps whole frames, so readers can verify TCP and UDP checksums.")));

    public static final Type.Obj SCENARIO = new Type.Obj("scenario", List.of(
            opt("name", STR, null, "", "Name used in results (the default results folder, CSV headers): a "
                    + "letter, then letters, digits, '_' or '-'; default: the file's base name."),
            opt("description", STR, "", "", "What the scenario shows."),
            req("topology", TOPOLOGY, "", "The network."),
            req("tenants", new Type.MapOf(TENANT, "tenant names", 1), "", "Tenants and their VMs, by name."),
            opt("timeline", new Type.ListOf(EVENT, 0, Integer.MAX_VALUE, false), List.of(), "",
                    "Events applied at given simulated times."),
            axis("scheme", new Type.Enum(SCHEMES), "seawall", "",
                    "Isolation scheme: tcp (none), seawall, ratelimit (per-tenant token buckets in every switch: "
                            + "a tenant's VMs share one bucket per port), drr (per-tenant queues in every switch port, "
                            + "each weighing its tenant's VMs whose flows cross that port), qcn. The command line's "
                            + "--scheme overrides it."),
            opt("compare", new Type.ListOf(new Type.Enum(SCHEMES), 0, 5, false), List.of(), "",
                    "Schemes this scenario is meant to be compared under: what 'compare' runs without --schemes. "
                            + "Absent or empty ([]), compare runs tcp and seawall."),
            // Each scheme parameter is an axis (a list of values for one makes a sweep axis, as for the fields
            // above): the Binder sweeps a free map parameter by parameter.
            opt("schemeParams", new Type.Obj("parameters per scheme", List.of(
                    axis("tcp", new Type.FreeMap("parameter names to values"), null, "", "Parameters of scheme tcp."),
                    axis("seawall", new Type.FreeMap("parameter names to values"), null, "",
                            "Parameters of the Seawall controller and SW-ports (see the seawall module)."),
                    axis("ratelimit", new Type.FreeMap("parameter names to values"), null, "",
                            "Parameters of in-network rate limiting."),
                    axis("drr", new Type.FreeMap("parameter names to values"), null, "", "Parameters of DRR."),
                    axis("qcn", new Type.FreeMap("parameter names to values"), null, "", "Parameters of QCN."))),
                    null, "", "Scheme parameters, checked by each scheme ('describe schemes' lists them); a list of "
                            + "values for one parameter makes a sweep axis."),
            axis("durationS", POS_TIME_S, 10.0, "s", "Simulated time of a run."),
            axis("warmupS", TIME_S, 1.0, "s", "Start of the measured interval; averages exclude the warm-up."),
            axis("sampleIntervalS", POS_TIME_S, 0.1, "s", "Time-series sampling interval; at most 1000000 samples per run (durationS / sampleIntervalS)."),
            axis("seed", ANY_INT, 1, "", "Master seed; every random stream is derived from it and a stable name."),
            axis("tieSeed", ANY_INT, 0, "",
                    "Order of same-instant events: 0 (default) runs them in scheduling order, any other value in an "
                            + "order drawn from it (to show a result does not hinge on tie order; --tie-seed)."),
            opt("repetitions", new Type.Int(1, 1000), 1, "runs",
                    "Runs per sweep point; repetition r uses seed + r."),
            opt("expect", new Type.ListOf(EXPECT, 0, Integer.MAX_VALUE, false), List.of(), "",
                    "Machine-checkable expected results (checked by tests and regress)."),
            opt("trace", TRACE, null, "",
                    "Packet traces (pcap, nanosecond) of chosen links, written into the run's result folder; "
                            + "tracing never changes a run (docs/traces.md).")));
}
