package org.seawallsim.transport.tcp;

/**
 * NewReno loss recovery without SACK: fast retransmit on the third duplicate ACK (RFC 5681), then RFC 6582
 * partial-ACK fast recovery (each partial ACK resends the next hole, at snd.una) with the "impatient" timer reset on
 * the first partial ACK only.
 */
final class NewRenoRecovery extends LossRecovery {
    private boolean partialAckSeen;

    NewRenoRecovery(TcpSender sender) {
        super(sender);
    }

    @Override
    boolean onPartialAck(long newlyAcked) {
        // The next hole is at snd.una. Deflate by the new data, add back one MSS.
        s.retransmit(s.sndUna, false);
        s.cwnd -= newlyAcked;
        if (newlyAcked >= s.mss) {
            s.cwnd += s.mss;
        }
        if (s.cwnd < s.mss) {
            s.cwnd = s.mss;
        }
        boolean restartTimer = !partialAckSeen;
        partialAckSeen = true;
        return restartTimer;
    }

    @Override
    void onDuplicateAck() {
        dupAcks++;
        if (inRecovery) {
            s.cwnd += s.mss;
        } else if (dupAcks == DUPACK_THRESHOLD && s.sndUna >= recover) {
            // RFC 6582 guard: duplicate ACKs for data sent before the last loss event's recovery point (e.g. after
            // a timeout's go-back-N) do not start another fast retransmit.
            enterRecovery();
            partialAckSeen = false;
            s.retransmit(s.sndUna, false);
            s.cwnd = s.ssthresh + 3.0 * s.mss;
            reportCwnd();
        }
    }
}
