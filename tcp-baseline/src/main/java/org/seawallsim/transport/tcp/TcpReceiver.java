package org.seawallsim.transport.tcp;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketFactory;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.transport.FlowDirection;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbes;

/**
 * The receiving half of a TCP flow: cumulative ACKs over a reassembly list of out-of-order byte ranges, the RFC 7323
 * TS.Recent rule for timestamp echoes, RFC 1122 delayed ACKs when enabled (every second segment or after the
 * timeout; immediately for out-of-order data and gap fills, RFC 5681 section 4.2), and the RFC 8257 ECN echo
 * (with delayed ACKs, an immediate ACK whenever the CE state flips, so the sender counts marked bytes exactly).
 *
 * <p>The application reads instantly, so the advertised window is the constant buffer size.
 */
final class TcpReceiver implements PacketSink, EventTarget {
    private final TcpFlow flow;
    private final EventLoop loop;
    private final PacketFactory packets;
    private final TransportProbes probes;
    private final FlowInfo info;
    private final Host host;
    private final boolean delayedAcks;
    private final long delAckTimeoutPs;
    private final boolean ecnEcho;
    private final int ackBytes;
    private final long windowBytes;
    private final long completionBytes;

    private final FlowDirection toSender;
    private PacketSink sender;
    DeliveryListener listener;

    long rcvNxt;
    private long lastAckSent;
    private long tsRecent;
    private int unackedSegments;
    private boolean ceState;
    private boolean completed;
    /** SYNs that arrived (retransmitted ones included); counted off the data path, in the SYN branch only. */
    long synsReceived;

    /** Out-of-order data, all above rcvNxt. */
    private final ByteRanges ooo = new ByteRanges();

    private long delAckDeadlinePs = Long.MAX_VALUE;
    private long delAckWakePs = Long.MAX_VALUE;

    /** RFC 3168 echo for NewReno and CUBIC; {@code ceState} is then the latched echo. */
    private final boolean classicEcn;
    /** SACK blocks per ACK: 0 without SACK, else what fits in the 40 option bytes (3 beside timestamps, else 4). */
    private final int sackBlocksMax;
    /** The out-of-order segment that arrived last, whose block an ACK reports first (RFC 2018). */
    private long lastOooSeq = -1;

    TcpReceiver(TcpFlow flow, SimContext ctx, TransportProbes probes, FlowInfo info, TcpFlowConfig fc, int srcPort,
            int dstPort) {
        this.flow = flow;
        this.loop = ctx.loop();
        this.packets = ctx.packets();
        this.probes = probes;
        this.info = info;
        this.host = fc.dst().host();
        TcpConfig cfg = fc.tcp();
        this.delayedAcks = cfg.delayedAcks();
        this.delAckTimeoutPs = cfg.delayedAckTimeoutPs();
        this.ecnEcho = cfg.variant() == TcpVariant.DCTCP;
        this.classicEcn = cfg.ecn() && cfg.variant() != TcpVariant.DCTCP;
        this.ackBytes = cfg.headerBytes();
        this.sackBlocksMax = !cfg.sack() ? 0 : cfg.timestamps() ? 3 : 4;
        this.windowBytes = cfg.receiveWindowBytes();
        this.completionBytes = fc.isBulk() || fc.sizeBytes() == 0 ? -1 : fc.sizeBytes();
        // ACKs travel the reverse 5-tuple.
        this.toSender = new FlowDirection(packets, fc.dst(), fc.src(), dstPort, srcPort, Packet.PROTO_TCP,
                info.flowId());
    }

    void connect(PacketSink senderEndpoint) {
        this.sender = senderEndpoint;
    }

    @Override
    public String name() {
        return "tcp/" + info.flowId() + "/receiver";
    }

    /** A data segment arrived. */
    @Override
    public void receive(Packet p) {
        if ((p.flags & Packet.FLAG_SYN) != 0) {
            synsReceived++;
            packets.release(p);
            sendAck(Packet.FLAG_SYN);
            return;
        }
        long seq = p.seq;
        long end = seq + p.payloadBytes;
        boolean ce = p.ecn == Packet.ECN_CE;
        boolean cwr = (p.flags & Packet.FLAG_CWR) != 0;
        long tsVal = p.tsValPs;
        packets.release(p);
        if (classicEcn) {
            // RFC 3168 section 6.1.3: echo ECE in every ACK from a CE mark until a segment with CWR arrives (a CE
            // mark on that very segment starts a new echo).
            if (cwr) {
                ceState = false;
            }
            if (ce) {
                ceState = true;
            }
        }

        boolean immediate = !delayedAcks;
        if (ecnEcho) {
            if (delayedAcks && ce != ceState && unackedSegments > 0) {
                // Acknowledge what arrived under the old CE state before switching (RFC 8257 section 3.2).
                sendAck();
            }
            ceState = ce;
        }
        if (seq <= lastAckSent) {
            tsRecent = tsVal;
        }
        if (end <= rcvNxt) {
            immediate = true;
        } else if (seq <= rcvNxt) {
            boolean hadGap = ooo.count() > 0;
            long before = rcvNxt;
            if (probes.countsReceived()) {
                long fresh = end - rcvNxt - (hadGap ? ooo.covered(rcvNxt, end) : 0);
                if (fresh > 0) {
                    probes.received(info, fresh);
                }
            }
            rcvNxt = end;
            if (hadGap) {
                absorbOutOfOrder();
                immediate = true;
            }
            delivered(rcvNxt - before);
            if (!immediate && ++unackedSegments >= 2) {
                immediate = true;
            }
        } else {
            if (probes.countsReceived()) {
                long fresh = end - seq - ooo.covered(seq, end);
                if (fresh > 0) {
                    probes.received(info, fresh);
                }
            }
            ooo.add(seq, end);
            lastOooSeq = seq;
            immediate = true;
        }
        if (immediate) {
            sendAck();
        } else if (delAckDeadlinePs == Long.MAX_VALUE) {
            long deadline = loop.nowPs() + delAckTimeoutPs;
            delAckDeadlinePs = deadline;
            if (deadline < delAckWakePs) {
                delAckWakePs = deadline;
                loop.schedule(deadline, this, 0);
            }
        }
    }

    @Override
    public void onEvent(int tag) {
        delAckWakePs = Long.MAX_VALUE;
        if (delAckDeadlinePs == Long.MAX_VALUE) {
            return;
        }
        if (loop.nowPs() < delAckDeadlinePs) {
            delAckWakePs = delAckDeadlinePs;
            loop.schedule(delAckDeadlinePs, this, 0);
            return;
        }
        sendAck();
    }

    private void delivered(long bytes) {
        if (listener != null) {
            listener.onDelivered(flow, bytes, rcvNxt);
        }
        if (!completed && completionBytes > 0 && rcvNxt >= completionBytes) {
            completed = true;
            if (!probes.isEmpty()) {
                probes.flowComplete(info, completionBytes, flow.startPs(), loop.nowPs());
            }
        }
    }

    private void sendAck() {
        sendAck(0);
    }

    private void sendAck(int extraFlags) {
        Packet a = packets.acquire();
        a.kind = Packet.KIND_ACK;
        toSender.stamp(a);
        a.ack = rcvNxt;
        a.flags = (ceState ? Packet.FLAG_ECE : 0) | extraFlags;
        a.tsEcrPs = tsRecent;
        a.sizeBytes = ackBytes;
        if (sackBlocksMax > 0 && ooo.count() > 0) {
            a.sackBlocks = sackBlocks();
            // Kind and length (2 B) plus 8 B per block, padded to 4 B with NOPs as Linux sends it.
            a.sizeBytes += (2 + 8 * (a.sackBlocks.length / 2) + 3) / 4 * 4;
        }
        a.windowBytes = windowBytes;
        a.endpoint = sender;
        a.createdPs = loop.nowPs();
        lastAckSent = rcvNxt;
        unackedSegments = 0;
        delAckDeadlinePs = Long.MAX_VALUE;
        host.sendFromVm(a);
    }

    /**
     * The blocks to report: the one holding the latest out-of-order arrival first, then the others from the highest
     * down. (RFC 2018 asks for the most recently reported ones next; the highest are those the sender is least
     * likely to have heard about yet.)
     */
    private long[] sackBlocks() {
        int count = ooo.count();
        int n = Math.min(count, sackBlocksMax);
        long[] b = new long[2 * n];
        int first = count - 1;
        for (int i = 0; i < count; i++) {
            if (ooo.start(i) <= lastOooSeq && lastOooSeq < ooo.end(i)) {
                first = i;
                break;
            }
        }
        b[0] = ooo.start(first);
        b[1] = ooo.end(first);
        int k = 1;
        for (int i = count - 1; i >= 0 && k < n; i--) {
            if (i != first) {
                b[2 * k] = ooo.start(i);
                b[2 * k + 1] = ooo.end(i);
                k++;
            }
        }
        return b;
    }

    private void absorbOutOfOrder() {
        int i = 0;
        while (i < ooo.count() && ooo.start(i) <= rcvNxt) {
            if (ooo.end(i) > rcvNxt) {
                rcvNxt = ooo.end(i);
            }
            i++;
        }
        ooo.removeFirst(i);
    }

    int outOfOrderRanges() {
        return ooo.count();
    }
}
