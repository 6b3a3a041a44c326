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
 *
 * @param enabled             whether destinations report at all
 * @param congestedIntervals  streak length before rule 1 can fire
 * @param intervalsPerCut     intervals an honest sender may take per cut (feedback delay plus the stale-report skip)
 * @param beta                the decrease factor honest senders use (the controller's beta)
 * @param minSuspectRateBps   tunnels slower than this are never reported (they cannot hurt much)
 * @param minPackets          packets an interval needs before rule 2 applies
 * @param invalidFraction     fraction of bad sequence numbers that makes stamps invalid
 */
public record DetectorConfig(boolean enabled, int congestedIntervals, int intervalsPerCut, double beta,
                             long minSuspectRateBps, int minPackets, double invalidFraction) {
    public DetectorConfig {
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

    /** The arrival-rate fraction an honest sender must be under at the end of a full streak. */
    public double honestFraction() {
        return Math.pow(1 - beta, congestedIntervals / intervalsPerCut);
    }
}
