package org.seawallsim.scenario.trace;

import java.util.Arrays;
import org.seawallsim.baseline.qcn.Cnm;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.seawall.codec.Encapsulation;
import org.seawallsim.seawall.controller.FeedbackReport;

/**
 * Turns a simulated packet into the Ethernet frame it stands for, built from its fields (docs/traces.md):
 *
 * <ul>
 *   <li>Addresses: VM v is 10.0.0.0 + v + 1 with MAC 06:00:vv:vv:vv:vv (v + 1), hypervisor (host) h is
 *   172.16.0.0 + h + 1 with MAC 06:01:hh:hh:hh:hh, switch s has MAC 06:02:ss:ss:ss:ss (locally administered; 02:01.. would read as Microsoft NLB). The fabric is one layer-2
 *   domain, so the MACs are the end points' on every hop (an encapsulated frame's the hypervisors', as its outer
 *   addresses are) and the TTL stays 64.</li>
 *   <li>IPv4: ECN bits from {@link Packet#ecn}, Identification from the low 16 bits of {@link Packet#ipId} (where
 *   Seawall's bit stealing writes its sequence number), DF from {@link Packet#dontFragment}, total length
 *   {@link Packet#sizeBytes}.</li>
 *   <li>TCP: the model numbers bytes from 0 and its SYN takes no sequence space; on the wire each direction has
 *   initial sequence number 0, the SYN carries 0 and data byte n is n + 1 (ACKs and SACK blocks likewise). Header
 *   options fill the bytes the model counts beyond 20: NOP NOP timestamps (microseconds of simulated time) and
 *   NOP NOP SACK. ACKs advertise the receive window scaled by 2^7 (the model's SYN has no room for a window scale
 *   option, so readers show the raw value); data segments advertise 65535.</li>
 *   <li>Encapsulation ({@link Packet#encapBytes} &gt; 0): the Seawall codec's header between Ethernet and the inner
 *   IPv4 header: an outer IPv4 header between the hypervisors, protocol 253, then magic 0x5357, the 16-bit
 *   sequence number (the high half of ipId), the inner EtherType and 2 reserved bytes; zeros pad it to
 *   encapBytes.</li>
 *   <li>Seawall feedback: UDP between the hypervisors, both ports {@code SeawallShim.FEEDBACK_PORT} (1514), 46
 *   payload bytes (see {@link #putFeedback}).</li>
 *   <li>QCN CNM: EtherType 0x22E9 (802.1Qau) from the congestion point's switch to the sampled frame's source host
 *   (see {@link #putCnm}).</li>
 * </ul>
 * Payload bytes are zeros; the IPv4, TCP and UDP checksums are those of the whole frame, zeros included.
 */
final class FrameEncoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_CNM = 0x22E9;
    static final int MIN_FRAME_NO_FCS = 60;
    static final int ACK_WINDOW_SHIFT = 7;
    private static final int ETH = 14;
    private static final long SEQ_MASK = 0xFFFF_FFFFL;
    /** Simulated-time picoseconds per TCP timestamp tick (1 us). */
    private static final long PS_PER_TS_TICK = 1_000_000L;

    /** Resolves a congestion point's port name to its switch id and port number (for the CNM's CPID). */
    interface CongestionPoints {
        int switchId(String portName);

        int portIndex(String portName);
    }

    private final CongestionPoints cps;
    private final byte[] frame;

    FrameEncoder(CongestionPoints cps, int snapBytes) {
        this.cps = cps;
        // Room for the largest header stack (14 + 64 encapsulation + 20 + 60 + feedback) and the snap length.
        this.frame = new byte[Math.max(snapBytes, 256)];
    }

    /** Length of the frame {@code p} stands for, without FCS, padded to Ethernet's minimum. */
    static int frameBytes(Packet p) {
        return Math.max(MIN_FRAME_NO_FCS, ETH + encapHeaderBytes(p) + p.sizeBytes);
    }

    private static int encapHeaderBytes(Packet p) {
        return p.encapBytes <= 0 ? 0 : Math.max(p.encapBytes, Encapsulation.OVERHEAD_BYTES);
    }

    /** Encodes {@code p} and returns a copy of its first {@code snapBytes} bytes. */
    byte[] encode(Packet p, int snapBytes) {
        int length = frameBytes(p);
        int captured = Math.min(length, snapBytes);
        int built = Math.min(length, frame.length);
        Arrays.fill(frame, 0, built, (byte) 0);
        if (p.kind == Packet.KIND_CNM) {
            putCnm(p);
        } else {
            putIpv4Frame(p);
        }
        return Arrays.copyOf(frame, captured);
    }

    // Addresses

    static int vmIp(int vm) {
        return 0x0A00_0000 + vm + 1;
    }

    static int hostIp(int host) {
        return 0xAC10_0000 + host + 1;
    }

    private void putMac(int off, int kind, int id) {
        frame[off] = 0x06;
        frame[off + 1] = (byte) kind;
        putInt(off + 2, id + 1);
    }

    private void putIpv4Frame(Packet p) {
        int encap = encapHeaderBytes(p);
        // An encapsulated frame travels between hypervisors: its outer MACs are theirs, as its outer IPv4 addresses
        // are (the VMs' MACs with the hypervisors' addresses made a frame no real network carries).
        if (p.dstVm >= 0 && encap == 0) {
            putMac(0, 0, p.dstVm);
        } else {
            putMac(0, 1, p.dstHost);
        }
        if (p.srcVm >= 0 && encap == 0) {
            putMac(6, 0, p.srcVm);
        } else {
            putMac(6, 1, p.srcHost);
        }
        putShort(12, ETHERTYPE_IPV4);
        int ip = ETH;
        if (encap > 0) {
            // The outer header is the one the switches read and mark (RFC 6040 copies the inner ECN field out at
            // encapsulation and a CE back in at decapsulation), so it carries the ECN bits as the queues left them:
            // written Not-ECT, a trace of an ECN-driven encapsulated run showed no marks where tools look for them.
            putIpv4Header(ip, encap + p.sizeBytes, 0, p.ecn, true, Encapsulation.PROTOCOL,
                    hostIp(p.srcHost), hostIp(p.dstHost));
            int sw = ip + Encapsulation.OUTER_IPV4_BYTES;
            putShort(sw, Encapsulation.MAGIC);
            putShort(sw + 2, p.ipId >>> 16);
            putShort(sw + 4, ETHERTYPE_IPV4);
            ip += encap;
        }
        int src = p.srcVm >= 0 ? vmIp(p.srcVm) : hostIp(p.srcHost);
        int dst = p.dstVm >= 0 ? vmIp(p.dstVm) : hostIp(p.dstHost);
        putIpv4Header(ip, p.sizeBytes, p.ipId & 0xFFFF, p.ecn, p.dontFragment, p.protocol, src, dst);
        int l4 = ip + 20;
        int l4Bytes = p.sizeBytes - 20;
        if (p.protocol == Packet.PROTO_TCP) {
            putTcp(p, l4, l4Bytes);
        } else if (p.protocol == Packet.PROTO_UDP) {
            putUdp(p, l4, l4Bytes);
        }
    }

    private void putIpv4Header(int ip, int totalBytes, int id, int ecn, boolean df, int protocol, int src, int dst) {
        frame[ip] = 0x45;
        frame[ip + 1] = (byte) (ecn & 3);
        putShort(ip + 2, totalBytes);
        putShort(ip + 4, id);
        putShort(ip + 6, df ? 0x4000 : 0);
        frame[ip + 8] = 64;
        frame[ip + 9] = (byte) protocol;
        putInt(ip + 12, src);
        putInt(ip + 16, dst);
        putShort(ip + 10, ~sum(ip, 20, 0) & 0xFFFF);
    }

    private void putTcp(Packet p, int tcp, int segmentBytes) {
        int header = segmentBytes - p.payloadBytes;
        if (header < 20 || header > 60 || (header & 3) != 0) {
            header = 20; // not a size a TCP header can have; show the payload as the model counts the rest
        }
        boolean syn = p.hasFlag(Packet.FLAG_SYN);
        boolean ackKind = p.kind == Packet.KIND_ACK;
        long seq = ackKind ? (syn ? 0 : 1) : (syn ? 0 : p.seq + 1);
        long ack = ackKind ? p.ack + 1 : 1;
        boolean ackFlag = ackKind || !syn;
        putShort(tcp, p.srcPort);
        putShort(tcp + 2, p.dstPort);
        putInt(tcp + 4, (int) (seq & SEQ_MASK));
        putInt(tcp + 8, ackFlag ? (int) (ack & SEQ_MASK) : 0);
        int flags = (p.hasFlag(Packet.FLAG_CWR) ? 0x80 : 0) | (p.hasFlag(Packet.FLAG_ECE) ? 0x40 : 0)
                | (ackFlag ? 0x10 : 0) | (syn ? 0x02 : 0) | (p.hasFlag(Packet.FLAG_FIN) ? 0x01 : 0);
        frame[tcp + 12] = (byte) ((header / 4) << 4);
        frame[tcp + 13] = (byte) flags;
        long window = ackKind ? Math.max(1, Math.min(0xFFFF, p.windowBytes >> ACK_WINDOW_SHIFT)) : 0xFFFF;
        putShort(tcp + 14, (int) window);
        putTcpOptions(p, tcp + 20, header - 20);
        int s = pseudoHeaderSum(tcp - 20, Packet.PROTO_TCP, segmentBytes);
        putShort(tcp + 16, ~sum(tcp, Math.min(header, frame.length - tcp), s) & 0xFFFF);
    }

    private void putTcpOptions(Packet p, int off, int optionBytes) {
        int end = off + optionBytes;
        Arrays.fill(frame, off, end, (byte) 1); // NOP wherever nothing else goes
        long[] blocks = p.sackBlocks;
        int sackBytes = 0;
        if (blocks != null && blocks.length > 0) {
            sackBytes = (2 + 8 * (blocks.length / 2) + 3) / 4 * 4;
            if (sackBytes > optionBytes) {
                sackBytes = 0;
            }
        }
        if (optionBytes - sackBytes >= 12) {
            frame[off + 2] = 8;
            frame[off + 3] = 10;
            putInt(off + 4, (int) (p.createdPs / PS_PER_TS_TICK));
            putInt(off + 8, (int) (p.tsEcrPs / PS_PER_TS_TICK));
            off += 12;
        }
        if (sackBytes > 0) {
            int n = blocks.length / 2;
            int kind = off + sackBytes - (2 + 8 * n);
            frame[kind] = 5;
            frame[kind + 1] = (byte) (2 + 8 * n);
            for (int i = 0; i < n; i++) {
                putInt(kind + 2 + 8 * i, (int) ((blocks[2 * i] + 1) & SEQ_MASK));
                putInt(kind + 6 + 8 * i, (int) ((blocks[2 * i + 1] + 1) & SEQ_MASK));
            }
        }
    }

    private void putUdp(Packet p, int udp, int datagramBytes) {
        putShort(udp, p.srcPort);
        putShort(udp + 2, p.dstPort);
        putShort(udp + 4, datagramBytes);
        int payload = 0;
        if (p.control instanceof FeedbackReport r && datagramBytes - 8 >= FeedbackReport.WIRE_PAYLOAD_BYTES) {
            putFeedback(udp + 8, r);
            payload = FeedbackReport.WIRE_PAYLOAD_BYTES;
        }
        int s = pseudoHeaderSum(udp - 20, Packet.PROTO_UDP, datagramBytes);
        int c = ~sum(udp, 8 + payload, s) & 0xFFFF;
        putShort(udp + 6, c == 0 ? 0xFFFF : c);
    }

    /** Marks a feedback payload ("SW") where ONC RPC's heuristic looks for its message type (0 or 1). */
    static final int FEEDBACK_MAGIC = 0x5357;

    /**
     * Seawall's feedback report, big-endian, in the 46 bytes {@link FeedbackReport#WIRE_PAYLOAD_BYTES} budgets:
     * source VM 4, magic 0x5357 2, flags 2 (bit 0 shared congestion, bit 1 congested), source host 4, reporting host
     * 4, interval index 4, interval length in microseconds 4, packets 4, bytes 6, lost 4, marked 4, last congested
     * sequence number 2, highest sequence number 2 (0xFFFF for none). The magic sits in the 32-bit word at offset 4:
     * without it a report from host 2 to host 0 whose interval index happened to be a known RPC program number
     * read as an RPC call (message type 0, RPC version 2) to Wireshark's heuristic dissector, and as malformed.
     */
    private void putFeedback(int off, FeedbackReport r) {
        putInt(off, r.srcVm());
        putShort(off + 4, FEEDBACK_MAGIC);
        putShort(off + 6, (r.sharedCongestion() ? 1 : 0) | (r.congested() ? 2 : 0));
        putInt(off + 8, r.srcHost());
        putInt(off + 12, r.dstHost());
        putInt(off + 16, (int) r.intervalIndex());
        putInt(off + 20, (int) (r.intervalPs() / 1_000_000L));
        putInt(off + 24, (int) r.packets());
        putShort(off + 28, (int) (r.bytes() >>> 32));
        putInt(off + 30, (int) r.bytes());
        putInt(off + 34, (int) r.lost());
        putInt(off + 38, (int) r.marked());
        putShort(off + 42, r.lastCongestedSeq());
        putShort(off + 44, r.highestSeq());
    }

    /**
     * An 802.1Qau congestion notification message: EtherType 0x22E9, then version 0 and the 6-bit quantized
     * feedback (2 bytes), the congestion point id (the switch's MAC and the port's number, 8), the queue offset and
     * delta in units of 64 bytes, saturated to 16 signed bits (2 + 2), the encapsulated priority (2), destination
     * MAC (6, zero: the model keeps no copy of the sampled frame) and MSDU length (2, = 8), then 8 bytes of MSDU:
     * the sampled flow's 5-tuple hash, from which the model's reaction point finds its rate limiter.
     */
    private void putCnm(Packet p) {
        putMac(0, 1, p.dstHost);
        Cnm c = p.control instanceof Cnm cnm ? cnm : null;
        String cp = c == null ? null : c.cpName();
        int sw = cp == null ? 0 : cps.switchId(cp);
        putMac(6, 2, sw);
        putShort(12, ETHERTYPE_CNM);
        if (c == null) {
            return;
        }
        int pdu = ETH;
        int avail = Math.max(0, p.sizeBytes);
        if (avail < 32) {
            return;
        }
        putShort(pdu, c.qntzFb() & 0x3F);
        putMac(pdu + 2, 2, sw);
        putShort(pdu + 8, cps.portIndex(cp));
        putShort(pdu + 10, saturate16(c.qOffBytes() / 64));
        putShort(pdu + 12, saturate16(c.qDeltaBytes() / 64));
        putShort(pdu + 14, p.priority);
        putShort(pdu + 22, 8);
        putInt(pdu + 24, (int) (c.flowHash() >>> 32));
        putInt(pdu + 28, (int) c.flowHash());
    }

    private static int saturate16(long v) {
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    // Checksums (RFC 1071)

    private int pseudoHeaderSum(int ip, int protocol, int l4Bytes) {
        int s = sum(ip + 12, 8, 0);
        s += protocol;
        s += l4Bytes;
        return fold(s);
    }

    /** One's-complement sum of {@code len} bytes at {@code off} added to {@code s} (bytes beyond are zero). */
    private int sum(int off, int len, int s) {
        long acc = s;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            acc += ((frame[i] & 0xFF) << 8) | (frame[i + 1] & 0xFF);
        }
        if (i < end) {
            acc += (frame[i] & 0xFF) << 8;
        }
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        return (int) acc;
    }

    private static int fold(int s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return s;
    }

    private void putInt(int off, int v) {
        PcapWriter.putInt(frame, off, v);
    }

    private void putShort(int off, int v) {
        PcapWriter.putShort(frame, off, v);
    }
}
