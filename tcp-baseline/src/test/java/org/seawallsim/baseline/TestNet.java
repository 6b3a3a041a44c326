package org.seawallsim.baseline;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;
import org.seawallsim.engine.time.Time;

/**
 * Test-only micro topologies and traffic: a star of n sender hosts and one receiver around one switch, paced
 * (constant-rate, open-loop) sources, and a sink that counts delivered bytes per tenant and per flow inside a
 * measurement window. Routing is set by hand (the topology module is not needed for one switch).
 */
public final class TestNet {
    public final SimContext ctx;
    public final Network net;
    public final Switch sw;
    public final List<Host> senders = new ArrayList<>();
    public final Host receiver;
    public final EgressPort bottleneck;
    public final Sink sink = new Sink();
    public final DropCounter drops = new DropCounter();

    /**
     * @param hostRateBps  rate of each sender's link (and NIC)
     * @param coreRateBps  rate of the switch-to-receiver link (the bottleneck)
     */
    public TestNet(long seed, int nSenders, long hostRateBps, long coreRateBps, long delayPs, long bufferBytes,
            IsolationScheme scheme, List<VmInfo> vms) {
        ctx = new SimContext(seed);
        net = new Network(ctx);
        sw = net.addSwitch("s");
        QueueFactory base = QueueFactory.dropTail(bufferBytes);
        QueueFactory swq = scheme == null ? base : scheme.switchQueues(base);
        QueueFactory nicq = scheme == null ? base : scheme.nicQueues(base);
        for (int i = 0; i < nSenders; i++) {
            Host h = net.addHost("h" + i);
            net.connect(h, sw, hostRateBps, delayPs, nicq, swq);
            senders.add(h);
        }
        receiver = net.addHost("rx");
        net.connect(receiver, sw, coreRateBps, delayPs, nicq, swq);
        for (int i = 0; i < net.hosts().size(); i++) {
            sw.setRoute(i, new int[] {i});
        }
        bottleneck = sw.ports().get(nSenders);
        ctx.probes().attach(drops);
        if (scheme != null) {
            scheme.install(net, vms);
        }
    }

    /** Counts drops by reason. */
    public static final class DropCounter implements NetProbe {
        public final long[] byReason = new long[DropReason.values().length];

        @Override
        public void onDrop(String where, Packet p, DropReason reason) {
            byReason[reason.ordinal()]++;
        }

        public long get(DropReason r) {
            return byReason[r.ordinal()];
        }
    }

    /** Counts IP bytes delivered per tenant and per flow id inside [fromPs, toPs). */
    public final class Sink implements PacketSink {
        public long fromPs;
        public long toPs = Long.MAX_VALUE;
        public final long[] bytesByTenant = new long[64];
        public final long[] bytesByFlow = new long[256];
        /** Packets that arrived with a lower packet id than an earlier packet of the same flow (ids follow send order). */
        public long reorders;
        private final long[] lastIdByFlow = new long[256];

        @Override
        public void receive(Packet p) {
            long now = ctx.nowPs();
            if (p.id < lastIdByFlow[p.flowId]) {
                reorders++;
            }
            lastIdByFlow[p.flowId] = p.id;
            if (now >= fromPs && now < toPs) {
                bytesByTenant[p.tenant] += p.sizeBytes;
                bytesByFlow[p.flowId] += p.sizeBytes;
            }
            ctx.packets().release(p);
        }

        public double tenantBps(int tenant) {
            return bytesByTenant[tenant] * 8.0 / Time.toSeconds(toPs - fromPs);
        }

        public double flowBps(int flow) {
            return bytesByFlow[flow] * 8.0 / Time.toSeconds(toPs - fromPs);
        }

        /** Sets the window and clears the counts. */
        public void window(long from, long to) {
            java.util.Arrays.fill(bytesByTenant, 0);
            java.util.Arrays.fill(bytesByFlow, 0);
            fromPs = from;
            toPs = to;
        }

        @Override
        public String name() {
            return "test-sink";
        }
    }

    /**
     * An open-loop source sending fixed-size packets at a fixed rate (measured on the wire) from {@code from} to
     * the receiver, between start and stop. At a rate at or above the NIC's line rate it keeps the NIC backlogged
     * (the NIC drops the excess), which is how the QCN papers' "always backlogged" sources behave.
     */
    public final class PacedSource implements EventTarget {
        final Host from;
        final int tenant;
        final int flowId;
        final int sizeBytes;
        final long intervalPs;
        final long stopPs;
        /** Gaps are drawn uniformly from intervalPs x [1 - jitter, 1 + jitter]; 0 sends at exact intervals. */
        final double jitter;
        final java.util.SplittableRandom random;
        public long sent;

        public PacedSource(Host from, int tenant, int flowId, int sizeBytes, long rateBps, long startPs,
                long stopPs) {
            this(from, tenant, flowId, sizeBytes, rateBps, startPs, stopPs, 0);
        }

        /** A paced source whose gaps vary by up to {@code jitter} of the mean, keeping the mean rate. */
        public PacedSource(Host from, int tenant, int flowId, int sizeBytes, long rateBps, long startPs,
                long stopPs, double jitter) {
            this.jitter = jitter;
            this.random = ctx.random().stream("paced-source/" + flowId);
            this.from = from;
            this.tenant = tenant;
            this.flowId = flowId;
            this.sizeBytes = sizeBytes;
            this.intervalPs = Time.serializationPs(org.seawallsim.engine.packet.Ethernet.wireBytes(sizeBytes), rateBps);
            this.stopPs = stopPs;
            ctx.loop().schedule(startPs, this, 0);
        }

        @Override
        public void onEvent(int tag) {
            if (ctx.nowPs() >= stopPs) {
                return;
            }
            Packet p = ctx.packets().acquire();
            ctx.packets().setFiveTuple(p, from.id(), receiver.id(), 1000 + flowId, 80, Packet.PROTO_UDP);
            p.kind = Packet.KIND_UDP;
            p.tenant = tenant;
            p.flowId = flowId;
            p.sizeBytes = sizeBytes;
            p.payloadBytes = sizeBytes - 28;
            p.endpoint = sink;
            p.createdPs = ctx.nowPs();
            sent++;
            from.sendFromVm(p);
            long gapPs = jitter == 0 ? intervalPs
                    : Math.round(intervalPs * (1 - jitter + 2 * jitter * random.nextDouble()));
            ctx.loop().scheduleIn(gapPs, this, 0);
        }
    }

    /**
     * A greedy source that keeps {@code depth} of its packets queued in its host's NIC: it sends {@code depth}
     * packets at start and one more each time one of them leaves the NIC. The NIC (and whatever rate limiter it
     * applies) alone sets the rate, without the overflow drops an open-loop line-rate source would cause; this is
     * the "always backlogged" source of the QCN papers at a fraction of the events.
     */
    public final class BackloggedSource implements NetProbe, EventTarget {
        final Host from;
        final EgressPort nic;
        final int tenant;
        final int flowId;
        final int depth;
        final long stopPs;
        public long sent;

        public BackloggedSource(Host from, int tenant, int flowId, int depth, long startPs, long stopPs) {
            this.from = from;
            this.nic = from.nic();
            this.tenant = tenant;
            this.flowId = flowId;
            this.depth = depth;
            this.stopPs = stopPs;
            ctx.probes().attach(this);
            ctx.loop().schedule(startPs, this, 0);
        }

        @Override
        public void onEvent(int tag) {
            for (int i = 0; i < depth; i++) {
                sendOne();
            }
        }

        @Override
        public void onDequeue(NetElement port, Packet p, long queueBytes) {
            if (port == nic && p.flowId == flowId && p.kind == Packet.KIND_UDP && ctx.nowPs() < stopPs) {
                sendOne();
            }
        }

        private void sendOne() {
            Packet p = ctx.packets().acquire();
            ctx.packets().setFiveTuple(p, from.id(), receiver.id(), 1000 + flowId, 80, Packet.PROTO_UDP);
            p.kind = Packet.KIND_UDP;
            p.tenant = tenant;
            p.flowId = flowId;
            p.sizeBytes = 1500;
            p.payloadBytes = 1472;
            p.endpoint = sink;
            p.createdPs = ctx.nowPs();
            sent++;
            from.sendFromVm(p);
        }
    }

    /** One VM per sender host, VM i in the tenant given, weight 1 unless given. */
    public static List<VmInfo> vms(int[] tenantOfHost, double[] weights) {
        List<VmInfo> list = new ArrayList<>();
        for (int i = 0; i < tenantOfHost.length; i++) {
            int t = tenantOfHost[i];
            list.add(new VmInfo(i, "vm" + i, t, "t" + t, i, weights == null ? 1.0 : weights[i]));
        }
        return list;
    }
}
