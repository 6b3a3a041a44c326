package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.topology.Routing;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbe;

/**
 * The paths the run's flows take, per VM: each flow a VM starts (a TCP connection, a UDP source, one Poisson
 * arrival) is traced through every switch's ECMP choice for its flow hash ({@link Routing#trace}) when it starts,
 * and each distinct path is kept with the number of the VM's flows on it. The oracle scores the run against these,
 * not against the first equal-cost path. Traced at the start rather than at the first data packet through the NIC:
 * a flow whose first packets are all lost (its SYN dropped at a full port, a drop-tail lock-out) still wants its
 * share, and leaving it out gave one scenario and seed a different ideal under each scheme (fat-tree k=4, a weight-1
 * VM owed 99.15 Mb/s under tcp, 85.59 under drr). Tracing allocates, once per flow; nothing is done per packet.
 */
final class PathBook implements TransportProbe {
    private final Network net;
    private final Map<EgressPort, Integer> portIndex = new IdentityHashMap<>();
    private final List<List<int[]>> paths = new ArrayList<>();
    private final List<List<int[]>> flowCounts = new ArrayList<>();
    private int version;

    PathBook(Network net, List<EgressPort> ports, int vms) {
        this.net = net;
        for (int i = 0; i < ports.size(); i++) {
            portIndex.put(ports.get(i), i);
        }
        for (int v = 0; v < vms; v++) {
            paths.add(new ArrayList<>());
            flowCounts.add(new ArrayList<>());
        }
    }

    @Override
    public void onFlowStart(FlowInfo flow) {
        int v = flow.srcVm();
        if (v < 0 || v >= paths.size()) {
            return;
        }
        List<EgressPort> trace = Routing.trace(net, flow.srcHost(), flow.dstHost(), flow.flowHash());
        int[] path = new int[trace.size()];
        for (int i = 0; i < path.length; i++) {
            Integer idx = portIndex.get(trace.get(i));
            path[i] = idx == null ? -1 : idx;
        }
        List<int[]> known = paths.get(v);
        for (int j = 0; j < known.size(); j++) {
            if (Arrays.equals(known.get(j), path)) {
                flowCounts.get(v).get(j)[0]++;
                version++;
                return;
            }
        }
        known.add(path);
        flowCounts.get(v).add(new int[] {1});
        version++;
    }

    /** Changes whenever a flow was seen for the first time (so cached ideals are recomputed). */
    int version() {
        return version;
    }

    /** Distinct paths of VM {@code v}'s data so far, as port indices from its NIC to the destination's. */
    List<int[]> paths(int v) {
        return paths.get(v);
    }

    /** Number of VM {@code v}'s flows on its j-th path. */
    int flows(int v, int j) {
        return flowCounts.get(v).get(j)[0];
    }
}
