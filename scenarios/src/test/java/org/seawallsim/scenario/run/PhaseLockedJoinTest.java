package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the README's "A newcomer at the NIC rate can lock an established TCP VM out for a whole RTO" (session 19,
 * probeM #2): a bulk TCP VM alone at its NIC rate leaves the receiver's drop-tail port empty; a newcomer that opens at
 * the NIC rate fills it in about a millisecond, and from then on two back-to-back 1 Gb/s streams meet at a full port,
 * where whichever arrives first after each departure takes the freed slot, the same one every time (README, "Saturated
 * drop-tail ports split NIC-rate floods by phase"). The loser loses every packet for the ~2 ms its guest needs to send
 * out its window, so its TCP gets no duplicate ACK and waits for the 200-ms minimum RTO (no tail-loss probe: session
 * 10). Loss-driven Seawall cannot see it either: a loss is a sequence gap, and none of the loser's packets arrives to
 * open one (its reports say lost = 0), and neither does the winner lose any.
 *
 * <p>This is not Seawall's doing: plain TCP silences a the same way on the same file in seeds 3-6 (in seeds 1-2 the
 * newcomer holds the losing phase instead). The pins below move only if the guest TCP (a tail-loss probe), the
 * drop-tail port or the tunnels' opening rate change, and then the README's text has to be measured again.
 */
class PhaseLockedJoinTest {
    @TempDir
    Path dir;

    /** probeM's ab.yaml, cut to 0.6 s (the samples up to 0.6 s are those of the 0.8-s run, seed for seed). */
    private static final String JOIN = """
            topology: {builder: star, hosts: 3, rateGbps: 1, delayUs: 5, hostTiming: {}}
            tenants:
              A: {weight: 1, vms: {a: {host: h0, traffic: [{type: bulk, to: ar}]}, ar: {host: h2}}}
              B: {weight: 1, vms: {b: {host: h1, traffic: [{type: shuffle, to: [br1, br2], sizeBytes: 2000000,
                                                            startS: 0.3}]},
                                   br1: {host: h2}, br2: {host: h2}}}
            scheme: seawall
            durationS: 0.6
            warmupS: 0
            sampleIntervalS: 0.01
            """;

    private static final String[] ECN = {"topology.ecnThresholdBytes=60000", "topology.bufferBytes=131072",
        "schemeParams.seawall.feedback=ecn"};

    /**
     * The longest run of consecutive 10-ms samples in which VM a got under 1 % of what the ideal owed it (the
     * LockedOutNote's threshold), and the end time of the run's first sample.
     */
    private double[] longestSilence(RunResult r) {
        int a = r.scenario().vm("a").id();
        SeriesData s = r.series();
        int best = 0;
        int cur = 0;
        double bestStart = Double.NaN;
        double start = Double.NaN;
        for (int k = 0; k < s.times.size(); k++) {
            double ideal = s.vmIdeal.get(k)[a];
            if (ideal > 0 && s.vmGoodput.get(k)[a] < 0.01 * ideal) {
                if (cur++ == 0) {
                    start = s.times.get(k);
                }
                if (cur > best) {
                    best = cur;
                    bestStart = start;
                }
            } else {
                cur = 0;
            }
        }
        return new double[] {best, bestStart};
    }

    private double[] silence(int seed, String... overrides) throws Exception {
        String[] all = new String[overrides.length + 1];
        all[0] = "seed=" + seed;
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        return longestSilence(ScenarioRuns.run(dir, JOIN, all));
    }

    /**
     * Seed 1 (measured: 19 samples, 0.32-0.50 s, under loss-driven Seawall; seed 3 under tcp the same): at least 15
     * samples, 150 ms, is most of the 200-ms minimum RTO and far beyond any cut's effect (a cut lowers a rate by
     * beta, 20 %); starting within 50 ms of the join.
     */
    @Test
    void theLoserOfThePhaseWaitsOutItsRetransmissionTimeoutUnderLossDrivenSeawallAndPlainTcpAlike() throws Exception {
        double[] seawall = silence(1);
        assertThat(seawall[0]).as("samples of a's silence, loss-driven Seawall, seed 1").isGreaterThanOrEqualTo(15);
        assertThat(seawall[1]).isBetween(0.305, 0.35);
        double[] tcp = silence(3, "scheme=tcp");
        assertThat(tcp[0]).as("samples of a's silence, plain TCP, seed 3").isGreaterThanOrEqualTo(15);
        assertThat(tcp[1]).isBetween(0.305, 0.35);
    }

    /**
     * The documented ways out, same seed: ECN-driven feedback marks the queue before it is full (measured over seeds
     * 1-6: no silent sample), and a tunnel that opens below the NIC rate never meets the port back to back
     * ({@code initialRateMbps: 100}, seeds 1-6: none; its cost is the slower start, utilization 0.86-0.87 against
     * 0.95-0.96 in the seeds without a lock-out).
     */
    @Test
    void ecnFeedbackAndAnOpeningRateBelowTheNicRateKeepTheEstablishedVmSending() throws Exception {
        assertThat(silence(1, ECN)[0]).as("ECN-driven").isZero();
        assertThat(silence(1, "schemeParams.seawall.initialRateMbps=100")[0]).as("initialRateMbps 100").isZero();
    }
}
