package org.seawallsim.transport.stack;

import java.util.SplittableRandom;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbes;
import org.seawallsim.transport.tcp.TcpFlow;
import org.seawallsim.transport.tcp.TcpFlowConfig;
import org.seawallsim.transport.udp.UdpFlow;
import org.seawallsim.transport.udp.UdpFlowConfig;

/**
 * The transport layer of one run: the factory for TCP and UDP flows, the allocator of flow ids and ports, and the
 * probe bus that recorders attach to. One instance per {@link SimContext}, passed explicitly. It sits above the
 * protocols it creates and below the applications ({@code transport.app}), which take it in their constructors.
 */
public final class Transports {
    private final SimContext ctx;
    private final TransportProbes probes = new TransportProbes();
    private int nextFlowId;
    private int nextPort = 10_000;
    /** Flows created so far per stream key: the n in each flow's random stream name. */
    private final java.util.Map<String, Integer> flowsPerKey = new java.util.HashMap<>();

    public Transports(SimContext ctx) {
        this.ctx = ctx;
    }

    public SimContext context() {
        return ctx;
    }

    /** Attach recorders here. */
    public TransportProbes probes() {
        return probes;
    }

    /** Creates a TCP flow (not started: call {@link TcpFlow#start()} or {@link TcpFlow#startAt(long)}). */
    public TcpFlow tcpFlow(TcpFlowConfig config) {
        return tcpFlow(config, config.label());
    }

    /**
     * As {@link #tcpFlow(TcpFlowConfig)}, its random stream named by {@code streamKey} (what the flow is for, such as
     * "vm/item/destination/k") rather than by its label alone, whose flows are counted in creation order.
     */
    public TcpFlow tcpFlow(TcpFlowConfig config, String streamKey) {
        int id = nextFlowId++;
        int srcPort = allocatePort();
        int dstPort = 5001 + (srcPort & 0xff);
        int srcHost = config.src().host().id();
        int dstHost = config.dst().host().id();
        FlowInfo info = new FlowInfo(id, config.label(), config.tcp().variant().protocolName(), srcHost, dstHost,
                config.src().vmId(), config.dst().vmId(), config.src().tenantId(),
                ctx.packets().flowHash(srcHost, dstHost, srcPort, dstPort, Packet.PROTO_TCP),
                ctx.packets().flowHash(dstHost, srcHost, dstPort, srcPort, Packet.PROTO_TCP));
        return new TcpFlow(ctx, probes, info, config, srcPort, dstPort, streamName("tcp", streamKey, id));
    }

    /** Creates a UDP source and its sink (not started). */
    public UdpFlow udpFlow(UdpFlowConfig config) {
        return udpFlow(config, config.label());
    }

    /** As {@link #udpFlow(UdpFlowConfig)}, its random stream named by {@code streamKey} (see tcpFlow). */
    public UdpFlow udpFlow(UdpFlowConfig config, String streamKey) {
        int id = nextFlowId++;
        int srcPort = allocatePort();
        int dstPort = 7001;
        int srcHost = config.src().host().id();
        int dstHost = config.dst().host().id();
        FlowInfo info = new FlowInfo(id, config.label(), "udp", srcHost, dstHost, config.src().vmId(),
                config.dst().vmId(), config.src().tenantId(),
                ctx.packets().flowHash(srcHost, dstHost, srcPort, dstPort, Packet.PROTO_UDP),
                ctx.packets().flowHash(dstHost, srcHost, dstPort, srcPort, Packet.PROTO_UDP));
        SplittableRandom random = ctx.random().stream(streamName("udp", streamKey, id));
        return new UdpFlow(ctx, probes, info, config, srcPort, dstPort, random);
    }

    /**
     * The name of a flow's random stream: its key (what the flow is for: an application's label, as "vm/item", or a
     * source's "vm/item/destination") and how many flows that key had before it, so that a flow draws the same numbers
     * whatever other flows the run has. The flow id counts every flow of the run: with it in the name, a tenant added
     * (or declared first) changed every other tenant's Poisson gaps and send jitter. Unlabelled flows (tests, benches)
     * keep the id.
     */
    private String streamName(String protocol, String key, int id) {
        if (key.isEmpty()) {
            return "transport/" + protocol + "/" + id;
        }
        int n = flowsPerKey.merge(protocol + "|" + key, 1, Integer::sum) - 1;
        return "transport/" + protocol + "/" + key + "/" + n;
    }

    /** Number of flows created so far (flow ids are 0..n-1). */
    public int flowCount() {
        return nextFlowId;
    }

    private int allocatePort() {
        int p = nextPort++;
        if (nextPort > 65_535) {
            nextPort = 10_000;
        }
        return p;
    }
}
