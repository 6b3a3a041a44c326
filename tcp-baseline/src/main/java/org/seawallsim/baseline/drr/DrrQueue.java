package org.seawallsim.baseline.drr;

import org.seawallsim.engine.net.PacketRing;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * Deficit round robin over a fixed number of queues on one egress port (Shreedhar and Varghese): each backlogged
 * queue, on its turn, adds its quantum to its deficit and sends head packets while they fit; an emptied queue leaves
 * the round with its deficit reset. Tenants are bound to queues by a {@link DrrPlan}; inside a queue it is one FIFO,
 * so tenants that share a queue share it the way their flows compete. Sizes are wire bytes, so service shares are
 * shares of link time. Each queue is drop-tail at its own byte limit and, when the switches mark ECN, marks an
 * ECN-capable arrival that finds its own queue above the marking threshold (per-class marking, as DCTCP switches
 * with several queues do): without it ECN and DCTCP guests under DRR heard only of losses.
 */
public final class DrrQueue extends QueueDiscipline {
    private final DrrPlan plan;
    private final long queueCapacityBytes;
    private final long ecnThresholdBytes;
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

    public DrrQueue(DrrPlan plan, long queueCapacityBytes) {
        this(plan, queueCapacityBytes, Long.MAX_VALUE);
    }

    /** With ECN marking above {@code ecnThresholdBytes} of a queue (Long.MAX_VALUE: none). */
    public DrrQueue(DrrPlan plan, long queueCapacityBytes, long ecnThresholdBytes) {
        if (queueCapacityBytes <= 0) {
            throw new IllegalArgumentException("DRR queueCapacityBytes must be > 0, got " + queueCapacityBytes);
        }
        if (ecnThresholdBytes <= 0) {
            throw new IllegalArgumentException("DRR ecnThresholdBytes must be > 0, got " + ecnThresholdBytes);
        }
        this.plan = plan;
        this.queueCapacityBytes = queueCapacityBytes;
        this.ecnThresholdBytes = ecnThresholdBytes;
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

    @Override
    public Packet dequeue() {
        while (activeCount > 0) {
            int q = activeRing[activeHead];
            if (!hasQuantum[q]) {
                deficit[q] += plan.quantumBytes(q);
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
                    deficit[q] = 0;
                    hasQuantum[q] = false;
                    active[q] = false;
                    activeHead = (activeHead + 1) % activeRing.length;
                    activeCount--;
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

    /** Wire bytes sent from queue {@code q} so far (for tests and inspection). */
    public long servedWireBytes(int q) {
        return servedWireBytes[q];
    }

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
        return queueCapacityBytes * rings.length;
    }

    @Override
    public String describe() {
        return "drr(" + rings.length + " queues x " + queueCapacityBytes + "B)";
    }
}
