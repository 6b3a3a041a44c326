package org.seawallsim.baseline.qcn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/** QCN end to end on one switch, with greedy test sources (always backlogged, as in the QCN papers). */
class QcnNetworkTest {
    static final long BUFFER = 300_000;

    /** Samples the bottleneck queue every 10 us inside a window. */
    static final class QueueSampler implements EventTarget {
        final TestNet tn;
        final long fromPs;
        final long toPs;
        long n;
        double sum;
        long max;
        long min = Long.MAX_VALUE;

        QueueSampler(TestNet tn, long fromPs, long toPs) {
            this.tn = tn;
            this.fromPs = fromPs;
            this.toPs = toPs;
            tn.ctx.loop().schedule(fromPs, this, 0);
        }

        @Override
        public void onEvent(int tag) {
            long q = tn.bottleneck.queue().bytes();
            n++;
            sum += q;
            max = Math.max(max, q);
            min = Math.min(min, q);
            if (tn.ctx.nowPs() + Time.ofMicros(10) < toPs) {
                tn.ctx.loop().scheduleIn(Time.ofMicros(10), this, 0);
            }
        }

        double mean() {
            return sum / n;
        }
    }

    record R7(double meanQ, long minQ, long maxQ, double busy, long drops, long cnms) {
    }

    static R7 runStability(int flows, long hostRateBps, long warmupPs, long endPs) {
        return runStability(flows, hostRateBps, Time.ofMicros(1), warmupPs, endPs);
    }

    static R7 runStability(int flows, long hostRateBps, long linkDelayPs, long warmupPs, long endPs) {
        QcnScheme scheme = new QcnScheme(QcnConfig.defaults());
        int[] tenants = new int[flows];
        TestNet tn = new TestNet(17, flows, hostRateBps, Rate.gbps(10), linkDelayPs, BUFFER, scheme,
                TestNet.vms(tenants, null));
        for (int i = 0; i < flows; i++) {
            tn.new BackloggedSource(tn.senders.get(i), 0, i, 8, Time.ofMicros(3 * i), endPs);
        }
        QueueSampler qs = new QueueSampler(tn, warmupPs, endPs);
        tn.ctx.loop().runUntil(warmupPs);
        long busy0 = tn.bottleneck.busyPs();
        long drops0 = tn.drops.get(DropReason.QUEUE_FULL);
        tn.ctx.loop().runUntil(endPs);
        double busy = (tn.bottleneck.busyPs() - busy0) / (double) (endPs - warmupPs);
        long cnms = scheme.congestionPoints().stream().mapToLong(CongestionPoint::cnmsSent).sum();
        R7 r = new R7(qs.mean(), qs.min, qs.max, busy, tn.drops.get(DropReason.QUEUE_FULL) - drops0, cnms);
        System.out.printf("R7 flows=%d hostRate=%s linkDelay=%s: meanQ=%.0f B minQ=%d maxQ=%d busy=%.4f drops=%d cnms=%d%n",
                flows, Rate.format(hostRateBps), Time.format(linkDelayPs), r.meanQ(), r.minQ(), r.maxQ(), r.busy(), r.drops(), r.cnms());
        return r;
    }

    @Test
    void cnmsAre64ByteFramesSentByTheSwitchToTheSampledSource() {
        QcnScheme scheme = new QcnScheme(QcnConfig.defaults());
        TestNet tn = new TestNet(3, 2, Rate.gbps(10), Rate.gbps(10), Time.ofMicros(1), BUFFER, scheme,
                TestNet.vms(new int[] {0, 1}, null));
        long[] cnmToHost = new long[3];
        int[] badSize = new int[1];
        tn.ctx.probes().attach(new NetProbe() {
            @Override
            public void onTransmit(NetElement port, Packet p) {
                if (p.kind == Packet.KIND_CNM) {
                    cnmToHost[p.dstHost]++;
                    if (p.wireBytes() != 64 + 20 || !(p.control instanceof Cnm)) {
                        badSize[0]++;
                    }
                }
            }
        });
        for (int i = 0; i < 2; i++) {
            tn.new BackloggedSource(tn.senders.get(i), i, i, 8, 0, Time.ofMillis(5));
        }
        tn.ctx.loop().runUntil(Time.ofMillis(5));
        assertThat(badSize[0]).isZero();
        assertThat(cnmToHost[0]).isPositive();
        assertThat(cnmToHost[1]).isPositive();
        assertThat(cnmToHost[2]).isZero(); // the receiver sends nothing through the CP
        for (int i = 0; i < 2; i++) {
            QcnNicQueue nic = (QcnNicQueue) tn.senders.get(i).nic().queue();
            assertThat(nic.cnmsReceived()).isEqualTo(cnmToHost[i]);
            assertThat(nic.limitersAllocated()).isPositive();
        }
    }

    @Test
    void r7TenFlowsHoldTheQueueAroundQeqWithoutOverflowAndKeepTheLinkBusy() {
        R7 r = runStability(10, Rate.gbps(10), Time.ofMillis(30), Time.ofMillis(130));
        assertStable(r);
    }

    @Test
    void r7StaysStableWhenTheRoundTripGrowsToHundredsOfMicroseconds() {
        // 100 us per link: the CNM loop (CP to RP and the RP effect back at the CP) takes ~400 us. The averaging
        // principle keeps QCN stable here: the same mean, overflow and utilization bounds as at 4 us must hold.
        // The oscillation grows with the loop delay (measured max 46.5 KB vs 34.5 KB), so the queue may touch zero
        // for an instant; the > 95% busy bound is what checks that it does not starve the link.
        R7 r = runStability(10, Rate.gbps(10), Time.ofMicros(100), Time.ofMillis(30), Time.ofMillis(130));
        assertStable(r, false);
    }

    @Test
    void r7TwoFlowsHoldTheQueueAroundQeq() {
        R7 r = runStability(2, Rate.gbps(10), Time.ofMillis(30), Time.ofMillis(130));
        assertStable(r);
    }

    @Test
    void r7OneFlowFromAFasterHostHoldsTheQueueAroundQeq() {
        // A single 10 Gb/s source cannot congest a 10 Gb/s port; a 40 Gb/s host link makes one flow a CP load.
        R7 r = runStability(1, Rate.gbps(40), Time.ofMillis(30), Time.ofMillis(130));
        assertStable(r);
    }

    @Test
    void r8TenantWithTenFlowsGetsTenEleventhsBecauseQcnSharesPerFlow() {
        r8(23, Time.ofMillis(230));
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void r8LongRunsOverSeveralSeeds() {
        r8(1, Time.ofMillis(1030), QcnConfig.defaults());
        for (long seed = 1; seed <= 3; seed++) {
            // With sampling jitter the seed matters (without it the run is fully deterministic).
            r8(seed, Time.ofMillis(1030), new QcnConfig(QcnCpConfig.defaults().withJitterFraction(0.15),
                    QcnRpConfig.defaults()));
        }
    }

    static void r8(long seed, long end) {
        r8(seed, end, QcnConfig.defaults());
    }

    static void r8(long seed, long end, QcnConfig cfg) {
        QcnScheme scheme = new QcnScheme(cfg);
        TestNet tn = new TestNet(seed, 2, Rate.gbps(10), Rate.gbps(10), Time.ofMicros(1), BUFFER, scheme,
                TestNet.vms(new int[] {0, 1}, null));
        for (int f = 0; f < 10; f++) {
            tn.new BackloggedSource(tn.senders.get(0), 0, f, 4, Time.ofMicros(f), end);
        }
        tn.new BackloggedSource(tn.senders.get(1), 1, 10, 4, 0, end);
        tn.sink.window(Time.ofMillis(30), end);
        tn.ctx.loop().runUntil(end);
        double a = tn.sink.tenantBps(0);
        double b = tn.sink.tenantBps(1);
        double share = a / (a + b);
        double minFlow = Double.MAX_VALUE;
        double maxFlow = 0;
        for (int f = 0; f < 11; f++) {
            minFlow = Math.min(minFlow, tn.sink.flowBps(f));
            maxFlow = Math.max(maxFlow, tn.sink.flowBps(f));
        }
        System.out.printf("R8 seed=%d jitter=%.2f %dms: QCN 10 flows vs 1 at 10G: share of the 10-flow tenant=%.4f (10/11=%.4f),"
                + " flow min/max=%.3f/%.3f Gb/s%n", seed,
                cfg.cp().jitterFraction(), (end - Time.ofMillis(30)) / Time.PS_PER_MS, share, 10.0 / 11, minFlow / 1e9, maxFlow / 1e9);
        // Per-flow fairness gives 10/11 = 0.909. QCN is only roughly fair between flows (a flow cut low recovers
        // slowly: its byte counter fills at its own low rate), so individual flows sit between ~0.5 and ~1.6 Gb/s
        // against 0.91 fair, and the tenant share lands 0.86..0.95 over 1 s runs with and without jitter (slow
        // test, 4 runs). Hence +-0.06 around 10/11: still nowhere near the per-tenant 0.5, which is the point.
        assertThat(share).isBetween(10.0 / 11 - 0.06, 10.0 / 11 + 0.06);
        assertThat(a + b).isGreaterThan(0.95 * 10e9 * 1500 / 1538);
    }

    /**
     * QCN is a control loop around Qeq = 26 KB: the time-averaged queue must lie within 30% of Qeq (the loop's
     * fixed point is Qeq; 30% leaves room for the asymmetric sawtooth of a quantized controller), it must never
     * reach the 300 KB buffer (no drop after warm-up), it must not empty (min > 0: the CP never starves the link),
     * and the link must stay above 95% busy (the bar).
     */
    static void assertStable(R7 r) {
        assertStable(r, true);
    }

    static void assertStable(R7 r, boolean neverEmpty) {
        assertThat(r.meanQ()).isBetween(0.7 * 26_000, 1.3 * 26_000);
        if (neverEmpty) {
            assertThat(r.minQ()).isPositive();
        }
        assertThat(r.maxQ()).isLessThan(BUFFER);
        assertThat(r.drops()).isZero();
        assertThat(r.busy()).isGreaterThan(0.95);
        assertThat(r.cnms()).isPositive();
    }
}
