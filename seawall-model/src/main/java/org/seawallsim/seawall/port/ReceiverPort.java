package org.seawallsim.seawall.port;

import java.util.Arrays;
import org.seawallsim.seawall.controller.Clock;
import org.seawallsim.seawall.controller.FeedbackReport;
import org.seawallsim.seawall.controller.Timers;
import org.seawallsim.seawall.controller.Tunnels;

/**
 * The receiver SW-port of one hypervisor. Per incoming tunnel (source VM, this host) it counts packets and bytes,
 * detects losses from sequence gaps ({@link SequenceTracker}), counts ECN CE marks, and every interval T sends the
 * source a {@link FeedbackReport}. It restores each packet before the guest sees it, and applies the
 * {@link DetectorConfig} rules to report sources that ignore Seawall. An interval without packets and without new
 * losses produces no report. Not thread-safe.
 */
public final class ReceiverPort<P> {
    private final int hostId;
    private final PortConfig cfg;
    private final DetectorConfig detector;
    private final long intervalPs;
    private final Clock clock;
    private final Timers timers;
    private final HeaderView<P> view;
    private final FeedbackSink feedback;
    private final GuestDelivery<P> guest;
    private final SuspectListener suspects;
    private final SourceWeights weights;

    private final LongIntMap index = new LongIntMap();
    private In[] tunnels = new In[8];
    private int count;
    private long intervalIndex;
    private long reportsSent;
    private int longestShareStreak;
    private boolean running;
    /** Receiver-side coupling only for tunnels that could well have missed the marks (ecn-bottleneck). */
    private boolean coupleOnlyLikelyMisses;
    private final Runnable tick = this::onInterval;

    public ReceiverPort(int hostId, PortConfig cfg, DetectorConfig detector, long intervalPs, Clock clock,
                        Timers timers, HeaderView<P> view, FeedbackSink feedback, GuestDelivery<P> guest,
                        SuspectListener suspects) {
        this(hostId, cfg, detector, intervalPs, clock, timers, view, feedback, guest, suspects, SourceWeights.EQUAL);
    }

    /** With the control plane's VM weights, which detection rule 3 judges shares by. */
    public ReceiverPort(int hostId, PortConfig cfg, DetectorConfig detector, long intervalPs, Clock clock,
                        Timers timers, HeaderView<P> view, FeedbackSink feedback, GuestDelivery<P> guest,
                        SuspectListener suspects, SourceWeights weights) {
        if (intervalPs <= 0) {
            throw new IllegalArgumentException("intervalPs must be > 0, got " + intervalPs);
        }
        this.hostId = hostId;
        this.cfg = cfg;
        this.detector = detector;
        this.intervalPs = intervalPs;
        this.clock = clock;
        this.timers = timers;
        this.view = view;
        this.feedback = feedback;
        this.guest = guest;
        this.suspects = suspects;
        this.weights = weights == null ? SourceWeights.EQUAL : weights;
    }

    /** Starts the periodic reports. */
    public void start() {
        if (!running) {
            running = true;
            timers.schedule(intervalPs, tick);
        }
    }

    /** A tunnel packet arrived from the network for a VM on this host. */
    public void receive(P p) {
        int srcVm = view.srcVm(p);
        long key = Tunnels.key(srcVm, hostId);
        int ti = index.get(key);
        if (ti < 0) {
            ti = count++;
            if (ti == tunnels.length) {
                tunnels = Arrays.copyOf(tunnels, ti * 2);
            }
            tunnels[ti] = new In(srcVm, view.srcHost(p), cfg.reorderTolerance());
            index.put(key, ti);
        }
        In t = tunnels[ti];
        t.packets++;
        t.bytes += view.sizeBytes(p);
        int seq = view.readStamp(p);
        if (seq >= 0) {
            t.tracker.onSequence(seq, view.pathKey(p));
        } else {
            t.untracked++;
        }
        if (view.congestionExperienced(p)) {
            t.marked++;
            if (seq >= 0 && (t.lastMarkedSeq < 0 || Tunnels.seqDiff(seq, t.lastMarkedSeq) > 0)) {
                t.lastMarkedSeq = seq;
            }
        }
        if (cfg.hypervisorEcn()) {
            if (view.guestEct(p)) {
                t.guestUsesEcn = true;
            }
            view.restoreEcn(p, t.guestUsesEcn);
        }
        view.restore(p);
        guest.deliver(p);
    }

    private void onInterval() {
        intervalIndex++;
        boolean anyLoss = false;
        for (int i = 0; i < count; i++) {
            In t = tunnels[i];
            t.tracker.endInterval();
            t.newLost = t.tracker.lost() - t.lostReported;
            if (t.signalled()) {
                anyLoss = true;
                t.lastLossInterval = intervalIndex;
            }
        }
        if (detector.enabled() && detector.shareMargin() > 0) {
            judgeShares();
        }
        double missFloor = anyLoss && coupleOnlyLikelyMisses && cfg.hypervisorEcn() ? signalFraction() : 0;
        for (int i = 0; i < count; i++) {
            In t = tunnels[i];
            boolean shared = anyLoss && t.newLost == 0 && t.marked == 0 && cfg.coupleIntervals() > 0
                    && t.lastLossInterval >= 0 && intervalIndex - t.lastLossInterval <= cfg.coupleIntervals()
                    && t.highestAtStart >= 0
                    && (missFloor <= 0 || StrictMath.pow(1 - missFloor, t.packets) >= COUPLE_MISS_CHANCE);
            report(t, shared);
            t.highestAtStart = t.tracker.highest();
        }
        timers.schedule(intervalPs, tick);
    }

    /**
     * Feedback mode ecn-bottleneck: receiver-side coupling only for tunnels that could well have missed the marks
     * ({@link #COUPLE_MISS_CHANCE}). Off by default (modes loss and ecn).
     */
    public void setCoupleOnlyLikelyMisses(boolean on) {
        this.coupleOnlyLikelyMisses = on;
    }

    /**
     * Receiver-side coupling under feedback mode ecn-bottleneck: a tunnel that saw no mark in an interval in which
     * others into this host did is coupled to them only if it could well have missed the episode had it crossed the
     * marked queue, that is if a tunnel of its packets, each marked with the interval's fraction F of the congested tunnels'
     * packets, went unmarked with a chance of at least this much: (1 - F)^n >= 1/2. Coupling is there for small
     * tunnels, which sample few of an episode's packets; a tunnel with enough packets to have been marked and none
     * crosses another congested link than the one marking its siblings, and cutting it for that link's marks is what
     * left its own bottleneck idle (2-trunk parking lot, b's receiver on a's host, b only on the second trunk: 55 of
     * b's 65 cuts in 2 s were couplings to a's marks on the first trunk, the second trunk 88-90 % busy and b at
     * 0.82-0.84 of its ideal; with the rule b 1.00 and both trunks 98 %, b's weight 0.5-4 isolation error
     * 0.041-0.297 -> 0.013-0.036). Only under ecn-bottleneck, whose telemetry accounts for the other links of a path:
     * under plain ecn those cross-link cuts happen to offset mechanism 2 (a long VM cut for every link it crosses),
     * and without them the same parking lot went from isolation error 0.027-0.089 to 0.038-0.357 (a at 0.61-0.90
     * of its ideal) though the trunks were busier; loss-driven feedback needs the coupling as it is, since drop-tail
     * losses fall unevenly on tunnels and a large tunnel misses an overflow as well (E6 shuffle, loss-driven, with
     * the rule: job 2 0.173 -> 0.143 of the uplink, ideal 0.167).
     */
    static final double COUPLE_MISS_CHANCE = 0.5;

    /** The fraction of the packets of this interval's congested tunnels that were lost or marked. */
    private double signalFraction() {
        double signal = 0;
        double all = 0;
        for (int i = 0; i < count; i++) {
            In t = tunnels[i];
            if (t.signalled()) {
                signal += t.newLost + t.marked;
                all += t.packets + t.newLost;
            }
        }
        return all > 0 ? Math.min(1, signal / all) : 0;
    }

    private void report(In t, boolean shared) {
        long lost = t.tracker.lost() - t.lostReported;
        long bad = t.tracker.duplicates() + t.tracker.late() - t.badReported;
        t.lostReported = t.tracker.lost();
        t.badReported = t.tracker.duplicates() + t.tracker.late();
        if (t.packets == 0 && lost == 0) {
            t.streak = 0;
            return;
        }
        int lastCongested = -1;
        if (lost > 0) {
            lastCongested = t.tracker.lastLostSeq();
        }
        if (shared) {
            // Blame the packets that were already here when the interval began: if the sender has cut since it
            // sent them, it has answered this episode and will ignore the report as stale.
            lastCongested = t.highestAtStart;
        }
        if (t.marked > 0 && t.lastMarkedSeq >= 0
                && (lastCongested < 0 || Tunnels.seqDiff(t.lastMarkedSeq, lastCongested) > 0)) {
            lastCongested = t.lastMarkedSeq;
        }
        FeedbackReport r = new FeedbackReport(t.srcVm, t.srcHost, hostId, intervalIndex, intervalPs, t.packets,
                t.bytes, lost, t.marked, lastCongested, t.tracker.highest(), shared);
        // A quiet uncongested interval of a small tunnel that has not been congested for a second (guest ACKs) is
        // not worth its report (PortConfig). A starved tunnel that was congested keeps every report: its source's
        // controller and the destination's detection follow it interval by interval.
        boolean withheld = !r.congested() && t.bytes < PortConfig.SPARSE_REPORT_BYTES
                && !recentlyCongested(t, PortConfig.SPARSE_QUIET_INTERVALS)
                && intervalIndex - t.lastReportInterval < cfg.sparseReportIntervals();
        if (!withheld) {
            feedback.send(r);
            reportsSent++;
            t.lastReportInterval = intervalIndex;
        }
        detect(t, r, bad);
        t.packets = 0;
        t.bytes = 0;
        t.marked = 0;
        t.untracked = 0;
        t.lastMarkedSeq = -1;
    }

    /**
     * Detection rule 3 (see {@link DetectorConfig}): a tunnel above its weighted share of this destination while
     * another tunnel into it is congested and below its own share, interval after interval, without ever showing a
     * cut. Runs before the reports reset the interval's counters.
     */
    private void judgeShares() {
        long memory = detector.congestionMemoryIntervals();
        double margin = detector.shareMargin();
        double totalBytes = 0;
        double totalWeight = 0;
        int signalledTunnels = 0;
        boolean tailInferred = false;
        for (int i = 0; i < count; i++) {
            In t = tunnels[i];
            double w = weights.weight(t.srcVm);
            t.weight = w >= 0 && !Double.isInfinite(w) ? w : 1.0;
            // A tunnel that delivered data wants its share; so does one silent since it was last seen congested and
            // starved (a guest TCP backed off in retransmission time-outs), for the memory; one the network
            // already filters, or whose VM left, does not, nor one that carried only small packets: a guest's
            // acknowledgements, whose rate is set by the data they answer, not by a share.
            boolean gone = t.weight == 0 || t.reported || weights.filtered(t.srcHost, hostId);
            boolean acksOnly = t.packets > 0 && t.bytes < (long) SMALL_PACKET_BYTES * t.packets;
            if (!gone && t.packets == 0 && t.silentVictimCandidate == intervalIndex - 1) {
                // Its tail was lost in the last interval's overflow (see silentVictimCandidate): congested and
                // starved then, and wanting its share while silent, for the memory, as if its loss had been seen.
                t.lastSharedLossInterval = intervalIndex - 1;
                t.starved = true;
                tailInferred = true;
            }
            t.wanting = !gone && !acksOnly && (t.packets > 0 || (t.starved && hurtRecently(t, memory)));
            if (t.wanting) {
                totalBytes += t.bytes;
                totalWeight += t.weight;
                if (t.signalled()) {
                    signalledTunnels++;
                }
            }
        }
        if (totalBytes <= 0 || totalWeight <= 0) {
            return;
        }
        double toBps = 8.0 * 1e12 / intervalPs;
        double totalBps = totalBytes * toBps;
        // Congested tunnels below their share; each tunnel asks whether some *other* tunnel is one.
        int starvedCount = 0;
        int starvedIdx = -1;
        for (int i = 0; i < count; i++) {
            In t = tunnels[i];
            double shareBps = totalBps * t.weight / totalWeight;
            boolean below = t.wanting && hurtRecently(t, memory) && t.bytes * toBps < shareBps;
            if (below) {
                starvedCount++;
                starvedIdx = i;
            }
            if (t.packets > 0) {
                // Remembered while it is silent: congested and well under its share when last seen.
                t.starved = below && t.bytes * toBps * (1 + margin) < shareBps;
                if (t.wanting && !t.signalled() && signalledTunnels > 0 && t.bytes * toBps * (1 + margin) < shareBps) {
                    t.silentVictimCandidate = intervalIndex;
                }
            }
        }
        double dip = 1 - detector.beta() / 2;
        for (int i = 0; i < count; i++) {
            In t = tunnels[i];
            double rateBps = t.bytes * toBps;
            boolean otherStarved = starvedCount > 1 || (starvedCount == 1 && starvedIdx != i);
            boolean over = t.wanting && t.packets > 0 && otherStarved && rateBps > detector.minSuspectRateBps()
                    && rateBps > (1 + margin) * totalBps * t.weight / totalWeight;
            if (!over) {
                t.shareStreak = 0;
                t.shareArmed = false;
                continue;
            }
            // What the source sent: its arrivals and the packets lost on the way (they were sent).
            double sentBps = (t.bytes + (double) t.newLost * t.bytes / t.packets) * toBps;
            if (t.shareArmed && sentBps < dip * t.sharePeakBps) {
                // A feedback-conforming cut: an honest sender's rate falls by about beta after its cut. Judged on what
                // it sent, not on what arrived: at a full queue the victim's burst takes slots from the flood, whose
                // arrivals then dip without any cut (link-rate flood on 1 GbE hosts, seed 7: 71 of 82 packets
                // arrived, 11 lost, the streak restarted at 73 intervals and the report came 222 ms in).
                t.shareArmed = false;
                t.shareStreak = 0;
            }
            if (!t.shareArmed) {
                // The streak starts with congestion feedback the tunnel itself was given (its own loss or mark):
                // an honest sender that was told nothing has nothing to answer, however much it takes. And only
                // when the tunnel arrives near its source's NIC rate: an honest limit is at most that, so it
                // binds, and the cut (to at most 1 - beta of it) must show; a tunnel below it may have a limit
                // above what it sends (a guest TCP with a window larger than the path needs), whose cut shows
                // nothing.
                // (The sending rate counts the lost packets too: they were sent.) A sender that cut in the last few
                // intervals has a limit of at most 1 - beta of its NIC rate and is not near it.
                // When a victim was found only now, by its silence after the last interval's overflow, the evidence
                // is that interval's: the tunnel's own loss or mark then counts (it is near its NIC rate now, so an
                // honest one has not cut since, and its cut must still show).
                boolean told = t.signalled()
                        || (tailInferred && t.lastLossInterval == intervalIndex - 1);
                if (!told || !nearNicRate(t, sentBps)) {
                    continue;
                }
                t.shareArmed = true;
                t.shareStreak = 0;
                t.sharePeakBps = rateBps;
            }
            t.sharePeakBps = Math.max(t.sharePeakBps, rateBps);
            t.shareStreak++;
            longestShareStreak = Math.max(longestShareStreak, t.shareStreak);
            if (t.shareStreak >= detector.congestedIntervals()) {
                t.reported = true;
                suspects.suspect(t.srcHost, t.srcVm, hostId, SuspectListener.Reason.EXCEEDS_SHARE);
            }
        }
    }

    /**
     * Rule 3: a tunnel whose packets averaged less than this in an interval carried acknowledgements, not data (a
     * TCP ACK is 40-80 B with options and SACK blocks), and neither claims a share nor stands as a victim. Without it
     * a guest's ACK tunnel, 20-30 Mb/s and congested once 150 ms before, stood as the starved victim of the data
     * tunnel into the same host, whose honest source was then reported and filtered: two of six k = 8 fat-tree
     * permutation runs (README, "Fat-trees").
     */
    static final int SMALL_PACKET_BYTES = 200;

    /**
     * IP bytes per wire byte of a full frame (1500 of 1538): arrival rates are IP rates, NIC rates wire rates. A
     * source's arrival rate can at most reach this fraction of its NIC rate.
     */
    private static final double IP_PER_WIRE_MIN = 1500.0 / 1538;

    /**
     * Whether {@code bps} of IP bytes is within beta / 2 of what the tunnel's source NIC can send (rules 1 and 3): an
     * honest limit is at most the NIC's rate, so a tunnel there has a limit that binds and must show its cuts.
     */
    private boolean nearNicRate(In t, double bps) {
        return bps >= (1 - detector.beta() / 2) * weights.nicRateBps(t.srcHost) * IP_PER_WIRE_MIN;
    }

    /** Rule 3: told of congestion, or found congested by its silence (silentVictimCandidate), within the memory. */
    private boolean hurtRecently(In t, long memory) {
        long last = Math.max(t.lastLossInterval, t.lastSharedLossInterval);
        return last >= 0 && intervalIndex - last <= memory;
    }

    private boolean recentlyCongested(In t, long memory) {
        return t.lastLossInterval >= 0 && intervalIndex - t.lastLossInterval <= memory;
    }

    /** The longest streak of intervals any tunnel into this host spent over its share (detection rule 3). */
    public int longestShareStreak() {
        return longestShareStreak;
    }

    private void detect(In t, FeedbackReport r, long bad) {
        if (!detector.enabled() || t.reported) {
            return;
        }
        double rateBps = r.bytes() * 8.0 * 1e12 / intervalPs;
        long invalid = bad + (cfg.mode() == HeaderMode.ENCAPSULATION ? t.untracked : 0);
        if (r.packets() >= detector.minPackets() && invalid > detector.invalidFraction() * r.packets()) {
            t.reported = true;
            suspects.suspect(t.srcHost, t.srcVm, hostId, SuspectListener.Reason.INVALID_STAMPS);
            return;
        }
        if (r.congested()) {
            if (t.streak == 0) {
                t.streakStartBps = rateBps;
            }
            t.streak++;
            // An honest limit stays at alpha x w x P / beta at least, however long the streak (DetectorConfig's
            // honestFloorBps); a tunnel arriving under that proves nothing. Without the floor, honest VMs behind a
            // deep queue (cuts 10-15 intervals apart, their limits above their bottleneck shares) were reported
            // after 150 congested intervals at an unchanging share: 1 GbE hosts, a 0.5 Gb/s trunk, 600-KB buffers,
            // all three UDP VMs filtered at 0.15 s, ECN-driven.
            // Near its NIC's rate an honest limit binds (it is at most that), so the cuts must show there whatever
            // the floor: a weight-2 flood at 957 Mb/s from a 1 GbE NIC was under a floor of 1 500 and unreported.
            if (t.streak >= detector.congestedIntervals() && rateBps > detector.minSuspectRateBps()
                    && rateBps > t.streakStartBps * detector.honestFraction()
                    && (nearNicRate(t, rateBps)
                        || rateBps > detector.honestFloorBps(weights.weight(t.srcVm), intervalPs))) {
                t.reported = true;
                suspects.suspect(t.srcHost, t.srcVm, hostId, SuspectListener.Reason.IGNORES_FEEDBACK);
            }
        } else {
            t.streak = 0;
        }
    }

    public long reportsSent() {
        return reportsSent;
    }

    /** Total losses detected on the tunnel from {@code srcVm}, or -1 if there is no such tunnel. */
    public long lost(int srcVm) {
        int ti = index.get(Tunnels.key(srcVm, hostId));
        return ti < 0 ? -1 : tunnels[ti].tracker.lost();
    }

    private static final class In {
        final int srcVm;
        final int srcHost;
        final SequenceTracker tracker;
        long packets;
        long bytes;
        long marked;
        long untracked;
        int lastMarkedSeq = -1;
        long lostReported;
        long badReported;
        int streak;
        /** Interval index of the last report sent (sparseReportIntervals). */
        long lastReportInterval;
        double streakStartBps;
        boolean reported;
        long newLost;
        long lastLossInterval = -1;
        /** Rule 3: the interval its loss was inferred from its silence after an overflow (silentVictimCandidate). */
        long lastSharedLossInterval = -1;
        /**
         * Rule 3: the last interval in which it delivered data, well under its share and with no loss of its own,
         * while another data tunnel into this host lost packets or was marked. If it is silent in the next interval,
         * its tail was most likely dropped in that overflow: the receiver sees a loss only at a gap, so a guest TCP
         * whose last packets were all dropped goes silent into its retransmission time-out with no loss seen, and
         * stays unseen until a retransmission gets through a queue that a link-rate flood keeps full (E8 on 1 GbE
         * hosts, seed 2: 200 ms, then 400 ms more when that one was dropped too; the flood was reported at 0.764 s
         * instead of 0.163). A tunnel that keeps delivering is not inferred anything (a trickle with low demand).
         */
        long silentVictimCandidate = -1;
        int highestAtStart = -1;
        /** The guest's own stack sent ECT(0) on this tunnel: CE marks are its signal too. */
        boolean guestUsesEcn;
        /** Rule 3: the tunnel counts for the destination's shares this interval. */
        boolean wanting;
        /** Rule 3: when it last delivered, the tunnel was congested and under its share / (1 + margin). */
        boolean starved;
        int shareStreak;
        double sharePeakBps;
        /** Rule 3: over its share and told of congestion since its last conforming cut; the streak runs. */
        boolean shareArmed;
        /** The source VM's weight as the control plane knows it now (weights change at run time). */
        double weight = 1;

        /** The tunnel lost packets or had marks this interval: congestion its source is told of. */
        boolean signalled() {
            return newLost > 0 || marked > 0;
        }

        In(int srcVm, int srcHost, int tolerance) {
            this.srcVm = srcVm;
            this.srcHost = srcHost;
            this.tracker = new SequenceTracker(tolerance);
        }

        double weight() {
            return weight;
        }
    }
}
