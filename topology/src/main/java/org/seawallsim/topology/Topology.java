package org.seawallsim.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Link;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.Switch;

/**
 * A built and routed network plus the named groups a scenario needs to place traffic: hosts per rack or pod, the
 * switches of each tier, special links such as a dumbbell's bottleneck. Every topology has the host group
 * {@code "all"}. Group names per builder are listed in {@link Topologies}.
 */
public final class Topology {
    private final String kind;
    private final Network network;
    private final Map<String, List<Host>> hostGroups;
    private final Map<String, List<Switch>> switchGroups;
    private final Map<String, List<Link>> linkGroups;

    Topology(String kind, Network network, Map<String, List<Host>> hostGroups,
            Map<String, List<Switch>> switchGroups, Map<String, List<Link>> linkGroups) {
        this.kind = kind;
        this.network = network;
        this.hostGroups = freeze(hostGroups);
        this.switchGroups = freeze(switchGroups);
        this.linkGroups = freeze(linkGroups);
    }

    private static <T> Map<String, List<T>> freeze(Map<String, List<T>> m) {
        Map<String, List<T>> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** Which builder made it, with its main parameters, e.g. {@code "fat-tree k=8"}. */
    public String kind() {
        return kind;
    }

    public Network network() {
        return network;
    }

    public SimContext context() {
        return network.context();
    }

    /** Every host, in id order. */
    public List<Host> hosts() {
        return network.hosts();
    }

    public List<Switch> switches() {
        return network.switches();
    }

    /** Looks a host up by name; unknown names fail with a message. */
    public Host host(String name) {
        return network.host(name);
    }

    /** Looks a host up by id; unknown ids fail with a message. */
    public Host host(int id) {
        return network.host(id);
    }

    public Set<String> hostGroupNames() {
        return hostGroups.keySet();
    }

    public Set<String> switchGroupNames() {
        return switchGroups.keySet();
    }

    public Set<String> linkGroupNames() {
        return linkGroups.keySet();
    }

    /** The hosts of a named group (e.g. {@code "pod/0"}, {@code "rack/1/0"}, {@code "left"}). */
    public List<Host> hostGroup(String name) {
        return lookup(hostGroups, name, "host");
    }

    /** The switches of a named group (e.g. {@code "core"}, {@code "edge"}, {@code "spine"}). */
    public List<Switch> switchGroup(String name) {
        return lookup(switchGroups, name, "switch");
    }

    /** The links of a named group (e.g. {@code "bottleneck"}, {@code "uplinks"}). */
    public List<Link> linkGroup(String name) {
        return lookup(linkGroups, name, "link");
    }

    /** The single bottleneck link of a dumbbell. {@code aToB()} carries left-to-right traffic. */
    public Link bottleneck() {
        List<Link> l = linkGroups.get("bottleneck");
        if (l == null) {
            throw new IllegalArgumentException(kind + " has no bottleneck link (only the dumbbell has one)");
        }
        return l.get(0);
    }

    private <T> List<T> lookup(Map<String, List<T>> groups, String name, String what) {
        List<T> g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("unknown " + what + " group '" + name + "' in " + kind + "; known: "
                    + abbreviate(groups.keySet()));
        }
        return g;
    }

    private static String abbreviate(Set<String> names) {
        if (names.size() <= 12) {
            return String.join(", ", names);
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String n : names) {
            if (i++ == 10) {
                break;
            }
            sb.append(n).append(", ");
        }
        return sb.append("... (").append(names.size()).append(" groups)").toString();
    }

    @Override
    public String toString() {
        return kind + " (" + network.hosts().size() + " hosts, " + network.switches().size() + " switches, "
                + network.links().size() + " links)";
    }
}
