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
 * The sending half of a TCP flow, and the endpoint of its ACKs: the sequence space and the windows, what goes out
 * when (the optional handshake, new data, go-back-N after a timeout, send jitter), the RFC 3168 reaction to ECN
 * echoes, and the dispatch of each ACK to the three parts that decide the rest:
 * <ul>
 *   <li>{@link CongestionControl}: how cwnd grows and what ssthresh becomes (NewReno, CUBIC, DCTCP);</li>
 *   <li>{@link LossRecovery}: duplicate ACKs, fast retransmit and recovery ({@link NewRenoRecovery}, or
 *   {@link SackRecovery} with SACK);</li>
 *   <li>{@link RetransmissionTimer}: RTT estimate, RTO, backoff and the timer itself (RFC 6298).</li>
 * </ul>
 *
 * <p>Simplifications: byte sequence numbers start at 0 and never wrap; the handshake is optional and there is no
 * Nagle (bulk senders never wait); the receive window is the receiver's constant buffer size.
 */
final class TcpSender implements PacketSink, EventTarget {
    private static final int TAG_START = 2;
    private static final int TAG_TX = 3;

    final TcpFlow flow;
    final EventLoop loop;
    private final PacketFactory packets;
    final TransportProbes probes;
    final FlowInfo info;
    private final Host host;
    private final TcpConfig cfg;
    final int mss;
    private final int headerBytes;
    final CongestionControl cc;
    final LossRecovery recovery;
    final RetransmissionTimer rto;
    private final boolean ect;
    private final boolean timestamps;

    private final FlowDirection toReceiver;
    private PacketSink receiver;

    /** Bytes the application has written; the sender never sends beyond. */
    long appLimit;
    long sndUna;
    long sndNxt;
    /** One past the highest byte ever sent. */
    long sndMax;
    double cwnd;
    long ssthresh;
    private long rwnd;
    /** Payload bytes sent so far, new and retransmitted (PRR's prr_out counts from it). */
    long sentPayloadBytes;
    /** Timestamp of the latest ACK, echoed in data segments' TSecr (the RTT samples use the ACKs' echo of TSval). */
    private long peerTsValPs;

    private boolean started;
    private boolean stopped;
    /** False until the SYN-ACK arrives (always true without the handshake). */
    private boolean established;
    private boolean synRetransmitted;
    private long synSentPs;
    private final long jitterPs;
    private final java.util.SplittableRandom jitterRandom;
    private boolean txPending;
    long startPs = -1;

    /** RFC 3168 for NewReno and CUBIC (DCTCP handles ECE in its policy). */
    private final boolean classicEcn;
    /** No further reaction to ECE until snd.una passes this (once per window). */
    private long ecnCutEnd = -1;
    /** The next new segment carries CWR. */
    private boolean cwrPending;

    TcpSender(TcpFlow flow, SimContext ctx, TransportProbes probes, FlowInfo info, TcpFlowConfig fc, int srcPort,
            int dstPort, String streamName) {
        this.jitterPs = fc.tcp().sendJitterPs();
        this.jitterRandom = jitterPs > 0 ? ctx.random().stream(streamName + "/jitter") : null;
        this.flow = flow;
        this.loop = ctx.loop();
        this.packets = ctx.packets();
        this.probes = probes;
        this.info = info;
        this.host = fc.src().host();
        this.cfg = fc.tcp();
        this.mss = cfg.effectiveMss();
        this.headerBytes = cfg.headerBytes();
        this.timestamps = cfg.timestamps();
        this.toReceiver = new FlowDirection(packets, fc.src(), fc.dst(), srcPort, dstPort, Packet.PROTO_TCP,
                info.flowId());
        this.appLimit = fc.sizeBytes();
        this.cwnd = (double) cfg.initialWindowSegments() * mss;
        this.ssthresh = cfg.initialSsthreshBytes();
        this.rwnd = cfg.receiveWindowBytes();
        this.rto = new RetransmissionTimer(this, loop, ctx.timers(), probes, info, cfg);
        switch (cfg.variant()) {
            case CUBIC -> cc = new CubicControl(this, cfg.cubicC(), cfg.cubicBeta());
            case DCTCP -> cc = new DctcpControl(this, cfg.dctcpG(), cfg.dctcpInitialAlpha());
            default -> cc = new NewRenoControl(this);
        }
        this.ect = cfg.variant() == TcpVariant.DCTCP || cfg.ecn();
        this.classicEcn = cfg.ecn() && cfg.variant() != TcpVariant.DCTCP;
        this.recovery = LossRecovery.of(this, cfg.sack());
    }

    void connect(PacketSink receiverEndpoint) {
        this.receiver = receiverEndpoint;
    }

    @Override
    public String name() {
        return "tcp/" + info.flowId() + "/sender";
    }

    void startAt(long atPs) {
        if (started) {
            throw new IllegalStateException("flow " + info.flowId() + " already started");
        }
        started = true;
        loop.schedule(atPs, this, TAG_START);
    }

    void stop() {
        stopped = true;
        rto.disarm();
    }

    boolean stopped() {
        return stopped;
    }

    void write(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("write needs a positive byte count, got " + bytes);
        }
        appLimit = appLimit > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : appLimit + bytes;
        if (established && !stopped) {
            trySend();
        }
    }

    double dctcpAlpha() {
        return cc instanceof DctcpControl d ? d.alpha() : Double.NaN;
    }

    @Override
    public void onEvent(int tag) {
        if (tag == TAG_TX) {
            txPending = false;
            trySend();
            return;
        }
        if (tag == TAG_START) {
            if (stopped) {
                return;
            }
            startPs = loop.nowPs();
            if (!probes.isEmpty()) {
                probes.flowStart(info);
            }
            if (cfg.handshake()) {
                sendSyn();
            } else {
                established = true;
                trySend();
            }
        }
    }

    /** An ACK arrived (this sender is the ACKs' endpoint). */
    @Override
    public void receive(Packet p) {
        long ack = p.ack;
        boolean ece = (p.flags & Packet.FLAG_ECE) != 0;
        long tsEcr = p.tsEcrPs;
        // The ACK's own timestamp, which the next data segments echo (RFC 7323); only packet traces read it.
        peerTsValPs = p.createdPs;
        rwnd = p.windowBytes;
        boolean syn = (p.flags & Packet.FLAG_SYN) != 0;
        long[] sackBlocks = p.sackBlocks;
        packets.release(p);
        if (stopped) {
            return;
        }
        if (!established) {
            if (syn) {
                established = true;
                rto.disarm();
                if (!synRetransmitted) {
                    rto.sample(loop.nowPs() - synSentPs);
                }
                trySend();
            }
            return;
        }
        if (syn) {
            return; // a duplicate SYN-ACK (our SYN was retransmitted)
        }
        if (ack == sndUna && !probes.isEmpty()) {
            probes.duplicateAck(info, ack, sndMax > sndUna);
        }
        recovery.onSackBlocks(sackBlocks, ack);
        if (ack > sndUna) {
            onNewAck(ack, ece, tsEcr);
        } else if (ack == sndUna && sndMax > sndUna) {
            cc.onAckEcn(0, ece);
            recovery.onDuplicateAck();
        } else {
            cc.onAckEcn(0, ece);
        }
        if (ece && classicEcn) {
            // After the ACK's own accounting, so the cut is not undone by that ACK's window growth.
            onEcnEcho();
        }
        if (jitterPs == 0) {
            trySend();
        } else if (!txPending) {
            // One pending wake-up: everything released meanwhile leaves together, in order.
            txPending = true;
            loop.schedule(loop.nowPs() + jitterRandom.nextLong(jitterPs), this, TAG_TX);
        }
    }

    private void onNewAck(long ack, boolean ece, long tsEcr) {
        long now = loop.nowPs();
        long newly = ack - sndUna;
        if (timestamps) {
            // RFC 7323: the echoed timestamp times the segment that triggered this ACK, retransmission or not.
            rto.sample(now - tsEcr);
        } else {
            rto.onAckWithoutTimestamps(ack, now);
        }
        sndUna = ack;
        if (sndNxt < sndUna) {
            // After a timeout the receiver may hold data beyond what go-back-N has resent.
            sndNxt = sndUna;
        }
        cc.onAckEcn(newly, ece);
        boolean restartTimer = recovery.onNewAck(ack, newly);
        if (sndUna >= sndMax) {
            rto.disarm();
        } else if (restartTimer) {
            rto.arm(now);
        }
        if (!probes.isEmpty()) {
            probes.acked(info, newly, sndUna);
            probes.cwnd(info, cwnd, ssthresh);
        }
    }

    /** The window was cut for an ECN echo: the next new segment says so (CWR). */
    void windowReduced() {
        cwrPending = true;
    }

    /**
     * RFC 3168 section 6.1.2: an ECN echo cuts the window as a loss would (the congestion control's own cut:
     * NewReno halves it, CUBIC keeps 0.7), without a retransmission, at most once per window of data and not during
     * loss recovery (which has already reduced it).
     */
    private void onEcnEcho() {
        if (recovery.inRecovery || sndUna <= ecnCutEnd) {
            return;
        }
        ssthresh = cc.ssthreshOnLoss();
        cwnd = Math.max((double) ssthresh, mss);
        cc.onRecoveryExit();
        ecnCutEnd = sndMax;
        cwrPending = true;
        if (!probes.isEmpty()) {
            probes.cwnd(info, cwnd, ssthresh);
        }
    }

    /** An ECN echo already halved the window for this window of data: a loss in it is the same congestion event. */
    boolean cutByEcnThisWindow() {
        return classicEcn && sndUna <= ecnCutEnd;
    }

    /** The retransmission timer expired (it has disarmed itself): resend the SYN, or go back to snd.una. */
    void onRetransmissionTimeout() {
        if (!established) {
            rto.backOff();
            synRetransmitted = true;
            if (!probes.isEmpty()) {
                probes.timeout(info, rto.backoffCount, rto.rtoPs);
            }
            sendSyn();
            return;
        }
        if (sndUna >= sndMax) {
            return;
        }
        ssthresh = cc.ssthreshOnTimeout();
        cwnd = mss;
        recovery.onTimeout();
        rto.abandonTiming();
        rto.backOff();
        sndNxt = sndUna;
        if (!probes.isEmpty()) {
            probes.timeout(info, rto.backoffCount, rto.rtoPs);
            probes.cwnd(info, cwnd, ssthresh);
        }
        trySend();
    }

    /** Sends whatever the windows and the application allow, starting at snd.nxt (go-back-N after a timeout). */
    private void trySend() {
        if (!established || stopped) {
            return;
        }
        long wnd = Math.min((long) cwnd, rwnd);
        long limit = sndUna + wnd;
        while (true) {
            long avail = appLimit - sndNxt;
            if (avail <= 0) {
                return;
            }
            int len = avail < mss ? (int) avail : mss;
            if (sndNxt + len > limit && sndNxt > sndUna) {
                return;
            }
            if (sndNxt < sndMax) {
                // Go-back-N after a timeout: resend what was already sent, never past it in one segment.
                if (sndMax - sndNxt < len) {
                    len = (int) (sndMax - sndNxt);
                }
                retransmit(sndNxt, len, true);
            } else {
                sendSegment(sndNxt, len);
                if (!timestamps) {
                    rto.timeSegment(sndNxt + len);
                }
            }
            sndNxt += len;
            if (sndNxt > sndMax) {
                sndMax = sndNxt;
            }
        }
    }

    /**
     * One new segment at snd.max if the application and the receive window allow it (new data during SACK
     * recovery); false if they do not.
     */
    boolean sendNewSegment() {
        long avail = appLimit - sndMax;
        if (avail <= 0 || sndMax + Math.min(avail, mss) > sndUna + rwnd) {
            return false;
        }
        int len = avail < mss ? (int) avail : mss;
        sendSegment(sndMax, len);
        sndMax += len;
        sndNxt = sndMax;
        return true;
    }

    /** Fast retransmit or partial-ACK retransmit of the segment at {@code seq}. */
    void retransmit(long seq, boolean afterTimeout) {
        long avail = sndMax - seq;
        retransmit(seq, avail < mss ? (int) avail : mss, afterTimeout);
    }

    void retransmit(long seq, int len, boolean afterTimeout) {
        rto.abandonTiming();
        sendSegment(seq, len);
        if (!probes.isEmpty()) {
            probes.retransmit(info, seq, len, afterTimeout);
        }
    }

    /** The opening SYN: header only, no sequence space in this model; the receiver answers with a SYN-ACK. */
    private void sendSyn() {
        synSentPs = loop.nowPs();
        sendSegment(0, 0, Packet.FLAG_SYN);
    }

    private void sendSegment(long seq, int len) {
        sendSegment(seq, len, 0);
    }

    private void sendSegment(long seq, int len, int flags) {
        long now = loop.nowPs();
        Packet p = packets.acquire();
        p.kind = Packet.KIND_DATA;
        toReceiver.stamp(p);
        p.seq = seq;
        p.payloadBytes = len;
        sentPayloadBytes += len;
        p.flags = flags;
        p.sizeBytes = len + headerBytes;
        p.ecn = ect ? Packet.ECN_ECT0 : Packet.ECN_NOT_ECT;
        if (cwrPending && len > 0) {
            p.flags |= Packet.FLAG_CWR;
            cwrPending = false;
        }
        p.tsValPs = now;
        p.tsEcrPs = peerTsValPs;
        p.endpoint = receiver;
        p.createdPs = now;
        if (!rto.armed()) {
            rto.arm(now);
        }
        host.sendFromVm(p);
    }

    void emitAlpha(double alpha) {
        if (!probes.isEmpty()) {
            probes.dctcpAlpha(info, alpha);
        }
    }
}
