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
 * <p>What a commodity switch provides: per-port counters of transmitted, ECN-marked and dropped packets, exported by
 * SNMP, sFlow counter samples or gNMI streaming telemetry. Here a probe keeps those counters (marks and drops; the
 * transmitted count is the port's own), and every {@link TelemetryConfig#intervalPs} the controller reads them all,
 * keeps an EWMA of each port's congested (marked + dropped) and offered (transmitted + dropped) packets, and after
 * {@link TelemetryConfig#delayPs} publishes every port's congested fraction F to all hypervisors at once. Nothing
 * in the switch changes.
 *
 * <p>Which control intervals were congested: the rate controller cuts by a fixed beta once per congested report
 * interval, not in proportion to marks, so a tunnel's number of cuts follows the union of the intervals in which any
 * of its links marked it, which the sum of the links' packet fractions overstates when their marking episodes
 * overlap. The probe therefore also records, per port, which sub-intervals (one controller report interval each) of
 * the current telemetry period saw a mark or drop (a bitmask, what a switch's per-period "congested" flag or a
 * finer-grained counter export gives). Each sample keeps an EWMA of every port's number of congested sub-intervals
 * and of every tunnel path's number of sub-intervals in which any of its ports was congested (the union), and the
 * tunnel's interval share is max over its ports / union ({@link #share}).
 *
 * <p>What a hypervisor knows: the paths of its tunnels. A datacenter's routing and ECMP hash are known to its
 * operator; here the first packet of each guest flow is traced through every switch's ECMP choice
 * ({@link Routing#trace}), and a tunnel keeps each distinct path with its number of flows.
 *
 * <p>Why counters rather than TTL-scoped probes (ICMP time-exceeded quoting the probe's ECN bits): the counters
 * need no extra traffic and measure each link with all of its packets, where probes would sample a marking
 * fraction of about a percent with a few packets per hop and interval; both are end-to-end in the sense the issue
 * asks (switches only do what they do today).
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
    /** Per port: EWMA of the number of congested sub-intervals per telemetry period. */
    private final double[] subsEwma;
    private final long subIntervalPs;
    private final int subsPerPeriod;
    private long periodStartPs;
    /** F per port as the hypervisors last received it. */
    private double[] published;
    private int publishVersion;
    private final Map<Long, TunnelPaths> tunnels = new HashMap<>();
    private long[] seenFlows = new long[64];
    private int seenCount;
    private long lastSeen = Long.MIN_VALUE;
    private long samples;

    /**
     * Attaches its probe and starts sampling; call before traffic starts. {@code reportIntervalPs} is the rate
     * controller's report interval, the granularity at which marks turn into cuts; a telemetry period holds at most
     * 64 sub-intervals (longer periods use longer ones).
     */
    public LinkTelemetry(Network net, TelemetryConfig cfg, long reportIntervalPs) {
        if (reportIntervalPs <= 0) {
            throw new IllegalArgumentException("report interval must be > 0, got " + reportIntervalPs + " ps");
        }
        this.net = net;
        this.ctx = net.context();
        this.cfg = cfg;
        this.subsPerPeriod = (int) Math.max(1, Math.min(64, cfg.intervalPs() / reportIntervalPs));
        this.subIntervalPs = Math.max(reportIntervalPs, (cfg.intervalPs() + 63) / 64);
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
        subsEwma = new double[n];
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
            subsEwma[i] += g * (Long.bitCount(congestedSubs[i]) - subsEwma[i]);
        }
        // Interval shares of every tunnel known at this sample, in a fixed order (the map's), published with F.
        TunnelPaths[] known = tunnels.values().toArray(new TunnelPaths[0]);
        double[] iv = new double[known.length];
        for (int k = 0; k < known.length; k++) {
            iv[k] = known[k].sampleIntervals(congestedSubs, subsEwma, g);
        }
        Arrays.fill(congestedSubs, 0);
        periodStartPs = ctx.nowPs();
        if (cfg.delayPs() == 0) {
            publish(f, known, iv);
        } else {
            ctx.loop().scheduleIn(cfg.delayPs(), tag -> publish(f, known, iv), 1);
        }
    }

    private void publish(double[] f, TunnelPaths[] known, double[] iv) {
        published = f;
        for (int k = 0; k < known.length; k++) {
            known[k].intervalShare = iv[k];
        }
        publishVersion++;
    }

    // ---- PathCongestion ----

    @Override
    public double bottleneckShare(long tunnelKey) {
        TunnelPaths t = tunnels.get(tunnelKey);
        if (t == null) {
            return 1;
        }
        if (t.version != publishVersion || t.pathVersion != t.flows) {
            t.share = share(t);
            t.version = publishVersion;
            t.pathVersion = t.flows;
        }
        return t.share;
    }

    /**
     * The larger of the packet share and the interval share, at most 1; exactly 1 when at most one link of the
     * tunnel's paths is congested (the rule is then mode ecn's).
     *
     * <p>Packet share: max F over the tunnel's links over the mean (by flows) of its paths' sums of F, the part of
     * the marks the tunnel's packets collect that its most congested link accounts for. Interval share: the most
     * congested link's congested sub-intervals over the union of its paths' (flow-weighted), the part of the
     * tunnel's congested report intervals -- and so of its cuts -- that its most congested link alone would have
     * caused. Links marking in disjoint intervals give both the same value; links marking in the same intervals
     * (one queue's burst seen downstream, or one traffic pattern loading both) give the tunnel fewer cuts than the
     * sum says, and the interval share is the larger. The maximum of the two: each is an estimate of the same
     * quantity, and the packet share cannot see overlap.
     */
    private double share(TunnelPaths t) {
        double max = 0;
        double sum = 0;
        int flows = 0;
        int congested = -1;
        boolean several = false;
        for (int j = 0; j < t.paths.size(); j++) {
            double pathSum = 0;
            for (int port : t.paths.get(j)) {
                if (port >= 0) {
                    double f = published[port];
                    pathSum += f;
                    max = Math.max(max, f);
                    if (f > 0) {
                        several |= congested >= 0 && port != congested;
                        congested = port;
                    }
                }
            }
            int c = t.counts.get(j)[0];
            sum += c * pathSum;
            flows += c;
        }
        if (flows == 0 || sum <= 0 || !several) {
            return 1;
        }
        return Math.min(1, Math.max(max / (sum / flows), t.intervalShare));
    }

    /** Tests: the interval share of a tunnel as last published (0 if none yet). */
    double intervalShare(long tunnelKey) {
        TunnelPaths t = tunnels.get(tunnelKey);
        return t == null ? 0 : t.intervalShare;
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

    private static final class TunnelPaths {
        final List<int[]> paths = new ArrayList<>();
        final List<int[]> counts = new ArrayList<>();
        int flows;
        int version = -1;
        int pathVersion = -1;
        double share = 1;
        /** Per path: EWMA of the number of sub-intervals per period in which any of its ports was congested. */
        double[] unionEwma = new double[0];
        /** As of the last publication; 0 before the first. */
        double intervalShare;

        /**
         * Folds one telemetry period's congested sub-intervals into the union EWMAs and returns the interval share:
         * the largest per-port EWMA on the tunnel's paths over the flow-weighted mean of its paths' union EWMAs.
         */
        double sampleIntervals(long[] congestedSubs, double[] subsEwma, double g) {
            if (unionEwma.length < paths.size()) {
                unionEwma = Arrays.copyOf(unionEwma, paths.size());
            }
            double max = 0;
            double union = 0;
            for (int j = 0; j < paths.size(); j++) {
                long u = 0;
                for (int port : paths.get(j)) {
                    if (port >= 0) {
                        u |= congestedSubs[port];
                        max = Math.max(max, subsEwma[port]);
                    }
                }
                unionEwma[j] += g * (Long.bitCount(u) - unionEwma[j]);
                union += counts.get(j)[0] * unionEwma[j];
            }
            union /= flows;
            return union > 0 ? Math.min(1, max / union) : 0;
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
        }
    }
}
