package org.seawallsim.seawall.sim;

import java.util.List;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.seawall.port.LongIntMap;
import org.seawallsim.topology.Routing;

/**
 * The receiving hypervisors' knowledge of which path a packet took ({@link
 * org.seawallsim.seawall.port.HeaderView#pathKey}): the operator's routing and ECMP hash applied to the packet's
 * headers. Here the first packet of each guest flow is traced through every switch's ECMP choice ({@link
 * Routing#trace}) and the flow keeps its path's key, a hash of the egress ports' names; the cache makes it one map
 * lookup per packet.
 */
final class EcmpPaths {
    private final Network net;
    private final LongIntMap keyOfFlow = new LongIntMap();

    EcmpPaths(Network net) {
        this.net = net;
    }

    int pathKey(Packet p) {
        // The flow hash covers both hosts and ports; the destination host only guards against a colliding hash.
        long flow = p.flowHash * 31 + p.dstHost;
        int key = keyOfFlow.get(flow);
        if (key < 0) {
            List<EgressPort> path = Routing.trace(net, p);
            int h = 1;
            for (EgressPort port : path) {
                h = 31 * h + port.name().hashCode();
            }
            key = h & 0x7FFFFFFF;
            keyOfFlow.put(flow, key);
        }
        return key;
    }
}
