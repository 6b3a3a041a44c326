package org.seawallsim.baseline.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.baseline.PeakQueueProbe;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * A shaping port has one buffer, shared by its tenant queues, as a DRR port does: each tenant queue was allowed the
 * whole buffer (shaperQueueBytes 0) and nothing capped the total, so N tenants flooding above their rates held N
 * buffers. With a shared buffer and longest queue drop, each still gets exactly its bucket's rate, and a tenant
 * below its rate is not crowded out by the others' backlogs. Occupancy is checked at every admission.
 */
class ShaperPortBufferTest {
    private static final long G = Rate.gbps(1);
    private static final long BUFFER = 150_000;
    private static final double IP_PER_WIRE = 1500.0 / 1538;

    @ParameterizedTest(name = "{0} tenants")
    @ValueSource(ints = {2, 4, 6})
    void floodingTenantsShareOneBufferAndKeepTheirRates(int tenants) {
        int[] tenantOf = new int[tenants];
        for (int i = 0; i < tenants; i++) {
            tenantOf[i] = i;
        }
        RateLimitScheme scheme = new RateLimitScheme(RateLimitConfig.defaults().withMode(RateLimitConfig.Mode.SHAPER));
        TestNet tn = new TestNet(11, tenants, G, G, Time.ofMicros(1), BUFFER, scheme, TestNet.vms(tenantOf, null));
        PeakQueueProbe peak = new PeakQueueProbe(tn.bottleneck);
        tn.ctx.probes().attach(peak);
        long from = Time.ofMillis(20);
        long to = Time.ofMillis(80);
        // Every tenant but the last floods at the line rate; the last sends at half its share, which it must get.
        double share = 1e9 / tenants;
        for (int t = 0; t < tenants; t++) {
            long rate = t < tenants - 1 ? G : Math.round(share / 2);
            tn.new PacedSource(tn.senders.get(t), t, t, 1500, rate, 0, to);
        }
        tn.sink.window(from, to);
        tn.ctx.loop().runUntil(to);
        System.out.printf("shaper, %d tenants: port peak %d B of %d%n", tenants, peak.peakBytes(), BUFFER);
        assertThat(peak.peakBytes()).isLessThanOrEqualTo(BUFFER);
        for (int t = 0; t < tenants - 1; t++) {
            // A flooding tenant gets its bucket's rate, its share of the wire, within one packet per window.
            assertThat(tn.sink.tenantBps(t)).as("tenant %d", t).isCloseTo(share * IP_PER_WIRE, within(0.5e6));
        }
        // The light tenant keeps all it sends: the others' backlogs push out their own packets, not its.
        assertThat(tn.sink.tenantBps(tenants - 1)).isCloseTo(share / 2 * IP_PER_WIRE, within(0.5e6));
    }
}
