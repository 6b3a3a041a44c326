package org.seawallsim.transport.tcp;

import org.seawallsim.engine.SimContext;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbes;

/**
 * One unidirectional TCP flow: a {@link TcpSender} in the source VM and a {@link TcpReceiver} in the destination VM,
 * wired to each other as packet endpoints. Create it with {@link org.seawallsim.transport.stack.Transports#tcpFlow};
 * nothing is sent before {@link #start()} or {@link #startAt(long)}.
 *
 * <p>The accessors expose protocol state (for tests and controllers); recorders should use the probe API.
 */
public final class TcpFlow {
    private final TcpFlowConfig config;
    private final FlowInfo info;
    private final TcpSender sender;
    private final TcpReceiver receiver;
    private final SimContext ctx;
    private final TransportProbes probes;
    private boolean stopped;

    public TcpFlow(SimContext ctx, TransportProbes probes, FlowInfo info, TcpFlowConfig config, int srcPort,
            int dstPort) {
        this(ctx, probes, info, config, srcPort, dstPort, "transport/tcp/" + info.flowId());
    }

    /** {@code streamName}: the stream of the flow's own random draws (its send jitter), named by what it is. */
    public TcpFlow(SimContext ctx, TransportProbes probes, FlowInfo info, TcpFlowConfig config, int srcPort,
            int dstPort, String streamName) {
        this.ctx = ctx;
        this.probes = probes;
        this.config = config;
        this.info = info;
        this.sender = new TcpSender(this, ctx, probes, info, config, srcPort, dstPort, streamName);
        this.receiver = new TcpReceiver(this, ctx, probes, info, config, srcPort, dstPort);
        sender.connect(receiver);
        receiver.connect(sender);
    }

    public FlowInfo info() {
        return info;
    }

    public TcpFlowConfig config() {
        return config;
    }

    /** Starts sending now. */
    public void start() {
        startAt(ctx.nowPs());
    }

    /** Starts sending at absolute simulated time {@code atPs} (>= now). */
    public void startAt(long atPs) {
        if (atPs < ctx.nowPs()) {
            throw new IllegalArgumentException("startAt(" + atPs + " ps) is before now (" + ctx.nowPs() + " ps)");
        }
        sender.startAt(atPs);
    }

    /** Stops the sender for good: no new data, no retransmissions. Packets in flight still arrive. */
    public void stop() {
        sender.stop();
        if (!stopped) {
            stopped = true;
            probes.flowStopped(info);
        }
    }

    /** The sending application appends {@code bytes} to the stream (ignored after {@link #stop()}). */
    public void write(long bytes) {
        sender.write(bytes);
    }

    /** Sets the receiving application, told of every in-order delivery. */
    public void setDeliveryListener(DeliveryListener listener) {
        receiver.listener = listener;
    }

    /** Time the flow started, or -1 if not yet. */
    public long startPs() {
        return sender.startPs;
    }

    public boolean isStopped() {
        return sender.stopped();
    }

    /** Bytes cumulatively acknowledged (snd.una). */
    public long bytesAcked() {
        return sender.sndUna;
    }

    /** Handshake SYNs that reached the receiver, retransmitted ones included (header only, no data). */
    public long synsReceived() {
        return receiver.synsReceived;
    }

    /** Bytes delivered in order to the receiving application (rcv.nxt). */
    public long bytesDelivered() {
        return receiver.rcvNxt;
    }

    /** Bytes the application has written so far ({@link TcpFlowConfig#BULK} for bulk flows). */
    public long bytesWritten() {
        return sender.appLimit;
    }

    /** True once every written byte is acknowledged (never for bulk flows). */
    public boolean isDrained() {
        return sender.sndUna >= sender.appLimit;
    }

    public double cwndBytes() {
        return sender.cwnd;
    }

    public long ssthreshBytes() {
        return sender.ssthresh;
    }

    /** Smoothed RTT, or -1 before the first sample. */
    public long srttPs() {
        return sender.rto.srttPs;
    }

    public long rtoPs() {
        return sender.rto.rtoPs;
    }

    public boolean inFastRecovery() {
        return sender.recovery.inRecovery;
    }

    /** Highest sequence sent plus one. */
    public long highestSent() {
        return sender.sndMax;
    }

    /** DCTCP's alpha, NaN for other variants. */
    public double dctcpAlpha() {
        return sender.dctcpAlpha();
    }

    /** Consecutive timer expiries without a valid RTT sample since. */
    public int backoffCount() {
        return sender.rto.backoffCount;
    }

    int mss() {
        return sender.mss;
    }

    TcpSender sender() {
        return sender;
    }

    TcpReceiver receiver() {
        return receiver;
    }
}
