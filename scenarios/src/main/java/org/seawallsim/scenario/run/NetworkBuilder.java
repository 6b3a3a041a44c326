package org.seawallsim.scenario.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.Node;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Scenario;

/**
 * Builds the scenario's network: star, dumbbell and two-tier tree, with hosts named h0, h1, ... in builder order and
 * shortest-path routes with every equal-cost next hop (ECMP). The scheme supplies the queue disciplines. Leaf-spine
 * and fat-tree need the topology module's builders and are refused with a clear message until it is wired in.
 */
final class NetworkBuilder {
    private NetworkBuilder() {
    }

    static Network build(SimContext ctx, Scenario.Topology t, IsolationScheme scheme) {
        Network net = new Network(ctx);
        long hostRate = Math.round(t.rateGbps() * 1e9);
        long coreRate = Math.round(t.coreRateGbps() * 1e9);
        long delayPs = Time.ofMicros(t.delayUs());
        long ecn = t.ecnThresholdBytes();
        long buffer = t.bufferBytes();
        QueueFactory base = (name, owner, rate) -> {
            FifoQueue q = new FifoQueue(buffer);
            return ecn > 0 ? q.withEcnThreshold(ecn) : q;
        };
        QueueFactory switchQ = scheme.switchQueues(base);
        QueueFactory nicQ = scheme.nicQueues(QueueFactory.dropTail(t.nicBufferBytes()));
        switch (t.builder()) {
            case "star" -> {
                Switch s = net.addSwitch("s0");
                for (int i = 0; i < t.hosts(); i++) {
                    Host h = net.addHost("h" + i);
                    net.connect(h, s, hostRate, delayPs, nicQ, switchQ);
                }
            }
            case "dumbbell" -> {
                List<Host> hosts = new ArrayList<>();
                for (int i = 0; i < 2 * t.hosts(); i++) {
                    hosts.add(net.addHost("h" + i));
                }
                Switch l = net.addSwitch("left");
                Switch r = net.addSwitch("right");
                for (int i = 0; i < hosts.size(); i++) {
                    net.connect(hosts.get(i), i < t.hosts() ? l : r, hostRate, delayPs, nicQ, switchQ);
                }
                net.connect(l, r, coreRate, delayPs, switchQ);
            }
            case "tree" -> {
                List<Host> hosts = new ArrayList<>();
                for (int i = 0; i < t.racks() * t.hostsPerRack(); i++) {
                    hosts.add(net.addHost("h" + i));
                }
                Switch core = net.addSwitch("core");
                for (int r = 0; r < t.racks(); r++) {
                    Switch tor = net.addSwitch("tor" + r);
                    for (int j = 0; j < t.hostsPerRack(); j++) {
                        net.connect(hosts.get(r * t.hostsPerRack() + j), tor, hostRate, delayPs, nicQ, switchQ);
                    }
                    net.connect(tor, core, coreRate, delayPs, switchQ);
                }
            }
            default -> throw new UnsupportedFeatureException("topology builder '" + t.builder()
                    + "' needs the topology module's builders, which this build does not wire in yet; "
                    + "available: star, dumbbell, tree");
        }
        route(net);
        return net;
    }

    /** Breadth-first search from every destination host; each switch keeps all ports on a shortest path. */
    static void route(Network net) {
        for (Host dst : net.hosts()) {
            java.util.Map<Node, Integer> dist = new java.util.HashMap<>();
            ArrayDeque<Node> queue = new ArrayDeque<>();
            dist.put(dst, 0);
            queue.add(dst);
            while (!queue.isEmpty()) {
                Node n = queue.poll();
                // Hosts do not forward: only the destination itself starts the search from a host.
                if (n instanceof Host && n != dst) {
                    continue;
                }
                for (EgressPort p : n.ports()) {
                    Node m = p.peer();
                    if (!dist.containsKey(m)) {
                        dist.put(m, dist.get(n) + 1);
                        queue.add(m);
                    }
                }
            }
            for (Switch s : net.switches()) {
                Integer d = dist.get(s);
                if (d == null) {
                    continue;
                }
                List<EgressPort> ports = s.ports();
                int[] next = new int[ports.size()];
                int k = 0;
                for (int i = 0; i < ports.size(); i++) {
                    Node peer = ports.get(i).peer();
                    Integer pd = dist.get(peer);
                    if (pd != null && pd == d - 1 && (!(peer instanceof Host) || peer == dst)) {
                        next[k++] = i;
                    }
                }
                s.setRoute(dst.id(), Arrays.copyOf(next, k));
            }
        }
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
