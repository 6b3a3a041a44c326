package org.seawallsim.baseline.drr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * Open-loop sources through per-tenant DRR on a 1 Gb/s port. With every queue backlogged, DRR's service is within
 * one quantum plus one max packet of the weighted share per round, i.e. a few kB against ~12 MB per 100 ms window:
 * 0.5% is a generous bound that still catches any weighting error.
 */
class DrrSchemeTest {
    private static final long G = Rate.gbps(1);
    private static final double LINE_IP_BPS = 1e9 * 1500 / 1538;

    @Test
    void backloggedTenantsGetWeightProportionalSharesAndIdleShareIsRedistributed() {
        DrrScheme scheme = new DrrScheme(DrrConfig.defaults());
        TestNet tn = new TestNet(5, 3, G, G, Time.ofMicros(1), 150_000, scheme,
                TestNet.vms(new int[] {0, 1, 2}, new double[] {1, 2, 3}));
        long stop2 = Time.ofMillis(120);
        for (int t = 0; t < 3; t++) {
            tn.new PacedSource(tn.senders.get(t), t, t, 1500, G, 0, t == 2 ? stop2 : Time.ofMillis(250));
        }
        tn.sink.window(Time.ofMillis(10), Time.ofMillis(110));
        tn.ctx.loop().runUntil(Time.ofMillis(110));
        assertThat(tn.sink.tenantBps(0)).isCloseTo(LINE_IP_BPS / 6, within(0.005 * LINE_IP_BPS));
        assertThat(tn.sink.tenantBps(1)).isCloseTo(LINE_IP_BPS / 3, within(0.005 * LINE_IP_BPS));
        assertThat(tn.sink.tenantBps(2)).isCloseTo(LINE_IP_BPS / 2, within(0.005 * LINE_IP_BPS));
        // Work conserving: once tenant 2 stops (and its queue drains), 1 and 2 split the whole link 1:2.
        tn.sink.window(Time.ofMillis(140), Time.ofMillis(240));
        tn.ctx.loop().runUntil(Time.ofMillis(240));
        assertThat(tn.sink.tenantBps(0)).isCloseTo(LINE_IP_BPS / 3, within(0.005 * LINE_IP_BPS));
        assertThat(tn.sink.tenantBps(1)).isCloseTo(2 * LINE_IP_BPS / 3, within(0.005 * LINE_IP_BPS));
    }

    @Test
    void withTwelveTenantsOnEightQueuesTenantsSharingAQueueLoseIsolation() {
        // Tenants 0 and 8 share queue 0 (static map t mod 8); tenant 8 sends 200 Mb/s, tenant 0 floods at 1 Gb/s.
        // Every other tenant floods too. Queues 0..3 hold two tenants (quantum weight 2), queues 4..7 one, 12 in
        // all: queue 0 gets 2/12 of the link and queue 4 gets 1/12. Inside queue 0, FIFO drop-tail shares by
        // arrival rate, so tenant 8 gets 1/6 x 200/1200 = 1/36 of the link instead of its weighted 1/12, while
        // tenant 4, alone in its queue, gets exactly 1/12.
        int[] tenants = new int[12];
        for (int i = 0; i < 12; i++) {
            tenants[i] = i;
        }
        DrrScheme scheme = new DrrScheme(DrrConfig.defaults());
        TestNet tn = new TestNet(5, 12, G, G, Time.ofMicros(1), 150_000, scheme, TestNet.vms(tenants, null));
        // Arrival-rate sharing is a statement about unsynchronized arrivals. Sources at exact intervals keep fixed
        // phases at the queue, and which of two packets due at one instant wins a freed buffer slot would then
        // decide the split; +-50 % gap jitter (mean rate unchanged) removes that artefact.
        for (int t = 0; t < 12; t++) {
            tn.new PacedSource(tn.senders.get(t), t, t, 1500, t == 8 ? Rate.mbps(200) : G, 0, Time.ofMillis(120),
                    0.5);
        }
        tn.sink.window(Time.ofMillis(20), Time.ofMillis(120));
        tn.ctx.loop().runUntil(Time.ofMillis(120));
        double link = LINE_IP_BPS;
        assertThat(tn.sink.tenantBps(4)).isCloseTo(link / 12, within(0.005 * link));
        // DRR gives queue 0 its two tenants' weight, 2/12 of the link, whoever inside it wins.
        assertThat(tn.sink.tenantBps(0) + tn.sink.tenantBps(8)).isCloseTo(link / 6, within(0.005 * link));
        // Inside queue 0, drop-tail hands each freed slot to whichever packet arrives next: 1/6 of them to tenant 8
        // for Poisson arrivals (1/36 of the link). Tenant 0's NIC, backlogged at line rate, spaces its packets
        // evenly, and an even stream reaches a freed slot sooner than a jittered one, so tenant 8 gets less
        // (measured 0.73x); allow a factor of 2 either way around the Poisson value.
        assertThat(tn.sink.tenantBps(8)).isBetween(link / 72, link / 18);
        assertThat(tn.sink.tenantBps(8)).isLessThan(0.4 * link / 12);
    }

    @Test
    void weightChangeAtRunTimeRescalesQuanta() {
        DrrScheme scheme = new DrrScheme(DrrConfig.defaults());
        TestNet tn = new TestNet(5, 2, G, G, Time.ofMicros(1), 150_000, scheme, TestNet.vms(new int[] {0, 1}, null));
        for (int t = 0; t < 2; t++) {
            tn.new PacedSource(tn.senders.get(t), t, t, 1500, G, 0, Time.ofMillis(200));
        }
        tn.ctx.loop().runUntil(Time.ofMillis(50));
        scheme.setWeight(1, 3.0);
        assertThat(scheme.plan().quantumBytes(1)).isEqualTo(3 * 1538);
        tn.sink.window(Time.ofMillis(70), Time.ofMillis(170));
        tn.ctx.loop().runUntil(Time.ofMillis(170));
        assertThat(tn.sink.tenantBps(0)).isCloseTo(LINE_IP_BPS / 4, within(0.005 * LINE_IP_BPS));
        assertThat(tn.sink.tenantBps(1)).isCloseTo(3 * LINE_IP_BPS / 4, within(0.005 * LINE_IP_BPS));
    }
}
