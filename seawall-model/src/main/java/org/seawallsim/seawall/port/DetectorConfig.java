package org.seawallsim.seawall.port;

/**
 * How a destination hypervisor decides that a source ignores Seawall (our rule; the talk only says destinations
 * act as detectors).
 *
 * <p>Rule 1 (ignores feedback): over {@code congestedIntervals} consecutive congested intervals an honest sender
 * cuts its rate at least once per {@code intervalsPerCut} intervals (it skips reports about packets sent before its
 * last cut), so its arrival rate must fall to at most (1 - beta)^(congestedIntervals / intervalsPerCut) of the rate
 * at the start of the streak. A tunnel still above that, and above {@code minSuspectRateBps}, is reported.
 * Rule 2 (no valid stamps): in an interval with at least {@code minPackets} packets, more than
 * {@code invalidFraction} of them duplicate or fall outside the sequence window.
 * Rule 3 (takes more than its share of a congested destination, without a cut): needs no congestion signal on the
 * suspect's own tunnel, so it also sees a flood at exactly the bottleneck's rate, whose own packets loss-driven
 * feedback never reports lost (they take every slot the queue frees) while the tunnels it crowds out lose theirs.
 * In an interval the destination measures each tunnel's arrival rate r and the total R of all its tunnels, and
 * gives each tunnel the allocation a = R * w / W, w being the source VM's administrator weight (from the network
 * controller, never from the source) and W the sum over the tunnels that delivered in the interval or reported
 * congestion within {@code congestionMemoryIntervals} (a guest TCP starved into retransmission time-outs sends
 * nothing for 200 ms and still wants its share). A tunnel is over its share when r > (1 + shareMargin) * a and
 * r > minSuspectRateBps while another tunnel into the host is congested (reported a loss or a mark within the
 * memory, or fell silent right after delivering well under its share in an interval in which another tunnel into
 * the host lost packets: its tail was dropped, a loss no gap shows) and below its own allocation. The streak starts
 * when the tunnel is itself told of congestion (its own loss or mark in an interval; in the one before, when the
 * victim was found by its silence) while arriving near its source's NIC rate, (1 - beta / 2) of it (the network
 * controller knows the NIC): an honest limit is at most the NIC rate, so there it binds and the honest cut, to at
 * most 1 - beta of it, must show in what it sends. A tunnel that stays over its share for
 * {@code congestedIntervals} intervals from then without such a cut (what it sent, arrivals plus losses, below
 * (1 - beta / 2) of the streak's peak arrival rate) is reported. A sender told of nothing, or one arriving
 * well below its NIC rate (whose limit may be above what it sends, as for a guest TCP whose window exceeds the
 * path's needs), is never judged by this rule.
 *
 * @param enabled             whether destinations report at all
 * @param congestedIntervals  streak length before rule 1 can fire
 * @param intervalsPerCut     intervals an honest sender may take per cut (feedback delay plus the stale-report skip)
 * @param beta                the decrease factor honest senders use (the controller's beta)
 * @param minSuspectRateBps   tunnels slower than this are never reported (they cannot hurt much)
 * @param minPackets          packets an interval needs before rule 2 applies
 * @param invalidFraction     fraction of bad sequence numbers that makes stamps invalid
 * @param shareMargin         rule 3: how far above its weighted share of the destination a tunnel must be; 0 turns
 *                            rule 3 off
 * @param congestionMemoryIntervals rule 3: how long a tunnel's last reported loss or mark keeps it counted as
 *                            congested (and as wanting its share) at this destination
 */
public record DetectorConfig(boolean enabled, int congestedIntervals, int intervalsPerCut, double beta,
                             long minSuspectRateBps, int minPackets, double invalidFraction, double shareMargin,
                             int congestionMemoryIntervals, double alphaBps) {
    /** Rule 3 at its defaults, no equilibrium floor for rule 1. */
    public DetectorConfig(boolean enabled, int congestedIntervals, int intervalsPerCut, double beta,
                          long minSuspectRateBps, int minPackets, double invalidFraction) {
        this(enabled, congestedIntervals, intervalsPerCut, beta, minSuspectRateBps, minPackets, invalidFraction,
                DEFAULT_SHARE_MARGIN, DEFAULT_CONGESTION_MEMORY_INTERVALS, 0);
    }

    /**
     * Rule 1's allowance for the cut period: {@link #CUT_OVERHEAD_INTERVALS} plus {@link #QUEUEING_ALLOWANCE_PS} of
     * queueing. An honest tunnel cut every P intervals by beta while its limit climbs alpha x w an interval settles
     * at alpha x w x P / beta, however long the congestion lasts, and where that is above its share of the
     * bottleneck its arrival rate never falls. P is the hold-off plus the report's delay (intervals) plus the path's
     * queueing delay (time), since a cut waits for a report on packets sent after the previous one. Measured: an
     * honest weight-0.5 tunnel on a k = 4 fat-tree with 0.5 Gb/s switch links rose from 168 to 312 Mb/s through 150
     * marked intervals, ECN-driven (P >= 21 at 1 ms intervals); 5 intervals and 20 ms give 25 at 1 ms (floors of
     * 625 Mb/s per unit weight loss-driven, 750 ECN-driven) and 105 at 200 us, where a 2-MB queue behind a 1 Gb/s
     * trunk (16 ms, 80 intervals) had all three honest VMs reported. Not scaled by ecn-bottleneck's cut shares
     * (its intervalsPerCut is five times longer): that floor hid a 2 Gb/s flood on a k = 4 fat-tree. Under CUBIC
     * increase honest limits climb faster than alpha, so the floor is low there. A tunnel arriving near its NIC's
     * rate is judged whatever the floor (ReceiverPort): an honest limit is at most that rate, so there it binds.
     */
    public static final int CUT_OVERHEAD_INTERVALS = 5;
    public static final long QUEUEING_ALLOWANCE_PS = 20_000_000_000L;

    /**
     * 0.5: a lone flooder beside one starved tunnel of equal weight is at twice its share; a VM whose weight its
     * source hypervisor splits over several destinations sends each less than its whole weight's share, so a
     * one-destination VM beside it is above 1.0 times its share legitimately, and the margin keeps such tunnels
     * out (E6's two-reducer job has up to 1.5 times by VM weights, but it also loses at the uplink and cuts).
     */
    public static final double DEFAULT_SHARE_MARGIN = 0.5;
    /** 300 intervals (300 ms at T = 1 ms): longer than a guest TCP's 200 ms minimum retransmission time-out. */
    public static final int DEFAULT_CONGESTION_MEMORY_INTERVALS = 300;

    public DetectorConfig {
        if (!(shareMargin >= 0) || Double.isInfinite(shareMargin)) {
            throw new IllegalArgumentException("shareMargin must be >= 0 and finite (0 = rule 3 off), got "
                    + shareMargin);
        }
        if (congestionMemoryIntervals < 1) {
            throw new IllegalArgumentException("congestionMemoryIntervals must be >= 1, got "
                    + congestionMemoryIntervals);
        }
        if (congestedIntervals < 2) {
            throw new IllegalArgumentException("congestedIntervals must be >= 2, got " + congestedIntervals);
        }
        if (intervalsPerCut < 1 || intervalsPerCut > congestedIntervals) {
            throw new IllegalArgumentException("intervalsPerCut must be in [1, congestedIntervals="
                    + congestedIntervals + "], got " + intervalsPerCut);
        }
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in (0, 1), got " + beta);
        }
        if (minSuspectRateBps < 0) {
            throw new IllegalArgumentException("minSuspectRateBps must be >= 0, got " + minSuspectRateBps);
        }
        if (minPackets < 1) {
            throw new IllegalArgumentException("minPackets must be >= 1, got " + minPackets);
        }
        if (!(invalidFraction > 0 && invalidFraction < 1)) {
            throw new IllegalArgumentException("invalidFraction must be in (0, 1), got " + invalidFraction);
        }
        if (!(alphaBps >= 0) || Double.isInfinite(alphaBps)) {
            throw new IllegalArgumentException("alphaBps must be >= 0 and finite (0: no floor), got " + alphaBps);
        }
    }

    /**
     * 150 congested 1 ms intervals, a cut at least every 5 (the controller's hold-off of 3 to 4 intervals plus
     * feedback delay): an honest sender has cut 30 times (0.8^30 = 1.2e-3), so even one that started at a 10 Gb/s
     * NIC rate is below 12 Mb/s, far under {@code minSuspectRateBps}, before the streak ends. A shorter streak
     * accuses honest senders whose limit is still above their bottleneck share (their arrival rate cannot fall
     * while it is): with 100 intervals and a 5-interval hold-off an honest VM in E3 was filtered.
     */
    public static DetectorConfig defaults() {
        return new DetectorConfig(true, 150, 5, 0.2, 50_000_000L, 20, 0.5);
    }

    public DetectorConfig withEnabled(boolean v) {
        return new DetectorConfig(v, congestedIntervals, intervalsPerCut, beta, minSuspectRateBps, minPackets,
                invalidFraction, shareMargin, congestionMemoryIntervals, alphaBps);
    }

    public DetectorConfig withBeta(double v) {
        return new DetectorConfig(enabled, congestedIntervals, intervalsPerCut, v, minSuspectRateBps, minPackets,
                invalidFraction, shareMargin, congestionMemoryIntervals, alphaBps);
    }

    public DetectorConfig withStreak(int intervals, int perCut, long minRateBps) {
        return new DetectorConfig(enabled, intervals, perCut, beta, minRateBps, minPackets, invalidFraction,
                shareMargin, congestionMemoryIntervals, alphaBps);
    }

    public DetectorConfig withShareRule(double margin, int memoryIntervals) {
        return new DetectorConfig(enabled, congestedIntervals, intervalsPerCut, beta, minSuspectRateBps, minPackets,
                invalidFraction, margin, memoryIntervals, alphaBps);
    }

    /** With the additive increase honest senders use (the controller's alpha per unit weight; 0: no floor). */
    public DetectorConfig withAlphaBps(double v) {
        return new DetectorConfig(enabled, congestedIntervals, intervalsPerCut, beta, minSuspectRateBps, minPackets,
                invalidFraction, shareMargin, congestionMemoryIntervals, v);
    }

    /**
     * The rate an honest tunnel of a VM of weight {@code weight} can keep through any streak of congestion: its
     * additive loop's equilibrium when cut as rarely as {@link #CUT_OVERHEAD_INTERVALS} allows, with report intervals
     * of {@code intervalPs}.
     */
    public double honestFloorBps(double weight, long intervalPs) {
        double cutIntervals = CUT_OVERHEAD_INTERVALS + (double) QUEUEING_ALLOWANCE_PS / intervalPs;
        return alphaBps * weight * cutIntervals / beta;
    }

    /** The arrival-rate fraction an honest sender must be under at the end of a full streak. */
    public double honestFraction() {
        return StrictMath.pow(1 - beta, congestedIntervals / intervalsPerCut);
    }
}
