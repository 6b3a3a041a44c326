package org.seawallsim.seawall.port;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.seawallsim.seawall.controller.Clock;
import org.seawallsim.seawall.controller.RateController;
import org.seawallsim.seawall.controller.RateLimiterPort;
import org.seawallsim.seawall.controller.Timers;
import org.seawallsim.seawall.controller.TunnelActivity;
import org.seawallsim.seawall.controller.TunnelObserver;
import org.seawallsim.seawall.controller.Tunnels;

/**
 * The sender SW-port of one hypervisor: classifies each packet a VM sends to its tunnel (source VM, destination
 * host), holds it in that tunnel's bounded queue until the tunnel's token bucket allows it, serves the tunnels
 * round-robin no faster than the NIC (and the hypervisor CPU) can take them, and stamps the per-tunnel 16-bit
 * sequence number at departure, so packets dropped locally leave no gap the receiver would mistake for congestion.
 *
 * <p>Per-packet paths allocate nothing: tunnels live in arrays indexed through a primitive map, queues are rings.
 * Not thread-safe.
 */
public final class SenderPort<P> implements RateLimiterPort, TunnelActivity, RateController.SequenceSource {
    private final PortConfig cfg;
    private final Clock clock;
    private final HeaderView<P> view;
    private final PacketOutput<P> out;
    private final ServiceCost<? super P> cost;
    private final TunnelObserver observer;
    private final Timers.Timer wake;
    private final SplittableRandom random;

    private final LongIntMap index = new LongIntMap();
    private Tunnel[] tunnels = new Tunnel[8];
    private int tunnelCount;
    /** Round-robin ring of tunnels with queued packets. */
    private int[] active = new int[8];
    private int activeHead;
    private int activeCount;
    private long busyUntilPs;

    private long localDrops;
    private long blockedDrops;
    private long stampedPackets;
    private long untrackedPackets;

    public SenderPort(PortConfig cfg, Clock clock, Timers timers, HeaderView<P> view, PacketOutput<P> out,
                      ServiceCost<? super P> cost, TunnelObserver observer, SplittableRandom random) {
        this.cfg = cfg;
        this.clock = clock;
        this.view = view;
        this.out = out;
        this.cost = cost == null ? ServiceCost.FREE : cost;
        this.observer = observer;
        this.wake = timers.newTimer(this::service);
        this.random = random == null ? new SplittableRandom(0) : random;
    }

    /** A VM sent {@code p}. */
    public void send(P p) {
        long key = Tunnels.key(view.srcVm(p), view.dstHost(p));
        int ti = index.get(key);
        if (ti < 0) {
            ti = openTunnel(key);
        }
        Tunnel t = tunnels[ti];
        if (t.blocked) {
            blockedDrops++;
            out.dropLocal(p);
            return;
        }
        int size = view.sizeBytes(p);
        long now = clock.nowPs();
        t.refill(now);
        // Straight out only when no tunnel is waiting: a packet that found the NIC free at the very instant a queued
        // tunnel's turn came (before the wake-up event at that instant ran) would otherwise jump the round robin,
        // and a line-rate source on the host then took every turn (a co-located VM got nothing, or all, by tie order).
        if (activeCount == 0 && t.count == 0 && busyUntilPs <= now && t.tokens >= t.need(view.wireBytes(p))) {
            depart(t, p, now);
            return;
        }
        if (t.tokens < t.need(view.wireBytes(p))) {
            t.backlogged = true;
        }
        if (t.bytes + size > cfg.queueBytesPerTunnel()) {
            localDrops++;
            t.drops++;
            out.dropLocal(p);
            return;
        }
        boolean wasEmpty = t.count == 0;
        t.push(p, size);
        if (wasEmpty) {
            activate(ti);
        }
        service();
    }

    private int openTunnel(long key) {
        long rate = observer == null ? cfg.nicRateBps() : observer.tunnelOpened(key);
        int ti = tunnelCount++;
        if (ti == tunnels.length) {
            tunnels = Arrays.copyOf(tunnels, ti * 2);
        }
        Tunnel t = new Tunnel(key, rate, cfg.bucketDepthBytes(), clock.nowPs());
        tunnels[ti] = t;
        index.put(key, ti);
        return ti;
    }

    private void activate(int ti) {
        if (activeCount == active.length) {
            int[] n = new int[active.length * 2];
            for (int i = 0; i < activeCount; i++) {
                n[i] = active[(activeHead + i) % active.length];
            }
            active = n;
            activeHead = 0;
        }
        active[(activeHead + activeCount) % active.length] = ti;
        activeCount++;
    }

    /**
     * Serves queued tunnels round robin while the NIC/CPU is free and some head packet has tokens. A turn is one packet
     * for the tunnels of the lightest VM waiting and w / w_min packets (fractions carried to the next turn) for a VM
     * of weight w, so VMs that share the NIC share it by weight; with equal weights it is plain round robin.
     */
    private void service() {
        long now = clock.nowPs();
        while (activeCount > 0) {
            if (busyUntilPs > now) {
                wake.armAt(busyUntilPs);
                return;
            }
            long earliest = Long.MAX_VALUE;
            boolean sent = false;
            for (int scanned = 0; scanned < activeCount; scanned++) {
                int ti = active[activeHead];
                Tunnel t = tunnels[ti];
                t.refill(now);
                @SuppressWarnings("unchecked")
                P head = (P) t.peek();
                int need = t.need(view.wireBytes(head));
                if (t.tokens >= need) {
                    if (t.turnPackets < 1) {
                        t.turnPackets += turnShare(t);
                    }
                    t.pop(view.sizeBytes(head));
                    t.turnPackets -= 1;
                    // With more of its turn left it stays at the head for the next packet; else it leaves the head.
                    if (t.count == 0 || t.blocked || t.turnPackets < 1) {
                        activeHead = (activeHead + 1) % active.length;
                        activeCount--;
                        if (t.count > 0 && !t.blocked) {
                            activate(ti);
                        } else {
                            t.turnPackets = 0;
                        }
                    }
                    depart(t, head, now);
                    sent = true;
                    break;
                }
                t.backlogged = true;
                earliest = Math.min(earliest, t.eligiblePs(now, need));
                // rotate: this tunnel waits for tokens, give the next one its turn (what is left of its turn, a
                // fraction, carries over)
                t.turnPackets -= Math.floor(t.turnPackets);
                activeHead = (activeHead + 1) % active.length;
                active[(activeHead + activeCount - 1) % active.length] = ti;
            }
            if (!sent) {
                if (earliest != Long.MAX_VALUE) {
                    long j = cfg.pacingJitterPs();
                    wake.armAt(j == 0 ? earliest : earliest + random.nextLong(j + 1));
                }
                return;
            }
        }
    }

    /** Packets per turn of tunnel {@code t}: its VM's weight over the lightest weight among the waiting tunnels. */
    private double turnShare(Tunnel t) {
        if (observer == null) {
            return 1;
        }
        // The tunnel's own weight is looked up now (weights change at run time); the others' as of their last turn.
        double w = observer.vmWeight(Tunnels.srcVm(t.key));
        t.vmWeight = w;
        double min = w;
        for (int i = 0; i < activeCount; i++) {
            min = Math.min(min, tunnels[active[(activeHead + i) % active.length]].vmWeight);
        }
        return w / min;
    }

    private void depart(Tunnel t, P p, long now) {
        t.tokens -= view.wireBytes(p);
        if (view.stamp(p, (int) (t.nextSeq & 0xFFFF), cfg.mode(), cfg.fallback())) {
            t.nextSeq++;
            stampedPackets++;
        } else {
            untrackedPackets++;
        }
        if (cfg.hypervisorEcn()) {
            view.setHypervisorEct(p);
        }
        t.sentBytes += view.sizeBytes(p);
        long nicPs = wirePs(view.wireBytes(p));
        busyUntilPs = Math.max(busyUntilPs, now) + Math.max(nicPs, cost.costPs(p));
        out.transmit(p);
    }

    private long wirePs(int wireBytes) {
        return (wireBytes * 8L * 1_000_000_000_000L + cfg.nicRateBps() - 1) / cfg.nicRateBps();
    }

    @Override
    public void setRate(long tunnelKey, long rateBps) {
        int ti = index.get(tunnelKey);
        if (ti < 0) {
            return;
        }
        Tunnel t = tunnels[ti];
        t.refill(clock.nowPs());
        t.rateBps = Math.max(1, rateBps);
        if (t.count > 0) {
            service();
        }
    }

    /** Control message: stop (drop locally) or resume a tunnel's traffic. */
    public void setBlocked(long tunnelKey, boolean blocked) {
        int ti = index.get(tunnelKey);
        if (ti < 0) {
            ti = openTunnel(tunnelKey);
        }
        Tunnel t = tunnels[ti];
        t.blocked = blocked;
        if (blocked) {
            while (t.count > 0) {
                @SuppressWarnings("unchecked")
                P p = (P) t.peek();
                t.pop(view.sizeBytes(p));
                blockedDrops++;
                out.dropLocal(p);
            }
            removeFromActive(ti);
        }
    }

    private void removeFromActive(int ti) {
        int n = activeCount;
        int[] keep = new int[active.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int x = active[(activeHead + i) % active.length];
            if (x != ti) {
                keep[k++] = x;
            }
        }
        active = keep;
        activeHead = 0;
        activeCount = k;
    }

    @Override
    public boolean takeBacklogged(long tunnelKey) {
        int ti = index.get(tunnelKey);
        if (ti < 0) {
            return false;
        }
        Tunnel t = tunnels[ti];
        // Only a packet its token bucket holds back counts, not one queued behind the NIC (or the CPU) while other
        // tunnels are served: a NIC-bound host's limits would otherwise climb far above what the NIC lets them
        // send (E6 at 1 GbE, seed 5: the sum of a host's limits reached 3.9 Gb/s against 0.98 Gb/s sent), and a
        // congestion episode then took about 40 ms of cuts before any limit bound. A head packet still waiting
        // counts if its tokens will not suffice at its turn (the service loop would flag it only then, in the
        // next interval).
        boolean b = t.backlogged || (t.count > 0 && shortAtItsTurn(ti));
        t.backlogged = false;
        return b;
    }

    /**
     * Whether tunnel {@code ti}'s head packet will still lack tokens when the round robin reaches it: when the NIC
     * is free and the tunnels ahead of it in the ring have sent their head packets.
     */
    private boolean shortAtItsTurn(int ti) {
        Tunnel t = tunnels[ti];
        long now = clock.nowPs();
        long turnPs = Math.max(now, busyUntilPs);
        for (int i = 0; i < activeCount; i++) {
            int x = active[(activeHead + i) % active.length];
            if (x == ti) {
                break;
            }
            turnPs += wirePs(view.wireBytes(headOf(tunnels[x])));
        }
        t.refill(now);
        double tokensThen = Math.min(t.depth, t.tokens + t.rateBps * ((turnPs - now) / 8e12));
        return tokensThen < t.need(view.wireBytes(headOf(t)));
    }

    @SuppressWarnings("unchecked")
    private P headOf(Tunnel t) {
        return (P) t.peek();
    }

    @Override
    public long takeSentBytes(long tunnelKey) {
        int ti = index.get(tunnelKey);
        if (ti < 0) {
            return 0;
        }
        Tunnel t = tunnels[ti];
        long s = t.sentBytes;
        t.sentBytes = 0;
        return s;
    }

    @Override
    public long nextSeq(long tunnelKey) {
        int ti = index.get(tunnelKey);
        return ti < 0 ? 0 : tunnels[ti].nextSeq;
    }

    public long rateBps(long tunnelKey) {
        int ti = index.get(tunnelKey);
        return ti < 0 ? -1 : tunnels[ti].rateBps;
    }

    public int queuedBytes(long tunnelKey) {
        int ti = index.get(tunnelKey);
        return ti < 0 ? 0 : tunnels[ti].bytes;
    }

    public long localDrops() {
        return localDrops;
    }

    public long blockedDrops() {
        return blockedDrops;
    }

    public long stampedPackets() {
        return stampedPackets;
    }

    public long untrackedPackets() {
        return untrackedPackets;
    }

    public int tunnelCount() {
        return tunnelCount;
    }

    private static final class Tunnel {
        final long key;
        long rateBps;
        final double depth;
        double tokens;
        long refilledPs;
        /** Sequence numbers stamped so far (unwrapped; the packet carries the low 16 bits). */
        long nextSeq;
        boolean blocked;
        boolean backlogged;
        long sentBytes;
        long drops;
        /** Packets left of its current round-robin turn (weights above the lightest give more than one). */
        double turnPackets;
        /** Its VM's weight as of its last turn. */
        double vmWeight = 1;
        Object[] ring = new Object[16];
        int head;
        int count;
        int bytes;

        Tunnel(long key, long rateBps, int depth, long now) {
            this.key = key;
            this.rateBps = Math.max(1, rateBps);
            this.depth = depth;
            this.tokens = depth;
            this.refilledPs = now;
        }

        /**
         * Tokens a frame of {@code wireBytes} needs before it may leave: all of them, or a full bucket for a frame
         * longer than the bucket (a jumbo frame with the default depth of two 1500-B frames), which then leaves the
         * bucket in debt by the difference. Otherwise such a frame could never leave; and its whole length is still
         * charged, so the tunnel's long-run rate holds.
         */
        int need(int wireBytes) {
            return wireBytes <= depth ? wireBytes : (int) depth;
        }

        void refill(long now) {
            if (now > refilledPs) {
                tokens = Math.min(depth, tokens + rateBps * ((now - refilledPs) / 8e12));
                refilledPs = now;
            }
        }

        long eligiblePs(long now, int need) {
            double missing = need - tokens;
            return now + (long) Math.ceil(missing * 8e12 / rateBps);
        }

        void push(Object p, int size) {
            if (count == ring.length) {
                Object[] n = new Object[ring.length * 2];
                for (int i = 0; i < count; i++) {
                    n[i] = ring[(head + i) % ring.length];
                }
                ring = n;
                head = 0;
            }
            ring[(head + count) % ring.length] = p;
            count++;
            bytes += size;
        }

        Object peek() {
            return ring[head];
        }

        void pop(int size) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            count--;
            bytes -= size;
        }
    }
}
