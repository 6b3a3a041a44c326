package org.seawallsim.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.baseline.drr.DrrConfig;
import org.seawallsim.baseline.drr.DrrScheme;
import org.seawallsim.baseline.ratelimit.RateLimitConfig;
import org.seawallsim.baseline.ratelimit.RateLimitScheme;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * DRR's and the shaper's tenant queues take the switches' ECN step from the FIFO they replace, and now also its
 * treatment of packets that are not ECN-capable: with the FIFO told to drop them above K (RFC 3168 section 7,
 * {@link FifoQueue#withNonEctDrop()}), a tenant queue drops a non-ECT arrival exactly where it marks an ECT one;
 * before, both let it in up to the buffer. A burst of 60 packets of 1000 bytes meets an idle switch port.
 */
class NonEctAboveThresholdQueuesTest {
    private static final long K = 10_000;
    private static final int SIZE = 1000;

    static final class Outcomes implements NetProbe {
        DropReason lastDrop;
        boolean lastMarked;
        long droppedBytes;
        long deliveredBytes;
        int delivered;

        @Override
        public void onDrop(String where, Packet p, DropReason reason) {
            lastDrop = reason;
            droppedBytes += p.sizeBytes + p.encapBytes;
        }

        @Override
        public void onMark(NetElement port, Packet p) {
            lastMarked = true;
        }

        @Override
        public void onDeliver(NetElement host, Packet p) {
            deliveredBytes += p.sizeBytes + p.encapBytes;
            delivered++;
        }
    }

    @ParameterizedTest(name = "{0}, drop {1}")
    @CsvSource({"drr, true", "drr, false", "shaper, true", "shaper, false"})
    void tenantQueuesDropNonEctArrivalsAboveKWhereTheyMarkEctOnes(String kind, boolean drop) {
        SimContext ctx = new SimContext(1);
        Outcomes o = new Outcomes();
        ctx.probes().attach(o);
        IsolationScheme scheme = kind.equals("drr") ? new DrrScheme(DrrConfig.defaults())
                : new RateLimitScheme(RateLimitConfig.defaults().withMode(RateLimitConfig.Mode.SHAPER));
        QueueFactory base = (name, owner, rate) -> {
            FifoQueue q = new FifoQueue(100_000).withEcnThreshold(K);
            return drop ? q.withNonEctDrop() : q;
        };
        Network net = new Network(ctx);
        Switch sw = net.addSwitch("s");
        Host a = net.addHost("a");
        Host r = net.addHost("r");
        QueueFactory swq = scheme.switchQueues(base);
        net.connect(a, sw, Rate.gbps(1), Time.ofMicros(1), QueueFactory.dropTail(100_000), swq);
        net.connect(r, sw, Rate.gbps(1), Time.ofMicros(1), QueueFactory.dropTail(100_000), swq);
        sw.setRoute(a.id(), new int[] {0});
        sw.setRoute(r.id(), new int[] {1});
        scheme.install(net, TestNet.vms(new int[] {0, 0}, null));
        EgressPort port = sw.ports().get(1);
        assertThat(port.queue().getClass().getSimpleName()).isEqualTo(kind.equals("drr") ? "DrrQueue"
                : "TenantShaper");
        int[] codepoints = {Packet.ECN_NOT_ECT, Packet.ECN_ECT0, Packet.ECN_ECT1, Packet.ECN_CE};
        long sentBytes = 0;
        int admitted = 0;
        int droppedNonEct = 0;
        int marked = 0;
        for (int i = 0; i < 60; i++) {
            Packet p = ctx.packets().acquire();
            ctx.packets().setFiveTuple(p, a.id(), r.id(), 1, 2, Packet.PROTO_UDP);
            p.sizeBytes = SIZE;
            p.tenant = 0;
            int ecn = codepoints[i % 4];
            p.ecn = ecn;
            long before = port.queue().bytes();
            o.lastDrop = null;
            o.lastMarked = false;
            sentBytes += SIZE;
            port.receive(p);
            boolean above = before + SIZE > K;
            boolean ect = ecn == Packet.ECN_ECT0 || ecn == Packet.ECN_ECT1;
            String what = "packet " + i + " (ecn " + ecn + ") finding " + before + " bytes";
            if (above && drop && ecn == Packet.ECN_NOT_ECT) {
                assertThat(o.lastDrop).as(what).isEqualTo(DropReason.NOT_ECT_ABOVE_THRESHOLD);
                assertThat(port.queue().bytes()).as(what).isEqualTo(before);
                droppedNonEct++;
            } else {
                assertThat(o.lastDrop).as(what).isNull();
                assertThat(o.lastMarked).as(what).isEqualTo(above && ect);
                assertThat(port.queue().bytes()).as(what).isGreaterThanOrEqualTo(before);
                admitted++;
                marked += o.lastMarked ? 1 : 0;
            }
        }
        // The first packet starts at once; packets 11..59 find 10 or more queued (nothing leaves at instant 0), so
        // those joining take the queue above K: 12 of them are non-ECT (i % 4 == 0), 24 ECT(0) or ECT(1).
        assertThat(droppedNonEct).isEqualTo(drop ? 12 : 0);
        assertThat(marked).isEqualTo(24);
        ctx.loop().runUntil(Time.ofMillis(10));
        assertThat(port.queue().bytes()).isZero();
        assertThat(o.delivered).isEqualTo(admitted);
        assertThat(sentBytes).isEqualTo(o.deliveredBytes + o.droppedBytes);
        assertThat(o.droppedBytes).isEqualTo((long) droppedNonEct * SIZE);
    }
}
