package org.seawallsim.engine.packet;

/**
 * A packet in flight. Plain mutable fields and no byte buffers (htsim's TcpPacket, not ns-3's copy-on-write
 * Packet): models read and write what they need, and the wire cost comes from {@link #sizeBytes} plus framing.
 * Obtain instances from {@link PacketFactory} only.
 *
 * <p>Addressing: hosts are the physical machines (their hypervisors own the IP addresses used for routing); VMs and
 * tenants ride along for accounting and for shims. {@link #endpoint} is a demultiplexing shortcut: the destination
 * host hands the packet straight to that sink instead of looking the 5-tuple up in a socket table.
 */
public final class Packet extends PacketHopFields {
    public static final int KIND_DATA = 0;
    public static final int KIND_ACK = 1;
    public static final int KIND_UDP = 2;
    /** Hypervisor-to-hypervisor control traffic (for example Seawall feedback); carried by {@link #control}. */
    public static final int KIND_CONTROL = 3;
    /** Ethernet congestion notification message (802.1Qau), sent by a switch to a source NIC. */
    public static final int KIND_CNM = 4;

    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    /** ECN codepoints of the IP header (RFC 3168). */
    public static final int ECN_NOT_ECT = 0;
    public static final int ECN_ECT1 = 1;
    public static final int ECN_ECT0 = 2;
    public static final int ECN_CE = 3;

    public static final int FLAG_SYN = 1;
    public static final int FLAG_FIN = 2;
    public static final int FLAG_ECE = 4;
    public static final int FLAG_CWR = 8;

    public long id;
    public int kind;

    public int srcHost;
    /** VM ids; -1 for traffic of the hypervisor or the network itself. */
    public int srcVm = -1;
    public int dstVm = -1;
    public int tenant = -1;
    public int srcPort;
    public int dstPort;
    public int protocol;
    public int flowId = -1;

    public long seq;
    public long ack;
    public int payloadBytes;
    public int flags;
    public int ecn;
    public int priority;
    /** IPv4 Identification and Don't Fragment: carriers for bit stealing. */
    public int ipId;
    public boolean dontFragment = true;
    /** TCP timestamp option emulation: the sender's send time echoed by the receiver. */
    public long tsValPs;
    public long tsEcrPs;
    /** Receive window advertised in ACKs, bytes. */
    public long windowBytes;
    /**
     * SACK blocks of an ACK (RFC 2018) as {@code [start0, end0, start1, end1, ...]}, the block holding the most
     * recent arrival first; null when there are none (only ACKs during loss recovery allocate one).
     */
    public long[] sackBlocks;

    public PacketSink endpoint;
    /** Payload of control messages (feedback, CNM contents). Only control-rate traffic allocates one. */
    public Object control;

    public long createdPs;

    /** True while the packet sits in its factory's free list (set by release, cleared by acquire). */
    boolean released;

    Packet() {
    }

    /**
     * Back to the state of a new packet; every field above and in {@link PacketHopFields} must be listed here
     * (PacketFactoryTest checks).
     */
    void reset() {
        kind = 0;
        srcHost = 0;
        dstHost = 0;
        srcVm = -1;
        dstVm = -1;
        tenant = -1;
        srcPort = 0;
        dstPort = 0;
        protocol = 0;
        flowId = -1;
        flowHash = 0;
        seq = 0;
        ack = 0;
        payloadBytes = 0;
        sizeBytes = 0;
        encapBytes = 0;
        flags = 0;
        ecn = 0;
        priority = 0;
        ipId = 0;
        dontFragment = true;
        tsValPs = 0;
        tsEcrPs = 0;
        windowBytes = 0;
        sackBlocks = null;
        endpoint = null;
        control = null;
        createdPs = 0;
        hops = 0;
        pipeArrivalPs = 0;
        nextArrivalPs = 0;
        nextInPipe = null;
    }

    /** Bytes this packet occupies on an Ethernet wire, framing, preamble and inter-frame gap included. */
    public int wireBytes() {
        return Ethernet.wireBytes(sizeBytes + encapBytes);
    }

    public boolean isEct() {
        return ecn == ECN_ECT0 || ecn == ECN_ECT1;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    @Override
    public String toString() {
        return "Packet#" + id + "{kind=" + kind + ", " + srcHost + ":" + srcPort + "->" + dstHost + ":" + dstPort
                + ", flow=" + flowId + ", seq=" + seq + ", ack=" + ack + ", size=" + sizeBytes + "}";
    }
}
