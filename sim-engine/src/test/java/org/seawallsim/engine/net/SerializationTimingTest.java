package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

class SerializationTimingTest {
    @Test
    void fullFrameCrossesOneGigabitLinkInExactly12304nsPlusPropagation() {
        SimContext ctx = new SimContext(1);
        Network net = new Network(ctx);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        Switch s = net.addSwitch("s");
        long delayPs = Time.ofMicros(1);
        net.connect(a, s, Rate.gbps(1), delayPs, QueueFactory.dropTail(1 << 20));
        net.connect(b, s, Rate.gbps(1), delayPs, QueueFactory.dropTail(1 << 20));
        s.setRoute(b.id(), new int[] {1});
        List<Long> arrivals = new ArrayList<>();
        PacketSink sink = new PacketSink() {
            @Override
            public void receive(Packet p) {
                arrivals.add(ctx.nowPs());
            }

            @Override
            public String name() {
                return "sink";
            }
        };
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, a.id(), b.id(), 1, 2, Packet.PROTO_UDP);
        p.sizeBytes = 1500;
        p.endpoint = sink;
        assertThat(p.wireBytes()).isEqualTo(1538);
        a.sendFromVm(p);
        ctx.loop().runToCompletion();
        // Store-and-forward over two hops: 2 x (12.304 us + 1 us), exactly.
        assertThat(arrivals).containsExactly(2 * (12_304_000L + delayPs));
        assertThat(Time.serializationPs(1538, Rate.gbps(10))).isEqualTo(1_230_400L);
    }
}
