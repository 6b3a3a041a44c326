package org.seawallsim.transport.tcp;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.event.TimerSet;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketFactory;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.transport.FlowDirection;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbes;

/**
 * The sending half of a TCP flow: NewReno loss recovery (RFC 5681 fast retransmit on the third duplicate ACK,
 * RFC 6582 partial-ACK fast recovery with the "impatient" timer reset on the first partial ACK only), the RFC 6298
 * retransmission timer with Karn's rule and exponential backoff, and a pluggable window policy (NewReno, CUBIC,
 * DCTCP). It is the endpoint of the flow's ACKs.
 *
 * <p>Simplifications: byte sequence numbers start at 0 and never wrap; there is no handshake, no SACK and no Nagle
 * (bulk senders never wait); the receive window is the receiver's constant buffer size.
 *
 * <p>Retransmission timer: a lazy deadline. Each ACK only moves {@code rtoDeadlinePs}; a single pending wake-up
 * per flow fires at the deadline it was armed for and re-arms itself if the deadline has moved later meanwhile.
 * So the timers see about one operation per RTO interval instead of one per ACK (the effect of htsim's timer
 * scanner, without a periodic scan over idle flows), and the wake-up sits in the context's {@link TimerSet}, beside
 * the event heap rather than in it.
 */
final class TcpSender implements PacketSink, EventTarget {
    private static final int TAG_RTO = 1;
    private static final int TAG_START = 2;
    private static final int TAG_TX = 3;
    private static final int DUPACK_THRESHOLD = 3;

    final TcpFlow flow;
    final EventLoop loop;
    /** Where the retransmission wake-up lives: beside the event heap, not in it (see {@link TimerSet}). */
    private final TimerSet timers;
    private final PacketFactory packets;
    private final TransportProbes probes;
    private final FlowInfo info;
    private final Host host;
    private final TcpConfig cfg;
    final int mss;
    private final int headerBytes;
    private final CongestionControl cc;
    private final boolean ect;
    private final boolean timestamps;
    private final long minRtoPs;
    private final long maxRtoPs;

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
    private int dupAcks;
    boolean inRecovery;
    private long recover;
    private boolean partialAckSeen;

    long srttPs = -1;
    private long rttvarPs;
    long rtoPs;
    private int backoffCount;
    /** Karn's rule without timestamps: one timed segment, abandoned on any retransmission. */
    private long rttTimedEnd = -1;
    private long rttTimedSentPs;

    private long rtoDeadlinePs = Long.MAX_VALUE;
    private long rtoWakePs = Long.MAX_VALUE;
    private long rtoHandle = EventLoop.NO_EVENT;

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

    /** Null without SACK. */
    private final SackScoreboard sacked;
    /** RFC 3168 for NewReno and CUBIC (DCTCP handles ECE in its policy). */
    private final boolean classicEcn;
    /** No further reaction to ECE until snd.una passes this (once per window). */
    private long ecnCutEnd = -1;
    /** The next new segment carries CWR. */
    private boolean cwrPending;
    /** RFC 6675 HighRxt: one past the highest byte retransmitted in the current recovery. */
    private long highRxt;

    TcpSender(TcpFlow flow, SimContext ctx, TransportProbes probes, FlowInfo info, TcpFlowConfig fc, int srcPort,
            int dstPort) {
        this.jitterPs = fc.tcp().sendJitterPs();
        this.jitterRandom = jitterPs > 0 ? ctx.random().stream("transport/tcp/" + info.flowId() + "/jitter") : null;
        this.flow = flow;
        this.loop = ctx.loop();
        this.timers = ctx.timers();
        this.packets = ctx.packets();
        this.probes = probes;
        this.info = info;
        this.host = fc.src().host();
        this.cfg = fc.tcp();
        this.mss = cfg.effectiveMss();
        this.headerBytes = cfg.headerBytes();
        this.timestamps = cfg.timestamps();
        this.minRtoPs = cfg.minRtoPs();
        this.maxRtoPs = cfg.maxRtoPs();
        this.toReceiver = new FlowDirection(packets, fc.src(), fc.dst(), srcPort, dstPort, Packet.PROTO_TCP,
                info.flowId());
        this.appLimit = fc.sizeBytes();
        this.cwnd = (double) cfg.initialWindowSegments() * mss;
        this.ssthresh = cfg.initialSsthreshBytes();
        this.rwnd = cfg.receiveWindowBytes();
        this.rtoPs = Math.min(Math.max(cfg.initialRtoPs(), 1), maxRtoPs);
        switch (cfg.variant()) {
            case CUBIC -> cc = new CubicControl(this, cfg.cubicC(), cfg.cubicBeta());
            case DCTCP -> cc = new DctcpControl(this, cfg.dctcpG(), cfg.dctcpInitialAlpha());
            default -> cc = new NewRenoControl(this);
        }
        this.ect = cfg.variant() == TcpVariant.DCTCP || cfg.ecn();
        this.classicEcn = cfg.ecn() && cfg.variant() != TcpVariant.DCTCP;
        this.sacked = cfg.sack() ? new SackScoreboard() : null;
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
        rtoDeadlinePs = Long.MAX_VALUE;
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
            return;
        }
        rtoHandle = EventLoop.NO_EVENT;
        rtoWakePs = Long.MAX_VALUE;
        if (stopped || rtoDeadlinePs == Long.MAX_VALUE) {
            return;
        }
        long now = loop.nowPs();
        if (now < rtoDeadlinePs) {
            // ACKs pushed the deadline later since this wake-up was armed: sleep again until it.
            rtoWakePs = rtoDeadlinePs;
            rtoHandle = timers.schedule(rtoDeadlinePs, this, TAG_RTO);
            return;
        }
        onRetransmissionTimeout();
    }

    /** An ACK arrived (this sender is the ACKs' endpoint). */
    @Override
    public void receive(Packet p) {
        long ack = p.ack;
        boolean ece = (p.flags & Packet.FLAG_ECE) != 0;
        long tsEcr = p.tsEcrPs;
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
                rtoDeadlinePs = Long.MAX_VALUE;
                if (!synRetransmitted) {
                    sampleRtt(loop.nowPs() - synSentPs);
                }
                trySend();
            }
            return;
        }
        if (syn) {
            return; // a duplicate SYN-ACK (our SYN was retransmitted)
        }
        if (sacked != null) {
            sacked.update(sackBlocks, Math.max(ack, sndUna));
        }
        if (ack > sndUna) {
            onNewAck(ack, ece, tsEcr);
        } else if (ack == sndUna && sndMax > sndUna) {
            cc.onAckEcn(0, ece);
            onDuplicateAck();
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
            sampleRtt(now - tsEcr);
        } else if (rttTimedEnd >= 0 && ack >= rttTimedEnd) {
            sampleRtt(now - rttTimedSentPs);
            rttTimedEnd = -1;
        }
        sndUna = ack;
        if (sndNxt < sndUna) {
            // After a timeout the receiver may hold data beyond what go-back-N has resent.
            sndNxt = sndUna;
        }
        cc.onAckEcn(newly, ece);
        boolean restartTimer = true;
        if (inRecovery) {
            if (ack >= recover) {
                long flight = sndMax - sndUna;
                cwnd = Math.min((double) ssthresh, (double) Math.max(flight, mss) + mss);
                inRecovery = false;
                dupAcks = 0;
                cc.onRecoveryExit();
            } else if (sacked != null) {
                // RFC 6675: a partial ACK only updates the scoreboard; the window is not deflated or inflated,
                // and every ACK of new data restarts the timer.
                sackSend();
            } else {
                // Partial ACK: the next hole is at snd.una. Deflate by the new data, add back one MSS.
                retransmit(sndUna, false);
                cwnd -= newly;
                if (newly >= mss) {
                    cwnd += mss;
                }
                if (cwnd < mss) {
                    cwnd = mss;
                }
                restartTimer = !partialAckSeen;
                partialAckSeen = true;
            }
        } else {
            dupAcks = 0;
            cc.onNewAck(newly);
        }
        if (sndUna >= sndMax) {
            rtoDeadlinePs = Long.MAX_VALUE;
        } else if (restartTimer) {
            armRto(now);
        }
        if (!probes.isEmpty()) {
            probes.acked(info, newly, sndUna);
            probes.cwnd(info, cwnd, ssthresh);
        }
    }

    private void onDuplicateAck() {
        dupAcks++;
        if (sacked != null) {
            onDuplicateAckWithSack();
            return;
        }
        if (inRecovery) {
            cwnd += mss;
        } else if (dupAcks == DUPACK_THRESHOLD && sndUna >= recover) {
            // RFC 6582 guard: duplicate ACKs for data sent before the last loss event's recovery point (e.g. after
            // a timeout's go-back-N) do not start another fast retransmit.
            enterRecovery();
            retransmit(sndUna, false);
            cwnd = ssthresh + 3.0 * mss;
            if (!probes.isEmpty()) {
                probes.cwnd(info, cwnd, ssthresh);
            }
        }
    }

    /**
     * RFC 6675: loss recovery starts on the third duplicate ACK, or earlier once the scoreboard shows the first
     * unacknowledged segment lost; the first segment is resent at once and then, on every ACK, whatever
     * NextSeg() finds while the estimated data in flight (pipe) leaves a segment of room in cwnd.
     */
    private void onDuplicateAckWithSack() {
        if (inRecovery) {
            sackSend();
            return;
        }
        boolean lost = dupAcks >= DUPACK_THRESHOLD || sacked.lossBoundary(sndUna, mss) > sndUna;
        if (!lost || sndUna < recover) {
            return;
        }
        enterRecovery();
        cwnd = ssthresh;
        if (!probes.isEmpty()) {
            probes.cwnd(info, cwnd, ssthresh);
        }
        int len = sacked.holeLength(sndUna, sndMax, mss);
        retransmit(sndUna, len, false);
        highRxt = sndUna + len;
        sackSend();
    }

    /** Sends NextSeg() segments while cwnd - pipe leaves room for a full one (RFC 6675 section 5, step C). */
    private void sackSend() {
        while (true) {
            long lostBelow = sacked.lossBoundary(sndUna, mss);
            long rxtFloor = Math.max(highRxt, sndUna);
            // SetPipe(): unSACKed bytes not presumed lost, plus those retransmitted in this recovery.
            long pipe = sacked.unsackedBytes(Math.max(sndUna, lostBelow), sndMax)
                    + sacked.unsackedBytes(sndUna, Math.min(rxtFloor, sndMax));
            if (cwnd - pipe < mss) {
                return;
            }
            // Rule 1: the first lost byte not yet retransmitted.
            long hole = sacked.nextHole(rxtFloor, lostBelow);
            if (hole >= 0) {
                int len = sacked.holeLength(hole, lostBelow, mss);
                retransmit(hole, len, false);
                highRxt = hole + len;
                continue;
            }
            // Rule 2: new data, if the application and the receive window allow it.
            long avail = appLimit - sndMax;
            if (avail > 0 && sndMax + Math.min(avail, mss) <= sndUna + rwnd) {
                int len = avail < mss ? (int) avail : mss;
                sendSegment(sndMax, len);
                sndMax += len;
                sndNxt = sndMax;
                continue;
            }
            // Rule 3: a byte below the highest SACKed one, not yet retransmitted, though not presumed lost.
            hole = sacked.nextHole(rxtFloor, sacked.highestSacked(sndUna));
            if (hole < 0) {
                return;
            }
            int len = sacked.holeLength(hole, sndMax, mss);
            retransmit(hole, len, false);
            highRxt = hole + len;
        }
    }

    /**
     * RFC 3168 section 6.1.2: an ECN echo halves the window as a loss would, without a retransmission, at most once
     * per window of data and not during loss recovery (which has already reduced it).
     */
    private void onEcnEcho() {
        if (inRecovery || sndUna <= ecnCutEnd) {
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

    /**
     * What both loss recoveries do on entry: set the recovery point, take the new ssthresh (unless an ECN echo
     * already cut this window: the same congestion event), and tell the probes.
     */
    private void enterRecovery() {
        recover = sndMax;
        if (!cutByEcnThisWindow()) {
            ssthresh = cc.ssthreshOnLoss();
        }
        inRecovery = true;
        partialAckSeen = false;
        if (!probes.isEmpty()) {
            probes.fastRetransmit(info, sndUna);
        }
    }

    /** An ECN echo already halved the window for this window of data: a loss in it is the same congestion event. */
    private boolean cutByEcnThisWindow() {
        return classicEcn && sndUna <= ecnCutEnd;
    }

    private void onRetransmissionTimeout() {
        rtoDeadlinePs = Long.MAX_VALUE;
        if (!established) {
            backoffCount++;
            rtoPs = Math.min(rtoPs * 2, maxRtoPs);
            synRetransmitted = true;
            if (!probes.isEmpty()) {
                probes.timeout(info, backoffCount, rtoPs);
            }
            sendSyn();
            return;
        }
        if (sndUna >= sndMax) {
            return;
        }
        backoffCount++;
        ssthresh = cc.ssthreshOnTimeout();
        cwnd = mss;
        recover = sndMax;
        if (sacked != null) {
            // The receiver may renege on SACKed data (RFC 2018), so after a timeout everything is resent.
            sacked.clear();
        }
        inRecovery = false;
        dupAcks = 0;
        rttTimedEnd = -1;
        rtoPs = Math.min(rtoPs * 2, maxRtoPs);
        sndNxt = sndUna;
        if (!probes.isEmpty()) {
            probes.timeout(info, backoffCount, rtoPs);
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
                if (rttTimedEnd < 0 && !timestamps) {
                    rttTimedEnd = sndNxt + len;
                    rttTimedSentPs = loop.nowPs();
                }
            }
            sndNxt += len;
            if (sndNxt > sndMax) {
                sndMax = sndNxt;
            }
        }
    }

    /** Fast retransmit or partial-ACK retransmit of the segment at {@code seq}. */
    private void retransmit(long seq, boolean afterTimeout) {
        long avail = sndMax - seq;
        retransmit(seq, avail < mss ? (int) avail : mss, afterTimeout);
    }

    private void retransmit(long seq, int len, boolean afterTimeout) {
        // Karn: a retransmission makes any running timing ambiguous.
        rttTimedEnd = -1;
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
        p.flags = flags;
        p.sizeBytes = len + headerBytes;
        p.ecn = ect ? Packet.ECN_ECT0 : Packet.ECN_NOT_ECT;
        if (cwrPending && len > 0) {
            p.flags |= Packet.FLAG_CWR;
            cwrPending = false;
        }
        p.tsValPs = now;
        p.endpoint = receiver;
        p.createdPs = now;
        if (rtoDeadlinePs == Long.MAX_VALUE) {
            armRto(now);
        }
        host.sendFromVm(p);
    }

    private void armRto(long now) {
        long deadline = now + rtoPs;
        rtoDeadlinePs = deadline;
        if (deadline < rtoWakePs) {
            // Only an earlier deadline (a shrinking RTO) costs a heap operation; later ones are found lazily.
            timers.cancel(rtoHandle);
            rtoWakePs = deadline;
            rtoHandle = timers.schedule(deadline, this, TAG_RTO);
        }
    }

    private void sampleRtt(long rtt) {
        if (rtt <= 0) {
            rtt = 1;
        }
        if (srttPs < 0) {
            srttPs = rtt;
            rttvarPs = rtt / 2;
        } else {
            long err = Math.abs(srttPs - rtt);
            rttvarPs = (3 * rttvarPs + err) / 4;
            srttPs = (7 * srttPs + rtt) / 8;
        }
        long rto = srttPs + Math.max(1, 4 * rttvarPs);
        // A valid sample ends the backoff (RFC 6298 5.7 with Karn's rule).
        rtoPs = Math.min(Math.max(rto, minRtoPs), maxRtoPs);
        backoffCount = 0;
        if (!probes.isEmpty()) {
            probes.rttSample(info, rtt, srttPs, rtoPs);
        }
    }

    void emitAlpha(double alpha) {
        if (!probes.isEmpty()) {
            probes.dctcpAlpha(info, alpha);
        }
    }

    int backoffCount() {
        return backoffCount;
    }

    int dupAcks() {
        return dupAcks;
    }

    long recover() {
        return recover;
    }
}
