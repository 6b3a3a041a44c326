package org.seawallsim.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Link;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.Switch;

/**
 * Builders for the standard datacenter topologies. Each builds a fresh {@link Network} in {@code ctx}, connects
 * hosts with {@code access} links (the host side gets {@link Queues#nic()}, the switch side
 * {@link Queues#switchPort()}), connects switches with fabric links (switch queues on both sides), installs ECMP
 * routes with {@link Routing#install} and returns a {@link Topology} with named groups.
 *
 * <p>Host ids are dense and ordered rack by rack, so hosts of one rack have consecutive ids. Host names are
 * {@code h<id>}; switch names are given per builder. Every parameter is checked first and a bad one fails with an
 * {@link IllegalArgumentException} naming it, its value and what is allowed.
 */
public final class Topologies {
    private Topologies() {
    }

    /**
     * Dumbbell: {@code hostsPerSide} hosts on switch {@code swL}, as many on {@code swR}, and one bottleneck link
     * between the two switches. Host groups {@code "left"} (ids 0..n-1), {@code "right"} (n..2n-1) and
     * {@code "all"}; switch groups {@code "left"}, {@code "right"}; link group {@code "bottleneck"} (its
     * {@code aToB()} is the left-to-right direction, see {@link Topology#bottleneck()}).
     */
    public static Topology dumbbell(SimContext ctx, int hostsPerSide, LinkConfig access, LinkConfig bottleneck,
            Queues queues) {
        positive("hostsPerSide", hostsPerSide);
        notNull(ctx, access, queues);
        Objects.requireNonNull(bottleneck, "bottleneck link config");
        Groups g = new Groups(ctx);
        Switch left = g.sw("left", "swL");
        Switch right = g.sw("right", "swR");
        for (int i = 0; i < hostsPerSide; i++) {
            g.hostOn(left, "left", access, queues);
        }
        for (int i = 0; i < hostsPerSide; i++) {
            g.hostOn(right, "right", access, queues);
        }
        g.fabric("bottleneck", left, right, bottleneck, queues);
        return g.done("dumbbell n=" + hostsPerSide);
    }

    /** Single switch {@code sw0} with {@code hosts} hosts. Host group {@code "all"}; switch group {@code "switch"}. */
    public static Topology star(SimContext ctx, int hosts, LinkConfig access, Queues queues) {
        positive("hosts", hosts);
        notNull(ctx, access, queues);
        Groups g = new Groups(ctx);
        Switch s = g.sw("switch", "sw0");
        for (int i = 0; i < hosts; i++) {
            g.hostOn(s, null, access, queues);
        }
        return g.done("star n=" + hosts);
    }

    /**
     * Two-tier tree: {@code racks} top-of-rack switches {@code tor<r>}, each with {@code hostsPerRack} hosts and one
     * uplink to each of {@code cores} core switches {@code core<c>}. The uplink rate is chosen so that a rack's
     * host bandwidth is {@code oversubscription} times its uplink bandwidth: {@code hostsPerRack * access.rate /
     * (oversubscription * cores)}, rounded down to a whole bit/s. Host groups {@code "rack/<r>"} and {@code "all"};
     * switch groups {@code "tor"}, {@code "core"}; link group {@code "uplinks"}.
     *
     * @param oversubscription &gt;= 1 (1 means full bisection bandwidth)
     */
    public static Topology twoTier(SimContext ctx, int racks, int hostsPerRack, int cores, double oversubscription,
            LinkConfig access, long uplinkDelayPs, Queues queues) {
        positive("racks", racks);
        positive("hostsPerRack", hostsPerRack);
        positive("cores", cores);
        if (!(oversubscription >= 1) || Double.isInfinite(oversubscription)) {
            throw new IllegalArgumentException("oversubscription must be a finite number >= 1, got "
                    + oversubscription);
        }
        notNull(ctx, access, queues);
        long uplinkBps = (long) Math.floor(hostsPerRack * (double) access.rateBps() / (oversubscription * cores));
        if (uplinkBps <= 0) {
            throw new IllegalArgumentException("oversubscription " + oversubscription + " with " + hostsPerRack
                    + " hosts per rack and " + cores + " cores leaves uplinks of " + uplinkBps + " bit/s");
        }
        LinkConfig uplink = new LinkConfig(uplinkBps, uplinkDelayPs);
        Groups g = new Groups(ctx);
        List<Switch> coreSwitches = new ArrayList<>();
        for (int c = 0; c < cores; c++) {
            coreSwitches.add(g.sw("core", "core" + c));
        }
        for (int r = 0; r < racks; r++) {
            Switch tor = g.sw("tor", "tor" + r);
            for (int i = 0; i < hostsPerRack; i++) {
                g.hostOn(tor, "rack/" + r, access, queues);
            }
            for (Switch core : coreSwitches) {
                g.fabric("uplinks", tor, core, uplink, queues);
            }
        }
        return g.done("two-tier racks=" + racks + " hostsPerRack=" + hostsPerRack + " cores=" + cores
                + " oversubscription=" + oversubscription);
    }

    /**
     * Parking lot: {@code switches} switches {@code sw0 .. sw<n-1>} in a chain joined by {@code trunk} links, with
     * {@code hostsPerSwitch} hosts on each. A flow from a host on {@code sw0} to one on {@code sw<n-1>} crosses all
     * {@code n - 1} trunks; flows between neighbours cross one: the classic multi-bottleneck case for max-min
     * fairness. Host groups {@code "rack/<i>"} and {@code "all"}; switch group {@code "chain"}; link group
     * {@code "trunks"} (trunk i joins {@code sw<i>} to {@code sw<i+1>}).
     */
    public static Topology parkingLot(SimContext ctx, int switches, int hostsPerSwitch, LinkConfig access,
            LinkConfig trunk, Queues queues) {
        if (switches < 2) {
            throw new IllegalArgumentException("switches must be >= 2 (one trunk at least), got " + switches);
        }
        positive("hostsPerSwitch", hostsPerSwitch);
        notNull(ctx, access, queues);
        Objects.requireNonNull(trunk, "trunk link config");
        Groups g = new Groups(ctx);
        Switch previous = null;
        for (int i = 0; i < switches; i++) {
            Switch sw = g.sw("chain", "sw" + i);
            for (int h = 0; h < hostsPerSwitch; h++) {
                g.hostOn(sw, "rack/" + i, access, queues);
            }
            if (previous != null) {
                g.fabric("trunks", previous, sw, trunk, queues);
            }
            previous = sw;
        }
        return g.done("parking-lot switches=" + switches + " hostsPerSwitch=" + hostsPerSwitch);
    }

    /**
     * Leaf-spine: {@code leaves} leaf switches {@code leaf<l>} with {@code hostsPerLeaf} hosts each, every leaf
     * connected to every one of {@code spines} spine switches {@code spine<s>}. Host groups {@code "rack/<l>"} and
     * {@code "all"}; switch groups {@code "leaf"}, {@code "spine"}; link group {@code "fabric"}.
     */
    public static Topology leafSpine(SimContext ctx, int leaves, int spines, int hostsPerLeaf, LinkConfig access,
            LinkConfig fabric, Queues queues) {
        positive("leaves", leaves);
        positive("spines", spines);
        positive("hostsPerLeaf", hostsPerLeaf);
        notNull(ctx, access, queues);
        Objects.requireNonNull(fabric, "fabric link config");
        Groups g = new Groups(ctx);
        List<Switch> spineSwitches = new ArrayList<>();
        for (int s = 0; s < spines; s++) {
            spineSwitches.add(g.sw("spine", "spine" + s));
        }
        for (int l = 0; l < leaves; l++) {
            Switch leaf = g.sw("leaf", "leaf" + l);
            for (int i = 0; i < hostsPerLeaf; i++) {
                g.hostOn(leaf, "rack/" + l, access, queues);
            }
            for (Switch spine : spineSwitches) {
                g.fabric("fabric", leaf, spine, fabric, queues);
            }
        }
        return g.done("leaf-spine leaves=" + leaves + " spines=" + spines + " hostsPerLeaf=" + hostsPerLeaf);
    }

    /**
     * k-ary fat-tree (Al-Fares et al. 2008): k pods of k/2 edge switches {@code pod<p>/edge<e>} and k/2 aggregation
     * switches {@code pod<p>/agg<a>}; each edge switch has k/2 hosts and links to every aggregation switch of its
     * pod; aggregation switch a of every pod links to core switches {@code core<a*k/2 + j>}, j &lt; k/2. That gives
     * k^3/4 hosts and 5k^2/4 switches, and (k/2)^2 equal-cost paths between pods.
     *
     * <p>Host id = p*(k/2)^2 + e*(k/2) + i. Host groups {@code "pod/<p>"}, {@code "rack/<p>/<e>"}, {@code "all"};
     * switch groups {@code "edge"}, {@code "agg"}, {@code "core"}; link groups {@code "edge-agg"},
     * {@code "agg-core"}.
     *
     * @param k even, 2..64 (k = 16 gives 1024 hosts)
     */
    public static Topology fatTree(SimContext ctx, int k, LinkConfig access, LinkConfig fabric, Queues queues) {
        if (k < 2 || k % 2 != 0 || k > 64) {
            throw new IllegalArgumentException("fat-tree k must be an even number in 2..64, got " + k);
        }
        notNull(ctx, access, queues);
        Objects.requireNonNull(fabric, "fabric link config");
        int half = k / 2;
        Groups g = new Groups(ctx);
        List<Switch> cores = new ArrayList<>();
        for (int c = 0; c < half * half; c++) {
            cores.add(g.sw("core", "core" + c));
        }
        for (int p = 0; p < k; p++) {
            List<Switch> aggs = new ArrayList<>();
            for (int a = 0; a < half; a++) {
                aggs.add(g.sw("agg", "pod" + p + "/agg" + a));
            }
            for (int e = 0; e < half; e++) {
                Switch edge = g.sw("edge", "pod" + p + "/edge" + e);
                for (int i = 0; i < half; i++) {
                    Host h = g.hostOn(edge, "rack/" + p + "/" + e, access, queues);
                    g.addHost("pod/" + p, h);
                }
                for (Switch agg : aggs) {
                    g.fabric("edge-agg", edge, agg, fabric, queues);
                }
            }
            for (int a = 0; a < half; a++) {
                for (int j = 0; j < half; j++) {
                    g.fabric("agg-core", aggs.get(a), cores.get(a * half + j), fabric, queues);
                }
            }
        }
        return g.done("fat-tree k=" + k);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    private static void notNull(SimContext ctx, LinkConfig access, Queues queues) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(access, "access link config");
        Objects.requireNonNull(queues, "queues");
    }

    /** Collects nodes and named groups while a builder runs. */
    private static final class Groups {
        final Network net;
        final Map<String, List<Host>> hosts = new LinkedHashMap<>();
        final Map<String, List<Switch>> switches = new LinkedHashMap<>();
        final Map<String, List<Link>> links = new LinkedHashMap<>();

        Groups(SimContext ctx) {
            net = new Network(ctx);
            hosts.put("all", new ArrayList<>());
        }

        Switch sw(String group, String name) {
            Switch s = net.addSwitch(name);
            switches.computeIfAbsent(group, x -> new ArrayList<>()).add(s);
            return s;
        }

        Host hostOn(Switch s, String group, LinkConfig access, Queues queues) {
            Host h = net.addHost("h" + net.hosts().size());
            net.connect(h, s, access.rateBps(), access.delayPs(), queues.nic(), queues.switchPort());
            hosts.get("all").add(h);
            if (group != null) {
                addHost(group, h);
            }
            return h;
        }

        void addHost(String group, Host h) {
            hosts.computeIfAbsent(group, x -> new ArrayList<>()).add(h);
        }

        void fabric(String group, Switch a, Switch b, LinkConfig cfg, Queues queues) {
            Link l = net.connect(a, b, cfg.rateBps(), cfg.delayPs(), queues.switchPort());
            links.computeIfAbsent(group, x -> new ArrayList<>()).add(l);
        }

        Topology done(String kind) {
            Routing.install(net);
            return new Topology(kind, net, hosts, switches, links);
        }
    }
}
