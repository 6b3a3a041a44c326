package org.seawallsim.transport.tcp;

import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.event.TimerSet;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbes;

/**
 * RFC 6298 for one sender: the smoothed RTT and its variation, the retransmission timeout with exponential backoff,
 * Karn's rule for the one timed segment (when timestamps are off), and the timer itself.
 *
 * <p>The timer is a lazy deadline. Each ACK only moves {@code deadlinePs}; a single pending wake-up per flow fires
 * at the deadline it was armed for and re-arms itself if the deadline has moved later meanwhile. So the timers see
 * about one operation per RTO interval instead of one per ACK (the effect of htsim's timer scanner, without a
 * periodic scan over idle flows), and the wake-up sits in the context's {@link TimerSet}, beside the event heap
 * rather than in it.
 */
final class RetransmissionTimer implements EventTarget {
    private static final int TAG_RTO = 1;

    private final TcpSender sender;
    private final EventLoop loop;
    private final TimerSet timers;
    private final TransportProbes probes;
    private final FlowInfo info;
    private final long minRtoPs;
    private final long maxRtoPs;

    /** Smoothed RTT, -1 before the first sample. */
    long srttPs = -1;
    private long rttvarPs;
    long rtoPs;
    /** Timeouts since the last valid RTT sample. */
    int backoffCount;
    /** Karn's rule without timestamps: one timed segment (its end), abandoned on any retransmission; -1 if none. */
    private long timedEnd = -1;
    private long timedSentPs;

    private long deadlinePs = Long.MAX_VALUE;
    private long wakePs = Long.MAX_VALUE;
    private long handle = EventLoop.NO_EVENT;

    RetransmissionTimer(TcpSender sender, EventLoop loop, TimerSet timers, TransportProbes probes, FlowInfo info,
            TcpConfig cfg) {
        this.sender = sender;
        this.loop = loop;
        this.timers = timers;
        this.probes = probes;
        this.info = info;
        this.minRtoPs = cfg.minRtoPs();
        this.maxRtoPs = cfg.maxRtoPs();
        this.rtoPs = Math.min(Math.max(cfg.initialRtoPs(), 1), maxRtoPs);
    }

    boolean armed() {
        return deadlinePs != Long.MAX_VALUE;
    }

    /** The timeout is {@code rtoPs} from {@code nowPs} (restarting it if it was running). */
    void arm(long nowPs) {
        long deadline = nowPs + rtoPs;
        deadlinePs = deadline;
        if (deadline < wakePs) {
            // Only an earlier deadline (a shrinking RTO) costs a heap operation; later ones are found lazily.
            timers.cancel(handle);
            wakePs = deadline;
            handle = timers.schedule(deadline, this, TAG_RTO);
        }
    }

    /** No timeout pending (a wake-up still in the timer set finds nothing to do). */
    void disarm() {
        deadlinePs = Long.MAX_VALUE;
    }

    @Override
    public void onEvent(int tag) {
        handle = EventLoop.NO_EVENT;
        wakePs = Long.MAX_VALUE;
        if (sender.stopped() || deadlinePs == Long.MAX_VALUE) {
            return;
        }
        if (loop.nowPs() < deadlinePs) {
            // ACKs pushed the deadline later since this wake-up was armed: sleep again until it.
            wakePs = deadlinePs;
            handle = timers.schedule(deadlinePs, this, TAG_RTO);
            return;
        }
        deadlinePs = Long.MAX_VALUE;
        sender.onRetransmissionTimeout();
    }

    /** A timeout: the next one waits twice as long (RFC 6298 5.5), up to the maximum. */
    void backOff() {
        backoffCount++;
        rtoPs = Math.min(rtoPs * 2, maxRtoPs);
    }

    /** Starts timing the segment ending at {@code endSeq} unless one is being timed already. */
    void timeSegment(long endSeq) {
        if (timedEnd < 0) {
            timedEnd = endSeq;
            timedSentPs = loop.nowPs();
        }
    }

    /** Karn: a retransmission makes any running timing ambiguous. */
    void abandonTiming() {
        timedEnd = -1;
    }

    /** An ACK up to {@code ack} (timestamps off): a sample if it covers the timed segment. */
    void onAckWithoutTimestamps(long ack, long nowPs) {
        if (timedEnd >= 0 && ack >= timedEnd) {
            sample(nowPs - timedSentPs);
            timedEnd = -1;
        }
    }

    /** A valid RTT measurement: updates the estimate and the timeout, and ends the backoff. */
    void sample(long rtt) {
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
}
