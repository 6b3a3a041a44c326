package org.seawallsim.baseline.drr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.baseline.PeakQueueProbe;
import org.seawallsim.baseline.TcpRun;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * A DRR port has one buffer, shared by its tenant queues: with every queue limited only by the port buffer (the
 * default), N busy queues held up to N x the buffer (3 UDP floods: 450 000 B in a 150 000 B port). The occupancy is
 * checked at every admission, not sampled.
 */
class DrrPortBufferTest {
    private static final long G = Rate.gbps(1);
    private static final long BUFFER = 150_000;
    private static final double LINE_IP_BPS = 1e9 * 1500 / 1538;

    private static int[] oneTenantPerHost(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    @ParameterizedTest(name = "{0} tenants")
    @ValueSource(ints = {3, 8, 10})
    void udpFloodsNeverHoldMoreThanThePortBuffer(int tenants) {
        TestNet tn = new TestNet(5, tenants, G, G, Time.ofMicros(1), BUFFER, new DrrScheme(DrrConfig.defaults()),
                TestNet.vms(oneTenantPerHost(tenants), null));
        PeakQueueProbe peak = new PeakQueueProbe(tn.bottleneck);
        tn.ctx.probes().attach(peak);
        for (int t = 0; t < tenants; t++) {
            tn.new PacedSource(tn.senders.get(t), t, t, 1500, G, 0, Time.ofMillis(40), 0.5);
        }
        tn.ctx.loop().runUntil(Time.ofMillis(40));
        System.out.printf("DRR %d UDP floods: port peak %d B of %d%n", tenants, peak.peakBytes(), BUFFER);
        assertThat(peak.peakBytes()).isLessThanOrEqualTo(BUFFER).isGreaterThan(BUFFER - 2 * 1500);
        assertThat(tn.bottleneck.queue().bytes()).isLessThanOrEqualTo(BUFFER);
    }

    @ParameterizedTest(name = "{0} tenants")
    @ValueSource(ints = {3, 8, 10})
    void tcpTenantsNeverHoldMoreThanThePortBuffer(int tenants) {
        TcpRun run = new TcpRun(9, new DrrScheme(DrrConfig.defaults()), oneTenantPerHost(tenants), null, G, G,
                Time.ofMicros(10), BUFFER);
        PeakQueueProbe peak = new PeakQueueProbe(run.tn.bottleneck);
        run.tn.ctx.probes().attach(peak);
        for (int h = 0; h < tenants; h++) {
            // Tenant h runs h + 1 flows, so the queues fill unevenly.
            for (int i = 0; i <= h; i++) {
                run.tcp(h, Time.ofMicros(3 * h + 7 * i));
            }
        }
        run.tn.ctx.loop().runUntil(Time.ofMillis(300));
        System.out.printf("DRR %d TCP tenants: port peak %d B of %d%n", tenants, peak.peakBytes(), BUFFER);
        assertThat(peak.peakBytes()).isLessThanOrEqualTo(BUFFER).isGreaterThan(BUFFER / 2);
    }

    @Test
    void weightsOneTwoFiveStillGetExactSharesOfTheSharedBuffer() {
        // Weighted max-min on the 1 Gb/s port with three line-rate floods: 1/8, 2/8 and 5/8 of it. Plain drop-tail on
        // the shared buffer admits each flood alike, so the weight-5 queue drained and got about 1/8 (measured
        // 384/452/121 Mb/s of payload); pushing out from the longest queue keeps every queue backlogged.
        TestNet tn = new TestNet(5, 3, G, G, Time.ofMicros(1), BUFFER, new DrrScheme(DrrConfig.defaults()),
                TestNet.vms(new int[] {0, 1, 2}, new double[] {1, 2, 5}));
        PeakQueueProbe peak = new PeakQueueProbe(tn.bottleneck);
        tn.ctx.probes().attach(peak);
        for (int t = 0; t < 3; t++) {
            tn.new PacedSource(tn.senders.get(t), t, t, 1500, G, 0, Time.ofMillis(120), 0.5);
        }
        tn.sink.window(Time.ofMillis(20), Time.ofMillis(120));
        tn.ctx.loop().runUntil(Time.ofMillis(120));
        double[] share = {1.0 / 8, 2.0 / 8, 5.0 / 8};
        for (int t = 0; t < 3; t++) {
            assertThat(tn.sink.tenantBps(t)).as("tenant %d", t)
                    .isCloseTo(share[t] * LINE_IP_BPS, within(0.01 * share[t] * LINE_IP_BPS));
        }
        assertThat(peak.peakBytes()).isLessThanOrEqualTo(BUFFER);
    }
}
