package org.seawallsim.transport.tcp;

/**
 * RFC 6675 loss recovery with SACK: the scoreboard of SACKed ranges, recovery from the third duplicate ACK or as soon
 * as the scoreboard shows the first unacknowledged segment lost, and on every ACK in recovery whatever NextSeg()
 * finds while the estimated data in flight (pipe) leaves a segment of room in cwnd.
 */
final class SackRecovery extends LossRecovery {
    private final SackScoreboard sacked = new SackScoreboard();
    /** RFC 6675 HighRxt: one past the highest byte retransmitted in the current recovery. */
    private long highRxt;

    SackRecovery(TcpSender sender) {
        super(sender);
    }

    @Override
    void onSackBlocks(long[] blocks, long ack) {
        sacked.update(blocks, Math.max(ack, s.sndUna));
    }

    @Override
    boolean onPartialAck(long newlyAcked) {
        // A partial ACK only updates the scoreboard; the window is not deflated or inflated, and every ACK of new
        // data restarts the timer.
        sackSend();
        return true;
    }

    @Override
    void onDuplicateAck() {
        dupAcks++;
        if (inRecovery) {
            sackSend();
            return;
        }
        long sndUna = s.sndUna;
        boolean lost = dupAcks >= DUPACK_THRESHOLD || sacked.lossBoundary(sndUna, s.mss) > sndUna;
        if (!lost || sndUna < recover) {
            return;
        }
        enterRecovery();
        s.cwnd = s.ssthresh;
        reportCwnd();
        int len = sacked.holeLength(sndUna, s.sndMax, s.mss);
        s.retransmit(sndUna, len, false);
        highRxt = sndUna + len;
        sackSend();
    }

    @Override
    void onTimeout() {
        super.onTimeout();
        // The receiver may renege on SACKed data (RFC 2018), so after a timeout everything is resent.
        sacked.clear();
    }

    /** Sends NextSeg() segments while cwnd - pipe leaves room for a full one (RFC 6675 section 5, step C). */
    private void sackSend() {
        int mss = s.mss;
        while (true) {
            long sndUna = s.sndUna;
            long sndMax = s.sndMax;
            long lostBelow = sacked.lossBoundary(sndUna, mss);
            long rxtFloor = Math.max(highRxt, sndUna);
            // SetPipe(): unSACKed bytes not presumed lost, plus those retransmitted in this recovery.
            long pipe = sacked.unsackedBytes(Math.max(sndUna, lostBelow), sndMax)
                    + sacked.unsackedBytes(sndUna, Math.min(rxtFloor, sndMax));
            if (s.cwnd - pipe < mss) {
                return;
            }
            // Rule 1: the first lost byte not yet retransmitted.
            long hole = sacked.nextHole(rxtFloor, lostBelow);
            if (hole >= 0) {
                int len = sacked.holeLength(hole, lostBelow, mss);
                s.retransmit(hole, len, false);
                highRxt = hole + len;
                continue;
            }
            // Rule 2: new data, if the application and the receive window allow it.
            if (s.sendNewSegment()) {
                continue;
            }
            // Rule 3: a byte below the highest SACKed one, not yet retransmitted, though not presumed lost.
            hole = sacked.nextHole(rxtFloor, sacked.highestSacked(sndUna));
            if (hole < 0) {
                return;
            }
            int len = sacked.holeLength(hole, sndMax, mss);
            s.retransmit(hole, len, false);
            highRxt = hole + len;
        }
    }
}
