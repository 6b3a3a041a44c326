package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.HostTimingConfig;
import org.seawallsim.engine.net.Network;
import org.seawallsim.topology.LinkConfig;
import org.seawallsim.topology.Queues;
import org.seawallsim.topology.Topologies;
import org.seawallsim.topology.Topology;
import org.seawallsim.engine.net.Node;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Scenario;

/**
 * Builds the scenario's network with the topology module's builders (hosts h0, h1, ... in builder order, ECMP
 * shortest-path routes); the scheme supplies the queue disciplines. A tree has one core switch whose uplink rate is
 * {@code coreRateGbps} when that oversubscribes the rack, else full bisection.
 */
final class NetworkBuilder {
    private NetworkBuilder() {
    }

    static Network build(SimContext ctx, Scenario.Topology t, IsolationScheme scheme) {
        return topology(ctx, t, scheme).network();
    }

    /** As {@link #build}, keeping the builder's named host, switch and link groups. */
    static Topology topology(SimContext ctx, Scenario.Topology t, IsolationScheme scheme) {
        long hostRate = Math.round(t.rateGbps() * 1e9);
        long coreRate = Math.round(t.coreRateGbps() * 1e9);
        long delayPs = Time.ofMicros(t.delayUs());
        long ecn = t.ecnThresholdBytes();
        long buffer = t.bufferBytes();
        boolean dropNonEct = t.dropsNonEct();
        QueueFactory base = (name, owner, rate) -> {
            FifoQueue q = new FifoQueue(buffer);
            if (ecn > 0) {
                q.withEcnThreshold(ecn);
                if (dropNonEct) {
                    q.withNonEctDrop();
                }
            }
            return q;
        };
        Queues queues = Queues.forScheme(scheme, QueueFactory.dropTail(t.nicBufferBytes()), base);
        LinkConfig access = new LinkConfig(hostRate, delayPs);
        LinkConfig core = new LinkConfig(coreRate, delayPs);
        Topology topo = switch (t.builder()) {
            case "star" -> Topologies.star(ctx, t.hosts(), access, queues);
            case "dumbbell" -> Topologies.dumbbell(ctx, t.hosts(), access, core, queues);
            // One core switch; the uplink rate follows from the oversubscription the two rates imply.
            case "tree" -> Topologies.twoTier(ctx, t.racks(), t.hostsPerRack(), 1,
                    Math.max(1.0, t.hostsPerRack() * (double) hostRate / coreRate), access, delayPs, queues);
            case "leafspine" -> Topologies.leafSpine(ctx, t.leaves(), t.spines(), t.hostsPerRack(), access, core,
                    queues);
            case "fattree" -> Topologies.fatTree(ctx, t.k(), access, core, queues);
            // racks switches in a chain, racks - 1 trunks at the core rate.
            case "parkinglot" -> Topologies.parkingLot(ctx, t.racks(), t.hostsPerRack(), access, core, queues);
            default -> throw new UnsupportedFeatureException("unknown topology builder '" + t.builder() + "'");
        };
        HostTimingConfig timing = hostTiming(t.hostTiming());
        for (Host h : topo.network().hosts()) {
            h.setTiming(timing);
        }
        offsetSwitchClocks(ctx, topo.network(), t.hostTiming().enabled() ? t.hostTiming().switchClockPpm() : 0);
        applyLoss(topo.network(), t.loss());
        return topo;
    }

    /**
     * Gives every switch egress port a clock offset drawn uniformly within +-{@code ppm}, from a stream of its own
     * (so adding a port or a host elsewhere does not move another port's draw). Without it the ports downstream of
     * a saturated switch port see its stream at exactly the nominal rate, in a phase that never drifts.
     */
    static void offsetSwitchClocks(SimContext ctx, Network net, double ppm) {
        if (ppm <= 0) {
            return;
        }
        for (EgressPort p : net.ports()) {
            if (p.owner() instanceof Switch) {
                double u = ctx.random().stream("switch-port/" + p.name() + "/clock").nextDouble() * 2 - 1;
                p.offsetClock(u * ppm);
            }
        }
    }

    /** Random frame loss on the chosen links, both directions of each. */
    static void applyLoss(Network net, Scenario.Loss loss) {
        if (loss.rate() == 0) {
            return;
        }
        boolean dataOnly = "data".equals(loss.packets());
        for (EgressPort p : net.ports()) {
            boolean core = p.owner() instanceof Switch && p.peer() instanceof Switch;
            if ("all".equals(loss.links()) || core == "core".equals(loss.links())) {
                p.setWireLoss(loss.rate(), dataOnly);
            }
        }
    }

    /** The engine's host timing for a scenario's hostTiming section ({@code OFF} when absent or disabled). */
    static HostTimingConfig hostTiming(Scenario.HostTiming h) {
        if (!h.enabled()) {
            return HostTimingConfig.OFF;
        }
        return new HostTimingConfig(Math.round(h.servicePerPacketUs() * 1e6), Math.round(h.servicePerByteNs() * 1e3),
                Math.round(h.sendJitterUs() * 1e6), Math.round(h.rxCoalesceUs() * 1e6), h.rxCoalesceFrames(),
                h.nicClockPpm());
    }

    /** The egress ports a packet from {@code src} to {@code dst} crosses, following the first equal-cost choice. */
    static List<EgressPort> path(Host src, Host dst) {
        List<EgressPort> out = new ArrayList<>();
        EgressPort p = src.nic();
        out.add(p);
        Node n = p.peer();
        int guard = 0;
        while (n instanceof Switch s && guard++ < 64) {
            int[] r = s.route(dst.id());
            if (r.length == 0) {
                break;
            }
            p = s.ports().get(r[0]);
            out.add(p);
            n = p.peer();
        }
        return out;
    }
}
