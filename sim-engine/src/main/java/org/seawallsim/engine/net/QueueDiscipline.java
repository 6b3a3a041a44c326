package org.seawallsim.engine.net;

import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * The buffer and scheduler behind one egress port: FIFO drop-tail, ECN/RED, deficit round robin, shapers. Admission
 * is explicit: {@link #enqueue} either accepts the packet (possibly marking it) or drops it and reports the drop
 * through {@link EgressPort#reportDrop}. Serialization is the port's job, not the discipline's.
 */
public abstract class QueueDiscipline {
    protected EgressPort port;

    /** Called once when the port is built. */
    protected void attach(EgressPort port) {
        if (this.port != null) {
            throw new IllegalStateException("queue discipline already attached to " + this.port.name());
        }
        this.port = port;
    }

    /**
     * Lets a decorating discipline (for example a QCN congestion point around a FIFO) attach the discipline it wraps
     * to its own port, so that the inner one can report drops and read the clock. Static because Java's protected
     * access would not let a subclass in another package call {@link #attach} on a different instance.
     */
    protected static void attachInner(QueueDiscipline inner, EgressPort port) {
        inner.attach(port);
    }

    /** Accepts the packet or drops it (reporting the drop). Returns true if accepted. */
    public abstract boolean enqueue(Packet p);

    /** Next packet to transmit, or null if nothing is eligible now. */
    public abstract Packet dequeue();

    /** Bytes held (IP bytes plus encapsulation, the unit of {@link #capacityBytes()}). */
    public abstract long bytes();

    public abstract int packets();

    /** Capacity in bytes; {@link Long#MAX_VALUE} if unbounded. */
    public abstract long capacityBytes();

    /**
     * The queue occupancy in bytes above which ECN-capable arrivals are marked (DCTCP-style step), Long.MAX_VALUE for
     * none. Disciplines built around another (per-tenant queues) take the switches' threshold from it.
     */
    public long ecnThresholdBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * True if a packet that is not ECN-capable is dropped where an ECN-capable one would be marked (RFC 3168 section
     * 7), false if it is admitted unmarked up to the buffer. Disciplines built around another take it from it, as
     * they take {@link #ecnThresholdBytes()}.
     */
    public boolean dropsNonEctAboveThreshold() {
        return false;
    }

    /**
     * RFC 3168 section 7 beside {@link #markIfAbove}: drops (and reports) a packet that is not ECN-capable and would
     * take the queue it joins above {@code thresholdBytes}. Returns true if it dropped the packet. A CE packet (marked
     * upstream) is ECN-capable and is not dropped.
     */
    protected final boolean dropNonEctIfAbove(long queuedBytes, int sizeBytes, Packet p, long thresholdBytes) {
        if (queuedBytes + sizeBytes > thresholdBytes && p.ecn == Packet.ECN_NOT_ECT) {
            port.reportDrop(p, DropReason.NOT_ECT_ABOVE_THRESHOLD);
            return true;
        }
        return false;
    }

    /**
     * The marking step every discipline applies to an admitted packet: CE on an ECN-capable packet that finds the
     * queue it joins ({@code queuedBytes} before it) above {@code thresholdBytes} once it is in.
     */
    protected final void markIfAbove(long queuedBytes, int sizeBytes, Packet p, long thresholdBytes) {
        if (queuedBytes + sizeBytes > thresholdBytes && p.isEct()) {
            p.ecn = Packet.ECN_CE;
            port.reportMark(p);
        }
    }

    /**
     * For non-work-conserving disciplines (shapers): the earliest time a packet may become eligible although
     * {@link #dequeue()} returned null, or {@link Long#MAX_VALUE}. The port wakes itself then.
     */
    public long nextEligiblePs() {
        return Long.MAX_VALUE;
    }

    /**
     * True if this discipline sends packets in arrival order as soon as the transmitter is free and makes every
     * decision (admit, drop, mark) on arrival. Its port then computes each departure on arrival instead of
     * simulating it (see {@link EgressPort}); such a discipline reads the time through {@link EgressPort#nowPs()}.
     */
    public boolean decidesOnArrivalOnly() {
        return false;
    }

    /**
     * For disciplines that {@linkplain #decidesOnArrivalOnly() decide on arrival}: the head packet, admitted with
     * {@code sizeBytes}, has started transmission; remove it without reading it. Its port computed its departure
     * long ago and catches up only now, so the packet may already have reached its destination and been recycled.
     */
    protected void removeHead(int sizeBytes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not decide on arrival only");
    }

    /** Called once, before the first packet, when the port starts computing departures. */
    protected void computeDepartures() {
    }

    /**
     * For disciplines that decide on arrival: packets up to this many bytes arriving at an empty queue are always
     * admitted, unmarked, and leave no state behind once they have started transmission (no averages, no shared
     * memory); -1 if there is no such size. A port computing departures then skips the discipline for packets that
     * find it empty and its transmitter idle. Asked once, when the port starts computing departures.
     */
    protected long unconditionalAdmitBytes() {
        return -1;
    }

    public String describe() {
        return getClass().getSimpleName();
    }
}
