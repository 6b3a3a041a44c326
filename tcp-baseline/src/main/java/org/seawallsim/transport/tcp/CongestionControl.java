package org.seawallsim.transport.tcp;

/**
 * The window-growth and loss-response policy of a sender. Loss detection and recovery (dup ACKs, fast recovery) are
 * {@link LossRecovery}'s and the RTO is {@link RetransmissionTimer}'s; a policy only decides how cwnd grows on new
 * ACKs and what ssthresh becomes on loss, and may react to ECN echoes. Policies read and write the sender's {@code cwnd} and
 * {@code ssthresh} directly: one object per flow, no allocation per ACK.
 */
abstract class CongestionControl {
    protected final TcpSender s;

    CongestionControl(TcpSender sender) {
        this.s = sender;
    }

    /** An ACK advanced snd.una outside fast recovery: grow cwnd. */
    abstract void onNewAck(long ackedBytes);

    /** Every ACK (new or duplicate), before loss processing; {@code ackedBytes} is 0 for a duplicate. */
    void onAckEcn(long ackedBytes, boolean ece) {
    }

    /** Three duplicate ACKs: returns the new ssthresh (also updates the policy's own loss memory). */
    abstract long ssthreshOnLoss();

    /** The retransmission timer expired: returns the new ssthresh. */
    long ssthreshOnTimeout() {
        return ssthreshOnLoss();
    }

    /** A full ACK ended fast recovery. */
    void onRecoveryExit() {
    }

    /** Slow start as RFC 5681 (no appropriate byte counting beyond one MSS per ACK). */
    final void slowStart(long ackedBytes) {
        s.cwnd += Math.min(ackedBytes, s.mss);
    }

    /** Half the flight size, at least two segments (RFC 5681 equation 4). */
    final long halfFlight() {
        return Math.max((s.sndMax - s.sndUna) / 2, 2L * s.mss);
    }
}
