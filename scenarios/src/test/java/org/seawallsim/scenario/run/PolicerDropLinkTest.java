package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A policer's drops are counted on the link it polices: under the egress placement the switch's port toward the
 * receiver, under the ingress placement each sender's link into the switch; never on a link going back to a sender,
 * which carries none of the policed data.
 */
class PolicerDropLinkTest {
    private static final String FLOODS = """
            topology: {builder: star, hosts: 4, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}
            tenants:
              t1: {weight: 1, vms: {v1: {host: h0, traffic: [{type: udp, to: r1, rateMbps: 2000}]}, r1: {host: h3}}}
              t2: {weight: 2, vms: {v2: {host: h1, traffic: [{type: udp, to: r2, rateMbps: 2000}]}, r2: {host: h3}}}
              t3: {weight: 1, vms: {v3: {host: h2, traffic: [{type: udp, to: r3, rateMbps: 2000}]}, r3: {host: h3}}}
            scheme: ratelimit
            durationS: 0.3
            warmupS: 0.1
            sampleIntervalS: 0.05
            """;

    @ParameterizedTest(name = "{0} placement")
    @ValueSource(strings = {"egress", "ingress"})
    void dropsAreCountedOnThePolicedLink(String placement, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, FLOODS, "schemeParams.ratelimit.placement=" + placement);
        Map<String, Long> drops = new HashMap<>();
        long all = 0;
        for (int i = 0; i < r.linkNames().size(); i++) {
            drops.put(r.linkNames().get(i), r.linkDrops()[i]);
            all += r.linkDrops()[i];
        }
        // Each flood offers 2 Gb/s into a 1 Gb/s NIC and is policed to its weighted share of h3's link.
        assertThat(all).isGreaterThan(10_000);
        for (String back : new String[] {"sw0->h0", "sw0->h1", "sw0->h2"}) {
            assertThat(drops.get(back)).as(back).isZero();
        }
        // The NICs take 2 Gb/s offered into 1 Gb/s links, so their own queues drop about half (counted on the
        // uplinks under both placements); the policer's drops go with them on ingress, to h3's link on egress.
        long toReceiver = drops.get("sw0->h3");
        if (placement.equals("egress")) {
            assertThat(toReceiver).isGreaterThan(all / 5);
        } else {
            assertThat(toReceiver).isLessThan(all / 100);
        }
    }
}
