package org.seawallsim.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Link;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

class BuildersTest {
    private static final LinkConfig ACCESS = LinkConfig.gbps(1, 1);
    private static final Queues QUEUES = Queues.dropTail(100_000, 150_000);

    @Test
    void dumbbellHasOneBottleneckThatAllCrossTrafficUses() {
        SimContext ctx = new SimContext(1);
        LinkConfig bottleneck = new LinkConfig(Rate.mbps(500), Time.ofMicros(10));
        Topology t = Topologies.dumbbell(ctx, 3, ACCESS, bottleneck, QUEUES);
        assertThat(t.hosts()).hasSize(6);
        assertThat(t.switches()).hasSize(2);
        assertThat(t.hostGroup("left")).extracting(Host::id).containsExactly(0, 1, 2);
        assertThat(t.hostGroup("right")).extracting(Host::id).containsExactly(3, 4, 5);
        Link b = t.bottleneck();
        assertThat(b.aToB().rateBps()).isEqualTo(Rate.mbps(500));
        assertThat(b.aToB().owner()).isSameAs(t.switchGroup("left").get(0));
        assertThat(b.aToB().queue().capacityBytes()).isEqualTo(150_000);
        assertThat(t.host(0).nic().queue().capacityBytes()).isEqualTo(100_000);
        for (Host l : t.hostGroup("left")) {
            for (Host r : t.hostGroup("right")) {
                assertThat(Routing.countPaths(l, r)).isEqualTo(1);
                Packet p = ctx.packets().acquire();
                ctx.packets().setFiveTuple(p, l.id(), r.id(), 5, 6, Packet.PROTO_TCP);
                assertThat(Routing.trace(t.network(), p)).contains(b.aToB()).hasSize(3);
            }
        }
        assertThatThrownBy(() -> Topologies.star(ctx, 2, ACCESS, QUEUES).bottleneck())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no bottleneck");
    }

    @Test
    void aParkingLotFlowCrossesOneTrunkPerSwitchItPasses() {
        SimContext ctx = new SimContext(1);
        LinkConfig trunk = new LinkConfig(Rate.mbps(500), Time.ofMicros(10));
        Topology t = Topologies.parkingLot(ctx, 4, 2, ACCESS, trunk, QUEUES);
        assertThat(t.hosts()).hasSize(8);
        assertThat(t.switchGroup("chain")).hasSize(4);
        assertThat(t.hostGroup("rack/2")).extracting(Host::id).containsExactly(4, 5);
        List<Link> trunks = t.linkGroup("trunks");
        assertThat(trunks).hasSize(3).allSatisfy(l -> assertThat(l.aToB().rateBps()).isEqualTo(Rate.mbps(500)));
        for (int from = 0; from < 4; from++) {
            for (int to = from + 1; to < 4; to++) {
                Packet p = ctx.packets().acquire();
                ctx.packets().setFiveTuple(p, 2 * from, 2 * to + 1, 5, 6, Packet.PROTO_TCP);
                List<EgressPort> path = Routing.trace(t.network(), p);
                // NIC, one trunk per switch boundary crossed, the port toward the receiver.
                assertThat(path).hasSize(2 + to - from);
                for (int i = from; i < to; i++) {
                    assertThat(path).contains(trunks.get(i).aToB());
                }
                assertThat(Routing.countPaths(t.host(2 * from), t.host(2 * to + 1))).isEqualTo(1);
            }
        }
        assertThatThrownBy(() -> Topologies.parkingLot(ctx, 1, 2, ACCESS, trunk, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("switches must be >= 2");
    }

    @Test
    void aPacketCrossesTheDumbbellInSerializationPlusPropagationPerHop() {
        SimContext ctx = new SimContext(2);
        LinkConfig bottleneck = new LinkConfig(Rate.mbps(100), Time.ofMicros(50));
        Topology t = Topologies.dumbbell(ctx, 1, ACCESS, bottleneck, QUEUES);
        long[] arrival = {-1};
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, 0, 1, 5, 6, Packet.PROTO_UDP);
        p.sizeBytes = 1500;
        p.endpoint = new PacketSink() {
            @Override
            public void receive(Packet q) {
                arrival[0] = ctx.nowPs();
            }

            @Override
            public String name() {
                return "sink";
            }
        };
        t.host(0).sendFromVm(p);
        ctx.loop().runToCompletion();
        long expected = 2 * (Time.serializationPs(1538, Rate.gbps(1)) + Time.ofMicros(1))
                + Time.serializationPs(1538, Rate.mbps(100)) + Time.ofMicros(50);
        assertThat(arrival[0]).isEqualTo(expected);
    }

    @Test
    void starConnectsEveryHostToOneSwitch() {
        Topology t = Topologies.star(new SimContext(1), 5, ACCESS, QUEUES);
        assertThat(t.switches()).hasSize(1);
        assertThat(t.switchGroup("switch").get(0).ports()).hasSize(5);
        for (Host a : t.hosts()) {
            for (Host b : t.hosts()) {
                if (a != b) {
                    assertThat(Routing.countPaths(a, b)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void twoTierUplinksCarryHostBandwidthDividedByOversubscription() {
        Topology t = Topologies.twoTier(new SimContext(1), 4, 10, 2, 2.5, ACCESS, Time.ofMicros(2), QUEUES);
        assertThat(t.hosts()).hasSize(40);
        assertThat(t.switchGroup("tor")).hasSize(4);
        assertThat(t.switchGroup("core")).hasSize(2);
        List<Link> up = t.linkGroup("uplinks");
        assertThat(up).hasSize(8);
        // 10 hosts x 1 Gb/s over 2 uplinks at 2.5:1 gives 2 Gb/s per uplink.
        long rackUplinkBps = 0;
        for (Link l : up) {
            assertThat(l.aToB().rateBps()).isEqualTo(Rate.gbps(2));
            assertThat(l.aToB().pipe().delayPs()).isEqualTo(Time.ofMicros(2));
            if (l.aToB().owner() == t.switchGroup("tor").get(0)) {
                rackUplinkBps += l.aToB().rateBps();
            }
        }
        assertThat(10 * ACCESS.rateBps() / (double) rackUplinkBps).isEqualTo(2.5);
        assertThat(t.hostGroup("rack/3")).extracting(Host::id).containsExactly(30, 31, 32, 33, 34, 35, 36, 37, 38, 39);
        assertThat(Routing.countPaths(t.host(0), t.host(39))).isEqualTo(2);
        assertThat(Routing.countPaths(t.host(0), t.host(9))).isEqualTo(1);
    }

    @Test
    void leafSpineHasOnePathPerSpineBetweenLeaves() {
        Topology t = Topologies.leafSpine(new SimContext(1), 4, 3, 5, ACCESS, LinkConfig.gbps(10, 1), QUEUES);
        assertThat(t.hosts()).hasSize(20);
        assertThat(t.switches()).hasSize(7);
        assertThat(t.linkGroup("fabric")).hasSize(12);
        assertThat(Routing.countPaths(t.host(0), t.host(19))).isEqualTo(3);
        assertThat(Routing.countPaths(t.host(0), t.host(4))).isEqualTo(1);
        for (Switch leaf : t.switchGroup("leaf")) {
            assertThat(leaf.ports()).hasSize(5 + 3);
        }
    }

    @Test
    void isolationSchemesSubstituteNicAndSwitchQueues() {
        List<String> built = new ArrayList<>();
        IsolationScheme scheme = new IsolationScheme() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public QueueFactory switchQueues(QueueFactory base) {
                return (name, owner, rate) -> {
                    built.add("switch:" + name);
                    return new FifoQueue(77_000);
                };
            }

            @Override
            public QueueFactory nicQueues(QueueFactory base) {
                return (name, owner, rate) -> {
                    built.add("nic:" + name);
                    return base.create(name, owner, rate);
                };
            }
        };
        Topology t = Topologies.star(new SimContext(1), 2, ACCESS, QUEUES.with(scheme));
        assertThat(built).containsExactly("nic:h0->sw0", "switch:sw0->h0", "nic:h1->sw0", "switch:sw0->h1");
        assertThat(t.host(0).nic().queue().capacityBytes()).isEqualTo(100_000);
        assertThat(t.switches().get(0).ports().get(0).queue().capacityBytes()).isEqualTo(77_000);
    }

    @Test
    void badParametersFailWithMessagesNamingThem() {
        SimContext ctx = new SimContext(1);
        assertThatThrownBy(() -> Topologies.fatTree(ctx, 5, ACCESS, ACCESS, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k").hasMessageContaining("5")
                .hasMessageContaining("even");
        assertThatThrownBy(() -> Topologies.fatTree(ctx, 0, ACCESS, ACCESS, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new LinkConfig(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rateBps").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new LinkConfig(-5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> new LinkConfig(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delayPs");
        assertThatThrownBy(() -> LinkConfig.gbps(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Gb/s");
        assertThatThrownBy(() -> Queues.dropTail(0, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NIC buffer").hasMessageContaining("got 0");
        assertThatThrownBy(() -> Queues.dropTail(1000, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switch port buffer").hasMessageContaining("-1");
        assertThatThrownBy(() -> Topologies.dumbbell(ctx, 0, ACCESS, ACCESS, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostsPerSide");
        assertThatThrownBy(() -> Topologies.star(ctx, -1, ACCESS, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hosts must be >= 1, got -1");
        assertThatThrownBy(() -> Topologies.twoTier(ctx, 2, 4, 1, 0.5, ACCESS, 0, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oversubscription")
                .hasMessageContaining("0.5");
        assertThatThrownBy(() -> Topologies.twoTier(ctx, 0, 4, 1, 1, ACCESS, 0, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("racks");
        assertThatThrownBy(() -> Topologies.leafSpine(ctx, 2, 0, 4, ACCESS, ACCESS, QUEUES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spines");
        assertThatThrownBy(() -> Topologies.fatTree(ctx, 4, ACCESS, ACCESS, new Queues(null, null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("nic");
    }

    @Test
    void unknownHostsAndGroupsFailWithMessages() {
        Topology t = FatTreeTest.fatTree(1, 4);
        assertThatThrownBy(() -> t.host("h99")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown host 'h99'");
        assertThatThrownBy(() -> t.host(16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16").hasMessageContaining("0..15");
        assertThatThrownBy(() -> t.hostGroup("pod/9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pod/9").hasMessageContaining("pod/0");
        assertThatThrownBy(() -> t.switchGroup("spine")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("core");
        assertThat(t.host("h5").id()).isEqualTo(5);
        assertThat(t.toString()).contains("fat-tree k=4").contains("16 hosts").contains("20 switches");
    }
}
