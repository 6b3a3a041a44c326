package org.seawallsim.engine.net;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.packet.Packet;

/**
 * Propagation delay of one direction of a link: a FIFO of packets, each carrying its arrival time, with at most one
 * pending wake-up, for the head (htsim's Pipe). Pending events scale with links, not with packets in flight. The
 * FIFO is a list linked through the packets and the arrival time lives in the packet, which is read on arrival
 * anyway: with thousands of pipes, arrays of their own would be cache lines more to miss per hop.
 *
 * <p>A port that computes departures hands packets over when they are admitted, before they leave: the list then
 * also holds packets still queued or serializing at the port, and the in-flight counts leave those out.
 */
public final class Pipe implements EventTarget {
    private final EventLoop loop;
    private final long delayPs;
    /**
     * Written by {@link #prefetch()} only so that its loads are not optimised away; never read. An instance field,
     * not a static one, so that simulations running side by side (sweeps) do not share its cache line.
     */
    private int prefetchSink;
    private Node to;
    private EgressPort toPort;
    // The packets in flight, oldest first, linked through the packets themselves: a pipe that holds one or two
    // packets (an access link carrying one flow) then touches no array at all, only packets it touches anyway.
    private Packet first;
    private Packet last;
    /** Null unless a trace is recording this direction: one field test per packet when off. */
    private WireTap tap;
    /** Null unless this direction loses frames at random: one field test per packet when off. */
    private WireLoss loss;
    /** Last: the JVM keeps declaration order among references, so the fields each packet uses stay together. */
    private final String name;

    Pipe(SimContext ctx, String name, long delayPs) {
        if (delayPs < 0) {
            throw new IllegalArgumentException(name + ": propagation delay must be >= 0 ps, got " + delayPs);
        }
        this.loop = ctx.loop();
        this.name = name;
        this.delayPs = delayPs;
    }

    void connect(Node to, EgressPort toPort) {
        this.to = to;
        this.toPort = toPort;
    }

    /** Installs (or, with null, removes) the tap that sees every packet entering this pipe. */
    public void setTap(WireTap tap) {
        this.tap = tap;
    }

    void setLoss(WireLoss loss) {
        this.loss = loss;
    }

    WireLoss loss() {
        return loss;
    }

    public long delayPs() {
        return delayPs;
    }

    public String name() {
        return name;
    }

    /** Packets now propagating (their transmission has ended, their arrival is to come). */
    public int packetsInFlight() {
        return packetsInFlight(p -> true);
    }

    /** Those of the packets now propagating that {@code which} accepts (it must not change them). */
    public int packetsInFlight(java.util.function.Predicate<Packet> which) {
        long now = loop.nowPs();
        int n = 0;
        for (Packet p = first; p != null; p = p.nextInPipe) {
            if (p.pipeArrivalPs - delayPs <= now && which.test(p)) {
                n++;
            }
        }
        return n;
    }

    /** IP bytes (plus encapsulation) of the packets now propagating. */
    public long bytesInFlight() {
        long now = loop.nowPs();
        long bytes = 0;
        for (Packet p = first; p != null; p = p.nextInPipe) {
            if (p.pipeArrivalPs - delayPs <= now) {
                bytes += p.sizeBytes + p.encapBytes;
            }
        }
        return bytes;
    }

    /**
     * Carries {@code p}, whose transmission ends at {@code departPs} (now or later), to the far end. Departures
     * must not decrease: the pipe is FIFO.
     */
    void sendAt(Packet p, long departPs) {
        if (tap != null) {
            tap.onWire(p, departPs);
        }
        p.pipeArrivalPs = departPs + delayPs;
        if (first == null) {
            first = p;
            last = p;
            loop.schedule(p.pipeArrivalPs, this, 0);
        } else {
            last.nextInPipe = p;
            last.nextArrivalPs = p.pipeArrivalPs;
            last = p;
        }
    }

    /** Loads the packet due next and the node it arrives at (see {@link EventTarget#prefetch()}). */
    @Override
    public void prefetch() {
        Packet p = first;
        if (p != null) {
            prefetchSink = p.dstHost + to.id();
        }
    }

    @Override
    public void onEvent(int tag) {
        Packet p = first;
        Packet next = p.nextInPipe;
        first = next;
        if (next != null) {
            p.nextInPipe = null;
            loop.schedule(p.nextArrivalPs, this, 0);
        } else {
            last = null;
        }
        if (loss != null && loss.loses(p)) {
            return;
        }
        p.hops++;
        to.receiveFromLink(p, toPort);
    }
}
