package org.seawallsim.transport.tcp;

import java.util.Arrays;

/**
 * RFC 6675 loss recovery with SACK: the scoreboard of SACKed ranges, recovery from the third duplicate ACK or as soon
 * as the scoreboard shows the first unacknowledged segment lost, and on every ACK in recovery whatever NextSeg()
 * finds while the estimated data in flight (pipe) leaves a segment of room in cwnd.
 *
 * <p>Plus lost-retransmission detection as Linux has had it since 2.6.24 (tcp_mark_lost_retrans, later RACK): a
 * retransmission is lost once data first sent after it is SACKed, and is resent before anything else (within cwnd,
 * below). RFC 6675 alone leaves a lost
 * retransmission to the timer, and meanwhile keeps sending new data as SACKs arrive, up to the receive window:
 * measured, one guest flow behind a Seawall tunnel at 1 GbE whose fast retransmission fell into the same trunk
 * overflow as the original sent 6 MiB (its whole window) in 110 ms, none of it deliverable, then waited out the
 * 200-ms minimum RTO.
 *
 * <p>And Proportional Rate Reduction (RFC 6937, Linux's recovery since 3.2; 2.6 kernels moderated cwnd to what was
 * in flight plus one to three segments on every ACK instead): on each ACK in recovery cwnd is set to pipe plus what
 * the data delivered since the recovery began allows, so sending stays clocked by deliveries. Without it a burst of
 * retransmissions found lost at once left together, whatever their number: measured, one of 16 guest flows behind a
 * Seawall tunnel whose SW-port queue was full resent up to 363 at once, every one of them dropped at that queue
 * again, 120 000 drops in 3 s (weights-flows, seed 1).
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
    /** RFC 6937: data delivered to the receiver since the recovery began (cumulatively or SACKed), and by this ACK. */
    private long prrDelivered;
    private long deliveredNow;
    /** RFC 6937 RecoverFS: snd.nxt - snd.una when the recovery began. */
    private long recoverFs;
    /** {@code s.sentPayloadBytes} when the recovery began: prr_out is what was sent since. */
    private long sentAtEntry;
    /** This ACK advanced snd.una and showed no new loss (RFC 6937bis SafeACK; Linux's condition for SSRB). */
    private boolean safeAck;

    SackRecovery(TcpSender sender) {
        super(sender);
    }

    @Override
    void onSackBlocks(long[] blocks, long ack) {
        long una = Math.max(ack, s.sndUna);
        long sackedBefore = sacked.sackedBytes();
        long lostBefore = sacked.lossBoundary(s.sndUna, s.mss);
        sacked.update(blocks, una);
        // RFC 6937 DeliveredData: the change in snd.una plus the change in SACKed bytes (SACKed bytes that snd.una
        // now covers drop out of the second term, so nothing counts twice).
        deliveredNow = Math.max(0, una - s.sndUna + sacked.sackedBytes() - sackedBefore);
        long lostAfter = sacked.lossBoundary(una, s.mss);
        boolean newLoss = lostAfter > lostBefore
                && sacked.unsackedBytes(Math.max(lostBefore, una), lostAfter) > 0;
        if (inRecovery) {
            prrDelivered += deliveredNow;
            if (rxtCount > 0) {
                markLostRetransmissions(una);
            }
        }
        safeAck = una > s.sndUna && !newLoss && relostCount == 0;
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
        // A partial ACK updates the scoreboard and PRR's count of delivered data; every ACK of new data restarts
        // the timer.
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
        prrDelivered = deliveredNow;
        recoverFs = Math.max(1, s.sndMax - sndUna);
        sentAtEntry = s.sentPayloadBytes;
        // The fast retransmission leaves whatever PRR allows (Linux: at least one segment on the first ACK).
        int len = sacked.holeLength(sndUna, s.sndMax, s.mss);
        retransmitTracked(sndUna, len);
        highRxt = sndUna + len;
        sackSend();
        reportCwnd();
    }

    @Override
    void onTimeout() {
        super.onTimeout();
        rxtCount = 0;
        relostCount = 0;
        // The receiver may renege on SACKed data (RFC 2018), so after a timeout everything is resent.
        sacked.clear();
    }

    /** SetPipe(): unSACKed bytes not presumed lost, plus those retransmitted in this recovery and not found lost. */
    private long pipe() {
        long sndUna = s.sndUna;
        return pipe(sndUna, s.sndMax, sacked.lossBoundary(sndUna, s.mss), Math.max(highRxt, sndUna));
    }

    /** {@link #pipe()} with its scoreboard bounds already at hand (sackSend's loop needs them too). */
    private long pipe(long sndUna, long sndMax, long lostBelow, long rxtFloor) {
        long pipe = sacked.unsackedBytes(Math.max(sndUna, lostBelow), sndMax)
                + sacked.unsackedBytes(sndUna, Math.min(rxtFloor, sndMax));
        // A retransmission found lost has left the network (Linux takes it out of retrans_out).
        for (int j = 0; j < relostCount; j++) {
            int i = relost[j];
            pipe -= sacked.unsackedBytes(Math.max(rxt[3 * i], sndUna), rxt[3 * i + 1]);
        }
        return Math.max(0, pipe);
    }

    /**
     * RFC 6937: cwnd becomes pipe plus what this ACK may send. Above ssthresh, the delivered data scaled by
     * ssthresh / RecoverFS; at or below it, the slow-start reduction bound (one segment more than delivered) only on
     * an ACK that advanced snd.una without showing a new loss, else what this ACK delivered (the conservative bound,
     * as Linux and RFC 6937bis do). Always growing back towards ssthresh would send twice what gets through while
     * losses keep pipe low: measured, a guest flow behind a full SW-port queue lost half of what it sent.
     */
    private void prrSetCwnd(long pipe) {
        long ssthresh = s.ssthresh;
        long prrOut = s.sentPayloadBytes - sentAtEntry;
        long sndcnt;
        if (pipe > ssthresh) {
            sndcnt = (prrDelivered * ssthresh + recoverFs - 1) / recoverFs - prrOut;
        } else if (safeAck) {
            sndcnt = Math.min(ssthresh - pipe, Math.max(prrDelivered - prrOut, deliveredNow) + s.mss);
        } else {
            sndcnt = Math.min(ssthresh - pipe, deliveredNow);
        }
        s.cwnd = pipe + Math.max(0, sndcnt);
    }

    /**
     * Sends lost retransmissions again, then NextSeg() segments, while cwnd - pipe leaves room for a full one (RFC
     * 6675 section 5, step C), cwnd set by PRR.
     */
    private void sackSend() {
        int mss = s.mss;
        prrSetCwnd(pipe());
        while (relostCount > 0) {
            if (s.cwnd - pipe() < mss) {
                return;
            }
            // Oldest first; the rest stay queued (and are found again by the next ACK if this one ends).
            int i = relost[0];
            relostCount--;
            System.arraycopy(relost, 1, relost, 0, relostCount);
            long seq = Math.max(rxt[3 * i], s.sndUna);
            int len = (int) Math.min(rxt[3 * i + 1] - seq, mss);
            if (len > 0) {
                s.retransmit(seq, len, false);
                rxt[3 * i + 2] = s.sndMax;
            }
        }
        while (true) {
            long sndUna = s.sndUna;
            long sndMax = s.sndMax;
            long lostBelow = sacked.lossBoundary(sndUna, mss);
            long rxtFloor = Math.max(highRxt, sndUna);
            if (s.cwnd - pipe(sndUna, sndMax, lostBelow, rxtFloor) < mss) {
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
