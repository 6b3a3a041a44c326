package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code seawall-sim bench engine|fabric} on tiny cases: one well-formed JSON line each, consistent counts. */
class BenchCommandTest {
    private String out;
    private String err;

    private int run(String... args) {
        CliRun r = CliRun.of(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void engineBenchPrintsOneJsonLinePerSize() throws Exception {
        assertThat(run("bench", "engine", "--sizes", "10,1000", "--events", "200000")).isZero();
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(lines[0]);
        JsonNode b = json.readTree(lines[1]);
        assertThat(a.get("case").asText()).isEqualTo("engine-hold");
        assertThat(a.get("n").asInt()).isEqualTo(10);
        assertThat(b.get("n").asInt()).isEqualTo(1000);
        assertThat(b.get("events").asLong()).isEqualTo(200_000);
        // The hold model keeps exactly n events pending.
        assertThat(b.get("pending").asInt()).isEqualTo(1000);
        assertThat(b.get("wall_s").asDouble()).isPositive();
        assertThat(b.get("events_per_s").asDouble())
                // wall_s has 6 decimals, so the ratio matches to far better than 0.5% for runs over 1 ms.
                .isCloseTo(200_000 / b.get("wall_s").asDouble(), org.assertj.core.data.Percentage.withPercentage(0.5));
    }

    @Test
    void fabricBenchBalancesPacketsAndReportsHops() throws Exception {
        assertThat(run("bench", "fabric", "--k", "4", "--duration-ms", "5", "--warmup-ms", "0", "--load", "0.5"))
                .isZero();
        JsonNode r = new ObjectMapper().readTree(out.strip());
        assertThat(r.get("hosts").asInt()).isEqualTo(16);
        long sent = r.get("packets_sent").asLong();
        long delivered = r.get("packets_delivered").asLong();
        // 16 hosts at half of 1 Gb/s with 1538-B frames for 5 ms: 16 * 5 ms / 24.608 us = 3251 packets (+-16 for
        // the random start phase of each source).
        assertThat(sent).isBetween(3235L, 3267L);
        assertThat(delivered).isPositive();
        assertThat(r.get("packets_dropped").asLong()).isGreaterThanOrEqualTo(0);
        // Every delivered packet crossed at least two links (NIC and the edge switch's port).
        assertThat(r.get("packet_hops").asLong()).isGreaterThanOrEqualTo(2 * delivered);
        assertThat(r.get("events").asLong()).isPositive();
        assertThat(r.get("packet_hops_per_s").asDouble()).isPositive();
    }

    @Test
    void badInputExitsWithTwoAndAMessage() {
        assertThat(run("bench", "fabric", "--k", "5", "--warmup-ms", "0")).isEqualTo(2);
        assertThat(err).contains("k must be an even number").contains("5");
        assertThat(run("bench", "engine", "--sizes", "0")).isEqualTo(2);
        assertThat(err).contains("--sizes");
        assertThat(run("bench", "fabric", "--load", "1.5")).isEqualTo(2);
        assertThat(err).contains("--load");
    }
}
