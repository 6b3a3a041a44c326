package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

class FifoQueueTest {
    /** Counts drops by reason and marks. */
    static final class Counts implements NetProbe {
        final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);
        int marks;

        @Override
        public void onDrop(String where, Packet p, DropReason reason) {
            drops.merge(reason, 1, Integer::sum);
        }

        @Override
        public void onMark(NetElement port, Packet p) {
            marks++;
        }

        int drops(DropReason r) {
            return drops.getOrDefault(r, 0);
        }
    }

    /** A switch port whose queue is {@code q}, idle (nothing transmits unless the test runs the loop). */
    private static FifoQueue attach(SimContext ctx, FifoQueue q) {
        Network net = new Network(ctx);
        Host h = net.addHost("h");
        Switch s = net.addSwitch("s");
        net.connect(h, s, Rate.gbps(1), 0, QueueFactory.dropTail(1 << 20), (n, o, r) -> q);
        return q;
    }

    private static Packet packet(SimContext ctx, int size, int ecn) {
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, 0, 0, 1, 2, Packet.PROTO_UDP);
        p.sizeBytes = size;
        p.ecn = ecn;
        return p;
    }

    @Test
    void randomEnqueueDequeueNeverExceedsCapacityAndKeepsFifoOrder() {
        SimContext ctx = new SimContext(1);
        Counts counts = new Counts();
        ctx.probes().attach(counts);
        FifoQueue q = attach(ctx, new FifoQueue(20_000));
        SplittableRandom rnd = new SplittableRandom(5);
        List<Packet> model = new ArrayList<>();
        long modelBytes = 0;
        int refused = 0;
        for (int i = 0; i < 50_000; i++) {
            if (rnd.nextInt(100) < 55) {
                Packet p = packet(ctx, 40 + rnd.nextInt(1461), Packet.ECN_NOT_ECT);
                p.encapBytes = rnd.nextInt(3) == 0 ? 24 : 0;
                int size = p.sizeBytes + p.encapBytes;
                boolean fits = modelBytes + size <= 20_000;
                assertThat(q.enqueue(p)).isEqualTo(fits);
                if (fits) {
                    model.add(p);
                    modelBytes += size;
                } else {
                    refused++;
                }
            } else {
                Packet p = q.dequeue();
                if (model.isEmpty()) {
                    assertThat(p).isNull();
                } else {
                    Packet expected = model.remove(0);
                    assertThat(p).isSameAs(expected);
                    modelBytes -= expected.sizeBytes + expected.encapBytes;
                }
            }
            assertThat(q.bytes()).isEqualTo(modelBytes).isLessThanOrEqualTo(q.capacityBytes());
            assertThat(q.packets()).isEqualTo(model.size());
        }
        assertThat(refused).as("the run must actually hit the limit").isGreaterThan(100);
        assertThat(counts.drops(DropReason.QUEUE_FULL)).isEqualTo(refused);
    }

    @Test
    void congestedPortKeepsOrderAndCapacityWhileTransmitting() {
        SimContext ctx = new SimContext(2);
        Network net = new Network(ctx);
        Host a1 = net.addHost("a1");
        Host a2 = net.addHost("a2");
        Host b = net.addHost("b");
        Switch s = net.addSwitch("s");
        net.connect(a1, s, Rate.gbps(10), Time.ofMicros(1), QueueFactory.dropTail(1 << 20));
        net.connect(a2, s, Rate.gbps(10), Time.ofMicros(1), QueueFactory.dropTail(1 << 20));
        long cap = 30_000;
        Link bottleneck = net.connect(s, b, Rate.gbps(1), Time.ofMicros(1), QueueFactory.dropTail(cap));
        s.setRoute(b.id(), new int[] {2});
        EgressPort port = bottleneck.aToB();
        List<Long> enqueued = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        long[] maxQueue = {0};
        ctx.probes().attach(new NetProbe() {
            @Override
            public void onEnqueue(NetElement where, Packet p, long queueBytes) {
                if (where == port) {
                    enqueued.add(p.id);
                    maxQueue[0] = Math.max(maxQueue[0], queueBytes);
                }
            }

            @Override
            public void onDeliver(NetElement host, Packet p) {
                delivered.add(p.id);
            }
        });
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 400; i++) {
            Host src = rnd.nextBoolean() ? a1 : a2;
            Packet p = ctx.packets().acquire();
            ctx.packets().setFiveTuple(p, src.id(), b.id(), i, 80, Packet.PROTO_UDP);
            p.sizeBytes = 64 + rnd.nextInt(1437);
            src.sendFromVm(p);
        }
        ctx.loop().runToCompletion();
        assertThat(maxQueue[0]).isLessThanOrEqualTo(cap).isGreaterThan(cap - 1500);
        assertThat(delivered).isEqualTo(enqueued);
        assertThat(delivered.size()).isLessThan(400);
    }

    @Test
    void stepEcnMarksCapableArrivalsExactlyWhenTheQueueExceedsK() {
        SimContext ctx = new SimContext(1);
        Counts counts = new Counts();
        ctx.probes().attach(counts);
        long k = 10_000;
        FifoQueue q = attach(ctx, new FifoQueue(100_000).withEcnThreshold(k));
        int marked = 0;
        for (int i = 0; i < 60; i++) {
            long before = q.bytes();
            int ecn = i % 3 == 0 ? Packet.ECN_NOT_ECT : (i % 3 == 1 ? Packet.ECN_ECT0 : Packet.ECN_ECT1);
            Packet p = packet(ctx, 1000, ecn);
            assertThat(q.enqueue(p)).isTrue();
            boolean shouldMark = ecn != Packet.ECN_NOT_ECT && before + 1000 > k;
            assertThat(p.ecn == Packet.ECN_CE).as("packet %d with queue %d", i, before).isEqualTo(shouldMark);
            if (shouldMark) {
                marked++;
            }
        }
        // Arrivals 10..59 see a queue above K after joining it; two thirds of them are ECN-capable.
        assertThat(marked).isEqualTo(34);
        assertThat(counts.marks).isEqualTo(marked);
        assertThatThrownBy(() -> new FifoQueue(1000).withEcnThreshold(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new FifoQueue(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity").hasMessageContaining("0");
    }

    /**
     * RED with weight 1 (average = instantaneous queue) held at a constant level L between the thresholds. Floyd and
     * Jacobson's count correction makes the gap between signals uniform on 1..(1/pb - 1), so the long-run fraction of
     * signalled packets is 2 pb. With pb = 0.1 the gaps are uniform on 1..9 (mean 5, variance 6.67); over 20 000
     * arrivals the renewal CLT gives a standard deviation of sqrt(20000 * 6.67 / 125) = 33 signals, i.e. 0.0016 in
     * the fraction. We allow 0.01 (6 sigma).
     */
    @Test
    void redMarksCapablePacketsAndDropsOthersAtTheExpectedRate() {
        RedRun ect = runRed(Packet.ECN_ECT0);
        assertThat(ect.signalled).isCloseTo(0.2, within(0.01));
        assertThat(ect.counts.drops(DropReason.RED_EARLY)).isZero();
        assertThat(ect.counts.marks).isEqualTo(ect.marked);

        RedRun plain = runRed(Packet.ECN_NOT_ECT);
        assertThat(plain.signalled).isCloseTo(0.2, within(0.01));
        assertThat(plain.marked).isZero();
        assertThat(plain.counts.marks).isZero();
        assertThat(plain.counts.drops(DropReason.RED_EARLY)).isEqualTo(plain.dropped);
    }

    private record RedRun(double signalled, int marked, int dropped, Counts counts) {
    }

    private static RedRun runRed(int ecn) {
        SimContext ctx = new SimContext(3);
        Counts counts = new Counts();
        ctx.probes().attach(counts);
        // min 10 kB, max 30 kB, maxP 0.2: at L = 20 kB, pb = 0.2 * (20 - 10) / (30 - 10) = 0.1.
        FifoQueue q = attach(ctx, new FifoQueue(1_000_000)
                .withRed(new FifoQueue.RedParams(10_000, 30_000, 0.2, 1.0), ctx.random().stream("red")));
        // Fill to L with packets RED sees below min (the average stays under 10 kB for the first 10 arrivals).
        while (q.bytes() < 20_000) {
            Packet p = packet(ctx, 1000, Packet.ECN_ECT0);
            q.enqueue(p);
        }
        int n = 20_000;
        int marked = 0;
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            assertThat(q.bytes()).isEqualTo(20_000);
            Packet p = packet(ctx, 1000, ecn);
            if (q.enqueue(p)) {
                if (p.ecn == Packet.ECN_CE) {
                    marked++;
                }
                q.dequeue();
            } else {
                dropped++;
            }
        }
        return new RedRun((marked + dropped) / (double) n, marked, dropped, counts);
    }

    @Test
    void redSignalsNothingBelowMinAndEverythingAboveMax() {
        SimContext ctx = new SimContext(4);
        FifoQueue q = attach(ctx, new FifoQueue(1_000_000)
                .withRed(new FifoQueue.RedParams(10_000, 30_000, 0.2, 1.0), ctx.random().stream("red")));
        for (int i = 0; i < 10; i++) {
            Packet p = packet(ctx, 1000, Packet.ECN_ECT0);
            assertThat(q.enqueue(p)).isTrue();
            assertThat(p.ecn).as("average %d B < min", q.bytes()).isEqualTo(Packet.ECN_ECT0);
        }
        while (q.bytes() < 30_000) {
            q.enqueue(packet(ctx, 1000, Packet.ECN_ECT0));
        }
        for (int i = 0; i < 100; i++) {
            Packet p = packet(ctx, 1000, Packet.ECN_ECT0);
            assertThat(q.enqueue(p)).isTrue();
            assertThat(p.ecn).isEqualTo(Packet.ECN_CE);
            assertThat(q.enqueue(packet(ctx, 1000, Packet.ECN_NOT_ECT))).isFalse();
        }
        assertThatThrownBy(() -> new FifoQueue.RedParams(30_000, 10_000, 0.1, 0.002))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min=30000");
        assertThatThrownBy(() -> new FifoQueue.RedParams(1, 2, 1.5, 0.002))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }
}
