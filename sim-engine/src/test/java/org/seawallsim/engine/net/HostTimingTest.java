package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * The host timing model against closed forms: FIFO service sums, exact coalescing deadlines, order kept per host,
 * every packet delivered, and the model off changes nothing.
 */
class HostTimingTest {
    private static final long DELAY_PS = Time.ofMicros(1);
    private static final long WIRE_1500_PS = 12_304_000L; // 1538 wire bytes at 1 Gb/s

    /** Two hosts on one switch at 1 Gb/s; records (time, id) of every delivery at b. */
    private static final class Bench {
        final SimContext ctx;
        final Host a;
        final Host b;
        final List<long[]> got = new ArrayList<>();
        final PacketSink sink;

        Bench(long seed, HostTimingConfig aTiming, HostTimingConfig bTiming) {
            ctx = new SimContext(seed);
            Network net = new Network(ctx);
            a = net.addHost("a");
            b = net.addHost("b");
            Switch s = net.addSwitch("s");
            net.connect(a, s, Rate.gbps(1), DELAY_PS, QueueFactory.dropTail(1 << 24));
            net.connect(b, s, Rate.gbps(1), DELAY_PS, QueueFactory.dropTail(1 << 24));
            s.setRoute(b.id(), new int[] {1});
            s.setRoute(a.id(), new int[] {0});
            a.setTiming(aTiming);
            b.setTiming(bTiming);
            sink = new PacketSink() {
                @Override
                public void receive(Packet p) {
                    got.add(new long[] {ctx.nowPs(), p.id, p.srcPort});
                    ctx.packets().release(p);
                }

                @Override
                public String name() {
                    return "sink";
                }
            };
        }

        Packet packet(int srcPort, int sizeBytes) {
            Packet p = ctx.packets().acquire();
            ctx.packets().setFiveTuple(p, a.id(), b.id(), srcPort, 80, Packet.PROTO_UDP);
            p.sizeBytes = sizeBytes;
            p.endpoint = sink;
            return p;
        }

        /** Schedules {@code n} packets from a, one every {@code gapPs}, on {@code flows} interleaved flows. */
        void sendAt(int n, long gapPs, int flows, int sizeBytes) {
            for (int i = 0; i < n; i++) {
                final int k = i;
                ctx.loop().schedule(i * gapPs, tag -> a.sendFromVm(packet(k % flows, sizeBytes)), 0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 40})
    void sendServiceIsAFifoServerInFrontOfTheNic(int burst) {
        // 20 us of service per full packet exceeds the 12.304 us wire time, so the service paces the NIC exactly.
        HostTimingConfig t = new HostTimingConfig(Time.ofMicros(5), 10_000L, 0, 0, 1);
        Bench b = new Bench(1, t, HostTimingConfig.OFF);
        b.sendAt(burst, 0, 1, 1500);
        b.ctx.loop().runToCompletion();
        long servicePs = Time.ofMicros(5) + 10_000L * 1500;
        assertThat(b.got).hasSize(burst);
        for (int k = 0; k < burst; k++) {
            // Leaves the host at (k + 1) x service, then two store-and-forward hops.
            assertThat(b.got.get(k)[0]).isEqualTo((k + 1) * servicePs + 2 * (WIRE_1500_PS + DELAY_PS));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void jitterNeverReordersAHostsPacketsAndIsBoundedAndUnbiased(long seed) {
        long jitterPs = Time.ofMicros(5);
        HostTimingConfig t = new HostTimingConfig(Time.ofMicros(1), 0, jitterPs, 0, 1);
        Bench b = new Bench(seed, t, HostTimingConfig.OFF);
        int n = 4000;
        long gapPs = Time.ofMicros(20); // idle host between packets: each one's delay is its own service + jitter
        b.sendAt(n, gapPs, 4, 1500);
        b.ctx.loop().runToCompletion();
        assertThat(b.got).hasSize(n);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            long[] g = b.got.get(k);
            if (k > 0) {
                assertThat(g[1]).as("packet order").isGreaterThan(b.got.get(k - 1)[1]);
            }
            long extra = g[0] - k * gapPs - 2 * (WIRE_1500_PS + DELAY_PS) - Time.ofMicros(1);
            assertThat(extra).isBetween(0L, jitterPs);
            sum += extra;
        }
        // Uniform [0, 5 us]: mean 2.5 us, standard error 1.44 us / sqrt(4000) = 23 ns; 5 standard errors allowed.
        assertThat(sum / n).isCloseTo(jitterPs / 2.0, within(120_000.0));
    }

    @Test
    void backToBackJitteredPacketsOfSeveralFlowsStayInSendOrder() {
        for (long seed = 1; seed <= 3; seed++) {
            HostTimingConfig t = new HostTimingConfig(0, 0, Time.ofMicros(30), 0, 1);
            Bench b = new Bench(seed, t, HostTimingConfig.OFF);
            b.sendAt(500, 0, 7, 64 + (int) seed * 100);
            b.ctx.loop().runToCompletion();
            assertThat(b.got).hasSize(500);
            for (int k = 1; k < 500; k++) {
                assertThat(b.got.get(k)[1]).isGreaterThan(b.got.get(k - 1)[1]);
                assertThat(b.got.get(k)[0]).isGreaterThanOrEqualTo(b.got.get(k - 1)[0]);
            }
        }
    }

    @Test
    void aLonePacketWaitsForTheCoalescingTimerThenItsService() {
        long rxUs = Time.ofMicros(18);
        long servicePs = Time.ofMicros(2);
        Bench b = new Bench(1, HostTimingConfig.OFF, new HostTimingConfig(servicePs, 0, 0, rxUs, 12));
        b.sendAt(1, 0, 1, 1500);
        b.ctx.loop().runToCompletion();
        assertThat(b.got.get(0)[0]).isEqualTo(2 * (WIRE_1500_PS + DELAY_PS) + rxUs + servicePs);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 12})
    void aFullBatchInterruptsAtItsLastFrameBeforeTheTimer(int frames) {
        long rxUs = Time.ofMicros(1000); // never the trigger: frames arrive 12.3 us apart
        long servicePs = Time.ofMicros(1);
        Bench b = new Bench(1, HostTimingConfig.OFF, new HostTimingConfig(servicePs, 0, 0, rxUs, frames));
        int n = 3 * frames;
        b.sendAt(n, 0, 1, 1500);
        b.ctx.loop().runToCompletion();
        assertThat(b.got).hasSize(n);
        for (int k = 0; k < n; k++) {
            int batchEnd = (k / frames + 1) * frames; // 1-based index of the frame that fires this one's interrupt
            // Back-to-back frames reach b at 2 hops + (i - 1) wire times; the batch is served in order.
            long irq = 2 * (WIRE_1500_PS + DELAY_PS) + (batchEnd - 1) * WIRE_1500_PS;
            long expected = irq + (k % frames + 1) * servicePs;
            assertThat(b.got.get(k)[0]).as("packet %d of batches of %d", k, frames).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void everyPacketIsDeliveredOnceAndSeedsAreReproducible(long seed) {
        HostTimingConfig t = HostTimingConfig.defaults1GbE();
        List<long[]> first = null;
        for (int rep = 0; rep < 2; rep++) {
            Bench b = new Bench(seed, t, t);
            // One packet every 6 us, within the send path's service (at most 1 + 1.5 + 5 us each): nothing overflows
            // the send ring (aSendPathBehindByAFullRingDropsInsteadOfQueueingWithoutBound covers the overload).
            b.sendAt(3000, 6_000_000L, 5, 200 + (int) (seed * 37 % 1300));
            b.ctx.loop().runToCompletion();
            assertThat(b.got).hasSize(3000);
            assertThat(b.a.packetsInTiming() + b.b.packetsInTiming()).isZero();
            assertThat(b.ctx.packets().created() - b.ctx.packets().released()).isZero();
            if (first == null) {
                first = b.got;
            } else {
                for (int k = 0; k < first.size(); k++) {
                    assertThat(b.got.get(k)).containsExactly(first.get(k));
                }
            }
        }
    }

    @Test
    void timingOffLeavesTheEventSequenceUnchanged() {
        long[] fp = new long[2];
        for (int rep = 0; rep < 2; rep++) {
            Bench b = new Bench(3, rep == 0 ? null : HostTimingConfig.OFF, HostTimingConfig.OFF);
            b.sendAt(200, 1_000_000L, 3, 1000);
            b.ctx.loop().runToCompletion();
            fp[rep] = b.ctx.loop().fingerprint();
        }
        assertThat(fp[1]).isEqualTo(fp[0]);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void nicClocksAreOffByAtMostTheirToleranceDifferPerHostAndSerializeExactly(long seed) {
        HostTimingConfig t = new HostTimingConfig(0, 0, 0, 0, 1, 100);
        Bench b = new Bench(seed, t, t);
        long ra = b.a.nic().rateBps();
        long rb = b.b.nic().rateBps();
        for (long r : new long[] {ra, rb}) {
            assertThat(Math.abs(r - 1_000_000_000L)).isLessThanOrEqualTo(100_000L).isGreaterThan(0L);
        }
        assertThat(ra).isNotEqualTo(rb);
        assertThat(new Bench(seed, t, t).a.nic().rateBps()).as("same seed, same clock").isEqualTo(ra);
        b.sendAt(1, 0, 1, 1500);
        b.ctx.loop().runToCompletion();
        // a's NIC at its own rate, then the switch port at the nominal 1 Gb/s.
        assertThat(b.got.get(0)[0]).isEqualTo(Time.serializationPs(1538, ra) + WIRE_1500_PS + 2 * DELAY_PS);
    }

    @Test
    void framesWithoutATimerAreRefused() {
        assertThatThrownBy(() -> new HostTimingConfig(0, 0, 0, 0, 4)).hasMessageContaining("rxCoalesceFrames");
        assertThatThrownBy(() -> new HostTimingConfig(-1, 0, 0, 0, 1)).hasMessageContaining("servicePerPacket=-1");
    }

    /**
     * A VM offering more than the send path serves (20 us per packet against one every 2 us) fills the send ring and
     * no more: every packet is delivered or dropped at the host (HOST_RING), never both, the deliveries keep the
     * service's pace, and no delivered packet waited longer than a full ring's service (512 x 20 us).
     */
    @Test
    void aSendPathBehindByAFullRingDropsInsteadOfQueueingWithoutBound() {
        HostTimingConfig slow = new HostTimingConfig(Time.ofMicros(20), 0, 0, 0, 1);
        Bench bench = new Bench(1, slow, HostTimingConfig.OFF);
        long[] drops = new long[1];
        bench.ctx.probes().attach(new org.seawallsim.engine.probe.NetProbe() {
            @Override
            public void onDrop(String where, Packet p, org.seawallsim.engine.probe.DropReason reason) {
                assertThat(reason).isEqualTo(org.seawallsim.engine.probe.DropReason.HOST_RING);
                assertThat(where).isEqualTo("a");
                drops[0]++;
            }
        });
        int n = 5_000;
        long gapPs = Time.ofMicros(2);
        bench.sendAt(n, gapPs, 1, 1500);
        bench.ctx.loop().runToCompletion();
        assertThat(bench.got.size() + drops[0]).isEqualTo(n);
        assertThat(drops[0]).isGreaterThan(0);
        // The path serves one packet per 20 us for as long as packets are offered (10 ms) and then drains its ring.
        long served = Time.ofMicros(2) * n / Time.ofMicros(20) + HostTiming.SEND_RING_PACKETS;
        assertThat((double) bench.got.size()).isCloseTo(served, within(2.0));
        long lastSentPs = (n - 1) * gapPs;
        long lastDeliveredPs = bench.got.get(bench.got.size() - 1)[0];
        assertThat(lastDeliveredPs - lastSentPs)
                .isLessThanOrEqualTo(HostTiming.SEND_RING_PACKETS * Time.ofMicros(20) + Time.ofMicros(40));
    }
}
