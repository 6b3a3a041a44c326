package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * summary.json's drops add up: metrics.drops is the links' drops plus other_drops (Seawall's SW-port queues,
 * hosts' rings, filters), and report.html names the part no link shows. Under Seawall metrics.drops read 100 above
 * a links table of zeros, with nothing saying where they were.
 */
class DropsAddUpTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seawall", "tcp", "drr"})
    void metricsDropsAreTheLinksDropsPlusTheOthers(String scheme, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
                tenants:
                  a: {vms: {a0: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000, pattern: poisson}]}, ar: {host: h2}}}
                  b: {vms: {b0: {host: h1, traffic: [{type: bulk, to: br}]}, br: {host: h3}}}
                scheme: %s
                durationS: 0.6
                warmupS: 0.2
                """.formatted(scheme));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("run", f.toString(), "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        long links = 0;
        for (JsonNode l : s.get("links")) {
            links += l.get("drops").asLong();
        }
        long other = s.get("other_drops").asLong();
        assertThat(s.get("metrics").get("drops").asLong()).isEqualTo(links + other).isPositive();
        if (scheme.equals("seawall")) {
            // The 2 Gb/s flood is held back in its SW-port queue, at no link.
            assertThat(other).isPositive();
            assertThat(Files.readString(out.resolve("report.html"))).contains("drops outside links");
        }
    }
}
