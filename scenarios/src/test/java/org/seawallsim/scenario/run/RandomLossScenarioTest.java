package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code topology.loss} from a scenario file: one NewReno flow follows the Mathis square-root law across loss rates
 * and path delays, the loss lands on the links chosen, and Seawall keeps its weights when loss that is not
 * congestion cuts its tunnels.
 */
class RandomLossScenarioTest {
    private static final String MATHIS = """
            topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: %s, loss: {rate: %s, links: core, packets: data}}
            tenants:
              t1: {vms: {a: {host: h0, traffic: [{type: bulk, to: b}]}, b: {host: h1}}}
            scheme: tcp
            seed: %s
            durationS: 12
            warmupS: 2
            """;

    /**
     * Mathis et al. 1997: BW = 1.22 MSS / (RTT sqrt p), one ACK per segment, as our guest TCP sends them. RTT is
     * the path's: 3 links each way at the given delay, plus a 1538-byte frame's and a 90-byte ACK frame's
     * serialization at each of the 3 hops (the loss-limited window never builds a queue). Measured 0.84-1.04 of the
     * law over these 12 cases. The law ignores retransmission time-outs, which dominate from a few per cent of loss
     * on (3 %: 0.21-0.41 of it with the 200-ms minimum RTO), so the sweep stops at 1 %. Tolerance 25 %: the law's
     * constant assumes periodic loss, and random loss shifts it by 10-20 % (Padhye et al. 1998).
     */
    @ParameterizedTest(name = "loss {0}, {1} us one way, seed {2}")
    @CsvSource({"0.001, 100, 1", "0.001, 250, 2", "0.003, 100, 1", "0.003, 250, 2", "0.01, 100, 1", "0.01, 250, 2",
        "0.001, 100, 3", "0.001, 250, 4", "0.003, 100, 3", "0.003, 250, 4", "0.01, 100, 3", "0.01, 250, 4"})
    void oneNewRenoFlowFollowsTheMathisLaw(double p, double delayUs, int seed, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, MATHIS.formatted(delayUs, p, seed));
        double rttS = 6 * delayUs * 1e-6 + 3 * (1538 + 90) * 8 / 1e9;
        double mathisBps = 1.22 * 1448 * 8 / (rttS * Math.sqrt(p));
        assertThat(r.vmGoodputBps()[0]).isBetween(0.75 * mathisBps, 1.25 * mathisBps);
        // Loss on the core link only, data frames only: the trunk towards b loses, nothing else does.
        for (int i = 0; i < r.linkNames().size(); i++) {
            String link = r.linkNames().get(i);
            assertThat(r.linkLost()[i]).as(link).isEqualTo(link.equals("swL->swR") ? r.linkDrops()[i] : 0);
        }
        int trunk = r.linkNames().indexOf("swL->swR");
        // Frames over the trunk in the measured 10 s: at least the goodput's segments (retransmissions add more).
        double segments = r.vmGoodputBps()[0] * 10 / (1448 * 8);
        assertThat((double) r.linkLost()[trunk]).isBetween(0.8 * p * segments, 1.3 * p * segments);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("topology.loss", "assumes lossless links"));
    }

    private static final String WEIGHTS = """
            topology: {builder: dumbbell, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}, loss: {rate: %s}}
            tenants:
              t1: {weight: 1, vms: {v1: {host: h0, traffic: [{type: udp, to: r1, rateMbps: 2000, pattern: poisson}]}, r1: {host: h3}}}
              t2: {weight: 2, vms: {v2: {host: h1, traffic: [{type: udp, to: r2, rateMbps: 2000, pattern: poisson}]}, r2: {host: h3}}}
              t3: {weight: 3, vms: {v3: {host: h2, traffic: [{type: udp, to: r3, rateMbps: 2000, pattern: poisson}]}, r3: {host: h3}}}
            scheme: seawall
            durationS: 2
            warmupS: 1
            """;

    /**
     * Seawall takes random loss for congestion, as a loss- or mark-driven end-to-end loop must (its receivers cannot
     * tell a corrupted frame from a dropped one), so the trunk's utilization falls as loss grows (measured 0.99,
     * 0.81 and 0.30 at 1e-4, 1e-3 and 1e-2, loss-driven): a property of the scheme, shown, not corrected. With the
     * receivers on one host, its coupled cuts hit the three tunnels together and the VMs stay at 1:2:3 (measured
     * within 3 %; tolerance 10 %), and no honest VM is accused.
     */
    @ParameterizedTest(name = "loss {0}, {1} feedback")
    @CsvSource({"0.0001, loss", "0.001, loss", "0.01, loss", "0.0001, ecn", "0.001, ecn", "0.01, ecn"})
    void seawallKeepsItsWeightsUnderRandomLoss(double p, String feedback, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, WEIGHTS.formatted(p), "schemeParams.seawall.feedback=" + feedback);
        double[] g = r.vmGoodputBps();
        int v1 = 0;
        int v2 = 2;
        int v3 = 4;
        assertThat(g[v1]).isPositive();
        assertThat(g[v2] / g[v1]).isBetween(1.8, 2.2);
        assertThat(g[v3] / g[v1]).isBetween(2.7, 3.3);
        assertThat(r.accusations()).isEmpty();
        long lost = 0;
        for (long l : r.linkLost()) {
            lost += l;
        }
        assertThat(lost).isPositive();
    }

    /**
     * With the receivers on three hosts nothing synchronizes the cuts, and random loss compresses the weights: a
     * tunnel sending k times as many packets loses one in about k times as many intervals and is cut that much
     * more often (measured 1:1.93:2.77 without loss, 1:1.69:2.08 at 1e-3, 1:1.38:1.75 at 1e-2, loss-driven, seed
     * 1). A property of a per-interval loss signal, documented in the README; what must hold is the order of the
     * weights and no accusation.
     */
    @ParameterizedTest(name = "loss {0}, {1} feedback, receivers on three hosts")
    @CsvSource({"0.0001, loss", "0.001, loss", "0.01, loss", "0.001, ecn"})
    void randomLossCompressesWeightsWithoutReceiverCoupling(double p, String feedback, @TempDir Path dir)
            throws Exception {
        // The dumbbell's right side is h3, h4, h5: one receiver on each.
        String yaml = WEIGHTS.formatted(p).replace("r2: {host: h3}", "r2: {host: h4}")
                .replace("r3: {host: h3}", "r3: {host: h5}");
        assertThat(yaml).contains("r2: {host: h4}", "r3: {host: h5}");
        RunResult r = ScenarioRuns.run(dir, yaml, "schemeParams.seawall.feedback=" + feedback);
        double[] g = r.vmGoodputBps();
        System.out.printf("loss %s %s, receivers apart: %.1f / %.1f / %.1f Mb/s%n", p, feedback, g[0] / 1e6,
                g[2] / 1e6, g[4] / 1e6);
        assertThat(g[0]).isPositive();
        assertThat(g[2]).isGreaterThan(1.2 * g[0]);
        assertThat(g[4]).isGreaterThan(1.1 * g[2]);
        assertThat(g[4] / g[0]).isLessThan(3.3);
        assertThat(r.accusations()).isEmpty();
    }
}
