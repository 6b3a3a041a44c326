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
    /** Per VM, its distinct paths in the order first seen. */
    private final List<List<Path>> paths = new ArrayList<>();
    /** The traffic item a flow belongs to, or -1 when not known. */
    private final java.util.function.ToIntFunction<FlowInfo> itemOf;
    /** The item each running flow was counted under, by flow id. */
    private final Map<Integer, Integer> itemOfFlow = new HashMap<>();
    /** The path each running flow was counted on, by flow id, so that a stopped flow can be taken off it. */
    private final Map<Integer, int[]> pathOfFlow = new HashMap<>();
    /** The ports each running TCP flow's acknowledgements cross, by flow id (absent for UDP). */
    private final Map<Integer, int[]> ackPathOfFlow = new HashMap<>();
    /**
     * Per VM, the goodput bytes (TCP payload received the first time, delivered UDP payload) of its flows on each path it has
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
    /** Told the VM whose paths changed (a flow started, or stopped for good), after the change. */
    private java.util.function.IntConsumer pathsChanged = v -> { };

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
            bytesOnPath.add(new LinkedHashMap<>());
        }
    }

    /** Calls {@code listener} with a VM's id whenever its paths or their flow counts change. */
    void onPathsChanged(java.util.function.IntConsumer listener) {
        this.pathsChanged = listener;
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
        Path p = find(v, path);
        if (p == null) {
            p = new Path(path);
            paths.get(v).add(p);
        }
        p.flows++;
        int item = itemOf.applyAsInt(flow);
        itemOfFlow.put(flow.flowId(), item);
        p.itemFlows.computeIfAbsent(item, k -> new int[1])[0]++;
        if (!"udp".equals(flow.protocol())) {
            int[] acks = ports(Routing.trace(net, flow.dstHost(), flow.srcHost(), flow.reverseFlowHash()));
            ackPathOfFlow.put(flow.flowId(), acks);
            for (int l : acks) {
                p.ackPorts.computeIfAbsent(l, k -> new int[1])[0]++;
            }
        }
        version++;
        pathsChanged.accept(v);
    }

    private int[] ports(List<EgressPort> trace) {
        int[] path = new int[trace.size()];
        for (int i = 0; i < path.length; i++) {
            Integer idx = portIndex.get(trace.get(i));
            path[i] = idx == null ? -1 : idx;
        }
        return path;
    }

    /** VM {@code v}'s distinct path along {@code path}'s ports, or null. */
    private Path find(int v, int[] path) {
        for (Path p : paths.get(v)) {
            if (Arrays.equals(p.ports, path)) {
                return p;
            }
        }
        return null;
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
        Path p = find(v, path);
        if (p != null) {
            int[] c = p.itemFlows.get(item == null ? -1 : item);
            if (c != null && --c[0] == 0) {
                p.itemFlows.remove(item == null ? -1 : item);
            }
            for (int l : acks == null ? new int[0] : acks) {
                if (--p.ackPorts.get(l)[0] == 0) {
                    p.ackPorts.remove(l);
                }
            }
            if (--p.flows == 0) {
                // Path does not override equals: this removes p itself (distinct paths have distinct ports anyway).
                paths.get(v).remove(p);
            }
            version++;
            pathsChanged.accept(v);
        }
    }

    @Override
    public void onReceived(FlowInfo flow, long newBytes) {
        // The same credit as the VM's goodput (TransportTraffic), so that a VM's paths add up to it.
        count(flow, newBytes);
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

    /** Distinct paths of VM {@code v}'s data so far, in the order first taken (live: flows starting, stopping). */
    List<Path> paths(int v) {
        return paths.get(v);
    }

    /**
     * One of a VM's distinct paths and what its flows on it are, kept together so that a path is added and dropped
     * whole. Read-only outside {@link PathBook}.
     */
    static final class Path {
        private final int[] ports;
        private int flows;
        private final Map<Integer, int[]> itemFlows = new TreeMap<>();
        private final Map<Integer, int[]> ackPorts = new TreeMap<>();

        private Path(int[] ports) {
            this.ports = ports;
        }

        /** The path as port indices from the VM's NIC to the destination's. */
        int[] ports() {
            return ports;
        }

        /** Number of the VM's flows on this path; flows that finished keep their count. */
        int flows() {
            return flows;
        }

        /**
         * The VM's flows on this path by traffic item (item index -> flows; -1: flows whose item is not known, such
         * as an incast's responses), in item order. A path's demand and payload per wire bit are its items'. Flows
         * that finished keep their count, as in {@link #flows}.
         */
        Map<Integer, int[]> itemFlows() {
            return itemFlows;
        }

        /**
         * The ports the acknowledgements of the VM's TCP flows on this path cross, in index order, each with how
         * many of those flows send their acknowledgements through it (empty for UDP).
         */
        Map<Integer, int[]> ackPorts() {
            return ackPorts;
        }
    }
}
