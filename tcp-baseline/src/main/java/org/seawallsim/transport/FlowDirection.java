package org.seawallsim.transport;

import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketFactory;

/**
 * The addressing that one direction of a flow writes into every packet it sends: hosts, ports, protocol, VMs,
 * tenant, flow id, and the 5-tuple's ECMP hash, computed once per flow rather than per packet. The fields are the
 * same as {@link PacketFactory#setFiveTuple} sets, so shims and switches cannot tell the difference.
 */
public final class FlowDirection {
    private final int srcHost;
    private final int dstHost;
    private final int srcPort;
    private final int dstPort;
    private final int protocol;
    private final int srcVm;
    private final int dstVm;
    private final int tenant;
    private final int flowId;
    private final long flowHash;

    /** The direction from {@code from} to {@code to}; the tenant is the sender's. */
    public FlowDirection(PacketFactory packets, VmAddress from, VmAddress to, int srcPort, int dstPort, int protocol,
            int flowId) {
        this.srcHost = from.host().id();
        this.dstHost = to.host().id();
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.protocol = protocol;
        this.srcVm = from.vmId();
        this.dstVm = to.vmId();
        this.tenant = from.tenantId();
        this.flowId = flowId;
        this.flowHash = packets.flowHash(srcHost, dstHost, srcPort, dstPort, protocol);
    }

    /** Writes this direction's addressing into {@code p}. */
    public void stamp(Packet p) {
        p.srcHost = srcHost;
        p.dstHost = dstHost;
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.protocol = protocol;
        p.flowHash = flowHash;
        p.srcVm = srcVm;
        p.dstVm = dstVm;
        p.tenant = tenant;
        p.flowId = flowId;
    }

    public int srcHost() {
        return srcHost;
    }

    public int dstHost() {
        return dstHost;
    }
}
