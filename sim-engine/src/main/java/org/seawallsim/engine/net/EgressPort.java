package org.seawallsim.engine.net;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.ProbeBus;
import org.seawallsim.engine.time.Time;

/**
 * One direction of a full-duplex link as seen from its sending node: a queue discipline, a transmitter that
 * serializes one packet at a time at the line rate (framing included, store-and-forward), and the pipe that carries
 * the packet to the peer. Only the current transmission's end is scheduled, so pending events scale with ports.
 */
public final class EgressPort implements PacketSink, EventTarget {
    private static final int TAG_TX_DONE = 0;
    private static final int TAG_WAKE = 1;

    private final SimContext ctx;
    private final EventLoop loop;
    private final ProbeBus probes;
    private final String name;
    private final Node owner;
    private final long rateBps;
    /** Picoseconds per wire byte when the rate divides 8e12 bit-ps exactly (all Ethernet rates), else 0. */
    private final long psPerByte;
    private final QueueDiscipline queue;
    private final Pipe pipe;
    private EgressPort reverse;

    private Packet inTx;
    private long wakeHandle = EventLoop.NO_EVENT;
    private long txPackets;
    private long txWireBytes;
    private long busyPs;

    EgressPort(SimContext ctx, String name, Node owner, long rateBps, long delayPs, QueueDiscipline queue) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException(name + ": link rate must be positive (bit/s), got " + rateBps);
        }
        this.ctx = ctx;
        this.loop = ctx.loop();
        this.probes = ctx.probes();
        this.name = name;
        this.owner = owner;
        this.rateBps = rateBps;
        long bitPsPerByte = 8L * Time.PS_PER_S;
        this.psPerByte = bitPsPerByte % rateBps == 0 ? bitPsPerByte / rateBps : 0;
        this.queue = queue;
        this.pipe = new Pipe(ctx, name + "/pipe", delayPs);
        queue.attach(this);
    }

    void connect(EgressPort reverse) {
        this.reverse = reverse;
        pipe.connect(reverse.owner, reverse);
    }

    @Override
    public String name() {
        return name;
    }

    public Node owner() {
        return owner;
    }

    /** The node at the far end of this port's link. */
    public Node peer() {
        return reverse.owner;
    }

    /** The peer's port on the same link, sending the other way. */
    public EgressPort reverse() {
        return reverse;
    }

    public long rateBps() {
        return rateBps;
    }

    public QueueDiscipline queue() {
        return queue;
    }

    public Pipe pipe() {
        return pipe;
    }

    public SimContext context() {
        return ctx;
    }

    /** True while a packet is being serialized. */
    public boolean busy() {
        return inTx != null;
    }

    /** IP bytes (plus encapsulation) of the packet being serialized, 0 if idle. */
    public long bytesInTransmission() {
        return inTx == null ? 0 : inTx.sizeBytes + inTx.encapBytes;
    }

    public long txPackets() {
        return txPackets;
    }

    public long txWireBytes() {
        return txWireBytes;
    }

    /** Total time spent serializing completed packets. */
    public long busyPs() {
        return busyPs;
    }

    @Override
    public void receive(Packet p) {
        if (queue.enqueue(p)) {
            if (!probes.isEmpty()) {
                probes.enqueue(this, p, queue.bytes());
            }
            if (inTx == null) {
                startNext();
            }
        }
    }

    /** Disciplines call this for every packet they refuse. */
    public void reportDrop(Packet p, DropReason reason) {
        probes.drop(name, p, reason);
        ctx.packets().release(p);
    }

    /** Disciplines call this when they set CE on a packet. */
    public void reportMark(Packet p) {
        probes.mark(this, p);
    }

    /** Asks an idle port to look at its queue again (a shaper's tokens may have arrived). */
    public void kick() {
        if (inTx == null) {
            startNext();
        }
    }

    private void startNext() {
        Packet p = queue.dequeue();
        if (p == null) {
            long eligible = queue.nextEligiblePs();
            if (eligible != Long.MAX_VALUE) {
                loop.cancel(wakeHandle);
                wakeHandle = loop.schedule(Math.max(eligible, loop.nowPs()), this, TAG_WAKE);
            }
            return;
        }
        inTx = p;
        if (!probes.isEmpty()) {
            probes.dequeue(this, p, queue.bytes());
        }
        // A multiply instead of Time.serializationPs's 64-bit division on the common exact rates; same result.
        int wire = p.wireBytes();
        long txPs = psPerByte != 0 ? wire * psPerByte : Time.serializationPs(wire, rateBps);
        busyPs += txPs;
        loop.scheduleIn(txPs, this, TAG_TX_DONE);
    }

    @Override
    public void onEvent(int tag) {
        if (tag == TAG_WAKE) {
            wakeHandle = EventLoop.NO_EVENT;
            if (inTx == null) {
                startNext();
            }
            return;
        }
        Packet p = inTx;
        inTx = null;
        txPackets++;
        txWireBytes += p.wireBytes();
        if (!probes.isEmpty()) {
            probes.transmit(this, p);
        }
        pipe.send(p);
        startNext();
    }

    @Override
    public String toString() {
        return name;
    }
}
