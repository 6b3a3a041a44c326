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
    /** F per port as the hypervisors last received it. */
    private double[] published;
    private int publishVersion;
    private final Map<Long, TunnelPaths> tunnels = new HashMap<>();
    private long[] seenFlows = new long[64];
    private int seenCount;
    private long lastSeen = Long.MIN_VALUE;
    private long samples;

    /** Attaches its probe and starts sampling; call before traffic starts. */
    public LinkTelemetry(Network net, TelemetryConfig cfg) {
        this.net = net;
        this.ctx = net.context();
        this.cfg = cfg;
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
        published = new double[n];
        ctx.probes().attach(this);
        ctx.loop().scheduleIn(cfg.intervalPs(), this, 0);
    }

    // ---- the switches' counters ----

    @Override
    public void onMark(NetElement port, Packet p) {
        Integer i = port instanceof EgressPort ep ? portIndex.get(ep) : null;
        if (i != null) {
            marks[i]++;
        }
    }

    @Override
    public void onDrop(String where, Packet p, DropReason reason) {
        Integer i = portByName.get(where);
        if (i != null) {
            drops[i]++;
        }
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
        }
        if (cfg.delayPs() == 0) {
            publish(f);
        } else {
            ctx.loop().scheduleIn(cfg.delayPs(), tag -> publish(f), 1);
        }
    }

    private void publish(double[] f) {
        published = f;
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
     * max F over the tunnel's links over the mean (by flows) of its paths' sums of F: the part of the marks the
     * tunnel's packets collect that its most congested link accounts for. 1 when the path is unmarked.
     */
    private double share(TunnelPaths t) {
        double max = 0;
        double sum = 0;
        int flows = 0;
        for (int j = 0; j < t.paths.size(); j++) {
            double pathSum = 0;
            for (int port : t.paths.get(j)) {
                if (port >= 0) {
                    double f = published[port];
                    pathSum += f;
                    max = Math.max(max, f);
                }
            }
            int c = t.counts.get(j)[0];
            sum += c * pathSum;
            flows += c;
        }
        if (flows == 0 || sum <= 0) {
            return 1;
        }
        return Math.min(1, max / (sum / flows));
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
