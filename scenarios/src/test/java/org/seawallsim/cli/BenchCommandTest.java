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
        // Measured after a collection with the loop reachable: at least its 1 000 slots' records (16 bytes each).
        assertThat(b.get("live_heap_bytes").asLong()).isGreaterThan(16_000L);
        assertThat(b.get("wall_s").asDouble()).isPositive();
        assertThat(b.get("events_per_s").asDouble())
                // wall_s has 6 decimals, so the ratio matches to far better than 0.5% for runs over 1 ms.
                .isCloseTo(200_000 / b.get("wall_s").asDouble(), org.assertj.core.data.Percentage.withPercentage(0.5));
        // The fingerprint identifies the dispatched sequence: the same for the same seed, another for another seed.
        assertThat(b.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(run("bench", "engine", "--sizes", "1000", "--events", "200000")).isZero();
        assertThat(json.readTree(out.strip()).get("fingerprint")).isEqualTo(b.get("fingerprint"));
        assertThat(run("bench", "engine", "--sizes", "1000", "--events", "200000", "--seed", "2")).isZero();
        assertThat(json.readTree(out.strip()).get("fingerprint")).isNotEqualTo(b.get("fingerprint"));
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

    /**
     * All-to-all on a k = 4 fat-tree (16 hosts, 4 per edge switch, 8 per pod): each host cycles through the 15 others,
     * so 1 in 15 datagrams stays under its edge switch (2 links: NIC, edge port), 2 in 15 stay in the pod (4 links)
     * and 12 in 15 cross the core (6 links): 82/15 = 5.467 links per delivered datagram. At a tenth of the line rate
     * nothing is dropped. Links are counted per transmission, so the datagram each host may still have in flight at
     * the end (a flight of 6 x 13.3 us is shorter than the 123 us between sends) adds at most 16 x 5 links over some
     * 2 600 delivered: +0.03; each host's last, partial round (12 or 13 of its 15 partners) moves the mix by less
     * than 0.02. Hence 5.44 to 5.50; permutation traffic on the same tree gives a different figure.
     */
    @Test
    void allToAllTrafficVisitsEveryDestinationEqually() throws Exception {
        assertThat(run("bench", "fabric", "--k", "4", "--duration-ms", "20", "--warmup-ms", "0", "--load", "0.1",
                "--traffic", "all-to-all")).isZero();
        JsonNode r = new ObjectMapper().readTree(out.strip());
        assertThat(r.get("traffic").asText()).isEqualTo("all-to-all");
        assertThat(r.get("packets_dropped").asLong()).isZero();
        long delivered = r.get("packets_delivered").asLong();
        // 16 hosts, one 1538-B frame per 123.04 us each, for 20 ms: 162.5 per host.
        assertThat(delivered).isBetween(16L * 150, 16L * 163);
        double linksPerPacket = (double) r.get("packet_hops").asLong() / delivered;
        assertThat(linksPerPacket).isBetween(82.0 / 15 - 0.02, 82.0 / 15 + 0.035);
        assertThat(r.get("max_heap_bytes").asLong()).isPositive();
        assertThat(run("bench", "fabric", "--k", "4", "--duration-ms", "20", "--warmup-ms", "0", "--load", "0.1"))
                .isZero();
        JsonNode p = new ObjectMapper().readTree(out.strip());
        assertThat(p.get("traffic").asText()).isEqualTo("permutation");
        assertThat((double) p.get("packet_hops").asLong() / p.get("packets_delivered").asLong())
                .isNotCloseTo(linksPerPacket, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void badInputExitsWithTwoAndAMessage() {
        assertThat(run("bench", "fabric", "--k", "5", "--warmup-ms", "0")).isEqualTo(2);
        assertThat(err).contains("k must be an even number").contains("5");
        assertThat(run("bench", "engine", "--sizes", "0")).isEqualTo(2);
        assertThat(err).contains("--sizes");
        assertThat(run("bench", "fabric", "--load", "1.5")).isEqualTo(2);
        assertThat(err).contains("--load");
        assertThat(run("bench", "fabric", "--traffic", "ring", "--warmup-ms", "0")).isEqualTo(2);
        assertThat(err).contains("--traffic").contains("all-to-all").contains("ring");
        assertThat(run("bench", "fabric", "--switch-buffer-bytes", "10", "--warmup-ms", "0")).isEqualTo(2);
        assertThat(err).contains("--switch-buffer-bytes must hold one full frame").contains("10");
        // Values past the picosecond clock or the format's rate range: before, "internal error: long overflow" with
        // a stack trace, or a run that failed midway with "cannot schedule at -9223372036854775808 ps".
        for (String[] args : new String[][] {
            {"bench", "fabric", "--k", "2", "--rate-gbps", "9300000000", "--duration-ms", "1", "--warmup-ms", "0"},
            {"bench", "fabric", "--rate-gbps", "100000"},
            {"bench", "fabric", "--duration-ms", "9223372036854775807"},
            {"bench", "fabric", "--warmup-ms", "9223372036854775807"}}) {
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err).doesNotContain("internal error").doesNotContain("\tat ");
        }
        assertThat(run("bench", "engine", "--sizes", "10", "--events", "1000", "--mean-delay-ps",
                "9223372036854775807")).isEqualTo(2);
        assertThat(err).contains("--mean-delay-ps").contains("use --mean-delay-ps <=");
        // A fractional rate is a rate, not a parse error.
        assertThat(run("bench", "fabric", "--k", "4", "--rate-gbps", "0.5", "--duration-ms", "2", "--warmup-ms", "0"))
                .isZero();
    }
}
