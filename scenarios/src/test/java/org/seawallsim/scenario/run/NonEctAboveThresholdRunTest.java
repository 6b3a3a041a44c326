package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.scenario.model.Problem;
import org.seawallsim.scenario.model.ScenarioException;

/**
 * topology.nonEctAboveThreshold. The README's case: one DCTCP flow beside one non-ECN NewReno flow on a 1 Gb/s trunk
 * with K = 30 760 bytes and a 300-KB buffer. The ECN step marks the DCTCP flow's packets above K and lets NewReno's in
 * up to the buffer, so NewReno keeps the queue near the buffer and DCTCP, backing off at every mark, gets almost
 * nothing (measured over seeds 1-3: DCTCP 5.5, 2.1, 4.4 Mb/s against 936.0, 939.4, 937.0; trunk queue 229, 236, 200
 * KB on average after the warm-up). With {@code drop} (RFC 3168 section 7) NewReno's packets are dropped where DCTCP's
 * are marked: the queue stays below K (23.9, 25.3, 25.7 KB on average) and DCTCP gets the trunk (941.3, 941.2, 941.2
 * Mb/s). The starvation turns round: NewReno, losing whatever it sends above K, gets 0.2 Mb/s in each seed. That is
 * what a drop-tail buffer of K bytes does to it beside a flow that holds the queue there (two NewReno flows in a
 * 30 760-byte buffer: 941.4 and 0.7 Mb/s), and why DCTCP deployments keep non-ECN traffic in another queue.
 */
class NonEctAboveThresholdRunTest {
    private static final long K = 30_760;
    private static final String YAML = """
            topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 300000, ecnThresholdBytes: 30760, hostTiming: {}%s}
            tenants:
              A: {vms: {d: {host: h0, traffic: [{type: bulk, to: dr, flows: 1, %s}]}, dr: {host: h2}}}
              B: {vms: {n: {host: h1, traffic: [{type: bulk, to: nr, flows: 1}]}, nr: {host: h3}}}
            scheme: tcp
            durationS: 2.0
            warmupS: 0.5
            sampleIntervalS: 0.01
            """;
    /** The trunk's IP goodput with full-size packets: 1e9 x 1448 / 1538 (TCP payload per wire frame). */
    private static final double TRUNK_BPS = 941.5e6;

    /** Mean of the sampled queue on the trunk after the warm-up. */
    private static double trunkQueueMean(RunResult r) {
        int i = r.linkNames().indexOf("swL->swR");
        assertThat(i).isNotNegative();
        double sum = 0;
        int n = 0;
        for (int s = 0; s < r.series().times.size(); s++) {
            if (r.series().times.get(s) >= 0.5) {
                sum += r.series().queueBytes.get(s)[i];
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void dropKeepsTheQueueNearKAndNewRenoNoLongerStarvesDctcp(@TempDir Path dir) throws Exception {
        for (int seed = 1; seed <= 3; seed++) {
            String setSeed = "seed=" + seed;
            RunResult absent = ScenarioRuns.run(dir, YAML.formatted("", "variant: dctcp"), setSeed);
            RunResult queue = ScenarioRuns.run(dir, YAML.formatted(", nonEctAboveThreshold: queue",
                    "variant: dctcp"), setSeed);
            RunResult drop = ScenarioRuns.run(dir, YAML.formatted(", nonEctAboveThreshold: drop",
                    "variant: dctcp"), setSeed);
            String s = "seed " + seed;
            // queue is today's behaviour, packet for packet.
            assertThat(queue.fingerprint()).as(s).isEqualTo(absent.fingerprint());
            assertThat(queue.vmGoodputBps()).as(s).containsExactly(absent.vmGoodputBps());
            double[] q = queue.vmGoodputBps();
            double[] d = drop.vmGoodputBps();
            double qMean = trunkQueueMean(queue);
            double dMean = trunkQueueMean(drop);
            System.out.printf("seed %d: queue: DCTCP %.1f NewReno %.1f Mb/s, trunk queue %.0f B; drop: DCTCP %.1f "
                    + "NewReno %.1f Mb/s, trunk queue %.0f B%n", seed, q[0] / 1e6, q[2] / 1e6, qMean, d[0] / 1e6,
                    d[2] / 1e6, dMean);
            // VMs d, dr, n, nr. queue: NewReno holds the buffer (200-236 KB measured), DCTCP under 1 % (2-6 Mb/s).
            assertThat(q[0]).as(s).isLessThan(0.02 * TRUNK_BPS);
            assertThat(qMean).as(s).isGreaterThan(150_000);
            // drop: the queue stays under K (24-26 KB measured); DCTCP has the trunk (941.2-941.3 Mb/s measured).
            assertThat(dMean).as(s).isBetween(0.5 * K, (double) K);
            assertThat(d[0]).as(s).isGreaterThan(0.95 * TRUNK_BPS);
            assertThat(d[0] + d[2]).as(s).isGreaterThan(0.99 * TRUNK_BPS);
            // ... and NewReno, dropped above K, now gets next to nothing (0.2 Mb/s measured in each seed).
            assertThat(d[2]).as(s).isLessThan(0.01 * TRUNK_BPS);
        }
    }

    /**
     * For traffic that is not ECN-capable, dropping above K is a drop-tail buffer of K bytes: two non-ECN NewReno
     * flows run packet for packet as they do in a 30 760-byte buffer without ECN.
     */
    @Test
    void forNonEcnTrafficDropAboveKIsABufferOfK(@TempDir Path dir) throws Exception {
        RunResult drop = ScenarioRuns.run(dir, YAML.formatted(", nonEctAboveThreshold: drop", "variant: newreno"));
        RunResult buffer = ScenarioRuns.run(dir, YAML.formatted("", "variant: newreno"),
                "topology.bufferBytes=30760", "topology.ecnThresholdBytes=0");
        assertThat(drop.fingerprint()).isEqualTo(buffer.fingerprint());
        assertThat(drop.vmGoodputBps()).containsExactly(buffer.vmGoodputBps());
        assertThat(drop.linkDrops()).containsExactly(buffer.linkDrops());
    }

    @Test
    void dropWithoutAThresholdAndUnknownValuesAreRefusedAtTheirLine(@TempDir Path dir) throws Exception {
        String yaml = """
                topology:
                  builder: dumbbell
                  hosts: 1
                  nonEctAboveThreshold: %s
                tenants:
                  A: {vms: {a: {host: h0, traffic: [{type: bulk, to: b}]}, b: {host: h1}}}
                durationS: 2
                """;
        Problem p = problem(dir, yaml.formatted("drop"));
        assertThat(p.path()).isEqualTo("topology.nonEctAboveThreshold");
        assertThat(p.loc().line()).isEqualTo(4);
        assertThat(p.loc().file()).endsWith(".yaml");
        assertThat(p.message()).contains("ecnThresholdBytes").contains("queue");
        Problem bad = problem(dir, yaml.formatted("mark"));
        assertThat(bad.path()).isEqualTo("topology.nonEctAboveThreshold");
        assertThat(bad.loc().line()).isEqualTo(4);
        assertThat(bad.message()).contains("mark").contains("queue").contains("drop");
        // With a threshold both values load; queue is the default.
        assertThat(ScenarioRuns.load(dir, yaml.formatted("drop").replace("hosts: 1", "hosts: 1\n  ecnThresholdBytes: 30000"))
                .topology().dropsNonEct()).isTrue();
        assertThat(ScenarioRuns.load(dir, yaml.replace("  nonEctAboveThreshold: %s\n", "")).topology()
                .nonEctAboveThreshold()).isEqualTo("queue");
    }

    private static Problem problem(Path dir, String yaml) throws Exception {
        try {
            ScenarioRuns.load(dir, yaml);
        } catch (ScenarioException e) {
            List<Problem> ps = e.problems();
            assertThat(ps).as(ps.toString()).hasSize(1);
            return ps.get(0);
        }
        throw new AssertionError("expected a problem for:\n" + yaml);
    }
}
