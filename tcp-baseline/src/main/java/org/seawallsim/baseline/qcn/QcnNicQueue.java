package org.seawallsim.baseline.qcn;

import java.util.Arrays;
import org.seawallsim.baseline.SharedBuffer;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.PacketRing;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.time.Time;

/**
 * A host NIC with 802.1Qau reaction points: flows without a rate limiter share one FIFO sent at line rate; the
 * first CNM for a flow (keyed by its 5-tuple hash) allocates a rate limiter with its own queue, which paces the
 * flow's frames at the limiter's current rate (a frame of L wire bytes holds the limiter for L·8/CR). The FIFO and
 * the eligible limiters are served round robin. A limiter is released once its rate is back at line rate and its
 * queue is empty, as the standard prescribes.
 *
 * <p>When a limiter is allocated, the flow's frames still in the FIFO move into its queue so the flow is never
 * reordered. The FIFO and the limiters' queues share the NIC's one buffer: an arrival is dropped if it would take
 * its own queue over that queue's limit, and makes room by longest queue drop ({@link SharedBuffer}) if it would
 * take the NIC over its buffer. So an unresponsive sender overflows its own limiter, not the others, and the
 * NIC never holds more than its buffer (each limiter with the whole buffer as its limit let one NIC hold 1 998 000 B
 * against a 1 000 000 B buffer). Pending events: one timer per active limiter.
 */
public final class QcnNicQueue extends QueueDiscipline implements SharedBuffer {
    private final QcnRpConfig cfg;
    private final long lineRateBps;
    private final long bufferBytes;
    private final long fifoCapacityBytes;
    private final long rlCapacityBytes;
    private final PacketRing fifo = new PacketRing(64);
    private long fifoBytes;
    private final FlowLimiterMap<Limiter> limiters = new FlowLimiterMap<>();
    /** Limiters with queued frames, in round-robin order; slot {@code backlogCount} stands for the FIFO. */
    private Limiter[] backlog = new Limiter[8];
    private int backlogCount;
    private int rr;
    private long totalBytes;
    private int totalPackets;
    private long nextEligiblePs = Long.MAX_VALUE;
    private long cnmsReceived;
    private long limitersAllocated;

    /** A NIC whose FIFO may use its whole buffer of {@code bufferBytes}. */
    public QcnNicQueue(QcnRpConfig cfg, long lineRateBps, long bufferBytes, long rlCapacityBytes) {
        this(cfg, lineRateBps, bufferBytes, bufferBytes, rlCapacityBytes);
    }

    /**
     * @param bufferBytes       the NIC's one buffer, which the FIFO and every limiter's queue share
     * @param fifoCapacityBytes byte limit of the FIFO for unlimited flows
     * @param rlCapacityBytes   byte limit of each limiter's queue
     */
    public QcnNicQueue(QcnRpConfig cfg, long lineRateBps, long bufferBytes, long fifoCapacityBytes,
            long rlCapacityBytes) {
        if (bufferBytes <= 0 || fifoCapacityBytes <= 0 || rlCapacityBytes <= 0) {
            throw new IllegalArgumentException("QCN NIC queue capacities must be > 0 bytes, got buffer="
                    + bufferBytes + " fifo=" + fifoCapacityBytes + " rl=" + rlCapacityBytes);
        }
        this.cfg = cfg;
        this.lineRateBps = lineRateBps;
        this.bufferBytes = bufferBytes;
        this.fifoCapacityBytes = fifoCapacityBytes;
        this.rlCapacityBytes = rlCapacityBytes;
    }

    /** One rate limiter: its reaction point, queue, pacing clock and timer. */
    final class Limiter implements EventTarget {
        final long flowHash;
        final ReactionPoint rp;
        final PacketRing ring = new PacketRing(16);
        long bytes;
        long nextSendPs;
        long timerHandle = EventLoop.NO_EVENT;
        boolean backlogged;
        boolean released;

        Limiter(long flowHash) {
            this.flowHash = flowHash;
            this.rp = new ReactionPoint(cfg, lineRateBps);
        }

        @Override
        public void onEvent(int tag) {
            timerHandle = EventLoop.NO_EVENT;
            if (released) {
                return;
            }
            long next = rp.onTimerExpired();
            if (rp.atLineRate() && ring.isEmpty()) {
                release(this);
                return;
            }
            timerHandle = port.context().loop().scheduleIn(next, this, 0);
            port.kick();
        }
    }

    /** A CNM for one of this host's flows arrived. */
    public void onCnm(Cnm cnm) {
        cnmsReceived++;
        Limiter l = limiters.get(cnm.flowHash());
        if (l == null) {
            l = new Limiter(cnm.flowHash());
            l.nextSendPs = port.context().nowPs();
            limiters.put(cnm.flowHash(), l);
            limitersAllocated++;
            adoptFromFifo(l);
        }
        l.rp.onCnm(cnm.qntzFb());
        EventLoop loop = port.context().loop();
        loop.cancel(l.timerHandle);
        l.timerHandle = loop.scheduleIn(l.rp.timerPeriodPs(), l, 0);
    }

    /** Moves the flow's frames from the FIFO into its new limiter, keeping both orders. */
    private void adoptFromFifo(Limiter l) {
        int n = fifo.size();
        for (int i = 0; i < n; i++) {
            Packet p = fifo.pollFirst();
            if (p.flowHash == l.flowHash) {
                int size = p.sizeBytes + p.encapBytes;
                fifoBytes -= size;
                l.ring.addLast(p);
                l.bytes += size;
            } else {
                fifo.addLast(p);
            }
        }
        if (!l.ring.isEmpty()) {
            addBacklog(l);
        }
    }

    private void addBacklog(Limiter l) {
        if (backlogCount == backlog.length) {
            backlog = Arrays.copyOf(backlog, backlogCount * 2);
        }
        backlog[backlogCount++] = l;
        l.backlogged = true;
    }

    private void removeBacklog(int idx) {
        backlog[idx].backlogged = false;
        System.arraycopy(backlog, idx + 1, backlog, idx, backlogCount - idx - 1);
        backlog[--backlogCount] = null;
    }

    private void release(Limiter l) {
        l.released = true;
        port.context().loop().cancel(l.timerHandle);
        l.timerHandle = EventLoop.NO_EVENT;
        limiters.remove(l.flowHash);
    }

    @Override
    public boolean enqueue(Packet p) {
        int size = p.sizeBytes + p.encapBytes;
        Limiter l = limiters.get(p.flowHash);
        long ownBytes = l == null ? fifoBytes : l.bytes;
        if (ownBytes + size > (l == null ? fifoCapacityBytes : rlCapacityBytes)) {
            port.reportDrop(p, DropReason.QUEUE_FULL);
            return false;
        }
        if (!makeRoom(ownBytes, size)) {
            port.reportDrop(p, DropReason.QUEUE_FULL);
            return false;
        }
        if (l == null) {
            fifo.addLast(p);
            fifoBytes += size;
        } else {
            l.ring.addLast(p);
            l.bytes += size;
            if (!l.backlogged) {
                addBacklog(l);
            }
        }
        totalBytes += size;
        totalPackets++;
        return true;
    }

    /** The FIFO's bytes ({@code idx} -1) or the {@code idx}-th backlogged limiter's. */
    @Override
    public long queueBytes(int idx) {
        return idx < 0 ? fifoBytes : backlog[idx].bytes;
    }

    /** The longest queue: the FIFO (-1) or a backlogged limiter (only those hold frames), the first among equals. */
    @Override
    public int longestQueue() {
        int longest = -1;
        long longestBytes = fifoBytes;
        for (int i = 0; i < backlogCount; i++) {
            if (backlog[i].bytes > longestBytes) {
                longest = i;
                longestBytes = backlog[i].bytes;
            }
        }
        return longest;
    }

    /** Drops the newest frame of the FIFO ({@code idx} -1) or of the {@code idx}-th backlogged limiter. */
    @Override
    public void pushOutNewest(int idx) {
        Packet victim;
        if (idx < 0) {
            victim = fifo.pollLast();
            fifoBytes -= victim.sizeBytes + victim.encapBytes;
        } else {
            Limiter l = backlog[idx];
            victim = l.ring.pollLast();
            l.bytes -= victim.sizeBytes + victim.encapBytes;
            if (l.ring.isEmpty()) {
                // Out of the round robin; its timer releases it once back at line rate, as after service.
                removeBacklog(idx);
                if (rr > idx) {
                    rr--;
                }
            }
        }
        totalBytes -= victim.sizeBytes + victim.encapBytes;
        totalPackets--;
        port.reportDrop(victim, DropReason.QUEUE_FULL);
    }

    @Override
    public Packet dequeue() {
        nextEligiblePs = Long.MAX_VALUE;
        long now = port.context().nowPs();
        long earliest = Long.MAX_VALUE;
        int slots = backlogCount + 1;
        for (int k = 0; k < slots; k++) {
            int s = (rr + k) % slots;
            if (s == backlogCount) {
                Packet p = fifo.pollFirst();
                if (p != null) {
                    int size = p.sizeBytes + p.encapBytes;
                    fifoBytes -= size;
                    totalBytes -= size;
                    totalPackets--;
                    rr = 0;
                    return p;
                }
                continue;
            }
            Limiter l = backlog[s];
            if (l.nextSendPs > now) {
                earliest = Math.min(earliest, l.nextSendPs);
                continue;
            }
            Packet p = l.ring.pollFirst();
            int size = p.sizeBytes + p.encapBytes;
            l.bytes -= size;
            totalBytes -= size;
            totalPackets--;
            int wire = p.wireBytes();
            l.rp.onBytesSent(wire);
            l.nextSendPs = now + Time.serializationPs(wire, Math.max(1L, (long) l.rp.currentRateBps()));
            if (l.ring.isEmpty()) {
                removeBacklog(s);
                if (l.rp.atLineRate()) {
                    release(l);
                }
                rr = s;
            } else {
                rr = s + 1;
            }
            return p;
        }
        nextEligiblePs = earliest;
        return null;
    }

    @Override
    public long nextEligiblePs() {
        return nextEligiblePs;
    }

    /** The current rate of the flow's limiter, or the line rate if it has none. */
    public double rateBps(long flowHash) {
        Limiter l = limiters.get(flowHash);
        return l == null ? lineRateBps : l.rp.currentRateBps();
    }

    /** The flow's reaction point, or null if the flow is not rate limited now. */
    public ReactionPoint reactionPoint(long flowHash) {
        Limiter l = limiters.get(flowHash);
        return l == null ? null : l.rp;
    }

    public int activeLimiters() {
        return limiters.size();
    }

    public long cnmsReceived() {
        return cnmsReceived;
    }

    public long limitersAllocated() {
        return limitersAllocated;
    }

    public long lineRateBps() {
        return lineRateBps;
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
        return bufferBytes;
    }

    @Override
    public String describe() {
        return "qcn-nic(" + bufferBytes + "B shared by fifo " + fifoCapacityBytes + "B, rl " + rlCapacityBytes + "B)";
    }
}
