package org.seawallsim.engine.net;

import java.util.SplittableRandom;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.time.Time;

/**
 * A byte-limited FIFO egress queue with tail drop, and optionally ECN marking (a step at K bytes on the
 * instantaneous queue, as DCTCP uses, or RED on the averaged queue) and a shared switch buffer.
 *
 * <p>Marking happens on arrival, as in the DCTCP paper (htsim marks on dequeue; the difference is one queue
 * drain time of feedback delay). Packets that are not ECN-capable are never marked: the step marker lets them in
 * (tail drop still applies) unless told to drop them instead ({@link #withNonEctDrop}, RFC 3168 section 7), and RED
 * drops them early.
 */
public final class FifoQueue extends QueueDiscipline {
    /** RED parameters: thresholds in bytes, maximum probability, EWMA weight (Floyd and Jacobson). */
    public record RedParams(long minThresholdBytes, long maxThresholdBytes, double maxProbability, double weight) {
        public RedParams {
            if (minThresholdBytes < 0 || maxThresholdBytes <= minThresholdBytes) {
                throw new IllegalArgumentException("RED thresholds need 0 <= min < max bytes, got min="
                        + minThresholdBytes + " max=" + maxThresholdBytes);
            }
            if (!(maxProbability > 0 && maxProbability <= 1)) {
                throw new IllegalArgumentException("RED max probability must be in (0, 1], got " + maxProbability);
            }
            if (!(weight > 0 && weight <= 1)) {
                throw new IllegalArgumentException("RED weight must be in (0, 1], got " + weight);
            }
        }
    }

    private final long capacityBytes;
    private final PacketRing ring = new PacketRing(16);
    /** False once the port computes departures: then only the counts are kept (see {@link #removeHead}). */
    private boolean keepPackets = true;
    /** True once the port keeps this queue's counts and decides admission itself (see {@link #handCountsToPort}). */
    private boolean countedByPort;
    private int count;
    private long bytes;

    private long ecnThresholdBytes = Long.MAX_VALUE;
    private boolean dropNonEct;
    private RedParams red;
    private SplittableRandom redRandom;
    private double redAvgBytes;
    private int redCount = -1;
    private long redIdleSincePs = -1;
    private SharedBuffer shared;

    public FifoQueue(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive (bytes), got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Marks CE on ECN-capable arrivals while the instantaneous queue exceeds {@code kBytes} (DCTCP's K). */
    public FifoQueue withEcnThreshold(long kBytes) {
        if (kBytes < 0) {
            throw new IllegalArgumentException("ECN marking threshold must be >= 0 bytes, got " + kBytes);
        }
        this.ecnThresholdBytes = kBytes;
        return this;
    }

    /**
     * Above the ECN step, drops packets that are not ECN-capable where it marks ECN-capable ones (RFC 3168 section 7,
     * as RED does) instead of letting them queue up to the buffer. Without a threshold it changes nothing.
     */
    public FifoQueue withNonEctDrop() {
        this.dropNonEct = true;
        return this;
    }

    /** RED on the averaged queue; marks ECN-capable packets, drops the others. */
    public FifoQueue withRed(RedParams params, SplittableRandom random) {
        this.red = params;
        this.redRandom = random;
        return this;
    }

    /** Draws memory from a shared switch buffer as well as respecting this queue's own capacity. */
    public FifoQueue withSharedBuffer(SharedBuffer buffer) {
        this.shared = buffer;
        return this;
    }

    @Override
    public boolean enqueue(Packet p) {
        if (countedByPort) {
            throw new IllegalStateException("the port keeps this queue's counts and admits packets itself");
        }
        int size = p.sizeBytes + p.encapBytes;
        if (red != null && !redAdmit(p)) {
            return false;
        }
        if (bytes + size > capacityBytes) {
            port.reportDrop(p, DropReason.QUEUE_FULL);
            return false;
        }
        if (dropNonEct && dropNonEctIfAbove(bytes, size, p, ecnThresholdBytes)) {
            return false;
        }
        if (shared != null && !shared.tryReserve(bytes, size)) {
            port.reportDrop(p, DropReason.SHARED_BUFFER);
            return false;
        }
        markIfAbove(bytes, size, p, ecnThresholdBytes);
        if (keepPackets) {
            ring.addLast(p);
        }
        count++;
        bytes += size;
        return true;
    }

    private boolean redAdmit(Packet p) {
        long now = port.nowPs();
        if (count == 0 && redIdleSincePs >= 0) {
            // Decay the average over the idle period as if small packets had been sent (Floyd and Jacobson).
            long typicalTxPs = Time.serializationPs(Ethernet.wireBytes(Ethernet.MTU_BYTES), port.rateBps());
            double m = (now - redIdleSincePs) / (double) typicalTxPs;
            redAvgBytes *= StrictMath.pow(1 - red.weight(), m);
        }
        redAvgBytes = (1 - red.weight()) * redAvgBytes + red.weight() * bytes;
        boolean signal;
        if (redAvgBytes < red.minThresholdBytes()) {
            redCount = -1;
            signal = false;
        } else if (redAvgBytes >= red.maxThresholdBytes()) {
            redCount = 0;
            signal = true;
        } else {
            redCount++;
            double pb = red.maxProbability() * (redAvgBytes - red.minThresholdBytes())
                    / (red.maxThresholdBytes() - red.minThresholdBytes());
            double pa = redCount * pb >= 1 ? 1 : pb / (1 - redCount * pb);
            signal = redRandom.nextDouble() < pa;
            if (signal) {
                redCount = 0;
            }
        }
        if (!signal) {
            return true;
        }
        if (p.isEct() || p.ecn == Packet.ECN_CE) {
            if (p.ecn != Packet.ECN_CE) {
                p.ecn = Packet.ECN_CE;
                port.reportMark(p);
            }
            return true;
        }
        port.reportDrop(p, DropReason.RED_EARLY);
        return false;
    }

    @Override
    public Packet dequeue() {
        Packet p = ring.pollFirst();
        if (p != null) {
            departed(p.sizeBytes + p.encapBytes);
        }
        return p;
    }

    @Override
    protected void removeHead(int sizeBytes) {
        departed(sizeBytes);
    }

    /**
     * A port computing departures never asks for its packets back, so they are not stored: the queue is its byte
     * and packet counts (the packets themselves are in the pipe, with their departure times).
     */
    @Override
    protected void computeDepartures() {
        if (count > 0) {
            throw new IllegalStateException("switch to computed departures with an empty queue only");
        }
        keepPackets = false;
    }

    /**
     * Called by a port that computes departures: without RED and a shared buffer this queue is a capacity and an
     * ECN step, which the port applies itself, keeping the counts among its own fields (the port's state is read for
     * every packet anyway; the queue's would be one cache line more per packet and departure, the most missed line
     * of a large fabric's hop). This queue then reads its counts from the port. Returns whether it handed them over.
     */
    boolean handCountsToPort() {
        if (red != null || shared != null || keepPackets || count != 0) {
            return false;
        }
        countedByPort = true;
        return true;
    }

    @Override
    public long ecnThresholdBytes() {
        return ecnThresholdBytes;
    }

    @Override
    public boolean dropsNonEctAboveThreshold() {
        return dropNonEct;
    }

    /** Without RED (whose average moves on every arrival) and a shared buffer: up to the capacity and the ECN K. */
    @Override
    protected long unconditionalAdmitBytes() {
        return red == null && shared == null ? Math.min(capacityBytes, ecnThresholdBytes) : -1;
    }

    private void departed(int size) {
        count--;
        bytes -= size;
        if (shared != null) {
            shared.release(size);
        }
        if (count == 0 && red != null) {
            redIdleSincePs = port.nowPs();
        }
    }

    /** The i-th queued packet from the head (for tests and inspection). */
    public Packet peek(int i) {
        catchUp();
        if (!keepPackets) {
            throw new UnsupportedOperationException("a port that computes departures keeps no packets in its queue;"
                    + " attach a probe that observes dequeues to make it event-driven");
        }
        return ring.get(i);
    }

    @Override
    public long bytes() {
        if (countedByPort) {
            return port.inlineQueuedBytes();
        }
        catchUp();
        return bytes;
    }

    @Override
    public int packets() {
        if (countedByPort) {
            return port.inlineQueuedPackets();
        }
        catchUp();
        return count;
    }

    /** A shared buffer is charged by every port of the switch, so its admission needs the other ports' exact state. */
    @Override
    public boolean decidesOnArrivalOnly() {
        return shared == null;
    }

    private void catchUp() {
        if (port != null) {
            port.catchUp();
        }
    }

    @Override
    public long capacityBytes() {
        return capacityBytes;
    }

    /** The RED average queue, bytes (0 without RED). */
    public double redAverageBytes() {
        return redAvgBytes;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("fifo(" + capacityBytes + "B");
        if (ecnThresholdBytes != Long.MAX_VALUE) {
            sb.append(", ecnK=").append(ecnThresholdBytes).append('B');
            if (dropNonEct) {
                sb.append(", non-ECT dropped");
            }
        }
        if (red != null) {
            sb.append(", ").append(red);
        }
        if (shared != null) {
            sb.append(", shared");
        }
        return sb.append(')').toString();
    }
}
