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

    private final LongIntMap index = new LongIntMap();
    private In[] tunnels = new In[8];
    private int count;
    private long intervalIndex;
    private long reportsSent;
    private boolean running;
    private final Runnable tick = this::onInterval;

    public ReceiverPort(int hostId, PortConfig cfg, DetectorConfig detector, long intervalPs, Clock clock,
                        Timers timers, HeaderView<P> view, FeedbackSink feedback, GuestDelivery<P> guest,
                        SuspectListener suspects) {
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
            t.tracker.onSequence(seq);
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
            t.newLost = t.tracker.lost() - t.lostReported;
            if (t.newLost > 0 || t.marked > 0) {
                anyLoss = true;
                t.lastLossInterval = intervalIndex;
            }
        }
        for (int i = 0; i < count; i++) {
            In t = tunnels[i];
            boolean shared = anyLoss && t.newLost == 0 && t.marked == 0 && cfg.coupleIntervals() > 0
                    && t.lastLossInterval >= 0 && intervalIndex - t.lastLossInterval <= cfg.coupleIntervals()
                    && t.highestAtStart >= 0;
            report(t, shared);
            t.highestAtStart = t.tracker.highest();
        }
        timers.schedule(intervalPs, tick);
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
        feedback.send(r);
        reportsSent++;
        detect(t, r, bad);
        t.packets = 0;
        t.bytes = 0;
        t.marked = 0;
        t.untracked = 0;
        t.lastMarkedSeq = -1;
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
            if (t.streak >= detector.congestedIntervals() && rateBps > detector.minSuspectRateBps()
                    && rateBps > t.streakStartBps * detector.honestFraction()) {
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
        double streakStartBps;
        boolean reported;
        long newLost;
        long lastLossInterval = -1;
        int highestAtStart = -1;
        /** The guest's own stack sent ECT(0) on this tunnel: CE marks are its signal too. */
        boolean guestUsesEcn;

        In(int srcVm, int srcHost, int tolerance) {
            this.srcVm = srcVm;
            this.srcHost = srcHost;
            this.tracker = new SequenceTracker(tolerance);
        }
    }
}
