package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.time.Rate;

class SharedBufferTest {
    /**
     * Dynamic thresholds (Choudhury and Hahne): with N ports congested at once, each may hold alpha * free memory, so
     * the steady state is q = alpha * (B - N q), i.e. q = alpha B / (1 + N alpha). Filling the ports round-robin with
     * 100-B packets reaches it to within one packet per port; we allow two (200 B).
     */
    @Test
    void congestedPortsSettleAtTheDynamicThreshold() {
        long total = 120_000;
        for (double alpha : new double[] {0.5, 1, 2}) {
            for (int n : new int[] {1, 2, 4}) {
                SimContext ctx = new SimContext(1);
                FifoQueueTest.Counts counts = new FifoQueueTest.Counts();
                ctx.probes().attach(counts);
                SharedBuffer sb = new SharedBuffer(total, alpha);
                List<FifoQueue> queues = new ArrayList<>();
                Network net = new Network(ctx);
                Switch s = net.addSwitch("s");
                for (int i = 0; i < n; i++) {
                    Host h = net.addHost("h" + i);
                    FifoQueue q = new FifoQueue(total).withSharedBuffer(sb);
                    queues.add(q);
                    net.connect(s, h, Rate.gbps(1), 0, (name, owner, rate) -> q, QueueFactory.dropTail(1 << 20));
                }
                boolean anyAccepted = true;
                int refused = 0;
                while (anyAccepted) {
                    anyAccepted = false;
                    for (FifoQueue q : queues) {
                        Packet p = ctx.packets().acquire();
                        p.sizeBytes = 100;
                        boolean ok = q.enqueue(p);
                        anyAccepted |= ok;
                        refused += ok ? 0 : 1;
                        assertThat(sb.usedBytes()).isLessThanOrEqualTo(total);
                    }
                }
                double expected = alpha * total / (1 + n * alpha);
                long sum = 0;
                for (FifoQueue q : queues) {
                    assertThat((double) q.bytes()).as("alpha=%s n=%d", alpha, n).isCloseTo(expected, within(200.0));
                    sum += q.bytes();
                }
                assertThat(sb.usedBytes()).isEqualTo(sum);
                assertThat(counts.drops(DropReason.SHARED_BUFFER)).isEqualTo(refused).isGreaterThanOrEqualTo(n);
                // Draining every queue returns all memory to the pool.
                for (FifoQueue q : queues) {
                    while (q.dequeue() != null) {
                        // drain
                    }
                }
                assertThat(sb.usedBytes()).isZero();
            }
        }
    }

    @Test
    void thresholdIsAlphaTimesTheFreeMemoryAndThePoolIsAHardLimit() {
        SharedBuffer sb = new SharedBuffer(100_000, 1);
        assertThat(sb.tryReserve(0, 40_000)).isTrue();
        // 60 kB free: the port may grow to exactly 60 kB, not one byte more.
        assertThat(sb.tryReserve(40_000, 20_000)).isTrue();
        assertThat(sb.tryReserve(60_000, 1)).isFalse();
        // A second port sees 40 kB free, so it may take 20 kB, after which 20 kB remain free.
        assertThat(sb.tryReserve(0, 20_000)).isTrue();
        assertThat(sb.tryReserve(20_000, 1)).isFalse();
        assertThat(sb.usedBytes()).isEqualTo(80_000);
        sb.release(80_000);
        assertThat(sb.usedBytes()).isZero();
        // With a huge alpha the pool size is what limits.
        SharedBuffer loose = new SharedBuffer(10_000, 1000);
        assertThat(loose.tryReserve(0, 10_000)).isTrue();
        assertThat(loose.tryReserve(0, 1)).isFalse();
        assertThatThrownBy(() -> new SharedBuffer(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new SharedBuffer(1000, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }
}
