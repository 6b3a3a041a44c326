package org.seawallsim.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * The ECN step of a FIFO port lets a packet that is not ECN-capable in unmarked up to the buffer, so non-ECN flows
 * filled the 300-KB buffer beside a DCTCP flow held at K. With {@link FifoQueue#withNonEctDrop()} (RFC 3168 section
 * 7) such a packet is dropped exactly where an ECN-capable one is marked, on both of a FIFO's paths: the queue object
 * (an event-driven port) and the counts a computing port keeps itself. A burst of 60 packets of 1000 bytes meets an
 * idle port: each one's fate follows from the queue it finds, and every byte is delivered or dropped.
 */
class NonEctAboveThresholdTest {
    private static final long K = 10_000;
    private static final int SIZE = 1000;

    /** What happened to the last packet, and the totals. */
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

    /** Observing transmissions makes the port event-driven: the FifoQueue object decides every arrival. */
    static final class TransmitWatcher implements NetProbe {
        @Override
        public void onTransmit(NetElement port, Packet p) {
        }
    }

    @ParameterizedTest(name = "event-driven port {0}, drop {1}")
    @CsvSource({"true, true", "false, true", "true, false", "false, false"})
    void nonEctArrivalsAboveKAreDroppedWhereEctOnesAreMarked(boolean eventDriven, boolean drop) {
        SimContext ctx = new SimContext(1);
        Outcomes o = new Outcomes();
        ctx.probes().attach(o);
        if (eventDriven) {
            ctx.probes().attach(new TransmitWatcher());
        }
        Network net = new Network(ctx);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        QueueFactory fifo = (name, owner, rate) -> {
            FifoQueue q = new FifoQueue(100_000).withEcnThreshold(K);
            return drop ? q.withNonEctDrop() : q;
        };
        net.connect(a, b, Rate.gbps(1), Time.ofMicros(1), fifo);
        EgressPort port = a.nic();
        int[] codepoints = {Packet.ECN_NOT_ECT, Packet.ECN_ECT0, Packet.ECN_ECT1, Packet.ECN_CE};
        long sentBytes = 0;
        int admitted = 0;
        int droppedNonEct = 0;
        int marked = 0;
        for (int i = 0; i < 60; i++) {
            Packet p = ctx.packets().acquire();
            ctx.packets().setFiveTuple(p, a.id(), b.id(), 1, 2, Packet.PROTO_UDP);
            p.sizeBytes = SIZE;
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
                admitted++;
                marked += o.lastMarked ? 1 : 0;
            }
        }
        assertThat(port.computesDepartures()).isEqualTo(!eventDriven);
        // A computing port keeps a plain FIFO's counts itself (EgressPort's inline path), and decides for it.
        assertThat(port.inlineCapacityBytes >= 0).isEqualTo(!eventDriven);
        // The first packet starts at once; packets 11..59 find 10 or more queued (nothing leaves at instant 0), so
        // those joining take the queue above K: 12 of them are non-ECT (i % 4 == 0), 24 ECT(0) or ECT(1).
        assertThat(droppedNonEct).isEqualTo(drop ? 12 : 0);
        assertThat(marked).isEqualTo(24);
        ctx.loop().runToCompletion();
        assertThat(o.delivered).isEqualTo(admitted);
        assertThat(sentBytes).isEqualTo(o.deliveredBytes + o.droppedBytes);
        assertThat(o.droppedBytes).isEqualTo((long) droppedNonEct * SIZE);
        assertThat(port.queue().describe().contains("non-ECT dropped")).isEqualTo(drop);
    }
}
