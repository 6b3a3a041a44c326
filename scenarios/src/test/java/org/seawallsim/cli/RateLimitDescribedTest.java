package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What describe says of ratelimit is what a run does. It said "per-VM token buckets", while a tenant's VMs share one
 * bucket per port (a1 weight 1 and a2 weight 3 of tenant A got 380.8 and 384.9 Mb/s, A's total 4/5 of the link),
 * and "policer (drop at switch ingress, default)" beside "placement: egress (default)", while the drops are
 * counted on the egress link.
 */
class RateLimitDescribedTest {
    @Test
    void tenantsShareOneBucketPerPortAndPolicerDropsCountOnTheEgressLinkAsDescribeSays(@TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("rl.yaml");
        Files.writeString(f, """
                topology: {builder: star, hosts: 3, hostTiming: {}}
                tenants:
                  A:
                    vms:
                      a1: {host: h0, weight: 1, traffic: [{type: udp, to: r, pattern: poisson}]}
                      a2: {host: h0, weight: 3, traffic: [{type: udp, to: r, pattern: poisson}]}
                  B:
                    vms:
                      b: {host: h1, traffic: [{type: udp, to: r, pattern: poisson}]}
                      r: {host: h2}
                scheme: ratelimit
                durationS: 0.3
                warmupS: 0.1
                """);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("run", f.toString(), "--quiet", "--no-plots", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        Map<String, Double> g = new HashMap<>();
        for (JsonNode vm : s.get("vms")) {
            g.put(vm.get("name").asText(), vm.get("goodput_bps").asDouble());
        }
        // One bucket for tenant A (weight 4 of 5): its VMs split it by their sending, not 1:3 by their weights.
        assertThat(g.get("a2") / g.get("a1")).isCloseTo(1.0, within(0.1));
        assertThat((g.get("a1") + g.get("a2")) / g.get("b")).isCloseTo(4.0, within(0.2));
        // The policer (default) meters the egress port's bucket (default placement) and counts drops on that link.
        // b alone on h1's NIC drops nothing there: its out-of-profile packets (4/5 of them) count on sw0->h2, where
        // an ingress placement would have counted them on h1->sw0 (h0->sw0 also has h0's NIC drops, two floods).
        Map<String, Long> drops = new HashMap<>();
        for (JsonNode l : s.get("links")) {
            drops.put(l.get("name").asText(), l.get("drops").asLong());
        }
        assertThat(drops.get("sw0->h2")).isPositive();
        assertThat(drops.get("h1->sw0")).isZero();

        String scheme = CliRun.of("describe", "scheme").out().replaceAll("\\s+", " ");
        assertThat(scheme).contains("ratelimit (per-tenant token buckets in every switch: a tenant's VMs share one "
                + "bucket per port)").doesNotContain("per-VM");
        String schemes = CliRun.of("describe", "schemes").out().replaceAll("\\s+", " ");
        assertThat(schemes).contains("policer (default: a packet above its tenant's rate is dropped as it enters a "
                        + "switch; placement says which port's bucket meters it)",
                "egress (default: one bucket per switch egress port and tenant; drops are counted on that outgoing "
                        + "link)", "explicit rate of a tenant (all its VMs together)")
                .doesNotContain("drop at switch ingress, default");
    }
}
