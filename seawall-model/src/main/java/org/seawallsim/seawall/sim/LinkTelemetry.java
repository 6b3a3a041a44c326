package org.seawallsim.seawall.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.random.RandomStreams;
import org.seawallsim.seawall.controller.PathCongestion;
import org.seawallsim.seawall.controller.Tunnels;
import org.seawallsim.topology.Routing;

/**
 * The network controller's link telemetry for feedback mode {@code ecn-bottleneck}, and the hypervisors' view of it
 * ({@link PathCongestion}).
 *
 * <p>What is counted: the rate controller cuts by a fixed beta once per congested report interval (and then holds
 * off), not in proportion to marks, so what decides a tunnel's cuts is in which intervals its links marked, not how
 * many packets they marked. A probe records, per egress port, which sub-intervals (one controller report interval
 * each, 1 ms by default) of the current telemetry period saw an ECN mark or a drop: the same as reading a port's
 * marked and dropped packet counters every sub-interval and keeping only whether they advanced, shipped to the
 * network controller in one batch per {@link TelemetryConfig#intervalPs} (streaming telemetry; the switch is not
 * changed). Per port and per tunnel path (the union of its ports' sub-intervals) the controller keeps EWMAs of
 * the number of congested sub-intervals and of the number of cuts a tunnel seeing exactly those sub-intervals would
 * take under the controller's hold-off; after {@link TelemetryConfig#delayPs} each hypervisor has its tunnels'
 * shares, the most congested link's count over the path's ({@link #sample}).
 *
 * <p>Why not the marked fraction of packets (the first version of this mode): the long tunnel of a parking lot is
 * cut on the union of its links' marked intervals, and its cuts after a cut are swallowed by the hold-off, which
 * the sum of the links' packet fractions knows nothing of. Scaling by max F / sum F left a 3-hop long VM at
 * 0.91-0.93 of its max-min share; the fractions are still computed and published, for inspection only.
 *
 * <p>What a hypervisor knows: the paths of its tunnels. A datacenter's routing and ECMP hash are known to its
 * operator; here the first packet of each guest flow is traced through every switch's ECMP choice
 * ({@link Routing#trace}), and a tunnel keeps each distinct path with its number of flows.
 *
 * <p>Why switch-port telemetry rather than TTL-scoped probes (ICMP time-exceeded quoting the probe's ECN bits): it
 * needs no extra traffic and sees every packet of each link, where probes would sample each hop with a few packets
 * per interval; both are end-to-end in the sense the issue asks (switches only do what they do today).
 *
 * <p>Not thread-safe; driven by the event loop.
 */
public final class LinkTelemetry implements PathCongestion, NetProbe, EventTarget {
    private final Network net;
    private final SimContext ctx;
    private final TelemetryConfig cfg;
    private final List<EgressPort> ports;
    private final Map<EgressPort, Integer> portIndex = new IdentityHashMap<>();
    private final Map<String, Integer> portByName = new HashMap<>();
    private final long[] marks;
    private final long[] drops;
    private final long[] lastTx;
    private final long[] lastMarks;
    private final long[] lastDrops;
    private final double[] congestedEwma;
    private final double[] offeredEwma;
    /** Per port: bit k set if sub-interval k of the current telemetry period saw a mark or drop. */
    private final long[] congestedSubs;
    private final IntervalCounts[] portCounts;
    private final long subIntervalPs;
    private final int subsPerPeriod;
    /** The controller's hold-off in sub-intervals (at least 1: then every congested sub-interval is a cut). */
    private final int holdoffSubs;
    private long periodStartPs;
    /** F per port as last published (inspection only). */
    private double[] published;
    private final Map<Long, TunnelPaths> tunnels = new HashMap<>();
    private long[] seenFlows = new long[64];
    private int seenCount;
    private long lastSeen = Long.MIN_VALUE;
    private long samples;

    /**
     * Attaches its probe and starts sampling; call before traffic starts. {@code reportIntervalPs} is the rate
     * controller's report interval, the granularity at which marks turn into cuts, and {@code holdoffIntervals}
     * the number of intervals after a cut in which it takes no other (0 if it does not hold off); a telemetry
     * period holds at most 64 sub-intervals (longer periods use longer ones).
     */
    public LinkTelemetry(Network net, TelemetryConfig cfg, long reportIntervalPs, double holdoffIntervals) {
        if (reportIntervalPs <= 0 || !(holdoffIntervals >= 0)) {
            throw new IllegalArgumentException("report interval must be > 0 and hold-off >= 0, got "
                    + reportIntervalPs + " ps and " + holdoffIntervals);
        }
        this.net = net;
        this.ctx = net.context();
        this.cfg = cfg;
        this.subIntervalPs = Math.max(reportIntervalPs, (cfg.intervalPs() + 63) / 64);
        this.subsPerPeriod = (int) ((cfg.intervalPs() + subIntervalPs - 1) / subIntervalPs);
        // Rounded up to whole sub-intervals (a fractional hold-off still covers the sub-interval it ends in).
        this.holdoffSubs = (int) Math.max(1, Math.ceil(holdoffIntervals * reportIntervalPs / subIntervalPs));
        this.ports = net.ports();
        int n = ports.size();
        for (int i = 0; i < n; i++) {
            portIndex.put(ports.get(i), i);
            portByName.put(ports.get(i).name(), i);
        }
        marks = new long[n];
        drops = new long[n];
        lastTx = new long[n];
        lastMarks = new long[n];
        lastDrops = new long[n];
        congestedEwma = new double[n];
        offeredEwma = new double[n];
        congestedSubs = new long[n];
        portCounts = new IntervalCounts[n];
        for (int i = 0; i < n; i++) {
            portCounts[i] = new IntervalCounts();
        }
        published = new double[n];
        periodStartPs = ctx.nowPs();
        ctx.probes().attach(this);
        ctx.loop().scheduleIn(cfg.intervalPs(), this, 0);
    }

    // ---- the switches' counters ----

    @Override
    public void onMark(NetElement port, Packet p) {
        Integer i = port instanceof EgressPort ep ? portIndex.get(ep) : null;
        if (i != null) {
            marks[i]++;
            congestedSubs[i] |= subBit();
        }
    }

    @Override
    public void onDrop(String where, Packet p, DropReason reason) {
        // A frame lost on the wire is no sign of a full queue, and a switch's drop counters never see it (the
        // receiving interface counts it as a check-sequence error).
        if (reason == DropReason.INJECTED_LOSS) {
            return;
        }
        Integer i = portByName.get(where);
        if (i != null) {
            drops[i]++;
            congestedSubs[i] |= subBit();
        }
    }

    /** The bit of the current sub-interval of the telemetry period. */
    private long subBit() {
        long k = (ctx.nowPs() - periodStartPs) / subIntervalPs;
        return 1L << (int) Math.min(subsPerPeriod - 1, Math.max(0, k));
    }

    // ---- the hypervisors' routing knowledge ----

    @Override
    public void onHostSend(NetElement host, Packet p) {
        if (p.srcVm < 0 || p.kind == Packet.KIND_CONTROL || p.payloadBytes <= 0) {
            return;
        }
        long tunnel = Tunnels.key(p.srcVm, p.dstHost);
        long flow = RandomStreams.mix64(tunnel * 0x9E3779B97F4A7C15L ^ p.flowHash);
        if (flow == lastSeen || !addSeen(flow)) {
            lastSeen = flow;
            return;
        }
        lastSeen = flow;
        List<EgressPort> trace = Routing.trace(net, p);
        int[] path = new int[trace.size()];
        for (int i = 0; i < path.length; i++) {
            Integer idx = portIndex.get(trace.get(i));
            path[i] = idx == null ? -1 : idx;
        }
        tunnels.computeIfAbsent(tunnel, k -> new TunnelPaths()).add(path);
    }

    /** Tests: registers one flow of {@code tunnelKey} on the path of the named egress ports. */
    void addPath(long tunnelKey, String... portNames) {
        int[] path = new int[portNames.length];
        for (int i = 0; i < path.length; i++) {
            path[i] = portByName.get(portNames[i]);
        }
        tunnels.computeIfAbsent(tunnelKey, k -> new TunnelPaths()).add(path);
    }

    /** Open-addressing set of (tunnel, flow) hashes; true if {@code h} was new. */
    private boolean addSeen(long h) {
        if (h == 0) {
            h = 1;
        }
        if ((seenCount + 1) * 2 > seenFlows.length) {
            long[] old = seenFlows;
            seenFlows = new long[old.length * 2];
            seenCount = 0;
            for (long o : old) {
                if (o != 0) {
                    addSeen(o);
                }
            }
        }
        int mask = seenFlows.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (seenFlows[i] != 0) {
            if (seenFlows[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        seenFlows[i] = h;
        seenCount++;
        return true;
    }

    // ---- the controller's sampling and publication ----

    @Override
    public void onEvent(int tag) {
        if (tag == 0) {
            sample();
            ctx.loop().scheduleIn(cfg.intervalPs(), this, 0);
        }
    }

    /**
     * Reads every port's counters and congested sub-intervals, folds them into the EWMAs, and computes each known
     * tunnel's shares, which reach the hypervisors {@link TelemetryConfig#delayPs} later.
     */
    private void sample() {
        samples++;
        int n = ports.size();
        double g = cfg.gain();
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            long tx = ports.get(i).txPackets();
            long dTx = tx - lastTx[i];
            long dMarks = marks[i] - lastMarks[i];
            long dDrops = drops[i] - lastDrops[i];
            lastTx[i] = tx;
            lastMarks[i] = marks[i];
            lastDrops[i] = drops[i];
            congestedEwma[i] += g * (dMarks + dDrops - congestedEwma[i]);
            offeredEwma[i] += g * (dTx + dDrops - offeredEwma[i]);
            f[i] = offeredEwma[i] > 0 ? Math.min(1, congestedEwma[i] / offeredEwma[i]) : 0;
            portCounts[i].add(congestedSubs[i], subsPerPeriod, holdoffSubs, g);
        }
        // Every tunnel known now, in the map's (deterministic) order; its shares are published with F.
        TunnelPaths[] known = tunnels.values().toArray(new TunnelPaths[0]);
        double[] shares = new double[2 * known.length];
        for (int k = 0; k < known.length; k++) {
            known[k].sample(k, shares);
        }
        Arrays.fill(congestedSubs, 0);
        periodStartPs = ctx.nowPs();
        if (cfg.delayPs() == 0) {
            publish(f, known, shares);
        } else {
            ctx.loop().scheduleIn(cfg.delayPs(), tag -> publish(f, known, shares), 1);
        }
    }

    private void publish(double[] f, TunnelPaths[] known, double[] shares) {
        published = f;
        for (int k = 0; k < known.length; k++) {
            known[k].cutShare = shares[2 * k];
            known[k].increaseShare = shares[2 * k + 1];
        }
    }

    // ---- PathCongestion ----

    @Override
    public double bottleneckShare(long tunnelKey) {
        TunnelPaths t = tunnels.get(tunnelKey);
        return t == null ? 1 : t.cutShare;
    }

    @Override
    public double increaseShare(long tunnelKey) {
        TunnelPaths t = tunnels.get(tunnelKey);
        return t == null ? 1 : t.increaseShare;
    }

    /**
     * The cut share's denominator is the tunnel's own cut count, not the count rebuilt from the union of its links'
     * congested sub-intervals: which report a mark lands in, and so whether an episode of 6-7 ms gives a tunnel 2
     * or 3 cuts under a 2.5-interval hold-off, depends on the tunnel's report phase and path delay, not on the
     * telemetry's 1-ms grid. Measured (2-hop parking lot, 1:1:1, seed 1, seconds 1-4): the long tunnel took 289
     * cuts where its links' union gave 286, the one-hop tunnels 146 each where their trunks gave 154 and 148, and
     * the maximum of the two trunks' noisy EWMAs put the share at 0.556 on average where 146 / 289 = 0.505 would
     * have made the long tunnel's cuts add up to a one-hop tunnel's; the long VM got 0.946 of its max-min share.
     * With its own count: 0.964-0.976 (seeds 1-3), and every VM of the 12 parking-lot points within 0.955-1.030.
     * The bottleneck's count stays the link's: no tunnel over it alone need exist.
     */
    @Override
    public void cutTaken(long tunnelKey) {
        TunnelPaths t = tunnels.get(tunnelKey);
        if (t != null) {
            t.cutsTaken++;
        }
    }

    // ---- inspection (tests, diagnosis) ----

    /** The congested fraction of port {@code portName} the hypervisors currently have, or NaN if unknown. */
    public double publishedFraction(String portName) {
        Integer i = portByName.get(portName);
        return i == null ? Double.NaN : published[i];
    }

    /** The distinct paths (egress port names) traced for a tunnel so far. */
    public List<List<String>> paths(long tunnelKey) {
        TunnelPaths t = tunnels.get(tunnelKey);
        List<List<String>> out = new ArrayList<>();
        if (t != null) {
            for (int[] p : t.paths) {
                List<String> names = new ArrayList<>();
                for (int port : p) {
                    names.add(port >= 0 ? ports.get(port).name() : "?");
                }
                out.add(names);
            }
        }
        return out;
    }

    public long samples() {
        return samples;
    }

    /**
     * One congestion record (a port, or a path: the union of its ports) over the telemetry periods: EWMAs of the
     * number of congested sub-intervals per period and of the number of cuts a tunnel seeing exactly those would
     * take (a cut at a congested sub-interval, none in the next holdoff - 1; the hold carries over periods). Means
     * are bias-corrected for the number of periods seen, so a path traced after its ports started compares with
     * them fairly.
     */
    static final class IntervalCounts {
        private double subsEwma;
        private double cutsEwma;
        private int hold;
        private long periods;
        private double unbias = 1;

        void add(long mask, int bits, int holdoff, double g) {
            int cuts = 0;
            for (int k = 0; k < bits; k++) {
                if (hold > 0) {
                    hold--;
                } else if ((mask >>> k & 1) != 0) {
                    cuts++;
                    hold = holdoff - 1;
                }
            }
            fold(Long.bitCount(mask), cuts, g);
        }

        /** Folds one period's counts of congested sub-intervals and cuts into the EWMAs. */
        void fold(int subs, int cuts, double g) {
            subsEwma += g * (subs - subsEwma);
            cutsEwma += g * (cuts - cutsEwma);
            periods++;
            unbias = g >= 1 ? 1 : 1 / (1 - StrictMath.pow(1 - g, periods));
        }

        double subs() {
            return subsEwma * unbias;
        }

        double cuts() {
            return cutsEwma * unbias;
        }
    }

    /** A link counts as congested for a tunnel while its cuts are at least this part of its worst link's. */
    static final double CONGESTED_FRACTION = 0.05;

    private final class TunnelPaths {
        final List<int[]> paths = new ArrayList<>();
        final List<int[]> counts = new ArrayList<>();
        final List<IntervalCounts> unions = new ArrayList<>();
        int flows;
        /** As last published; 1 (mode ecn's rule) until the first publication. */
        double cutShare = 1;
        double increaseShare = 1;
        /** The tunnel's own congestion cuts in the current period, as its controller reports them. */
        int cutsTaken;
        /** Their EWMA (its sub-interval count unused). */
        final IntervalCounts taken = new IntervalCounts();

        /**
         * Folds this period's union of each path's ports' congested sub-intervals into the path's counts, and
         * writes to {@code out[2k]} the cut share (the most congested port's cuts over the paths' flow-weighted
         * mean) and to {@code out[2k + 1]} the increase share (that port's congested sub-intervals over the paths'
         * mean); both exactly 1 unless at least two links of the tunnel's paths have been congested within the
         * EWMAs' memory. One link, because the rule stands for a tunnel over its bottleneck alone; taking each
         * share's own maximum over the ports (possibly two different ones) measured as well: 10 of the 12
         * parking-lot points within 5 % of max-min either way.
         */
        void sample(int k, double[] out) {
            double g = cfg.gain();
            double maxCuts = 0;
            double maxSubs = 0;
            double unionCuts = 0;
            double unionSubs = 0;
            for (int j = 0; j < paths.size(); j++) {
                long u = 0;
                for (int port : paths.get(j)) {
                    if (port >= 0) {
                        u |= congestedSubs[port];
                        IntervalCounts c = portCounts[port];
                        // The most congested link by cuts (ties: by congested sub-intervals) sets both shares.
                        if (c.cuts() > maxCuts || (c.cuts() == maxCuts && c.subs() > maxSubs)) {
                            maxCuts = c.cuts();
                            maxSubs = c.subs();
                        }
                    }
                }
                IntervalCounts union = unions.get(j);
                union.add(u, subsPerPeriod, holdoffSubs, g);
                int c = counts.get(j)[0];
                unionCuts += c * union.cuts();
                unionSubs += c * union.subs();
            }
            taken.fold(0, cutsTaken, g);
            cutsTaken = 0;
            boolean several = congestedLinks(maxCuts) > 1;
            // The tunnel's own cuts once it has any, its paths' rebuilt count before (see cutTaken).
            double pathCuts = taken.cuts() > 0 ? taken.cuts() : unionCuts / flows;
            boolean scale = several && unionCuts > 0 && unionSubs > 0;
            out[2 * k] = scale ? Math.min(1, maxCuts / pathCuts) : 1;
            out[2 * k + 1] = scale ? Math.min(1, maxSubs * flows / unionSubs) : 1;
        }

        /**
         * How many distinct links of the tunnel's paths (0, 1, or 2 for several) have a cut count of at least
         * {@link #CONGESTED_FRACTION} of the most congested one's; a link shared by several paths counts once. An
         * EWMA never returns to 0, so "any count at all" kept a link that had stopped marking in the rule for good:
         * after the second trunk of a 2-hop lot emptied (its one-hop VM left), the long tunnel's scale stayed at
         * 0.83-0.89 (its link's count against its own) instead of 1, and the one-hop VM on the remaining trunk got
         * 0.86-0.92 of its share for the next 1.5 s, where mode ecn gives it 1.0 within 0.3 s.
         */
        private int congestedLinks(double maxCuts) {
            int first = -1;
            for (int[] path : paths) {
                for (int port : path) {
                    if (port >= 0 && portCounts[port].subs() > 0
                            && portCounts[port].cuts() >= CONGESTED_FRACTION * maxCuts) {
                        if (first < 0) {
                            first = port;
                        } else if (port != first) {
                            return 2; // the rule only asks whether there is more than one
                        }
                    }
                }
            }
            return first < 0 ? 0 : 1;
        }

        void add(int[] path) {
            flows++;
            for (int j = 0; j < paths.size(); j++) {
                if (Arrays.equals(paths.get(j), path)) {
                    counts.get(j)[0]++;
                    return;
                }
            }
            paths.add(path);
            counts.add(new int[] {1});
            unions.add(new IntervalCounts());
        }
    }
}
