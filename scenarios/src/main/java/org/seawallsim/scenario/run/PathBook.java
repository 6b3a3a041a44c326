package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.topology.Routing;

/**
 * The paths the run's data actually took, per VM: the first data packet of each flow (flow hash) a VM sends is
 * traced through every switch's ECMP choice ({@link Routing#trace}), and each distinct path is kept with the number
 * of the VM's flows on it. The oracle scores the run against these, not against the first equal-cost path. Per
 * packet this is one open-addressing lookup of the flow hash; tracing allocates, once per flow.
 */
final class PathBook implements NetProbe {
    private final Network net;
    private final Map<EgressPort, Integer> portIndex = new IdentityHashMap<>();
    private final long[] lastHash;
    private final HashSet64[] seen;
    private final List<List<int[]>> paths = new ArrayList<>();
    private final List<List<int[]>> flowCounts = new ArrayList<>();
    private int version;

    PathBook(Network net, List<EgressPort> ports, int vms) {
        this.net = net;
        for (int i = 0; i < ports.size(); i++) {
            portIndex.put(ports.get(i), i);
        }
        lastHash = new long[vms];
        seen = new HashSet64[vms];
        for (int v = 0; v < vms; v++) {
            seen[v] = new HashSet64();
            paths.add(new ArrayList<>());
            flowCounts.add(new ArrayList<>());
        }
    }

    @Override
    public void onHostSend(NetElement host, Packet p) {
        int v = p.srcVm;
        if (p.payloadBytes <= 0 || v < 0 || v >= seen.length || (p.flowHash == lastHash[v] && seen[v].size() > 0)) {
            return;
        }
        lastHash[v] = p.flowHash;
        if (seen[v].add(p.flowHash)) {
            record(v, p);
        }
    }

    private void record(int v, Packet p) {
        List<EgressPort> trace = Routing.trace(net, p);
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

    /** A set of 64-bit keys by open addressing (linear probing); zero is stored beside the table. */
    static final class HashSet64 {
        private long[] keys = new long[16];
        private int size;
        private boolean hasZero;

        int size() {
            return size + (hasZero ? 1 : 0);
        }

        /** Adds {@code k}; true if it was not there. */
        boolean add(long k) {
            if (k == 0) {
                boolean added = !hasZero;
                hasZero = true;
                return added;
            }
            int mask = keys.length - 1;
            int i = (int) (org.seawallsim.engine.random.RandomStreams.mix64(k) & mask);
            while (keys[i] != 0) {
                if (keys[i] == k) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            keys[i] = k;
            if (++size * 2 > keys.length) {
                grow();
            }
            return true;
        }

        private void grow() {
            long[] old = keys;
            keys = new long[old.length * 2];
            int mask = keys.length - 1;
            for (long k : old) {
                if (k != 0) {
                    int i = (int) (org.seawallsim.engine.random.RandomStreams.mix64(k) & mask);
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = k;
                }
            }
        }
    }
}
