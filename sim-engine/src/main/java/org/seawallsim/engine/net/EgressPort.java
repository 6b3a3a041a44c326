package org.seawallsim.engine.net;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.ProbeBus;
import org.seawallsim.engine.time.Time;

/**
 * One direction of a full-duplex link as seen from its sending node: a queue discipline, a transmitter that
 * serializes one packet at a time at the line rate (framing included, store-and-forward), and the pipe that carries
 * the packet to the peer.
 *
 * <p>Two ways to run, chosen when the first packet arrives, with identical packet timing:
 * <ul>
 *   <li><b>Computed departures</b>, when the discipline {@linkplain QueueDiscipline#decidesOnArrivalOnly() decides
 *   everything on arrival} (a FIFO) and no probe observes dequeues or transmissions. A FIFO's departure is known the
 *   moment a packet is admitted: it starts when the transmitter frees up, {@code max(now, busyUntil)}. The packet
 *   goes straight into the pipe with that departure time, and the queue and transmitter state is brought up to date
 *   lazily, whenever it is read or the next packet arrives. This removes the transmit-done event, half of all
 *   events in a packet network (htsim's queues schedule one per packet).</li>
 *   <li><b>Event-driven</b> otherwise (schedulers and shapers decide at dequeue time; some probes need each dequeue
 *   at its instant): one event at the end of each transmission.</li>
 * </ul>
 * Either way pending events scale with ports, not with queued packets.
 */
public final class EgressPort extends EgressPortHotFields implements PacketSink, NetElement, EventTarget {
    private static final int TAG_TX_DONE = 0;
    private static final int TAG_WAKE = 1;

    private final SimContext ctx;
    private final String name;
    private final Node owner;
    private long rateBps;
    private final QueueDiscipline queue;
    private EgressPort reverse;


    /** Event mode: the packet being serialized. */
    private Packet inTx;
    private long wakeHandle = EventLoop.NO_EVENT;
    /** The instant being caught up to while settling (disciplines read it as now), or -1. */
    private long settleClockPs = -1;
    /**
     * The inline FIFO drops non-ECN-capable packets above its ECN step (FifoQueue#withNonEctDrop). Read only above
     * the step, so it stays off the hot fields.
     */
    private boolean inlineDropNonEct;

    EgressPort(SimContext ctx, String name, Node owner, long rateBps, long delayPs, QueueDiscipline queue) {
        super(ctx.loop(), ctx.probes(), new Pipe(ctx, checkedRate(name, rateBps), delayPs));
        this.ctx = ctx;
        this.name = name;
        this.owner = owner;
        this.rateBps = rateBps;
        long bitPsPerByte = 8L * Time.PS_PER_S;
        this.psPerByte = bitPsPerByte % rateBps == 0 ? bitPsPerByte / rateBps : 0;
        this.queue = queue;
        queue.attach(this);
    }

    private static String checkedRate(String name, long rateBps) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException(name + ": link rate must be positive (bit/s), got " + rateBps);
        }
        return name + "/pipe";
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

    /**
     * Runs this port's clock {@code offsetPpm} (negative: slow) off its nominal rate, as a real interface's
     * oscillator is; only before the port has sent anything.
     */
    public void offsetClock(double offsetPpm) {
        setActualRateBps(Math.round(rateBps * (1 + offsetPpm * 1e-6)));
    }

    /** The port's actual rate (its clock's offset from nominal); only before the port has sent anything. */
    private void setActualRateBps(long actualBps) {
        if (busyUntilPs != 0 || actualBps <= 0) {
            throw new IllegalStateException(name + ": the rate can only be set to a positive value before traffic");
        }
        rateBps = actualBps;
        long bitPsPerByte = 8L * Time.PS_PER_S;
        psPerByte = bitPsPerByte % actualBps == 0 ? bitPsPerByte / actualBps : 0;
    }

    public QueueDiscipline queue() {
        return queue;
    }

    /**
     * Makes this direction of the link lose each frame (each data segment or datagram only, with {@code dataOnly})
     * with probability {@code probability}, reported as this port's drops ({@link WireLoss}); 0 removes the loss.
     * Only before the port has sent anything, so that a run's draws never depend on when loss was switched on.
     */
    public void setWireLoss(double probability, boolean dataOnly) {
        if (busyUntilPs != 0 || txEndPs != 0) {
            throw new IllegalStateException(name + ": wire loss can only be set before traffic");
        }
        pipe.setLoss(probability == 0 ? null : new WireLoss(ctx, name, probability, dataOnly));
    }

    /** Frames this direction of the link has lost at random so far ({@link #setWireLoss}). */
    public long wireLostPackets() {
        WireLoss l = pipe.loss();
        return l == null ? 0 : l.lostPackets();
    }

    public Pipe pipe() {
        return pipe;
    }

    public SimContext context() {
        return ctx;
    }

    /** True while a packet is being serialized. */
    public boolean busy() {
        if (mode == MODE_COMPUTED) {
            catchUp();
            return txOpen;
        }
        return inTx != null;
    }

    /** IP bytes (plus encapsulation) of the packet being serialized, 0 if idle. */
    public long bytesInTransmission() {
        if (mode == MODE_COMPUTED) {
            catchUp();
            return txOpen ? txOpenBytes : 0;
        }
        return inTx == null ? 0 : inTx.sizeBytes + inTx.encapBytes;
    }

    /** Packets whose transmission has finished. */
    public long txPackets() {
        catchUp();
        return txPackets;
    }

    public long txWireBytes() {
        catchUp();
        return txWireBytes;
    }

    /** Total serialization time of every packet whose transmission has started (the current one in full). */
    public long busyPs() {
        catchUp();
        return busyPs;
    }

    /** Time spent serializing up to now: {@link #busyPs()} less the part of the current packet still to go. */
    public long busyPsSoFar() {
        catchUp();
        boolean transmitting = mode == MODE_COMPUTED ? txOpen : inTx != null;
        return transmitting ? busyPs - Math.max(0, txEndPs - loop.nowPs()) : busyPs;
    }

    /** True once this port computes departures on arrival rather than simulating each transmission. */
    public boolean computesDepartures() {
        return mode == MODE_COMPUTED;
    }

    /**
     * The current instant for the discipline: while the port catches up on departures it has computed, the
     * instant of the departure being processed, so that a discipline's idle-time bookkeeping (RED) is exact.
     */
    public long nowPs() {
        return settleClockPs >= 0 ? settleClockPs : loop.nowPs();
    }

    @Override
    public void receive(Packet p) {
        if (mode != MODE_EVENTS) {
            if (mode == MODE_UNDECIDED) {
                decideMode();
            }
            if (mode == MODE_COMPUTED) {
                receiveComputed(p);
                return;
            }
        }
        if (queue.enqueue(p)) {
            if (!probes.isEmpty()) {
                probes.enqueue(this, p, queue.bytes());
            }
            if (inTx == null) {
                startNext();
            }
        }
    }

    private void decideMode() {
        if (queue.decidesOnArrivalOnly() && !probes.observesPortTiming()) {
            mode = MODE_COMPUTED;
            queue.computeDepartures();
            idleAdmitBytes = queue.unconditionalAdmitBytes();
            if (queue instanceof FifoQueue fifo && fifo.handCountsToPort()) {
                inlineCapacityBytes = fifo.capacityBytes();
                inlineEcnBytes = fifo.ecnThresholdBytes();
                inlineDropNonEct = fifo.dropsNonEctAboveThreshold();
            }
            probes.portsComputeDepartures();
        } else {
            mode = MODE_EVENTS;
        }
    }

    private void receiveComputed(Packet p) {
        long now = loop.nowPs();
        if (now >= nextStartPs || (txOpen && now >= txEndPs)) {
            settle(now);
        }
        int size = p.sizeBytes + p.encapBytes;
        if (busyUntilPs <= now && size <= idleAdmitBytes) {
            // The transmitter is idle, so (after settling) nothing is queued, and the discipline admits this packet
            // into its empty queue unconditionally and unmarked: it starts now, and the discipline, which would
            // only count it in and straight out again, is not touched. Most hops of an uncongested packet.
            if (!probes.isEmpty()) {
                probes.enqueue(this, p, size);
            }
            if (txOpen) {
                finishOpenTx();
            }
            beginTransmission(now, size);
            busyUntilPs = txEndPs;
            pipe.sendAt(p, busyUntilPs);
            return;
        }
        if (inlineCapacityBytes >= 0) {
            // A plain drop-tail FIFO (with at most an ECN step) whose counts this port keeps: FifoQueue.enqueue's
            // decisions, in the same order, on this port's cache lines instead of the queue's.
            long after = queuedBytes + size;
            if (after > inlineCapacityBytes) {
                reportDrop(p, DropReason.QUEUE_FULL);
                return;
            }
            if (after > inlineEcnBytes) {
                if (p.isEct()) {
                    p.ecn = Packet.ECN_CE;
                    reportMark(p);
                } else if (inlineDropNonEct && p.ecn == Packet.ECN_NOT_ECT) {
                    reportDrop(p, DropReason.NOT_ECT_ABOVE_THRESHOLD);
                    return;
                }
            }
            queuedPackets++;
            queuedBytes = after;
        } else if (!queue.enqueue(p)) {
            return;
        }
        if (!probes.isEmpty()) {
            probes.enqueue(this, p, queue.bytes());
        }
        if (busyUntilPs <= now) {
            // The transmitter is idle (so, after settling, nothing is queued): the packet starts now and there is
            // no start time to remember.
            startTransmission(now, size);
            busyUntilPs = txEndPs;
            pipe.sendAt(p, busyUntilPs);
            return;
        }
        long start = busyUntilPs;
        busyUntilPs = start + serializationPs(Ethernet.wireBytes(size));
        pipe.sendAt(p, busyUntilPs);
        long[] ring = starts;
        if (startCount << 1 == ring.length) {
            ring = growStarts();
        }
        int tail = ((startHead + startCount) << 1) & (ring.length - 1);
        ring[tail] = start;
        ring[tail + 1] = size;
        if (startCount++ == 0) {
            nextStartPs = start;
        }
    }

    /** Bytes in a FIFO whose counts this port keeps (see {@link FifoQueue#handCountsToPort()}), up to now. */
    long inlineQueuedBytes() {
        catchUp();
        return queuedBytes;
    }

    /** Packets in a FIFO whose counts this port keeps, up to now. */
    int inlineQueuedPackets() {
        catchUp();
        return queuedPackets;
    }

    /** Brings a computed-mode port's queue and transmitter up to now (no-op in event mode). */
    void catchUp() {
        if (mode == MODE_COMPUTED) {
            long now = loop.nowPs();
            if (now >= nextStartPs || (txOpen && now >= txEndPs)) {
                settle(now);
            }
        }
    }

    /** Takes every packet whose computed start is at or before {@code now} off the queue, in order. */
    private void settle(long now) {
        while (nextStartPs <= now) {
            long start = nextStartPs;
            if (txOpen) {
                finishOpenTx();
            }
            long[] ring = starts;
            int size = (int) ring[(startHead << 1) + 1];
            startHead = (startHead + 1) & ((ring.length >>> 1) - 1);
            nextStartPs = --startCount == 0 ? Long.MAX_VALUE : ring[startHead << 1];
            settleClockPs = start;
            startTransmission(start, size);
        }
        settleClockPs = -1;
        if (txOpen && txEndPs <= now) {
            finishOpenTx();
        }
    }

    /** The queue's head, of {@code sizeBytes}, starts serializing at {@code startPs}. */
    private void startTransmission(long startPs, int sizeBytes) {
        if (inlineCapacityBytes >= 0) {
            queuedPackets--;
            queuedBytes -= sizeBytes;
        } else {
            queue.removeHead(sizeBytes);
        }
        beginTransmission(startPs, sizeBytes);
    }

    /** The transmitter takes a packet of {@code sizeBytes} at {@code startPs}; the previous one has finished. */
    private void beginTransmission(long startPs, int sizeBytes) {
        int wire = Ethernet.wireBytes(sizeBytes);
        long txPs = serializationPs(wire);
        busyPs += txPs;
        txEndPs = startPs + txPs;
        txOpen = true;
        txOpenWireBytes = wire;
        txOpenBytes = sizeBytes;
    }

    private void finishOpenTx() {
        txOpen = false;
        txPackets++;
        txWireBytes += txOpenWireBytes;
    }

    private long[] growStarts() {
        long[] old = starts;
        int cap = old.length >>> 1;
        long[] n = new long[old.length * 2];
        for (int i = 0; i < startCount; i++) {
            int j = ((startHead + i) & (cap - 1)) << 1;
            n[i << 1] = old[j];
            n[(i << 1) + 1] = old[j + 1];
        }
        starts = n;
        startHead = 0;
        return n;
    }

    private long serializationPs(int wireBytes) {
        // A multiply instead of Time.serializationPs's 64-bit division on the common exact rates; same result.
        return psPerByte != 0 ? wireBytes * psPerByte : Time.serializationPs(wireBytes, rateBps);
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
        if (mode != MODE_COMPUTED && inTx == null) {
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
        long txPs = serializationPs(p.wireBytes());
        busyPs += txPs;
        txEndPs = loop.nowPs() + txPs;
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
        pipe.sendAt(p, loop.nowPs());
        startNext();
    }

    @Override
    public String toString() {
        return name;
    }
}
