package org.seawallsim.seawall.sim.traffic;

import java.util.TreeSet;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Packet;
import org.seawallsim.engine.net.PacketSink;
import org.seawallsim.engine.time.Time;

/**
 * Test-only bulk TCP (NewReno: slow start, congestion avoidance, fast retransmit/recovery with partial ACKs, RTO
 * with go-back-N), written here because the project's transport module was not on main yet when these tests were
 * needed. Segments are 1500-byte datagrams with 1448 payload bytes (TCP timestamps on, as Linux sends), one ACK per
 * segment, receive window large enough never to limit.
 */
public final class TcpFlow {
    public static final int MSS = 1448;
    public static final int DATAGRAM = 1500;
    public static final int ACK_BYTES = 52;

    private final SimContext ctx;
    private final EventLoop loop;
    private final Host src;
    private final Host dst;
    private final int srcVm;
    private final int dstVm;
    private final int flowId;
    private final int port;
    private final Sender sender = new Sender();
    private final Receiver receiver = new Receiver();

    private long sndUna;
    private long sndNxt;
    private long highestSent;
    private double cwnd = 10;
    private double ssthresh = 1e9;
    private int dupAcks;
    private boolean inRecovery;
    private long recover;
    private final double maxCwnd;
    private long srttPs = -1;
    private long rttvarPs;
    private long rtoPs = Time.ofMillis(5);
    private final long minRtoPs = Time.ofMillis(5);
    private long rtoHandle = EventLoop.NO_EVENT;
    private boolean running;

    private long rcvNxt;
    private final TreeSet<Long> outOfOrder = new TreeSet<>();
    private long deliveredBytes;
    private long retransmits;
    private long timeouts;

    public TcpFlow(SimContext ctx, Host src, Host dst, int srcVm, int dstVm, int flowId, int port) {
        this.ctx = ctx;
        this.loop = ctx.loop();
        this.src = src;
        this.dst = dst;
        this.srcVm = srcVm;
        this.dstVm = dstVm;
        this.flowId = flowId;
        this.port = port;
        this.maxCwnd = 3000;
    }

    public void start() {
        running = true;
        trySend();
    }

    /** Stops the flow: no new data, no retransmissions (the VM went away). */
    public void stop() {
        running = false;
        loop.cancel(rtoHandle);
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }

    public long retransmits() {
        return retransmits;
    }

    public long timeouts() {
        return timeouts;
    }

    private void trySend() {
        while (running && sndNxt < sndUna + (long) cwnd) {
            sendSegment(sndNxt);
            sndNxt++;
        }
    }

    private void sendSegment(long seg) {
        Packet p = ctx.packets().acquire();
        p.kind = Packet.KIND_DATA;
        ctx.packets().setFiveTuple(p, src.id(), dst.id(), port, 80, Packet.PROTO_TCP);
        p.srcVm = srcVm;
        p.dstVm = dstVm;
        p.flowId = flowId;
        p.seq = seg;
        p.payloadBytes = MSS;
        p.sizeBytes = DATAGRAM;
        p.tsValPs = loop.nowPs();
        p.createdPs = loop.nowPs();
        p.endpoint = receiver;
        if (seg < highestSent) {
            retransmits++;
        } else {
            highestSent = seg + 1;
        }
        if (rtoHandle == EventLoop.NO_EVENT || !loop.isPending(rtoHandle)) {
            rtoHandle = loop.scheduleIn(rtoPs, sender, 0);
        }
        src.sendFromVm(p);
    }

    private void onAck(Packet a) {
        long ack = a.ack;
        if (a.tsEcrPs > 0 && a.ack > sndUna) {
            long rtt = loop.nowPs() - a.tsEcrPs;
            if (srttPs < 0) {
                srttPs = rtt;
                rttvarPs = rtt / 2;
            } else {
                rttvarPs = (3 * rttvarPs + Math.abs(srttPs - rtt)) / 4;
                srttPs = (7 * srttPs + rtt) / 8;
            }
            rtoPs = Math.max(minRtoPs, srttPs + 4 * rttvarPs);
        }
        ctx.packets().release(a);
        if (!running) {
            return;
        }
        if (ack > sndUna) {
            long acked = ack - sndUna;
            sndUna = ack;
            if (sndNxt < sndUna) {
                sndNxt = sndUna;
            }
            dupAcks = 0;
            if (inRecovery) {
                if (ack >= recover) {
                    inRecovery = false;
                    cwnd = ssthresh;
                } else {
                    sendSegment(sndUna); // partial ACK: the next hole
                    cwnd = Math.max(ssthresh, cwnd - acked + 1);
                }
            } else if (cwnd < ssthresh) {
                cwnd = Math.min(maxCwnd, cwnd + acked);
            } else {
                cwnd = Math.min(maxCwnd, cwnd + (double) acked / cwnd);
            }
            loop.cancel(rtoHandle);
            rtoHandle = sndUna < sndNxt ? loop.scheduleIn(rtoPs, sender, 0) : EventLoop.NO_EVENT;
        } else if (ack == sndUna && sndNxt > sndUna) {
            dupAcks++;
            if (dupAcks == 3 && !inRecovery) {
                ssthresh = Math.max(2, (sndNxt - sndUna) / 2.0);
                cwnd = ssthresh + 3;
                recover = sndNxt;
                inRecovery = true;
                sendSegment(sndUna);
            } else if (inRecovery) {
                cwnd = Math.min(maxCwnd, cwnd + 1);
            } else if (dupAcks < 3 && running) {
                // Limited transmit (RFC 3042): new data on the first two duplicate ACKs keeps small windows alive.
                sendSegment(sndNxt);
                sndNxt++;
            }
        }
        trySend();
    }

    private void onTimeout() {
        rtoHandle = EventLoop.NO_EVENT;
        if (!running || sndUna >= sndNxt) {
            return;
        }
        timeouts++;
        ssthresh = Math.max(2, (sndNxt - sndUna) / 2.0);
        cwnd = 1;
        inRecovery = false;
        dupAcks = 0;
        sndNxt = sndUna;
        rtoPs = Math.min(rtoPs * 2, Time.ofMillis(40));
        trySend();
    }

    private void onData(Packet p) {
        long seg = p.seq;
        if (seg == rcvNxt) {
            outOfOrder.remove(seg);
            rcvNxt++;
            deliveredBytes += MSS;
            while (!outOfOrder.isEmpty() && outOfOrder.first() == rcvNxt) {
                outOfOrder.pollFirst();
                rcvNxt++;
                deliveredBytes += MSS;
            }
        } else if (seg > rcvNxt) {
            outOfOrder.add(seg);
        }
        long echo = p.tsValPs;
        ctx.packets().release(p);
        Packet a = ctx.packets().acquire();
        a.kind = Packet.KIND_ACK;
        ctx.packets().setFiveTuple(a, dst.id(), src.id(), 80, port, Packet.PROTO_TCP);
        a.srcVm = dstVm;
        a.dstVm = srcVm;
        a.flowId = flowId;
        a.ack = rcvNxt;
        a.sizeBytes = ACK_BYTES;
        a.tsEcrPs = echo;
        a.createdPs = loop.nowPs();
        a.endpoint = sender;
        dst.sendFromVm(a);
    }

    private final class Sender implements PacketSink, EventTarget {
        @Override
        public void receive(Packet p) {
            onAck(p);
        }

        @Override
        public String name() {
            return "tcp" + flowId + "/snd";
        }

        @Override
        public void onEvent(int tag) {
            onTimeout();
        }
    }

    private final class Receiver implements PacketSink {
        @Override
        public void receive(Packet p) {
            onData(p);
        }

        @Override
        public String name() {
            return "tcp" + flowId + "/rcv";
        }
    }
}
