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
 * host), holds it in that tunnel's bounded queue until the tunnel's token bucket allows it, serves the tunnels by a
 * weighted deficit round robin no faster than the NIC (and the hypervisor CPU) can take them, and stamps the
 * per-tunnel 16-bit sequence number at departure, so packets dropped locally leave no gap the receiver would mistake
 * for congestion.
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
        Tunnel t = new Tunnel(key, rate, cfg.bucketDepthBytes(), cfg.pacingJitterPs(), clock.nowPs());
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
     * A turn's bytes for the lightest VM waiting: one full frame on the wire (1500-byte IP packet and 38 bytes of
     * Ethernet framing), so that with equal weights and full-size packets a turn is one packet, the plain round robin.
     */
    static final int QUANTUM_BYTES = 1538;

    /**
     * Serves queued tunnels while the NIC/CPU is free and some head packet has tokens: a deficit round robin in
     * bytes. A turn gives a tunnel {@link #QUANTUM_BYTES} x w / w_min of its VM's weight w over the lightest weight
     * waiting, divided among that VM's waiting tunnels, so VMs share the NIC by weight whatever their number of
     * destinations, and a tunnel of small packets (a receiver's acknowledgements) sends as many bytes a turn as a
     * data tunnel of its weight, not as many packets. Counting packets had starved the acknowledgements of a
     * receiver VM of weight 0.5 beside a sending VM of weight 6 (12 data packets a turn against 1 ACK: its
     * senders got 0.2 of their share), and had given a VM with two destinations two turns (1.66 of its share).
     */
    private void service() {
        long now = clock.nowPs();
        while (activeCount > 0) {
            if (busyUntilPs > now) {
                wake.armAt(busyUntilPs);
                return;
            }
            long earliest = Long.MAX_VALUE;
            double idleRounds = Double.MAX_VALUE;
            boolean sent = false;
            for (int scanned = 0; scanned < activeCount; scanned++) {
                int ti = active[activeHead];
                Tunnel t = tunnels[ti];
                @SuppressWarnings("unchecked")
                P head = (P) t.peek();
                int wire = view.wireBytes(head);
                if (!t.inTurn) {
                    t.quantumBytes = quantum(t);
                    t.deficitBytes += t.quantumBytes;
                    t.inTurn = true;
                }
                if (t.deficitBytes < wire) {
                    // Its turn cannot pay for its head packet: the bytes carry over to its next turn.
                    idleRounds = Math.min(idleRounds, Math.ceil((wire - t.deficitBytes) / t.quantumBytes));
                    t.inTurn = false;
                    rotate(ti);
                    continue;
                }
                t.refill(now);
                int need = t.need(wire);
                if (t.tokens >= need) {
                    t.pop(view.sizeBytes(head));
                    t.deficitBytes -= wire;
                    if (t.count == 0 || t.blocked) {
                        // Leaves the round; an emptied tunnel keeps no credit (deficit round robin's rule).
                        activeHead = (activeHead + 1) % active.length;
                        activeCount--;
                        t.inTurn = false;
                        t.deficitBytes = 0;
                    } else if (t.deficitBytes < view.wireBytes(headOf(t))) {
                        t.inTurn = false;
                        rotate(ti);
                    }
                    // else it stays at the head, in its turn, for its next packet
                    depart(t, head, now);
                    sent = true;
                    break;
                }
                t.backlogged = true;
                earliest = Math.min(earliest, t.eligiblePs(now, need));
                // This tunnel waits for tokens: the rest of its turn passes to the next one. It keeps what pays for
                // its head packet and one turn more, not every turn it spent waiting: a tunnel its rate limit holds
                // back would otherwise save up turns and, once its limit rose, hold the NIC for all of them.
                t.deficitBytes = Math.min(t.deficitBytes, wire + t.quantumBytes);
                t.inTurn = false;
                rotate(ti);
            }
            if (sent) {
                continue;
            }
            if (idleRounds != Double.MAX_VALUE) {
                // Every tunnel with tokens lacked the bytes for its head packet: the rounds in which they would
                // only have saved up are run at once, and the next scan serves the first that can pay.
                creditIdleRounds(idleRounds);
                continue;
            }
            if (earliest != Long.MAX_VALUE) {
                long j = cfg.pacingJitterPs();
                wake.armAt(j == 0 ? earliest : earliest + random.nextLong(j + 1));
            }
            return;
        }
    }

    private void rotate(int ti) {
        activeHead = (activeHead + 1) % active.length;
        active[(activeHead + activeCount - 1) % active.length] = ti;
    }

    /** Adds {@code rounds} turns of bytes to every waiting tunnel whose turn could not pay for its head packet. */
    private void creditIdleRounds(double rounds) {
        for (int i = 0; i < activeCount; i++) {
            Tunnel t = tunnels[active[(activeHead + i) % active.length]];
            if (t.deficitBytes < view.wireBytes(headOf(t))) {
                t.deficitBytes += rounds * t.quantumBytes;
            }
        }
    }

    /**
     * Bytes of tunnel {@code t}'s turn: {@link #QUANTUM_BYTES} x its VM's weight over the lightest weight among the
     * waiting tunnels, shared by its VM's waiting tunnels.
     */
    private double quantum(Tunnel t) {
        if (observer == null) {
            return QUANTUM_BYTES;
        }
        // The tunnel's own weight is looked up now (weights change at run time); the others' as of their last turn.
        double w = observer.vmWeight(Tunnels.srcVm(t.key));
        t.vmWeight = w;
        double min = w;
        int sameVm = 0;
        int vm = Tunnels.srcVm(t.key);
        for (int i = 0; i < activeCount; i++) {
            Tunnel o = tunnels[active[(activeHead + i) % active.length]];
            min = Math.min(min, o.vmWeight);
            if (Tunnels.srcVm(o.key) == vm) {
                sameVm++;
            }
        }
        return QUANTUM_BYTES * (w / min) / Math.max(1, sameVm);
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

    /**
     * The hypervisor sent a packet of {@code wireBytes} around the port (a feedback report, traffic of no VM) into
     * the NIC: the next packet the port serves waits for it. The port paces its tunnels to exactly the NIC's rate,
     * so without this every report stayed in the NIC's queue for good: behind a line-rate VM the queue grew by the
     * reports' 2.6 Mb/s without end (640 KB after 2 s), delaying the host's reports and acknowledgements by
     * milliseconds more every second (two VMs sending into that host got 0.24 and 1.56 of their shares).
     */
    public void sentAround(int wireBytes) {
        long now = clock.nowPs();
        busyUntilPs = Math.max(busyUntilPs, now) + wirePs(wireBytes);
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
            t.inTurn = false;
            t.deficitBytes = 0;
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
        double tokensThen = Math.min(t.cap(), t.tokens + t.rateBps * ((turnPs - now) / 8e12));
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
        /** The longest lateness of a wake-up: the pacing jitter (see {@link #cap()}). */
        final long slackPs;
        double tokens;
        long refilledPs;
        /** Sequence numbers stamped so far (unwrapped; the packet carries the low 16 bits). */
        long nextSeq;
        boolean blocked;
        boolean backlogged;
        long sentBytes;
        long drops;
        /** Bytes its turns have given and its packets not yet spent (deficit round robin). */
        double deficitBytes;
        /** Bytes of its current turn. */
        double quantumBytes = QUANTUM_BYTES;
        /** Whether its turn is under way (it is at the head of the ring and has been credited). */
        boolean inTurn;
        /** Its VM's weight as of its last turn. */
        double vmWeight = 1;
        Object[] ring = new Object[16];
        int head;
        int count;
        int bytes;

        Tunnel(long key, long rateBps, int depth, long slackPs, long now) {
            this.key = key;
            this.slackPs = slackPs;
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
                tokens = Math.min(cap(), tokens + rateBps * ((now - refilledPs) / 8e12));
                refilledPs = now;
            }
        }

        /**
         * Most tokens the bucket holds. While packets wait, its depth and what the rate accrues over the longest
         * wake-up lateness (the jitter), as a shaper behind a coarse timer needs a burst of at least rate x timer
         * slop: capped at the two-frame depth, every wait longer than one frame's time at the tunnel's rate spilled
         * tokens (with 1000 us of jitter a 478 Mb/s tunnel sent 0.10 of its rate and a 1 Gb/s trunk ran 71 % busy
         * with every VM backlogged; the default 20 us cost a 900 Mb/s tunnel 1 %). An idle tunnel's bucket holds
         * its depth, so the jitter adds no burst when traffic starts.
         */
        double cap() {
            return count > 0 ? depth + rateBps * (slackPs / 8e12) : depth;
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
