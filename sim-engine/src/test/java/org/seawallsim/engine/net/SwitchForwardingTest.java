package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.random.RandomStreams;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * Forwarding keeps its definition however the tables are stored: the egress port toward a destination is the
 * {@code (mix64(flowHash ^ salt) mod n)}-th of its equal-cost set, an unsigned remainder, for power-of-two set sizes
 * (computed with a mask) and others (a division) alike; destinations with equal sets share them, and a packet
 * actually forwarded leaves through the port {@link Switch#egressFor} names.
 */
class SwitchForwardingTest {
    private static final int PORTS = 9;

    @ParameterizedTest(name = "{0} equal-cost ports")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void ecmpChoiceIsTheUnsignedRemainderOfTheSaltedHash(int n) {
        SimContext ctx = new SimContext(7);
        Switch s = switchWithHosts(ctx);
        int[] set = new int[n];
        for (int i = 0; i < n; i++) {
            set[i] = PORTS - 1 - i; // not in port order, so the index maps through the set
        }
        // Two destinations with the same set, one with a single port.
        s.setRoute(0, set);
        s.setRoute(1, set.clone());
        s.setRoute(2, new int[] {2});
        assertThat(s.route(0)).containsExactly(set);
        assertThat(s.route(1)).containsExactly(set);
        assertThat(s.route(2)).containsExactly(2);
        long salt = ctx.random().seedFor("switch/s/ecmp");
        SplittableRandom rnd = new SplittableRandom(n);
        int[] used = new int[PORTS];
        for (int i = 0; i < 20_000; i++) {
            Packet p = ctx.packets().acquire();
            p.flowHash = rnd.nextLong(); // negative hashes too: the remainder is unsigned
            p.dstHost = i % 2;
            int expected = set[(int) Long.remainderUnsigned(RandomStreams.mix64(p.flowHash ^ salt), n)];
            EgressPort chosen = s.egressFor(p);
            assertThat(chosen).isSameAs(s.ports().get(expected));
            used[expected]++;
            p.dstHost = 2;
            assertThat(s.egressFor(p)).isSameAs(s.ports().get(2));
        }
        // Every member of the set carries flows: 20 000 hashes over at most 8 ports, each expected 2 500 or more.
        for (int port : set) {
            assertThat(used[port]).isGreaterThan(20_000 / n / 2);
        }
    }

    @ParameterizedTest(name = "{0} equal-cost ports")
    @ValueSource(ints = {1, 3, 4})
    void aForwardedPacketLeavesThroughThePortEgressForNames(int n) {
        SimContext ctx = new SimContext(3);
        Switch s = switchWithHosts(ctx);
        int[] set = new int[n];
        for (int i = 0; i < n; i++) {
            set[i] = 1 + i;
        }
        s.setRoute(5, set);
        for (int i = 0; i < 200; i++) {
            Packet p = ctx.packets().acquire();
            ctx.packets().setFiveTuple(p, 0, 5, 1000 + i, 80, Packet.PROTO_UDP);
            p.sizeBytes = 100;
            EgressPort expected = s.egressFor(p);
            long before = expected.txPackets();
            s.forward(p);
            ctx.loop().runUntil(ctx.nowPs() + Time.ofMicros(5));
            assertThat(expected.txPackets()).isEqualTo(before + 1);
        }
        // No route: dropped, never sent anywhere.
        long sent = sentBy(s);
        long releasedBefore = ctx.packets().released();
        Packet lost = ctx.packets().acquire();
        ctx.packets().setFiveTuple(lost, 0, 6, 1, 80, Packet.PROTO_UDP);
        lost.sizeBytes = 100;
        s.forward(lost);
        ctx.loop().runUntil(ctx.nowPs() + Time.ofMicros(5));
        assertThat(sentBy(s)).isEqualTo(sent);
        assertThat(ctx.packets().released()).isEqualTo(releasedBefore + 1);
    }

    /**
     * A switch with more than 65 535 distinct sets (a star's one switch: one set per host) keeps every route: its
     * 2-byte table refused the 65 536th set with an internal error, so a star of 70 000 hosts failed to build.
     */
    @org.junit.jupiter.api.Test
    void aStarSwitchRoutesMoreThan65535HostsEachToItsOwnPort() {
        SimContext ctx = new SimContext(3);
        Network net = new Network(ctx);
        Switch s = net.addSwitch("s");
        int hosts = 70_000;
        for (int i = 0; i < hosts; i++) {
            net.connect(net.addHost("h" + i), s, Rate.gbps(1), Time.ofMicros(1), QueueFactory.dropTail(1 << 16));
        }
        for (int h = 0; h < hosts; h++) {
            s.setRoute(h, new int[] {h});
        }
        s.setRoute(7, new int[] {7}); // an existing set again: shared, not added
        for (int h : new int[] {0, 1, 65_534, 65_535, 65_536, 69_999}) {
            assertThat(s.route(h)).containsExactly(h);
        }
        assertThat(s.route(hosts + 5)).as("no route").isEmpty();
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, 0, 69_999, 1, 80, Packet.PROTO_UDP);
        p.sizeBytes = 100;
        s.forward(p);
        ctx.loop().runUntil(ctx.nowPs() + Time.ofMicros(5));
        assertThat(sentBy(s)).isEqualTo(1);
        assertThat(s.ports().get(69_999).txPackets()).isEqualTo(1);
    }

    /** One switch with {@code PORTS} hosts, one 1 Gb/s port each, ports numbered in host order. */
    private static Switch switchWithHosts(SimContext ctx) {
        Network net = new Network(ctx);
        Switch s = net.addSwitch("s");
        for (int i = 0; i < PORTS; i++) {
            net.connect(net.addHost("h" + i), s, Rate.gbps(1), Time.ofMicros(1), QueueFactory.dropTail(1 << 20));
        }
        return s;
    }

    private static long sentBy(Switch s) {
        long sent = 0;
        for (EgressPort port : s.ports()) {
            sent += port.txPackets();
        }
        return sent;
    }
}
