package org.seawallsim.transport;

/**
 * What transports and applications emit. Recorders implement the methods they need and attach themselves to
 * {@link org.seawallsim.transport.stack.Transports#probes()}; the models keep no reporting statistics. All methods are called on the simulation
 * thread at the simulated instant the event happens ({@code ctx.nowPs()}).
 */
public interface TransportProbe {
    /** A flow was created and will send from now on (its first packet leaves at this instant). */
    default void onFlowStart(FlowInfo flow) {
    }

    /** The cumulative ACK of a TCP flow advanced by {@code newlyAckedBytes} (goodput counts these). */
    default void onAcked(FlowInfo flow, long newlyAckedBytes, long totalAckedBytes) {
    }

    /**
     * Payload bytes of a TCP flow reached the receiving endpoint for the first time: {@code newBytes} counts the
     * bytes of the arriving segment the receiver held in no form yet, in order or out of order (a retransmitted copy
     * of held bytes counts nothing). Summed over an interval this is what crossed the network, so it is bounded by
     * the path's capacity, unlike {@link #onAcked}, which can jump by a whole receive window when one retransmission
     * fills the last hole.
     */
    default void onReceived(FlowInfo flow, long newBytes) {
    }

    /** A UDP datagram with {@code payloadBytes} of payload reached its sink. */
    default void onUdpDelivered(FlowInfo flow, int payloadBytes) {
    }

    /**
     * An on/off UDP source switched phase: from now on it sends ({@code on}) or is silent. It starts in its on
     * phase ({@link #onFlowStart}); a stopped source reports nothing more.
     */
    default void onSourcePhase(FlowInfo flow, boolean on) {
    }

    /** A UDP source sent a datagram. */
    default void onUdpSent(FlowInfo flow, int payloadBytes) {
    }

    /** A TCP segment was sent again; {@code afterTimeout} tells go-back-N resends from fast retransmits. */
    default void onRetransmit(FlowInfo flow, long seq, int payloadBytes, boolean afterTimeout) {
    }

    /** The retransmission timer expired; {@code backoffCount} counts consecutive expiries (1 for the first). */
    default void onTimeout(FlowInfo flow, int backoffCount, long newRtoPs) {
    }

    /**
     * A TCP sender received an ACK that acknowledges nothing new (it repeats the greatest ACK so far).
     * {@code dataOutstanding} tells RFC 5681's duplicate ACKs, which loss recovery counts, from repeats that
     * arrive when everything sent is acknowledged (packet analyzers such as Wireshark count both).
     */
    default void onDuplicateAck(FlowInfo flow, long ack, boolean dataOutstanding) {
    }

    /** Fast retransmit: three duplicate ACKs started fast recovery. */
    default void onFastRetransmit(FlowInfo flow, long seq) {
    }

    /** The congestion window changed (emitted after each ACK that changed it, and on loss events). */
    default void onCwnd(FlowInfo flow, double cwndBytes, long ssthreshBytes) {
    }

    /** A valid RTT sample (Karn's rule applied), and the estimator state after it. */
    default void onRttSample(FlowInfo flow, long rttPs, long srttPs, long rtoPs) {
    }

    /** DCTCP updated its congestion estimate alpha (once per window of data). */
    default void onDctcpAlpha(FlowInfo flow, double alpha) {
    }

    /**
     * The flow was stopped for good before finishing (a timeline stop or leave, the end of a restartable source):
     * it sends nothing more, so it no longer wants a share.
     */
    default void onFlowStopped(FlowInfo flow) {
    }

    /** A sized flow delivered its last byte to the receiving application. */
    default void onFlowComplete(FlowInfo flow, long sizeBytes, long startPs, long completionPs) {
    }

    /** An incast round finished: every server's block reached the client. */
    default void onIncastRound(String label, int round, int servers, long bytes, long startPs, long endPs) {
    }
}
