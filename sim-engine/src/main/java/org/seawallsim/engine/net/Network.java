package org.seawallsim.engine.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.SimContext;

/**
 * The hosts, switches and links of one run. Builders in the topology module fill it and then compute routes;
 * models look nodes up here by name or id.
 */
public final class Network {
    private final SimContext ctx;
    private final List<Host> hosts = new ArrayList<>();
    private final List<Switch> switches = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, Node> byName = new HashMap<>();

    public Network(SimContext ctx) {
        this.ctx = ctx;
    }

    public SimContext context() {
        return ctx;
    }

    public Host addHost(String name) {
        Host h = new Host(ctx, hosts.size(), name);
        register(h);
        hosts.add(h);
        return h;
    }

    public Switch addSwitch(String name) {
        Switch s = new Switch(ctx, switches.size(), name);
        register(s);
        switches.add(s);
        return s;
    }

    private void register(Node n) {
        if (byName.putIfAbsent(n.name(), n) != null) {
            throw new IllegalArgumentException("duplicate node name '" + n.name() + "'");
        }
    }

    /**
     * Connects two nodes with a full-duplex link of the given rate and one-way propagation delay. Each direction gets
     * its own queue from the factory (a host's side of the link is its NIC).
     */
    public Link connect(Node a, Node b, long rateBps, long delayPs, QueueFactory aQueue, QueueFactory bQueue) {
        if (a == b) {
            throw new IllegalArgumentException("cannot connect " + a.name() + " to itself");
        }
        String ab = a.name() + "->" + b.name();
        String ba = b.name() + "->" + a.name();
        EgressPort pa = new EgressPort(ctx, ab, a, rateBps, delayPs, aQueue.create(ab, a, rateBps));
        EgressPort pb = new EgressPort(ctx, ba, b, rateBps, delayPs, bQueue.create(ba, b, rateBps));
        pa.connect(pb);
        pb.connect(pa);
        attach(a, pa);
        attach(b, pb);
        Link link = new Link(a.name() + "<->" + b.name(), pa, pb);
        links.add(link);
        return link;
    }

    public Link connect(Node a, Node b, long rateBps, long delayPs, QueueFactory queues) {
        return connect(a, b, rateBps, delayPs, queues, queues);
    }

    private static void attach(Node n, EgressPort port) {
        if (n instanceof Host h) {
            h.setNic(port);
        } else {
            n.addPort(port);
        }
    }

    public List<Host> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    public List<Switch> switches() {
        return Collections.unmodifiableList(switches);
    }

    public List<Link> links() {
        return Collections.unmodifiableList(links);
    }

    public Host host(int id) {
        if (id < 0 || id >= hosts.size()) {
            throw new IllegalArgumentException("unknown host id " + id + " (hosts are 0.." + (hosts.size() - 1) + ")");
        }
        return hosts.get(id);
    }

    /** Looks a host up by name; the error lists what exists. */
    public Host host(String name) {
        Node n = byName.get(name);
        if (n instanceof Host h) {
            return h;
        }
        throw new IllegalArgumentException("unknown host '" + name + "' (" + hosts.size() + " hosts, e.g. "
                + (hosts.isEmpty() ? "none" : hosts.get(0).name()) + ")");
    }

    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown node '" + name + "'");
        }
        return n;
    }

    /** Every egress port in the network (both directions of every link). */
    public List<EgressPort> ports() {
        List<EgressPort> all = new ArrayList<>(links.size() * 2);
        for (Link l : links) {
            all.add(l.aToB());
            all.add(l.bToA());
        }
        return all;
    }
}
