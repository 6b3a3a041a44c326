package org.seawallsim.cli;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.topology.LinkConfig;
import org.seawallsim.topology.Queues;
import org.seawallsim.topology.Topologies;
import org.seawallsim.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seawall-sim bench fabric}: constant-rate UDP through a k-ary fat-tree. Every host sends 1500-B datagrams at
 * a fixed fraction of its NIC rate to one partner, the partners forming a random permutation without fixed points
 * (a single cycle), or, with {@code --traffic all-to-all}, to every other host in turn (each host starts its round
 * at a different partner), for a given simulated time. Prints one JSON line. No probes are attached, so the numbers
 * show the substrate's own cost; drops are derived from the balance sent = delivered + dropped + still in the
 * network. {@code max_heap_bytes} is the sum of the heap pools' peaks over the process (garbage included).
 */
@Command(name = "fabric", mixinStandardHelpOptions = true,
        description = "Fabric benchmark: constant-rate UDP over a k-ary fat-tree (random permutation or all-to-all "
                + "traffic). One JSON line.")
public final class BenchFabricCommand implements Callable<Integer> {
    @Option(names = "--k", defaultValue = "8", description = "Fat-tree arity, even (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--load", defaultValue = "0.8",
            description = "Offered load per host as a fraction of the NIC rate, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--rate-gbps", defaultValue = "1",
            description = "Rate of every link in Gb/s, 0.01..8000 (default: ${DEFAULT-VALUE}).")
    double rateGbps;

    @Option(names = "--duration-ms", defaultValue = "1000",
            description = "Simulated time in ms (default: ${DEFAULT-VALUE}).")
    long durationMs;

    @Option(names = "--warmup-ms", defaultValue = "100",
            description = "Simulated ms of an untimed run first, so the JIT has compiled the hot paths "
                    + "(default: ${DEFAULT-VALUE}).")
    long warmupMs;

    @Option(names = "--switch-buffer-bytes", defaultValue = "150000",
            description = "Drop-tail buffer per switch port (default: ${DEFAULT-VALUE}).")
    long switchBufferBytes;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--traffic", defaultValue = "permutation",
            description = "permutation (each host to one partner, a random single cycle) or all-to-all (each host "
                    + "to every other host in turn) (default: ${DEFAULT-VALUE}).")
    String traffic;

    /** 1e9 ms = 1e6 s: the scenario format's limit for durations, well inside the picosecond clock. */
    private static final long MAX_MS = 1_000_000_000L;

    @Override
    public Integer call() {
        if (!(load > 0 && load <= 1)) {
            throw new BadInputException("--load must be in (0, 1], got " + load);
        }
        if (durationMs <= 0 || durationMs > MAX_MS) {
            throw new BadInputException("--duration-ms must be in 1.." + MAX_MS + " (the picosecond clock holds "
                    + "about 9.2e6 s), got " + durationMs);
        }
        if (!(rateGbps >= 0.01 && rateGbps <= 8000)) {
            // The scenario format's range: the schemes' rate floors below, and above 8 Tb/s a byte would serialize
            // in less than a picosecond.
            throw new BadInputException("--rate-gbps must be in [0.01, 8000], got " + rateGbps);
        }
        if (!traffic.equals("permutation") && !traffic.equals("all-to-all")) {
            throw new BadInputException("--traffic must be permutation or all-to-all, got " + traffic);
        }
        if (warmupMs < 0 || warmupMs > MAX_MS) {
            throw new BadInputException("--warmup-ms must be in 0.." + MAX_MS + ", got " + warmupMs);
        }
        if (switchBufferBytes < Ethernet.wireBytes(Ethernet.MTU_BYTES)) {
            // A buffer smaller than one frame drops every datagram: a benchmark of drops.
            throw new BadInputException("--switch-buffer-bytes must hold one full frame (>= "
                    + Ethernet.wireBytes(Ethernet.MTU_BYTES) + "), got "
                    + switchBufferBytes);
        }
        if (warmupMs > 0) {
            run(Time.ofMillis(warmupMs), false);
        }
        run(Time.ofMillis(durationMs), true);
        return 0;
    }

    private void run(long durationPs, boolean print) {
        long t0 = System.nanoTime();
        SimContext ctx = new SimContext(seed);
        ctx.packets().setRecycling(true);
        LinkConfig link = new LinkConfig(Math.round(rateGbps * 1e9), Time.ofMicros(1));
        Topology topo;
        try {
            topo = Topologies.fatTree(ctx, k, link, link, Queues.dropTail(1 << 20, switchBufferBytes));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        int n = topo.hosts().size();
        int[] partner = singleCyclePermutation(n, ctx.random().stream("bench/fabric/permutation"));
        DeliveryCounter sink = new DeliveryCounter(ctx);
        long intervalPs = Math.round(Time.serializationPs(Ethernet.wireBytes(1500), link.rateBps()) / load);
        CbrSource[] sources = new CbrSource[n];
        SplittableRandom start = ctx.random().stream("bench/fabric/start");
        for (int i = 0; i < n; i++) {
            // All-to-all: host i sends its j-th datagram to (i + 1 + (j mod (n - 1))) mod n, so every host cycles
            // through all others and, at any moment, the hosts' destinations form a permutation.
            int stride = traffic.equals("all-to-all") ? n - 1 : 0;
            sources[i] = new CbrSource(ctx, topo.host(i), stride == 0 ? partner[i] : (i + 1) % n, stride, n,
                    intervalPs, durationPs, sink);
            ctx.loop().schedule(start.nextLong(intervalPs), sources[i], 0);
        }
        double buildS = (System.nanoTime() - t0) / 1e9;

        EventLoop loop = ctx.loop();
        long c1 = CpuClock.threadCpuNanos();
        long t1 = System.nanoTime();
        loop.runUntil(durationPs);
        double wall = (System.nanoTime() - t1) / 1e9;
        double cpu = (CpuClock.threadCpuNanos() - c1) / 1e9;
        if (!print) {
            return;
        }
        long sent = 0;
        for (CbrSource s : sources) {
            sent += s.sent;
        }
        long hops = 0;
        long inNetwork = 0;
        for (EgressPort port : topo.network().ports()) {
            hops += port.txPackets();
            inNetwork += port.queue().packets() + (port.busy() ? 1 : 0) + port.pipe().packetsInFlight();
        }
        long events = loop.dispatched();
        long peakHeap = HeapUse.peakBytes();
        System.out.println(String.format(Locale.ROOT,
                "{\"case\":\"fabric-fattree-cbr\",\"traffic\":\"%s\",\"k\":%d,\"hosts\":%d,\"switches\":%d,\"rate_gbps\":%s,"
                        + "\"load\":%.3f,\"sim_s\":%.3f,\"events\":%d,\"wall_s\":%.6f,\"events_per_s\":%.0f,"
                        + "\"cpu_s\":%.6f,\"events_per_cpu_s\":%.0f,\"packet_hops_per_cpu_s\":%.0f,"
                        + "\"packets_sent\":%d,\"packets_delivered\":%d,\"packets_dropped\":%d,"
                        + "\"packets_in_network\":%d,\"packet_hops\":%d,\"packet_hops_per_s\":%.0f,"
                        + "\"delivered_gbps\":%.3f,\"build_s\":%.3f,\"max_heap_bytes\":%d,\"seed\":%d,\"fingerprint\":\"%016x\","
                        + "\"version\":\"%s\"}",
                traffic, k, n, topo.switches().size(),
                rateGbps == Math.rint(rateGbps) ? String.valueOf((long) rateGbps) : String.valueOf(rateGbps), load, Time.toSeconds(durationPs), events, wall,
                events / wall, cpu, CpuClock.perSecond(events, cpu), CpuClock.perSecond(hops, cpu), sent, sink.packets, sent - sink.packets - inNetwork, inNetwork, hops, hops / wall,
                sink.bytes * 8.0 / Time.toSeconds(durationPs) / 1e9, buildS, peakHeap, seed, loop.fingerprint(),
                ResultsWriter.version()));
    }

    /** Sattolo's algorithm: a uniformly random cyclic permutation, so nobody sends to itself. */
    static int[] singleCyclePermutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Sends one 1500-B UDP datagram every {@code intervalPs} until {@code endPs}: to a fixed partner ({@code stride}
     * 0), or to {@code dst}, then the {@code stride - 1} hosts after it (modulo {@code hosts}), and round again.
     */
    static final class CbrSource implements EventTarget {
        private final SimContext ctx;
        private final Host host;
        private final int firstDst;
        private final int stride;
        private final int hosts;
        private final long intervalPs;
        private final long endPs;
        private final PacketSink sink;
        /** {@code sent mod stride}, kept as a counter: two 64-bit divisions per datagram less. */
        private int offset;
        long sent;

        CbrSource(SimContext ctx, Host host, int dst, int stride, int hosts, long intervalPs, long endPs,
                PacketSink sink) {
            this.ctx = ctx;
            this.host = host;
            this.firstDst = dst;
            this.stride = stride;
            this.hosts = hosts;
            this.intervalPs = intervalPs;
            this.endPs = endPs;
            this.sink = sink;
        }

        @Override
        public void onEvent(int tag) {
            Packet p = ctx.packets().acquire();
            int dst = firstDst;
            if (stride != 0) {
                dst += offset;
                if (dst >= hosts) {
                    dst -= hosts;
                }
                if (++offset == stride) {
                    offset = 0;
                }
            }
            ctx.packets().setFiveTuple(p, host.id(), dst, 10_000 + host.id(), 5001, Packet.PROTO_UDP);
            p.kind = Packet.KIND_UDP;
            p.sizeBytes = 1500;
            p.payloadBytes = 1500 - Ethernet.IPV4_HEADER_BYTES - Ethernet.UDP_HEADER_BYTES;
            p.seq = sent++;
            p.createdPs = ctx.nowPs();
            p.endpoint = sink;
            host.sendFromVm(p);
            long next = ctx.nowPs() + intervalPs;
            if (next < endPs) {
                ctx.loop().schedule(next, this, 0);
            }
        }
    }

    /** Counts what reaches its destination. */
    static final class DeliveryCounter implements PacketSink {
        private final SimContext ctx;
        long packets;
        long bytes;

        DeliveryCounter(SimContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Packet p) {
            packets++;
            bytes += p.payloadBytes;
            ctx.packets().release(p);
        }

        @Override
        public String name() {
            return "bench/sink";
        }
    }
}
