package org.seawallsim.baseline.ratelimit;

import java.util.Arrays;
import org.seawallsim.baseline.SharedBuffer;
import org.seawallsim.engine.net.PacketRing;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * Per-tenant token-bucket shapers on one egress port: each tenant has its own FIFO (drop-tail at a per-tenant byte
 * limit) and bucket; a head packet leaves only when its bucket holds its wire bytes, and tenants whose heads conform
 * are served round robin. When nothing conforms, {@link #nextEligiblePs()} tells the port when the first head will,
 * so the port wakes itself then. Non-work-conserving by construction: an idle tenant's tokens are lost to the others.
 * Traffic without a tenant (network control, tenant -1) and tenants with no VM bypass the buckets in a FIFO served
 * first.
 */
public final class TenantShaper extends QueueDiscipline implements SharedBuffer {
    private final TenantRates rates;
    private final long portRateBps;
    private final long perTenantCapacityBytes;
    private final long portBufferBytes;
    private final long ecnThresholdBytes;
    /** Non-ECN-capable packets are dropped where ECN-capable ones would be marked (RFC 3168 section 7). */
    private final boolean dropNonEct;

    private final PacketRing unshaped = new PacketRing(16);
    private long unshapedBytes;
    private PacketRing[] queues = new PacketRing[0];
    private long[] queueBytes = new long[0];
    private TokenBucket[] buckets = new TokenBucket[0];
    private boolean[] unlimited = new boolean[0];
    /** Backlogged tenants in round-robin order. */
    private int[] active = new int[8];
    private int activeCount;
    private int rr;
    private long totalBytes;
    private int totalPackets;
    private long nextEligiblePs = Long.MAX_VALUE;

    /**
     * {@code ecnThresholdBytes}: the switches' ECN marking (Long.MAX_VALUE: none), applied to each tenant's queue as
     * DRR applies it to its queues, so that ECN and DCTCP guests are marked rather than dropped; {@code dropNonEct}:
     * non-ECN-capable packets are dropped where ECN-capable ones would be marked, as the switches' FIFOs do
     * ({@link QueueDiscipline#dropsNonEctAboveThreshold()}).
     *
     * <p>{@code portBufferBytes}: the port's one buffer, which the tenant queues (each at most
     * {@code perTenantCapacityBytes}) share. Each queue used to be allowed the whole buffer and nothing capped the
     * total, as in DRR before; a full buffer now makes room by longest queue drop ({@link SharedBuffer}): a
     * flooding tenant's backlog, which drains only at its rate, cannot take the buffer from the others.
     */
    TenantShaper(TenantRates rates, long portRateBps, long perTenantCapacityBytes, long portBufferBytes,
            long ecnThresholdBytes, boolean dropNonEct) {
        if (perTenantCapacityBytes <= 0 || portBufferBytes <= 0) {
            throw new IllegalArgumentException("shaper queues must be > 0 bytes, got " + perTenantCapacityBytes
                    + " per tenant in a " + portBufferBytes + "-byte port");
        }
        this.rates = rates;
        this.portRateBps = portRateBps;
        this.perTenantCapacityBytes = perTenantCapacityBytes;
        this.portBufferBytes = portBufferBytes;
        this.ecnThresholdBytes = ecnThresholdBytes;
        this.dropNonEct = dropNonEct;
    }


    private void ensure(int tenant) {
        if (tenant < queues.length) {
            return;
        }
        int n = Math.max(tenant + 1, queues.length * 2);
        int old = queues.length;
        queues = Arrays.copyOf(queues, n);
        queueBytes = Arrays.copyOf(queueBytes, n);
        buckets = Arrays.copyOf(buckets, n);
        unlimited = Arrays.copyOf(unlimited, n);
        for (int i = old; i < n; i++) {
            queues[i] = new PacketRing(16);
        }
    }

    @Override
    public boolean enqueue(Packet p) {
        int size = p.sizeBytes + p.encapBytes;
        int t = p.tenant;
        boolean plain = t < 0 || isUnlimited(t);
        if ((plain ? unshapedBytes : queueBytes[t]) + size > perTenantCapacityBytes) {
            port.reportDrop(p, DropReason.QUEUE_FULL);
            return false;
        }
        // Before makeRoom: a packet about to be refused must not push another queue's packet out first.
        if (dropNonEct && dropNonEctIfAbove(plain ? unshapedBytes : queueBytes[t], size, p, ecnThresholdBytes)) {
            return false;
        }
        if (!makeRoom(plain ? unshapedBytes : queueBytes[t], size)) {
            port.reportDrop(p, DropReason.QUEUE_FULL);
            return false;
        }
        if (plain) {
            markIfAbove(unshapedBytes, size, p, ecnThresholdBytes);
            unshaped.addLast(p);
            unshapedBytes += size;
        } else {
            markIfAbove(queueBytes[t], size, p, ecnThresholdBytes);
            if (queues[t].isEmpty()) {
                if (activeCount == active.length) {
                    active = Arrays.copyOf(active, activeCount * 2);
                }
                active[activeCount++] = t;
            }
            queues[t].addLast(p);
            queueBytes[t] += size;
        }
        totalBytes += size;
        totalPackets++;
        return true;
    }

    /** The queue of packets no bucket holds back (tenants without a limit, the network's own). */
    private static final int UNSHAPED = -1;

    @Override
    public long queueBytes(int q) {
        return q == UNSHAPED ? unshapedBytes : queueBytes[q];
    }

    /** The queue holding the most bytes: a tenant's (the lowest among equals) or {@link #UNSHAPED}. */
    @Override
    public int longestQueue() {
        int longest = UNSHAPED;
        long most = unshapedBytes;
        for (int i = 0; i < queueBytes.length; i++) {
            if (queueBytes[i] > most) {
                most = queueBytes[i];
                longest = i;
            }
        }
        return longest;
    }

    /** Drops the newest packet of queue {@code q}; a tenant queue this empties leaves the round. */
    @Override
    public void pushOutNewest(int q) {
        Packet victim;
        int size;
        if (q == UNSHAPED) {
            victim = unshaped.pollLast();
            size = victim.sizeBytes + victim.encapBytes;
            unshapedBytes -= size;
        } else {
            victim = queues[q].pollLast();
            size = victim.sizeBytes + victim.encapBytes;
            queueBytes[q] -= size;
            if (queues[q].isEmpty()) {
                int idx = 0;
                while (active[idx] != q) {
                    idx++;
                }
                System.arraycopy(active, idx + 1, active, idx, activeCount - idx - 1);
                activeCount--;
                rr = activeCount == 0 ? 0 : (idx < rr ? rr - 1 : rr) % activeCount;
            }
        }
        totalBytes -= size;
        totalPackets--;
        port.reportDrop(victim, DropReason.QUEUE_FULL);
    }

    /** Creates the tenant's bucket on first use; true if the tenant is not limited. */
    private boolean isUnlimited(int t) {
        ensure(t);
        if (unlimited[t]) {
            return true;
        }
        if (buckets[t] == null) {
            long rate = rates.rateFor(t, portRateBps);
            if (rate == TenantRates.UNLIMITED) {
                unlimited[t] = true;
                return true;
            }
            buckets[t] = new TokenBucket(rate, rates.burstFor(rate), port.context().nowPs());
        }
        return false;
    }

    @Override
    public Packet dequeue() {
        nextEligiblePs = Long.MAX_VALUE;
        Packet p = unshaped.pollFirst();
        if (p != null) {
            int size = p.sizeBytes + p.encapBytes;
            unshapedBytes -= size;
            totalBytes -= size;
            totalPackets--;
            return p;
        }
        if (activeCount == 0) {
            return null;
        }
        long now = port.context().nowPs();
        long earliest = Long.MAX_VALUE;
        for (int k = 0; k < activeCount; k++) {
            int idx = (rr + k) % activeCount;
            int t = active[idx];
            Packet head = queues[t].peekFirst();
            int wire = head.wireBytes();
            TokenBucket b = buckets[t];
            if (b.tryConsume(now, wire)) {
                queues[t].pollFirst();
                int size = head.sizeBytes + head.encapBytes;
                queueBytes[t] -= size;
                totalBytes -= size;
                totalPackets--;
                if (queues[t].isEmpty()) {
                    System.arraycopy(active, idx + 1, active, idx, activeCount - idx - 1);
                    activeCount--;
                    rr = activeCount == 0 ? 0 : idx % activeCount;
                } else {
                    rr = (idx + 1) % activeCount;
                }
                return head;
            }
            earliest = Math.min(earliest, b.conformAtPs(now, wire));
        }
        nextEligiblePs = earliest;
        return null;
    }

    @Override
    public long nextEligiblePs() {
        return nextEligiblePs;
    }

    /** Re-derives bucket rates after a weight change. */
    void refresh(long nowPs) {
        Arrays.fill(unlimited, false);
        for (int t = 0; t < buckets.length; t++) {
            if (buckets[t] != null) {
                long rate = rates.rateFor(t, portRateBps);
                if (rate != TenantRates.UNLIMITED) {
                    buckets[t].reconfigure(nowPs, rate, rates.burstFor(rate));
                }
                // A tenant that lost its VMs keeps its last bucket so queued packets still drain.
            }
        }
        if (port != null) {
            port.kick();
        }
    }

    /** The tenant's bucket, or null if it has sent nothing yet (for tests and inspection). */
    public TokenBucket bucket(int tenant) {
        return tenant >= 0 && tenant < buckets.length ? buckets[tenant] : null;
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
        return "tenant-shaper(" + perTenantCapacityBytes + "B per tenant, " + portBufferBytes + "B port)";
    }
}
