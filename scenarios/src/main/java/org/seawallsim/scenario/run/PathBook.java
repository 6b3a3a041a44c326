package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
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
 *
 * <p>A TCP flow's acknowledgements are traced too, from receiver to sender with their own hash: they take wire time on
 * every port they cross (90 wire bytes per 1538-byte segment), and where those ports also carry data (two VMs sending
 * to each other, a shuffle) the data cannot have the whole link. Each path keeps, per port, how many of its TCP flows
 * send their acknowledgements through it.
 */
final class PathBook implements TransportProbe {
    private final Network net;
    private final Map<EgressPort, Integer> portIndex = new IdentityHashMap<>();
    private final List<List<int[]>> paths = new ArrayList<>();
    private final List<List<int[]>> flowCounts = new ArrayList<>();
    /**
     * Per VM and path (parallel to {@link #paths}): traffic item index -> that item's flows on the path (-1: flows
     * whose item is not known, such as an incast's responses). A path's demand and payload per wire bit are its
     * items'.
     */
    private final List<List<Map<Integer, int[]>>> itemCounts = new ArrayList<>();
    /** The traffic item a flow belongs to, or -1 when not known. */
    private final java.util.function.ToIntFunction<FlowInfo> itemOf;
    /** The item each running flow was counted under, by flow id. */
    private final Map<Integer, Integer> itemOfFlow = new HashMap<>();
    /** Per VM and path (parallel to {@link #paths}): port index -> that path's TCP flows acknowledged through it. */
    private final List<List<Map<Integer, int[]>>> ackCounts = new ArrayList<>();
    /** The path each running flow was counted on, by flow id, so that a stopped flow can be taken off it. */
    private final Map<Integer, int[]> pathOfFlow = new HashMap<>();
    /** The ports each running TCP flow's acknowledgements cross, by flow id (absent for UDP). */
    private final Map<Integer, int[]> ackPathOfFlow = new HashMap<>();
    /**
     * Per VM, the goodput bytes (acknowledged TCP payload, delivered UDP payload) of its flows on each path it has
     * used, by {@link #key}, kept when the path's flows stop; and each flow's counter by flow id, so that a
     * delivery adds to it without a look-up or an allocation.
     */
    private final List<Map<String, long[]>> bytesOnPath = new ArrayList<>();
    private long[][] counterOfFlow = new long[64][];
    private int version;
    private final LongSupplier clockPs;
    /** Per VM: flows started and neither finished nor stopped, and the last instant one was running. */
    private final int[] running;
    private final long[] lastRunningPs;

    PathBook(Network net, List<EgressPort> ports, int vms, LongSupplier clockPs) {
        this(net, ports, vms, clockPs, f -> -1);
    }

    PathBook(Network net, List<EgressPort> ports, int vms, LongSupplier clockPs,
            java.util.function.ToIntFunction<FlowInfo> itemOf) {
        this.net = net;
        this.itemOf = itemOf;
        this.clockPs = clockPs;
        this.running = new int[vms];
        this.lastRunningPs = new long[vms];
        Arrays.fill(lastRunningPs, -1);
        for (int i = 0; i < ports.size(); i++) {
            portIndex.put(ports.get(i), i);
        }
        for (int v = 0; v < vms; v++) {
            paths.add(new ArrayList<>());
            flowCounts.add(new ArrayList<>());
            ackCounts.add(new ArrayList<>());
            itemCounts.add(new ArrayList<>());
            bytesOnPath.add(new LinkedHashMap<>());
        }
    }

    /** A path's name among its VM's byte counters. */
    static String key(int[] path) {
        return Arrays.toString(path);
    }

    @Override
    public void onFlowStart(FlowInfo flow) {
        int v = flow.srcVm();
        if (v < 0 || v >= paths.size()) {
            return;
        }
        int[] path = ports(Routing.trace(net, flow.srcHost(), flow.dstHost(), flow.flowHash()));
        pathOfFlow.put(flow.flowId(), path);
        if (flow.flowId() >= counterOfFlow.length) {
            counterOfFlow = Arrays.copyOf(counterOfFlow, Math.max(2 * counterOfFlow.length, flow.flowId() + 1));
        }
        counterOfFlow[flow.flowId()] = bytesOnPath.get(v).computeIfAbsent(key(path), k -> new long[1]);
        running[v]++;
        lastRunningPs[v] = clockPs.getAsLong();
        int j = indexOf(v, path);
        if (j >= 0) {
            flowCounts.get(v).get(j)[0]++;
        } else {
            j = paths.get(v).size();
            paths.get(v).add(path);
            flowCounts.get(v).add(new int[] {1});
            ackCounts.get(v).add(new TreeMap<>());
            itemCounts.get(v).add(new TreeMap<>());
        }
        int item = itemOf.applyAsInt(flow);
        itemOfFlow.put(flow.flowId(), item);
        itemCounts.get(v).get(j).computeIfAbsent(item, k -> new int[1])[0]++;
        if (!"udp".equals(flow.protocol())) {
            int[] acks = ports(Routing.trace(net, flow.dstHost(), flow.srcHost(), flow.reverseFlowHash()));
            ackPathOfFlow.put(flow.flowId(), acks);
            Map<Integer, int[]> counts = ackCounts.get(v).get(j);
            for (int l : acks) {
                counts.computeIfAbsent(l, k -> new int[1])[0]++;
            }
        }
        version++;
    }

    private int[] ports(List<EgressPort> trace) {
        int[] path = new int[trace.size()];
        for (int i = 0; i < path.length; i++) {
            Integer idx = portIndex.get(trace.get(i));
            path[i] = idx == null ? -1 : idx;
        }
        return path;
    }

    /** Where {@code path} is among VM {@code v}'s distinct paths, or -1. */
    private int indexOf(int v, int[] path) {
        List<int[]> known = paths.get(v);
        for (int j = 0; j < known.size(); j++) {
            if (Arrays.equals(known.get(j), path)) {
                return j;
            }
        }
        return -1;
    }

    /**
     * A flow stopped for good (a timeline stop or leave) no longer counts on its path, and a path no running or
     * finished flow of the VM is on is dropped: a VM that left and joined again, or was stopped and started, hashes
     * its new flows anew, and kept half its weight on the old flow's spine (leaf-spine: an ideal of 628/628/628 Mb/s
     * for 471/941/471). Flows that finished keep their count: a sized-flow VM's paths are where its arrivals go.
     */
    @Override
    public void onFlowStopped(FlowInfo flow) {
        int[] path = pathOfFlow.remove(flow.flowId());
        int[] acks = ackPathOfFlow.remove(flow.flowId());
        Integer item = itemOfFlow.remove(flow.flowId());
        int v = flow.srcVm();
        if (path == null || v < 0 || v >= paths.size()) {
            return;
        }
        ended(v);
        int j = indexOf(v, path);
        if (j >= 0) {
            Map<Integer, int[]> items = itemCounts.get(v).get(j);
            int[] c = items.get(item == null ? -1 : item);
            if (c != null && --c[0] == 0) {
                items.remove(item == null ? -1 : item);
            }
            Map<Integer, int[]> counts = ackCounts.get(v).get(j);
            for (int l : acks == null ? new int[0] : acks) {
                if (--counts.get(l)[0] == 0) {
                    counts.remove(l);
                }
            }
            if (--flowCounts.get(v).get(j)[0] == 0) {
                paths.get(v).remove(j);
                flowCounts.get(v).remove(j);
                ackCounts.get(v).remove(j);
                itemCounts.get(v).remove(j);
            }
            version++;
        }
    }

    @Override
    public void onAcked(FlowInfo flow, long newlyAckedBytes, long totalAckedBytes) {
        count(flow, newlyAckedBytes);
    }

    @Override
    public void onUdpDelivered(FlowInfo flow, int payloadBytes) {
        count(flow, payloadBytes);
    }

    private void count(FlowInfo flow, long bytes) {
        int id = flow.flowId();
        long[] c = id >= 0 && id < counterOfFlow.length ? counterOfFlow[id] : null;
        if (c != null) {
            c[0] += bytes;
        }
    }

    /** Goodput bytes so far of VM {@code v}'s flows on each path it has used, by {@link #key}. */
    Map<String, long[]> bytesOnPaths(int v) {
        return bytesOnPath.get(v);
    }

    @Override
    public void onFlowComplete(FlowInfo flow, long sizeBytes, long startPs, long completionPs) {
        int v = flow.srcVm();
        // A finished flow keeps its acknowledgement ports, as it keeps its count on its path.
        ackPathOfFlow.remove(flow.flowId());
        itemOfFlow.remove(flow.flowId());
        if (pathOfFlow.remove(flow.flowId()) != null && v >= 0 && v < paths.size()) {
            ended(v);
        }
    }

    private void ended(int v) {
        running[v]--;
        lastRunningPs[v] = clockPs.getAsLong();
    }

    /**
     * Whether VM {@code v} had a flow running at or after {@code fromPs}: a sparse source (a Poisson flow VM between
     * arrivals) may have had nothing to send in an interval, which is no lock-out.
     */
    boolean hadFlowRunningSince(int v, long fromPs) {
        return running[v] > 0 || lastRunningPs[v] >= fromPs;
    }

    /** Changes whenever a flow starts or stops (so cached ideals are recomputed). */
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

    /**
     * VM {@code v}'s flows on its j-th path by traffic item (item index -> flows; -1: flows of no known item), in
     * item order. Flows that finished keep their count, as in {@link #flows}.
     */
    Map<Integer, int[]> itemFlows(int v, int j) {
        return itemCounts.get(v).get(j);
    }

    /**
     * The ports the acknowledgements of VM {@code v}'s TCP flows on its j-th path cross, in index order, each with
     * how many of those flows send their acknowledgements through it (empty for UDP).
     */
    Map<Integer, int[]> ackPorts(int v, int j) {
        return ackCounts.get(v).get(j);
    }
}
