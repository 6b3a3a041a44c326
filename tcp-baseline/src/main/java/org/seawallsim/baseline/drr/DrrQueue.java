package org.seawallsim.baseline.drr;

import org.seawallsim.baseline.SharedBuffer;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.PacketRing;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * Deficit round robin over a fixed number of queues on one egress port (Shreedhar and Varghese): each backlogged
 * queue, on its turn, adds its quantum to its deficit and sends head packets while they fit; an emptied queue leaves
 * the round with its deficit reset. Tenants are bound to queues by a {@link DrrPlan}; inside a queue it is one FIFO,
 * so tenants that share a queue share it the way their flows compete. Each port has its own quanta
 * ({@link #setQuanta}: its tenants weighed by their VMs whose flows cross it), the plan's network-wide ones until
 * then. Sizes are wire bytes, so service shares are shares of link time. When the switches mark ECN, an ECN-capable
 * arrival that finds its own queue above the marking threshold is marked (per-class marking, as DCTCP switches with
 * several queues do): without it ECN and DCTCP guests under DRR heard only of losses.
 *
 * <p>Buffering: the queues share the port's one buffer. An arrival is dropped if it would take its own queue over
 * the per-queue limit, and makes room by longest queue drop ({@link SharedBuffer}) if it would take the port over its
 * buffer: a weight-5 queue, served five times faster than a weight-1 queue, would drain out if admissions alone
 * decided. Pushed-out packets count as buffer drops on the port.
 */
public final class DrrQueue extends QueueDiscipline implements SharedBuffer {
    private final DrrPlan plan;
    private final long queueCapacityBytes;
    private final long portBufferBytes;
    private final long ecnThresholdBytes;
    private final boolean dropNonEct;
    private final PacketRing[] rings;
    private final long[] bytes;
    private final long[] deficit;
    private final boolean[] hasQuantum;
    /** Active list as a ring of queue indices; each queue appears at most once. */
    private final int[] activeRing;
    private final boolean[] active;
    private int activeHead;
    private int activeCount;
    private long totalBytes;
    private int totalPackets;
    private final long[] servedWireBytes;
    /** This port's quanta, or null for the plan's. */
    private long[] quantumBytes;

    /** Queues of {@code queueCapacityBytes} each in a port buffer of the same size, no ECN. */
    public DrrQueue(DrrPlan plan, long queueCapacityBytes) {
        this(plan, queueCapacityBytes, queueCapacityBytes, Long.MAX_VALUE, false);
    }

    /**
     * @param queueCapacityBytes limit of each tenant queue
     * @param portBufferBytes    the port's one buffer, which all its queues share
     * @param ecnThresholdBytes  ECN marking above this many bytes of a queue (Long.MAX_VALUE: none)
     * @param dropNonEct         a packet that is not ECN-capable is dropped where an ECN-capable one would be marked
     *                           (RFC 3168 section 7), as the switches' FIFOs do
     *                           ({@link QueueDiscipline#dropsNonEctAboveThreshold()})
     */
    public DrrQueue(DrrPlan plan, long queueCapacityBytes, long portBufferBytes, long ecnThresholdBytes,
            boolean dropNonEct) {
        if (queueCapacityBytes <= 0) {
            throw new IllegalArgumentException("DRR queueCapacityBytes must be > 0, got " + queueCapacityBytes);
        }
        if (portBufferBytes <= 0) {
            throw new IllegalArgumentException("DRR portBufferBytes must be > 0, got " + portBufferBytes);
        }
        if (ecnThresholdBytes <= 0) {
            throw new IllegalArgumentException("DRR ecnThresholdBytes must be > 0, got " + ecnThresholdBytes);
        }
        this.plan = plan;
        this.queueCapacityBytes = queueCapacityBytes;
        this.portBufferBytes = portBufferBytes;
        this.ecnThresholdBytes = ecnThresholdBytes;
        this.dropNonEct = dropNonEct;
        int n = plan.queues();
        rings = new PacketRing[n];
        for (int i = 0; i < n; i++) {
            rings[i] = new PacketRing(16);
        }
        bytes = new long[n];
        deficit = new long[n];
        hasQuantum = new boolean[n];
        activeRing = new int[n];
        active = new boolean[n];
        servedWireBytes = new long[n];
    }

    @Override
    public boolean enqueue(Packet p) {
        int q = plan.queueOf(p.tenant);
        int size = p.sizeBytes + p.encapBytes;
        if (bytes[q] + size > queueCapacityBytes) {
            port.reportDrop(p, DropReason.QUEUE_FULL);
            return false;
        }
        // Before makeRoom: a packet about to be refused must not push another queue's packet out first.
        if (dropNonEct && dropNonEctIfAbove(bytes[q], size, p, ecnThresholdBytes)) {
            return false;
        }
        if (!makeRoom(bytes[q], size)) {
            port.reportDrop(p, DropReason.QUEUE_FULL);
            return false;
        }
        markIfAbove(bytes[q], size, p, ecnThresholdBytes);
        rings[q].addLast(p);
        bytes[q] += size;
        totalBytes += size;
        totalPackets++;
        if (!active[q]) {
            active[q] = true;
            activeRing[(activeHead + activeCount) % activeRing.length] = q;
            activeCount++;
        }
        return true;
    }

    /** The queue holding the most bytes (the lowest index among equals). */
    @Override
    public int longestQueue() {
        int longest = 0;
        for (int i = 1; i < bytes.length; i++) {
            if (bytes[i] > bytes[longest]) {
                longest = i;
            }
        }
        return longest;
    }

    /**
     * Drops the newest packet of queue {@code q}. A queue this empties stays in the round (removing it from the
     * middle of the ring would cost a search) and leaves it at its turn if still empty.
     */
    @Override
    public void pushOutNewest(int q) {
        Packet victim = rings[q].pollLast();
        int size = victim.sizeBytes + victim.encapBytes;
        bytes[q] -= size;
        totalBytes -= size;
        totalPackets--;
        port.reportDrop(victim, DropReason.QUEUE_FULL);
    }

    /** The queue at the head of the round, now empty, leaves it and forfeits its deficit. */
    private void leaveRound(int q) {
        deficit[q] = 0;
        hasQuantum[q] = false;
        active[q] = false;
        activeHead = (activeHead + 1) % activeRing.length;
        activeCount--;
    }

    @Override
    public Packet dequeue() {
        while (activeCount > 0) {
            int q = activeRing[activeHead];
            if (rings[q].isEmpty()) {
                // Emptied by a push-out: leave the round as a queue emptied by service does.
                leaveRound(q);
                continue;
            }
            if (!hasQuantum[q]) {
                deficit[q] += quantumBytes(q);
                hasQuantum[q] = true;
            }
            Packet head = rings[q].peekFirst();
            int wire = head.wireBytes();
            if (wire <= deficit[q]) {
                rings[q].pollFirst();
                deficit[q] -= wire;
                int size = head.sizeBytes + head.encapBytes;
                bytes[q] -= size;
                totalBytes -= size;
                totalPackets--;
                servedWireBytes[q] += wire;
                if (rings[q].isEmpty()) {
                    leaveRound(q);
                }
                return head;
            }
            // Turn over: this queue keeps its deficit and goes to the back of the round.
            hasQuantum[q] = false;
            activeHead = (activeHead + 1) % activeRing.length;
            activeRing[(activeHead + activeCount - 1) % activeRing.length] = q;
        }
        return null;
    }

    /**
     * Sets this port's quanta, one per queue (a queue keeps the deficit it has; the new quantum applies from its next
     * turn).
     */
    void setQuanta(long[] quanta) {
        if (quanta.length != rings.length) {
            throw new IllegalArgumentException("DRR quanta must be one per queue (" + rings.length + "), got "
                    + quanta.length);
        }
        quantumBytes = quanta.clone();
    }

    /** The quantum queue {@code q} gets on this port. */
    public long quantumBytes(int q) {
        return quantumBytes == null ? plan.quantumBytes(q) : quantumBytes[q];
    }

    /** The port this discipline serves (null before it is attached). */
    EgressPort port() {
        return port;
    }

    /** Wire bytes sent from queue {@code q} so far (for tests and inspection). */
    public long servedWireBytes(int q) {
        return servedWireBytes[q];
    }

    @Override
    public long queueBytes(int q) {
        return bytes[q];
    }

    @Override
    public long bytes() {
        return totalBytes;
    }

    @Override
    public int packets() {
        return totalPackets;
    }

    @Override
    public long capacityBytes() {
        return portBufferBytes;
    }

    @Override
    public String describe() {
        return "drr(" + rings.length + " queues x " + queueCapacityBytes + "B in " + portBufferBytes + "B)";
    }
}
