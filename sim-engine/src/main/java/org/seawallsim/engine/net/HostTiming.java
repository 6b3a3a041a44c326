package org.seawallsim.engine.net;

import java.util.SplittableRandom;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * A host's {@link HostTimingConfig} at work. Each direction is one FIFO server, as the hypervisor's packet path and
 * the NIC's rings are: send, VM (after the shim) -> service + jitter -> NIC queue; receive, wire -> wait for the
 * coalesced interrupt -> service -> shim -> VM. A packet's completion is max(its start, the previous completion) +
 * its service, so completions never decrease and packets of one host (hence of every flow on it) keep their order
 * whatever the jitter. At most one wake-up per direction is pending, plus the coalescing timer; nothing is
 * allocated per packet once the rings have grown.
 */
final class HostTiming implements EventTarget {
    private static final int TAG_SEND = 0;
    private static final int TAG_RECEIVE = 1;
    private static final int TAG_INTERRUPT = 2;

    /**
     * Packets the send path holds before it drops (a NIC transmit ring of ixgbe's default 512 descriptors). Why a
     * bound: with a 10 GbE NIC the path, not the NIC, is the host's bottleneck (1 us + 1 ns/B each: about 2.4 Gb/s
     * of full frames), and an unbounded queue there grew without limit behind a 5 Gb/s UDP source, so every packet
     * it sent was older than the last and its Seawall tunnel was cut ever more rarely (its reports about packets
     * sent after each cut came 1, 3, 6, 12, 24, 49 ms later): the destination reported the honest source for
     * ignoring feedback at 0.15 s. A real host drops there, or holds the guest back.
     */
    static final int SEND_RING_PACKETS = 512;
    /**
     * Packets the receive path holds (served or waiting for their interrupt) before the NIC drops arrivals: a
     * receive ring of ixgbe's default 512 descriptors. Unbounded, three 2.3 Gb/s senders into one 10 GbE host's
     * 4.9 Gb/s path queued 120 MB in it and went on delivering for 0.25 s after they stopped; nothing was dropped,
     * so Seawall saw no congestion, and stale reports got two honest VMs reported for ignoring feedback.
     */
    static final int RECEIVE_RING_PACKETS = 512;

    private final Host host;
    private final SimContext ctx;
    private final EventLoop loop;
    private final HostTimingConfig cfg;
    private final SplittableRandom sendJitter;
    private final boolean sendThrough;
    private final boolean receiveThrough;

    private final TimedRing sending = new TimedRing();
    private long sendBusyUntilPs;
    private final TimedRing serving = new TimedRing();
    private long receiveBusyUntilPs;
    /** Packets on the NIC's receive ring, waiting for their interrupt. */
    private final PacketRing waiting = new PacketRing();
    private long interruptHandle = EventLoop.NO_EVENT;

    HostTiming(Host host, SimContext ctx, HostTimingConfig cfg) {
        this.host = host;
        this.ctx = ctx;
        this.loop = ctx.loop();
        this.cfg = cfg;
        this.sendJitter = ctx.random().stream("host/" + host.name() + "/send-jitter");
        this.sendThrough = cfg.sendsThrough();
        this.receiveThrough = cfg.receivesThrough();
    }

    long sendJitterPs() {
        return cfg.sendJitterPs();
    }

    private long servicePs(Packet p) {
        return cfg.servicePerPacketPs() + cfg.servicePerBytePs() * (p.sizeBytes + p.encapBytes);
    }

    void send(Packet p) {
        if (sendThrough) {
            host.transmitNow(p);
            return;
        }
        if (sending.size() >= SEND_RING_PACKETS) {
            ctx.probes().drop(host.name(), p, DropReason.HOST_RING);
            ctx.packets().release(p);
            return;
        }
        long now = loop.nowPs();
        long jitter = cfg.sendJitterPs() == 0 ? 0 : sendJitter.nextLong(cfg.sendJitterPs() + 1);
        sendBusyUntilPs = Math.max(now, sendBusyUntilPs) + servicePs(p) + jitter;
        if (sending.isEmpty()) {
            loop.schedule(sendBusyUntilPs, this, TAG_SEND);
        }
        sending.add(p, sendBusyUntilPs);
    }

    void receive(Packet p) {
        if (receiveThrough) {
            host.receiveNow(p);
            return;
        }
        if (serving.size() + waiting.size() >= RECEIVE_RING_PACKETS) {
            ctx.probes().drop(host.name(), p, DropReason.HOST_RING);
            ctx.packets().release(p);
            return;
        }
        if (cfg.rxCoalesceFrames() == 1 && cfg.rxCoalescePs() == 0) {
            serve(p);
            return;
        }
        waiting.addLast(p);
        if (waiting.size() >= cfg.rxCoalesceFrames()) {
            loop.cancel(interruptHandle);
            interruptHandle = EventLoop.NO_EVENT;
            interrupt();
        } else if (waiting.size() == 1) {
            interruptHandle = loop.schedule(loop.nowPs() + cfg.rxCoalescePs(), this, TAG_INTERRUPT);
        }
    }

    /** The interrupt hands every waiting packet to the hypervisor, in arrival order. */
    private void interrupt() {
        while (!waiting.isEmpty()) {
            serve(waiting.pollFirst());
        }
    }

    private void serve(Packet p) {
        long service = servicePs(p);
        if (service == 0) {
            host.receiveNow(p);
            return;
        }
        receiveBusyUntilPs = Math.max(loop.nowPs(), receiveBusyUntilPs) + service;
        if (serving.isEmpty()) {
            loop.schedule(receiveBusyUntilPs, this, TAG_RECEIVE);
        }
        serving.add(p, receiveBusyUntilPs);
    }

    @Override
    public void onEvent(int tag) {
        long now = loop.nowPs();
        switch (tag) {
            case TAG_SEND -> {
                while (!sending.isEmpty() && sending.headPs() <= now) {
                    host.transmitNow(sending.poll());
                }
                if (!sending.isEmpty()) {
                    loop.schedule(sending.headPs(), this, TAG_SEND);
                }
            }
            case TAG_RECEIVE -> {
                while (!serving.isEmpty() && serving.headPs() <= now) {
                    host.receiveNow(serving.poll());
                }
                if (!serving.isEmpty()) {
                    loop.schedule(serving.headPs(), this, TAG_RECEIVE);
                }
            }
            case TAG_INTERRUPT -> {
                interruptHandle = EventLoop.NO_EVENT;
                interrupt();
            }
            default -> throw new IllegalStateException("unknown tag " + tag);
        }
    }

    /** Packets waiting in the host's send and receive paths (for tests and conservation checks). */
    int pending() {
        return sending.size() + serving.size() + waiting.size();
    }

    /** A FIFO of packets with their completion times (non-decreasing); grows, never shrinks. */
    private static final class TimedRing {
        private Packet[] packets = new Packet[16];
        private long[] atPs = new long[16];
        private int head;
        private int count;

        boolean isEmpty() {
            return count == 0;
        }

        int size() {
            return count;
        }

        void add(Packet p, long at) {
            if (count == packets.length) {
                Packet[] np = new Packet[count * 2];
                long[] na = new long[count * 2];
                for (int i = 0; i < count; i++) {
                    np[i] = packets[(head + i) & (count - 1)];
                    na[i] = atPs[(head + i) & (count - 1)];
                }
                packets = np;
                atPs = na;
                head = 0;
            }
            int i = (head + count) & (packets.length - 1);
            packets[i] = p;
            atPs[i] = at;
            count++;
        }

        long headPs() {
            return atPs[head];
        }

        Packet poll() {
            Packet p = packets[head];
            packets[head] = null;
            head = (head + 1) & (packets.length - 1);
            count--;
            return p;
        }
    }
}
