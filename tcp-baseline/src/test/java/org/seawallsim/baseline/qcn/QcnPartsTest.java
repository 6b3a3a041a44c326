package org.seawallsim.baseline.qcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

class QcnPartsTest {
    @Test
    void flowLimiterMapAgreesWithHashMapUnderRandomPutsAndRemoves() {
        FlowLimiterMap<Long> m = new FlowLimiterMap<>();
        Map<Long, Long> ref = new HashMap<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            // Few distinct keys, so removals hit long probe clusters (the backward-shift path).
            long k = r.nextInt(300) * 0x10000L;
            int op = r.nextInt(3);
            if (op == 0) {
                m.put(k, (long) i);
                ref.put(k, (long) i);
            } else if (op == 1) {
                m.remove(k);
                ref.remove(k);
            } else {
                assertThat(m.get(k)).isEqualTo(ref.get(k));
            }
            assertThat(m.size()).isEqualTo(ref.size());
        }
        for (long k = 0; k < 300; k++) {
            assertThat(m.get(k * 0x10000L)).isEqualTo(ref.get(k * 0x10000L));
        }
    }

    @Test
    void wrappedQueueStillReportsItsOwnDropsThroughThePort() {
        // A 20 KB FIFO under a CP: two 10 Gb/s greedy sources overflow it before QCN has reacted.
        QcnScheme scheme = new QcnScheme(QcnConfig.defaults());
        TestNet tn = new TestNet(2, 2, Rate.gbps(10), Rate.gbps(10), Time.ofMicros(1), 20_000, scheme,
                TestNet.vms(new int[] {0, 1}, null));
        for (int i = 0; i < 2; i++) {
            tn.new BackloggedSource(tn.senders.get(i), i, i, 8, 0, Time.ofMillis(2));
        }
        tn.ctx.loop().runUntil(Time.ofMillis(2));
        assertThat(tn.drops.get(DropReason.QUEUE_FULL)).isPositive();
        assertThat(tn.bottleneck.queue().bytes()).isLessThanOrEqualTo(20_000);
        assertThat(tn.bottleneck.queue().describe()).startsWith("qcn-cp(");
    }

    @Test
    void sameSeedSameTrajectoryWithJitter() {
        long[] fp = new long[2];
        for (int k = 0; k < 2; k++) {
            QcnScheme scheme = new QcnScheme(new QcnConfig(QcnCpConfig.defaults().withJitterFraction(0.15),
                    QcnRpConfig.defaults()));
            TestNet tn = new TestNet(99, 3, Rate.gbps(10), Rate.gbps(10), Time.ofMicros(1), 300_000, scheme,
                    TestNet.vms(new int[] {0, 1, 2}, null));
            for (int i = 0; i < 3; i++) {
                tn.new BackloggedSource(tn.senders.get(i), i, i, 8, 0, Time.ofMillis(10));
            }
            tn.ctx.loop().runUntil(Time.ofMillis(10));
            fp[k] = tn.ctx.loop().fingerprint();
        }
        assertThat(fp[0]).isEqualTo(fp[1]);
    }

    @Test
    void rpConfigNamesEveryBadParameter() {
        assertThatThrownBy(() -> new QcnRpConfig(0, 1.5, 10, 0, 0, 0, 0, 0, null, true, null, null, -1))
                .hasMessageContaining("gdLog2").hasMessageContaining("maxDecrease")
                .hasMessageContaining("byteCounterBytes").hasMessageContaining("timerPs")
                .hasMessageContaining("fastRecoveryCycles").hasMessageContaining("aiRateBps")
                .hasMessageContaining("haiRateBps").hasMessageContaining("minRateBps")
                .hasMessageContaining("targetReset").hasMessageContaining("counterHalving")
                .hasMessageContaining("haiStep").hasMessageContaining("rlQueueBytes");
        assertThatThrownBy(() -> new QcnConfig(null, QcnRpConfig.defaults())).hasMessageContaining("cp");
    }
}
