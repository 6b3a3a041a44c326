package org.seawallsim.seawall.controller;

/**
 * Every constant of the rate controller, with the defaults we chose (Seawall's paper body was not available to us;
 * these are our reconstruction, see the reference notes). Rates in bit/s, times in picoseconds.
 *
 * <p>Why the defaults (each was checked against the E-tests of this module, see the report in the README):
 * <ul>
 * <li>T = 1 ms: ten data-center RTTs, so one report reflects the previous decision, and 800 times shorter than the
 * 16-bit sequence wrap at 1 Gb/s (65 536 MTU packets = 0.8 s).</li>
 * <li>ADDITIVE increase, alpha = 5 Mb/s per interval per unit weight: after a cut two VMs regain a 20 % dip of a
 * 1 Gb/s link in 20 ms. The CUBIC "faster increase" is available but not the default: its convex probing makes
 * tunnels whose cuts are not synchronized (a VM with many destinations) grow faster than one large tunnel, which
 * breaks the weight split (measured: a 1-destination VM got 0.16-0.30 of the link against a 16-destination one).</li>
 * <li>beta = 0.2: small enough that a 128 KB drop-tail buffer keeps a 1 Gb/s link busy after a cut and a guest TCP
 * inside the tunnel is not starved by the dip; 0.3 converged more slowly after a VM left (E5).</li>
 * <li>lossGain = 0 (a fixed cut per congested interval): cuts proportional to the loss fraction are unbiased
 * across tunnel sizes but need a loss rate near 1 % to balance the increase, which guest TCP cannot live with.</li>
 * <li>coupleIntervals = 1000 and the receiver-side coupling (PortConfig) supply the synchronization instead: a VM's
 * tunnels, and the tunnels into one receiver, that have recently seen loss are cut together.</li>
 * <li>initial rate = NIC rate: a joining VM is pulled down by congestion instead of climbing from nothing.</li>
 * </ul>
 *
 * @param intervalPs           feedback interval T (receiver reports and the controller acts once per T)
 * @param increase             increase mode (ADDITIVE or CUBIC)
 * @param alphaBps             additive increase per interval per unit of weight
 * @param beta                 multiplicative decrease: the rate becomes r * (1 - beta) on a congested interval
 * @param cubicScaleBpsPerS3   cubic constant per unit of weight, bit/s per s^3
 * @param minRateBps           lowest rate a tunnel is ever limited to
 * @param maxRateBps           highest rate (the NIC rate); the simulator adapter sets it from the host's NIC
 * @param initialRateBps       rate of a new tunnel; 0 means maxRateBps (a new tunnel is pulled down by congestion
 *                             rather than having to climb, which makes joins converge in a few epochs)
 * @param split                how a VM's weight is split over its tunnels
 * @param usageGain            EWMA gain of the per-tunnel usage estimate, per interval, in (0, 1]
 * @param ignoreStaleCongestion ignore congestion reports about packets sent before the last decrease (TCP's "once
 *                             per window" in sequence-number form)
 * @param activeIntervals      a tunnel that sent nothing for this many intervals no longer counts for the split
 * @param cutFromUsage         on a congested interval cut from min(limit, recent usage) rather than from the limit,
 *                             so a tunnel whose guest sends below its limit (a TCP in recovery or slow start) is
 *                             brought under control instead of keeping a limit that never binds
 * @param silenceIntervals     a tunnel that kept sending but heard no report for this many intervals is treated as
 *                             congested once per such period (its packets, or its reports, are being lost wholesale:
 *                             a tunnel locked out of a full queue never produces a report saying so); 0 disables
 * @param lossGain             if > 0, a congested interval cuts by min(beta, lossGain * F) where F is the fraction of
 *                             the interval's packets lost or marked; 0 cuts by beta on every congested interval.
 *                             The fraction-scaled cut is what keeps a VM's share independent of its number of
 *                             tunnels: at a shared drop-tail queue every packet sees the same loss probability, so
 *                             F is an unbiased estimate of it for small and large tunnels alike, and the cuts of
 *                             many small tunnels add up to the cut one large tunnel would take. A fixed cut per
 *                             congested interval instead favours small tunnels, which often see no loss at all in
 *                             an interval in which a large one always does (a VM with 16 destinations got 5 times
 *                             the share of a VM with one)
 * @param coupleIntervals      shared-bottleneck coupling: when one tunnel of a VM takes a congestion cut, the VM's
 *                             other tunnels that themselves reported congestion within this many intervals take the
 *                             same cut (their later reports about the same episode are then stale). Without it a VM with
 *                             many small tunnels through one bottleneck is under-cut, because each small tunnel sees
 *                             a loss in only a fraction of the overflow episodes that a large tunnel always sees;
 *                             requiring recent congestion of their own keeps tunnels on other paths out of it.
 *                             0 disables
 * @param holdoffIntervals     after a cut, a tunnel takes no further cut (own or coupled) for this many intervals:
 *                             the bottleneck queue needs a few milliseconds to drain after everyone has cut, and
 *                             losses in that time are the same episode. Without it a fast tunnel, whose packets keep
 *                             arriving into the still-full queue, is cut twice per episode more often than a slow
 *                             one (measured: 107 against 90 cuts per second for weights 3 and 1, shares 0.47 and
 *                             0.185 instead of 0.5 and 0.167); with 3 intervals all three took 93 cuts per second
 *                             (the default). Fractional values put the edge between two reports: reports arrive
 *                             once per interval, so with an integer the report due exactly at the edge falls inside
 *                             or outside it by microseconds of queueing jitter. 2.5 was measured (1 GbE library,
 *                             seeds 1-3, ECN-driven) and not made the default: E5's worst phase 0.934 -> 0.966, but
 *                             one trunk with weights 1-4 and 1-16 flows put the one-flow VM at 0.938 of its share.
 *                             4 would also absorb the case where a VM with many small tunnels notices an episode a
 *                             millisecond or two after a big tunnel, which is then sometimes
 *                             cut again 3 ms after its first cut (E3: 0.464 instead of 0.457 for the
 *                             one-destination VM), but it lowered the 2-VM job's share in the E6 shuffle scenario
 *                             from about 0.17 to 0.10
 * @param coupleAtOwnReport    a coupled cut waits for the sibling's own next report (taken if that report is past
 *                             the sibling's hold-off and not congested itself) instead of landing at once, when
 *                             another tunnel's report arrives. At once, the sibling's hold-off edge is met at the
 *                             phase of another tunnel's report rather than of its own, so a VM with several tunnels
 *                             is cut more often than a VM with one. Under ECN every tunnel through a marking queue
 *                             sees the episode, so this is pure over-cutting (E3, seeds 1-3: the four-destination
 *                             VM at 0.930-0.944 of its share at once, 0.961-0.971 deferred; default for ECN-driven
 *                             feedback). Under loss small tunnels miss episodes, and cutting at once offsets part of
 *                             that (E3 loss-driven: the one-destination VM 0.951-0.969 at once, 0.945-0.963
 *                             deferred), so loss-driven feedback keeps false
 */
public record ControllerConfig(long intervalPs, IncreaseMode increase, double alphaBps, double beta,
                               double cubicScaleBpsPerS3, long minRateBps, long maxRateBps, long initialRateBps,
                               WeightSplit split, double usageGain, boolean ignoreStaleCongestion,
                               int activeIntervals, boolean cutFromUsage,
                               int silenceIntervals, double lossGain,
                               int coupleIntervals, double holdoffIntervals,
                               boolean coupleAtOwnReport) {
    public static final long PS_PER_MS = 1_000_000_000L;

    public ControllerConfig {
        if (intervalPs < 10_000_000L || intervalPs > 400 * PS_PER_MS) {
            throw new IllegalArgumentException("intervalPs must be in [10 us, 400 ms] (below the 16-bit sequence wrap),"
                    + " got " + intervalPs);
        }
        if (increase == null) {
            throw new IllegalArgumentException("increase must be ADDITIVE or CUBIC, got null");
        }
        if (!(alphaBps > 0) || Double.isInfinite(alphaBps)) {
            throw new IllegalArgumentException("alphaBps must be a positive finite rate, got " + alphaBps);
        }
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in (0, 1), got " + beta);
        }
        if (!(cubicScaleBpsPerS3 > 0) || Double.isInfinite(cubicScaleBpsPerS3)) {
            throw new IllegalArgumentException("cubicScaleBpsPerS3 must be positive and finite, got "
                    + cubicScaleBpsPerS3);
        }
        if (minRateBps <= 0) {
            throw new IllegalArgumentException("minRateBps must be > 0, got " + minRateBps);
        }
        if (maxRateBps < minRateBps) {
            throw new IllegalArgumentException("maxRateBps must be >= minRateBps (" + minRateBps + "), got "
                    + maxRateBps);
        }
        if (initialRateBps != 0 && (initialRateBps < minRateBps || initialRateBps > maxRateBps)) {
            throw new IllegalArgumentException("initialRateBps must be 0 (= max) or in [minRateBps, maxRateBps] = ["
                    + minRateBps + ", " + maxRateBps + "], got " + initialRateBps);
        }
        if (split == null) {
            throw new IllegalArgumentException("split must be USAGE, EQUAL or NONE, got null");
        }
        if (!(usageGain > 0 && usageGain <= 1)) {
            throw new IllegalArgumentException("usageGain must be in (0, 1], got " + usageGain);
        }
        if (!(lossGain >= 0) || Double.isInfinite(lossGain)) {
            throw new IllegalArgumentException("lossGain must be >= 0 and finite (0 = fixed cut), got " + lossGain);
        }
        if (!(holdoffIntervals >= 0 && holdoffIntervals <= 1000)) {
            throw new IllegalArgumentException("holdoffIntervals must be in [0, 1000], got " + holdoffIntervals);
        }
        if (coupleIntervals < 0) {
            throw new IllegalArgumentException("coupleIntervals must be >= 0 (0 = off), got " + coupleIntervals);
        }
        if (silenceIntervals < 0 || silenceIntervals == 1) {
            throw new IllegalArgumentException("silenceIntervals must be 0 (off) or >= 2, got " + silenceIntervals);
        }
        if (activeIntervals < 1) {
            throw new IllegalArgumentException("activeIntervals must be >= 1, got " + activeIntervals);
        }
    }

    /** The defaults, for a 1 Gb/s NIC. */
    public static ControllerConfig defaults() {
        return new ControllerConfig(PS_PER_MS, IncreaseMode.ADDITIVE, 5e6, 0.2, 4e12, 1_000_000L, 1_000_000_000L, 0,
                WeightSplit.USAGE, 0.25, true, 50, false, 5, 0.0, 1000, 3, false);
    }

    public long initialRate() {
        return initialRateBps == 0 ? maxRateBps : initialRateBps;
    }

    public ControllerConfig withMaxRateBps(long v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, v,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withCutFromUsage(boolean v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, v, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withLossGain(double v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage,
                silenceIntervals, v, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withCoupleAtOwnReport(boolean v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage,
                silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, v);
    }

    public ControllerConfig withHoldoffIntervals(double v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage,
                silenceIntervals, lossGain, coupleIntervals, v, coupleAtOwnReport);
    }

    public ControllerConfig withMinRateBps(long v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, v, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage,
                silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withCoupleIntervals(int v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage,
                silenceIntervals, lossGain, v, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withSplit(WeightSplit v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, v, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withIncrease(IncreaseMode v) {
        return new ControllerConfig(intervalPs, v, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withIntervalPs(long v) {
        return new ControllerConfig(v, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withBeta(double v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, v, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withAlphaBps(double v) {
        return new ControllerConfig(intervalPs, increase, v, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withCubicScale(double v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, v, minRateBps, maxRateBps,
                initialRateBps, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }

    public ControllerConfig withInitialRateBps(long v) {
        return new ControllerConfig(intervalPs, increase, alphaBps, beta, cubicScaleBpsPerS3, minRateBps, maxRateBps,
                v, split, usageGain, ignoreStaleCongestion, activeIntervals, cutFromUsage, silenceIntervals, lossGain, coupleIntervals, holdoffIntervals, coupleAtOwnReport);
    }
}
