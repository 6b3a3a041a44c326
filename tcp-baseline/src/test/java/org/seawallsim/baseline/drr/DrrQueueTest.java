package org.seawallsim.baseline.drr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.TenantWeights;
import org.seawallsim.baseline.TestNet;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;

class DrrQueueTest {
    @Test
    void serviceOfBackloggedQueuesIsProportionalToQuantaWithinAQuantumPlusMaxPacket() {
        TenantWeights w = new TenantWeights();
        w.setAll(TestNet.vms(new int[] {0, 1, 2}, new double[] {1, 2, 3}));
        DrrPlan plan = new DrrPlan(DrrConfig.defaults(), w, 1);
        plan.refresh();
        assertThat(new long[] {plan.quantumBytes(0), plan.quantumBytes(1), plan.quantumBytes(2)})
                .containsExactly(1538, 3076, 4614);
        DrrQueue q = new DrrQueue(plan, Long.MAX_VALUE / 4);
        SimContext ctx = new SimContext(3);
        SplittableRandom rnd = ctx.random().stream("test/sizes");
        for (int i = 0; i < 3000; i++) {
            for (int t = 0; t < 3; t++) {
                Packet p = ctx.packets().acquire();
                p.tenant = t;
                p.sizeBytes = 46 + rnd.nextInt(1455); // 46..1500 IP bytes: 84..1538 on the wire
                q.enqueue(p);
            }
        }
        long[] sent = new long[3];
        long total = 0;
        long sumQ = plan.quantumBytes(0) + plan.quantumBytes(1) + plan.quantumBytes(2);
        int maxWire = 1538;
        // Stop well before the lightest queue could empty: 3000 packets of >= 84 B each, tenant 0 gets 1/6.
        for (int k = 0; k < 4000; k++) {
            Packet p = q.dequeue();
            sent[p.tenant] += p.wireBytes();
            total += p.wireBytes();
            for (int t = 0; t < 3; t++) {
                double ideal = (double) total * plan.quantumBytes(t) / sumQ;
                // DRR (Shreedhar and Varghese): after k rounds a backlogged queue has sent k*Q_i minus a deficit
                // below Max; with the partial current round, any prefix is within Q_i + Max of its share, plus
                // the other queues' deficits spread by weight (< Max). Hence Q_i + 2*Max.
                assertThat(Math.abs(sent[t] - ideal)).as("tenant %d after %d packets", t, k)
                        .isLessThanOrEqualTo(plan.quantumBytes(t) + 2.0 * maxWire);
            }
        }
        assertThat(q.packets()).isEqualTo(9000 - 4000);
    }

    @Test
    void tenantsBeyondTheQueueCountShareQueuesStaticallyOrByHash() {
        TenantWeights w = new TenantWeights();
        int[] tenants = new int[12];
        for (int i = 0; i < 12; i++) {
            tenants[i] = i;
        }
        w.setAll(TestNet.vms(tenants, null));
        DrrPlan stat = new DrrPlan(DrrConfig.defaults(), w, 1);
        stat.refresh();
        for (int t = 0; t < 12; t++) {
            assertThat(stat.queueOf(t)).isEqualTo(t % 8);
        }
        // Queues 0..3 hold two tenants each, so their quantum (sum of weights) is twice the others'.
        assertThat(stat.quantumBytes(0)).isEqualTo(2 * 1538);
        assertThat(stat.quantumBytes(7)).isEqualTo(1538);
        DrrPlan hashed = new DrrPlan(DrrConfig.defaults().withMapping(DrrConfig.Mapping.HASHED), w, 42);
        hashed.refresh();
        DrrPlan hashedAgain = new DrrPlan(DrrConfig.defaults().withMapping(DrrConfig.Mapping.HASHED), w, 42);
        hashedAgain.refresh();
        int[] counts = new int[8];
        for (int t = 0; t < 12; t++) {
            assertThat(hashed.queueOf(t)).isBetween(0, 7).isEqualTo(hashedAgain.queueOf(t));
            counts[hashed.queueOf(t)]++;
        }
        // 12 tenants in 8 queues: at least 4 tenants must share (pigeonhole).
        int sharing = 0;
        for (int c : counts) {
            if (c > 1) {
                sharing += c;
            }
        }
        assertThat(sharing).isGreaterThanOrEqualTo(4);
        assertThat(stat.queueOf(-1)).isZero();
    }

    @Test
    void badConfigIsRejectedNamingEveryProblem() {
        assertThatThrownBy(() -> new DrrConfig(0, null, java.util.Map.of("a", 9), 10, -1))
                .hasMessageContaining("queuesPerPort").hasMessageContaining("mapping")
                .hasMessageContaining("baseQuantumBytes").hasMessageContaining("queueBytes");
    }
}
