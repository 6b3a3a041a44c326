package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * Randomized traffic over a small multi-switch network with two equal-cost paths, small buffers (so tail, shared
 * buffer and no-route drops all happen) and ECN marking. Bytes are counted as IP bytes plus encapsulation, the unit
 * of queues, transmitters and pipes.
 */
class ConservationAndDeterminismTest {
    /** What the probes saw, in bytes and packets. */
    static final class Ledger implements NetProbe {
        long sentBytes;
        long deliveredBytes;
        long droppedBytes;
        long sent;
        long delivered;
        long dropped;
        long noRoute;
        /** (packet id, instant) of every delivery and drop, for comparing two runs packet by packet. */
        final List<long[]> deliveries = new java.util.ArrayList<>();
        final List<long[]> drops = new java.util.ArrayList<>();
        SimContext ctx;

        @Override
        public void onHostSend(NetElement host, Packet p) {
            sentBytes += p.sizeBytes + p.encapBytes;
            sent++;
        }

        long marks;

        @Override
        public void onMark(NetElement port, Packet p) {
            marks++;
        }

        @Override
        public void onDeliver(NetElement host, Packet p) {
            deliveredBytes += p.sizeBytes + p.encapBytes;
            delivered++;
            deliveries.add(new long[] {p.id, ctx.nowPs()});
        }

        @Override
        public void onDrop(String where, Packet p, DropReason reason) {
            droppedBytes += p.sizeBytes + p.encapBytes;
            dropped++;
            drops.add(new long[] {p.id, ctx.nowPs(), reason.ordinal()});
            if (reason == DropReason.NO_ROUTE) {
                noRoute++;
            }
        }
    }

    /** Sends random-size packets to random hosts at random intervals; about 1.3x its NIC rate on average. */
    static final class RandomSource implements EventTarget {
        private final SimContext ctx;
        private final Host host;
        private final int hosts;
        private final SplittableRandom rnd;
        private final long endPs;

        RandomSource(SimContext ctx, Host host, int hosts, long endPs) {
            this.ctx = ctx;
            this.host = host;
            this.hosts = hosts;
            this.rnd = ctx.random().stream("test/source/" + host.name());
            this.endPs = endPs;
        }

        @Override
        public void onEvent(int tag) {
            Packet p = ctx.packets().acquire();
            int dst = rnd.nextInt(hosts);
            if (dst == host.id() || rnd.nextInt(50) == 0) {
                dst = hosts + 7; // no such host: the first switch must drop it
            }
            ctx.packets().setFiveTuple(p, host.id(), dst, rnd.nextInt(1 << 16), 80, Packet.PROTO_UDP);
            p.sizeBytes = 40 + rnd.nextInt(1461);
            p.encapBytes = rnd.nextInt(4) == 0 ? 16 : 0;
            p.ecn = rnd.nextBoolean() ? Packet.ECN_ECT0 : Packet.ECN_NOT_ECT;
            host.sendFromVm(p);
            long next = ctx.nowPs() + rnd.nextLong(Time.ofMicros(9));
            if (next < endPs) {
                ctx.loop().schedule(next, this, 0);
            }
        }
    }

    private record Outcome(long fingerprint, long dispatched, Ledger ledger, int computedPorts, int ports,
            long computedTransmissions) {
    }

    /** Observing transmissions makes every port event-driven (probes must see each one at its instant). */
    static final class TransmitWatcher implements NetProbe {
        long transmitted;

        @Override
        public void onTransmit(NetElement port, Packet p) {
            transmitted++;
        }
    }

    /**
     * h0,h1 - s0 ; s0 - s1 - s3 and s0 - s2 - s3 ; s3 - h2,h3. Runs 2 ms of traffic and checks, every 5 us and at
     * the end, that sent = delivered + dropped + queued + in transmission + in pipes.
     */
    private static Outcome run(long seed) {
        return run(seed, false, false);
    }

    /** {@code red}: switch queues run RED (marking and early drops on the average) instead of the ECN step. */
    private static Outcome run(long seed, boolean eventDrivenPorts, boolean red) {
        return run(seed, eventDrivenPorts, red, 0);
    }

    /** {@code lossP}: every link direction also loses frames at random (WireLoss) with this probability. */
    private static Outcome run(long seed, boolean eventDrivenPorts, boolean red, double lossP) {
        return run(seed, eventDrivenPorts, red, lossP, false);
    }

    /** {@code dropNonEct}: the switches' ECN step drops non-ECT arrivals where it marks ECT ones (RFC 3168 7). */
    private static Outcome run(long seed, boolean eventDrivenPorts, boolean red, double lossP, boolean dropNonEct) {
        SimContext ctx = new SimContext(seed);
        Ledger ledger = new Ledger();
        ledger.ctx = ctx;
        ctx.probes().attach(ledger);
        if (eventDrivenPorts) {
            ctx.probes().attach(new TransmitWatcher());
        }
        Network net = new Network(ctx);
        Host[] h = new Host[4];
        for (int i = 0; i < 4; i++) {
            h[i] = net.addHost("h" + i);
        }
        Switch[] s = new Switch[4];
        for (int i = 0; i < 4; i++) {
            s[i] = net.addSwitch("s" + i);
        }
        SharedBuffer sb0 = new SharedBuffer(20_000, 1);
        QueueFactory nic = QueueFactory.dropTail(6_000);
        QueueFactory sw = red
                ? (name, owner, rate) -> new FifoQueue(9_000).withRed(new FifoQueue.RedParams(500, 3_000, 0.5,
                        0.5), ctx.random().stream("red/" + name))
                : dropNonEct ? (name, owner, rate) -> new FifoQueue(9_000).withEcnThreshold(3_000).withNonEctDrop()
                : (name, owner, rate) -> new FifoQueue(9_000).withEcnThreshold(3_000);
        QueueFactory s0q = (name, owner, rate) -> new FifoQueue(9_000).withSharedBuffer(sb0);
        long g = Rate.gbps(1);
        long d = Time.ofMicros(2);
        net.connect(h[0], s[0], g, d, nic, s0q);
        net.connect(h[1], s[0], g, d, nic, s0q);
        net.connect(s[0], s[1], g, d, s0q, sw);
        net.connect(s[0], s[2], g, d, s0q, sw);
        net.connect(s[1], s[3], g, d, sw);
        net.connect(s[2], s[3], g, d, sw);
        net.connect(h[2], s[3], g, d, nic, sw);
        net.connect(h[3], s[3], g, d, nic, sw);
        // Ports in order of connection: s0: h0, h1, s1, s2; s1: s0, s3; s2: s0, s3; s3: s1, s2, h2, h3.
        s[0].setRoute(0, new int[] {0});
        s[0].setRoute(1, new int[] {1});
        s[0].setRoute(2, new int[] {2, 3});
        s[0].setRoute(3, new int[] {2, 3});
        for (int k = 1; k <= 2; k++) {
            s[k].setRoute(0, new int[] {0});
            s[k].setRoute(1, new int[] {0});
            s[k].setRoute(2, new int[] {1});
            s[k].setRoute(3, new int[] {1});
        }
        s[3].setRoute(0, new int[] {0, 1});
        s[3].setRoute(1, new int[] {0, 1});
        s[3].setRoute(2, new int[] {2});
        s[3].setRoute(3, new int[] {3});

        if (lossP > 0) {
            for (EgressPort port : net.ports()) {
                port.setWireLoss(lossP, false);
            }
        }
        long endPs = Time.ofMillis(2);
        EventLoop loop = ctx.loop();
        for (Host host : h) {
            RandomSource src = new RandomSource(ctx, host, h.length, endPs);
            loop.schedule(ctx.random().stream("test/start/" + host.name()).nextLong(Time.ofMicros(5)), src, 0);
        }
        List<EgressPort> ports = net.ports();
        EventTarget checker = new EventTarget() {
            @Override
            public void onEvent(int tag) {
                assertConserved(ledger, ports, loop.nowPs());
                if (loop.nowPs() < endPs + Time.ofMillis(1)) {
                    loop.scheduleIn(Time.ofMicros(5), this, 0);
                }
            }
        };
        loop.schedule(0, checker, 0);
        loop.runToCompletion();
        assertConserved(ledger, ports, loop.nowPs());
        for (EgressPort port : ports) {
            assertThat(port.queue().bytes()).isZero();
            assertThat(port.pipe().packetsInFlight()).isZero();
        }
        int computed = 0;
        long computedTx = 0;
        for (EgressPort port : ports) {
            if (port.computesDepartures()) {
                computed++;
                computedTx += port.txPackets();
                // Plain FIFOs (drop-tail, ECN step) hand their counts to the port; RED keeps its own.
                assertThat(port.inlineCapacityBytes >= 0).as(port.name())
                        .isEqualTo(!(red && port.owner() instanceof Switch));
            }
        }
        return new Outcome(loop.fingerprint(), loop.dispatched(), ledger, computed, ports.size(), computedTx);
    }

    private static void assertConserved(Ledger ledger, List<EgressPort> ports, long nowPs) {
        long queued = 0;
        long inTx = 0;
        long inPipes = 0;
        for (EgressPort port : ports) {
            assertThat(port.queue().bytes()).isLessThanOrEqualTo(port.queue().capacityBytes());
            assertThat(port.busyPs()).isLessThanOrEqualTo(nowPs + Time.serializationPs(1538 + 16, port.rateBps()));
            queued += port.queue().bytes();
            inTx += port.bytesInTransmission();
            inPipes += port.pipe().bytesInFlight();
        }
        assertThat(ledger.sentBytes).as("at %d ps", nowPs)
                .isEqualTo(ledger.deliveredBytes + ledger.droppedBytes + queued + inTx + inPipes);
    }

    @Test
    void bytesAreConservedThroughoutARandomRun() {
        Outcome o = run(11);
        Ledger l = o.ledger();
        // The run must exercise every outcome, or the balance proves little.
        assertThat(l.delivered).isGreaterThan(500);
        assertThat(l.dropped - l.noRoute).as("congestion drops").isGreaterThan(50);
        assertThat(l.noRoute).isGreaterThan(5);
        assertThat(l.sentBytes).isEqualTo(l.deliveredBytes + l.droppedBytes);
        assertThat(l.sent).isEqualTo(l.delivered + l.dropped);
    }

    /**
     * The same random run with FIFO ports computing departures and with every port simulated event by event: each
     * packet is delivered or dropped at the same picosecond, for the same reason. (Arrival instants are random at
     * picosecond resolution, so no two packets tie and event order cannot matter.)
     */
    @ParameterizedTest(name = "red = {0}")
    @ValueSource(booleans = {false, true})
    void computedDeparturesMatchEventDrivenPortsPacketForPacket(boolean red) {
        Outcome computed = run(31, false, red);
        Outcome events = run(31, true, red);
        // Shared-buffer ports (s0's) always run on events; the 12 other ports compute.
        assertThat(computed.computedPorts()).isEqualTo(computed.ports() - 4);
        assertThat(events.computedPorts()).isZero();
        assertThat(computed.ledger().deliveries).hasSizeGreaterThan(500);
        assertThat(sorted(computed.ledger().deliveries)).isEqualTo(sorted(events.ledger().deliveries));
        assertThat(sorted(computed.ledger().drops)).isEqualTo(sorted(events.ledger().drops));
        assertThat(computed.ledger().marks).isEqualTo(events.ledger().marks);
        // The marking decisions must be exercised for the comparison to mean something: RED's average and its
        // idle-time decay have to see the same departure instants in both modes.
        long early = computed.ledger().drops.stream().filter(d -> d[2] == DropReason.RED_EARLY.ordinal()).count();
        assertThat(computed.ledger().marks).isGreaterThan(15); // 23 (step) and 24 (RED) in this 2-ms run
        assertThat(early).as("RED early drops").isEqualTo(red ? early : 0).isGreaterThan(red ? 10 : -1);
        // Exactly one event fewer per packet transmitted by a computing port: its transmit-done.
        assertThat(events.dispatched() - computed.dispatched()).isEqualTo(computed.computedTransmissions());
    }

    /**
     * Frames lost on the wire leave the balance exact (reported as drops when they reach the far end, never counted
     * twice), and the computed and event-driven ports lose the same frames: each link's draws follow its own
     * arrivals, which are the same packets at the same instants in both modes.
     */
    @ParameterizedTest(name = "loss {0}")
    @ValueSource(doubles = {0.01, 0.2})
    void wireLossKeepsBytesConservedAndComputedPortsEquivalent(double lossP) {
        Outcome computed = run(41, false, false, lossP);
        Outcome events = run(41, true, false, lossP);
        Ledger l = computed.ledger();
        long lost = computed.ledger().drops.stream().filter(d -> d[2] == DropReason.INJECTED_LOSS.ordinal()).count();
        // About 1 300 packets cross 2-4 links each in this run: 1 % loses tens of them, 20 % hundreds.
        assertThat(lost).isGreaterThan(lossP < 0.1 ? 10 : 300);
        assertThat(l.sentBytes).isEqualTo(l.deliveredBytes + l.droppedBytes);
        assertThat(l.sent).isEqualTo(l.delivered + l.dropped);
        assertThat(sorted(computed.ledger().deliveries)).isEqualTo(sorted(events.ledger().deliveries));
        assertThat(sorted(computed.ledger().drops)).isEqualTo(sorted(events.ledger().drops));
    }

    /**
     * Non-ECT packets dropped above the ECN step (FifoQueue#withNonEctDrop): the port that keeps a plain FIFO's counts
     * itself drops the same packets at the same instants as the queue object does, and the balance stays exact.
     */
    @Test
    void nonEctDropsAboveTheStepMatchBetweenComputedAndEventDrivenPorts() {
        Outcome computed = run(31, false, false, 0, true);
        Outcome events = run(31, true, false, 0, true);
        Ledger l = computed.ledger();
        long nonEct = l.drops.stream().filter(d -> d[2] == DropReason.NOT_ECT_ABOVE_THRESHOLD.ordinal()).count();
        assertThat(nonEct).isGreaterThan(5); // 10 in this 2-ms run
        assertThat(computed.computedPorts()).isEqualTo(computed.ports() - 4);
        assertThat(l.sentBytes).isEqualTo(l.deliveredBytes + l.droppedBytes);
        assertThat(l.sent).isEqualTo(l.delivered + l.dropped);
        assertThat(sorted(l.deliveries)).isEqualTo(sorted(events.ledger().deliveries));
        assertThat(sorted(l.drops)).isEqualTo(sorted(events.ledger().drops));
        assertThat(l.marks).isEqualTo(events.ledger().marks).isGreaterThan(5); // 10
        // Without the option the same run drops no packet for that reason.
        assertThat(run(31).ledger().drops.stream()
                .filter(d -> d[2] == DropReason.NOT_ECT_ABOVE_THRESHOLD.ordinal()).count()).isZero();
    }

    private static List<String> sorted(List<long[]> records) {
        return records.stream().map(java.util.Arrays::toString).sorted().toList();
    }

    @Test
    void aTimingProbeCannotBeAttachedOnceFifoPortsComputeDepartures() {
        SimContext ctx = new SimContext(1);
        Network net = new Network(ctx);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        net.connect(a, b, Rate.gbps(1), Time.ofMicros(1), QueueFactory.dropTail(10_000));
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, a.id(), b.id(), 1, 2, Packet.PROTO_UDP);
        p.sizeBytes = 1500;
        a.transmit(p);
        assertThat(a.nic().computesDepartures()).isTrue();
        ctx.probes().attach(new Ledger());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.probes().attach(new TransmitWatcher()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before the first packet");
    }

    @Test
    void sameSeedGivesTheSameFingerprintAndADifferentSeedDoesNot() {
        Outcome a = run(21);
        Outcome b = run(21);
        Outcome c = run(22);
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(a.dispatched()).isEqualTo(b.dispatched());
        assertThat(a.ledger().deliveredBytes).isEqualTo(b.ledger().deliveredBytes);
        assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
    }
}
