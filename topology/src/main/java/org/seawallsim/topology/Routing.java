package org.seawallsim.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.Node;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;

/**
 * Shortest-path ECMP routing: for every destination host, a breadth-first search from that host over the switch
 * graph gives each switch its hop distance, and every port toward a neighbour one hop closer becomes an equal-cost
 * next hop. Switches then pick among them by flow hash, so one flow keeps one path.
 *
 * <p>Cost: one BFS per host, O(H (N + E)); about 0.1 s for a 1024-host fat-tree. Hosts never forward, so paths never
 * transit through a host. Routes are static: link failures are not modelled.
 */
public final class Routing {
    private Routing() {
    }

    /** Fills every switch's ECMP table with all shortest-path next hops toward every host. */
    public static void install(Network net) {
        Graph g = new Graph(net);
        int[] dist = new int[g.nodes];
        int[] queue = new int[g.nodes];
        int[] choice = new int[g.maxDegree];
        for (Host dst : net.hosts()) {
            Arrays.fill(dist, -1);
            int d = dst.id();
            dist[d] = 0;
            int head = 0;
            int tail = 0;
            queue[tail++] = d;
            while (head < tail) {
                int u = queue[head++];
                if (u != d && u < g.hosts) {
                    continue; // hosts do not forward
                }
                for (int v : g.adj[u]) {
                    if (dist[v] < 0) {
                        dist[v] = dist[u] + 1;
                        queue[tail++] = v;
                    }
                }
            }
            for (int s = 0; s < g.switches; s++) {
                int u = g.hosts + s;
                if (dist[u] < 0) {
                    continue;
                }
                int n = 0;
                int[] nb = g.adj[u];
                for (int i = 0; i < nb.length; i++) {
                    int v = nb[i];
                    // Another host is never a next hop, even if adjacent: only the destination itself is.
                    if (dist[v] == dist[u] - 1 && (v >= g.hosts || v == d)) {
                        choice[n++] = i;
                    }
                }
                net.switches().get(s).setRoute(d, Arrays.copyOf(choice, n));
            }
        }
    }

    /**
     * Number of distinct paths a packet from {@code src} to {@code dst} could take under the installed tables (each
     * ECMP choice counted), or 0 if {@code dst} is unreachable.
     */
    public static long countPaths(Host src, Host dst) {
        if (src == dst) {
            return 1;
        }
        Node first = src.nic().peer();
        if (first == dst) {
            return 1;
        }
        return countFrom(first, dst, new java.util.HashMap<>());
    }

    private static long countFrom(Node node, Host dst, java.util.Map<Node, Long> memo) {
        if (node == dst) {
            return 1;
        }
        if (!(node instanceof Switch sw)) {
            return 0;
        }
        Long known = memo.get(node);
        if (known != null) {
            return known;
        }
        memo.put(node, 0L); // guards against loops in a broken table
        long total = 0;
        for (int port : sw.route(dst.id())) {
            total += countFrom(sw.ports().get(port).peer(), dst, memo);
        }
        memo.put(node, total);
        return total;
    }

    /**
     * The egress ports a packet would traverse from its source host's NIC to its destination, following each
     * switch's ECMP choice for the packet's flow hash. Fails with a message if a switch has no route.
     */
    public static List<EgressPort> trace(Network net, Packet p) {
        return trace(net, p.srcHost, p.dstHost, p.flowHash);
    }

    /** As {@link #trace(Network, Packet)} for a flow given by its hosts and flow hash, without a packet. */
    public static List<EgressPort> trace(Network net, int srcHost, int dstHost, long flowHash) {
        List<EgressPort> path = new ArrayList<>();
        EgressPort port = net.host(srcHost).nic();
        path.add(port);
        int guard = net.switches().size() + 2;
        while (port.peer() instanceof Switch sw) {
            port = sw.egressFor(dstHost, flowHash);
            if (port == null) {
                throw new IllegalArgumentException(sw.name() + " has no route to host " + dstHost);
            }
            path.add(port);
            if (--guard < 0) {
                throw new IllegalStateException("routing loop toward host " + dstHost + ": " + path);
            }
        }
        return path;
    }

    /** Adjacency over hosts (0..H-1) and switches (H..H+S-1), in each node's port order. */
    private static final class Graph {
        final int hosts;
        final int switches;
        final int nodes;
        final int[][] adj;
        int maxDegree = 1;

        Graph(Network net) {
            hosts = net.hosts().size();
            switches = net.switches().size();
            nodes = hosts + switches;
            adj = new int[nodes][];
            for (Host h : net.hosts()) {
                adj[h.id()] = neighbours(h);
            }
            for (Switch s : net.switches()) {
                adj[hosts + s.id()] = neighbours(s);
            }
        }

        private int[] neighbours(Node n) {
            List<EgressPort> ports = n.ports();
            int[] a = new int[ports.size()];
            for (int i = 0; i < a.length; i++) {
                Node peer = ports.get(i).peer();
                a[i] = peer instanceof Host ? peer.id() : hosts + peer.id();
            }
            maxDegree = Math.max(maxDegree, a.length);
            return a;
        }
    }
}
