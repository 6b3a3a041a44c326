package org.seawallsim.transport.tcp;

/**
 * Loss detection and recovery of one sender: counting duplicate ACKs, the fast retransmit that starts a recovery
 * (RFC 5681), what is resent and how cwnd behaves until the ACK that covers the recovery point, and the reset after a
 * retransmission timeout. {@link NewRenoRecovery} without SACK (RFC 6582), {@link SackRecovery} with it (RFC 6675).
 * The window policy ({@link CongestionControl}) only says what ssthresh becomes; like a policy, a recovery reads and
 * writes the sender's {@code cwnd} and sequence numbers directly (one object per flow, no allocation per ACK).
 */
abstract class LossRecovery {
    static final int DUPACK_THRESHOLD = 3;

    protected final TcpSender s;
    /** Duplicate ACKs since the last ACK of new data. */
    int dupAcks;
    /** From the fast retransmit to the ACK that covers {@link #recover}. */
    boolean inRecovery;
    /** snd.max when the last recovery or timeout began: duplicate ACKs for data below it start no new recovery. */
    long recover;

    LossRecovery(TcpSender sender) {
        this.s = sender;
    }

    static LossRecovery of(TcpSender sender, boolean sack) {
        return sack ? new SackRecovery(sender) : new NewRenoRecovery(sender);
    }

    /** Every ACK, before anything else looks at it: the SACK blocks it carries (null if none). */
    void onSackBlocks(long[] blocks, long ack) {
    }

    /**
     * An ACK of new data, after snd.una has moved and the window policy has seen the ECN bit.
     *
     * @return whether this ACK restarts the retransmission timer
     */
    final boolean onNewAck(long ack, long newlyAcked) {
        if (!inRecovery) {
            dupAcks = 0;
            s.cc.onNewAck(newlyAcked);
            return true;
        }
        if (ack >= recover) {
            // Full ACK: leave recovery with cwnd at ssthresh, or less if little is in flight (RFC 6582 step 3).
            long flight = s.sndMax - s.sndUna;
            s.cwnd = Math.min((double) s.ssthresh, (double) Math.max(flight, s.mss) + s.mss);
            inRecovery = false;
            dupAcks = 0;
            s.cc.onRecoveryExit();
            return true;
        }
        return onPartialAck(newlyAcked);
    }

    /**
     * An ACK of new data below the recovery point.
     *
     * @return whether it restarts the retransmission timer
     */
    abstract boolean onPartialAck(long newlyAcked);

    /** An ACK that repeats snd.una while data is outstanding. */
    abstract void onDuplicateAck();

    /** The retransmission timer expired: no recovery in progress, and none for the data sent before now. */
    void onTimeout() {
        recover = s.sndMax;
        inRecovery = false;
        dupAcks = 0;
    }

    /**
     * What both recoveries do on entry: set the recovery point, take the new ssthresh (unless an ECN echo already
     * cut this window: the same congestion event), and tell the probes.
     */
    protected final void enterRecovery() {
        recover = s.sndMax;
        if (!s.cutByEcnThisWindow()) {
            s.ssthresh = s.cc.ssthreshOnLoss();
        }
        inRecovery = true;
        if (!s.probes.isEmpty()) {
            s.probes.fastRetransmit(s.info, s.sndUna);
        }
    }

    protected final void reportCwnd() {
        if (!s.probes.isEmpty()) {
            s.probes.cwnd(s.info, s.cwnd, s.ssthresh);
        }
    }
}
