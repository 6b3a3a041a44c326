package org.seawallsim.transport.tcp;

import java.util.Arrays;

/**
 * RFC 6675 loss recovery with SACK: the scoreboard of SACKed ranges, recovery from the third duplicate ACK or as soon
 * as the scoreboard shows the first unacknowledged segment lost, and on every ACK in recovery whatever NextSeg()
 * finds while the estimated data in flight (pipe) leaves a segment of room in cwnd.
 *
 * <p>Plus lost-retransmission detection as Linux has had it since 2.6.24 (tcp_mark_lost_retrans, later RACK): a
 * retransmission is lost once data first sent after it is SACKed, and is resent at once. RFC 6675 alone leaves a lost
 * retransmission to the timer, and meanwhile keeps sending new data as SACKs arrive, up to the receive window:
 * measured, one guest flow behind a Seawall tunnel at 1 GbE whose fast retransmission fell into the same trunk
 * overflow as the original sent 6 MiB (its whole window) in 110 ms, none of it deliverable, then waited out the
 * 200-ms minimum RTO.
 */
final class SackRecovery extends LossRecovery {
    private final SackScoreboard sacked = new SackScoreboard();
    /** RFC 6675 HighRxt: one past the highest byte retransmitted in the current recovery. */
    private long highRxt;
    /**
     * This recovery's retransmissions not yet acknowledged or SACKed: start, end, and snd.max when sent (data above
     * it was sent later), three longs each.
     */
    private long[] rxt = new long[3 * 8];
    private int rxtCount;
    /** Retransmissions found lost (indices into rxt), to resend before anything else. */
    private int[] relost = new int[8];
    private int relostCount;

    SackRecovery(TcpSender sender) {
        super(sender);
    }

    @Override
    void onSackBlocks(long[] blocks, long ack) {
        sacked.update(blocks, Math.max(ack, s.sndUna));
        if (inRecovery && rxtCount > 0) {
            markLostRetransmissions(Math.max(ack, s.sndUna));
        }
    }

    /**
     * Forgets retransmissions now acknowledged or SACKed, and queues for resending those with SACKed data above
     * the snd.max of their sending: that data left after them on the same path, so they were lost.
     */
    private void markLostRetransmissions(long una) {
        long highest = sacked.highestSacked(una);
        relostCount = 0;
        int k = 0;
        for (int i = 0; i < rxtCount; i++) {
            long start = rxt[3 * i];
            long end = rxt[3 * i + 1];
            long mark = rxt[3 * i + 2];
            long from = Math.max(start, una);
            if (end <= from || sacked.unsackedBytes(from, end) == 0) {
                continue;
            }
            rxt[3 * k] = from;
            rxt[3 * k + 1] = end;
            rxt[3 * k + 2] = mark;
            if (highest > mark) {
                if (relostCount == relost.length) {
                    relost = Arrays.copyOf(relost, relostCount * 2);
                }
                relost[relostCount++] = k;
            }
            k++;
        }
        rxtCount = k;
    }

    /** Sends a retransmission and records it for {@link #markLostRetransmissions}. */
    private void retransmitTracked(long seq, int len) {
        s.retransmit(seq, len, false);
        if (3 * rxtCount == rxt.length) {
            rxt = Arrays.copyOf(rxt, rxt.length * 2);
        }
        rxt[3 * rxtCount] = seq;
        rxt[3 * rxtCount + 1] = seq + len;
        rxt[3 * rxtCount + 2] = s.sndMax;
        rxtCount++;
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
        rxtCount = 0;
        relostCount = 0;
        s.cwnd = s.ssthresh;
        reportCwnd();
        int len = sacked.holeLength(sndUna, s.sndMax, s.mss);
        retransmitTracked(sndUna, len);
        highRxt = sndUna + len;
        sackSend();
    }

    @Override
    void onTimeout() {
        super.onTimeout();
        rxtCount = 0;
        relostCount = 0;
        // The receiver may renege on SACKed data (RFC 2018), so after a timeout everything is resent.
        sacked.clear();
    }

    /** Sends NextSeg() segments while cwnd - pipe leaves room for a full one (RFC 6675 section 5, step C). */
    private void sackSend() {
        int mss = s.mss;
        // A lost retransmission has left the network: its resend takes its place in pipe, so it needs no room.
        for (int j = 0; j < relostCount; j++) {
            int i = relost[j];
            long seq = rxt[3 * i];
            int len = (int) Math.min(rxt[3 * i + 1] - seq, mss);
            s.retransmit(seq, len, false);
            rxt[3 * i + 2] = s.sndMax;
        }
        relostCount = 0;
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
                retransmitTracked(hole, len);
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
            retransmitTracked(hole, len);
            highRxt = hole + len;
        }
    }
}
