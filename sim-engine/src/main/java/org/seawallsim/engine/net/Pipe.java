package org.seawallsim.engine.net;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;

/**
 * Propagation delay of one direction of a link: a FIFO ring of packets, each carrying its arrival time, with at most
 * one pending wake-up, for the head (htsim's Pipe). Pending events scale with links, not with packets in flight.
 * (The arrival time lives in the packet, which is read on arrival anyway, rather than in a second array here: one
 * cache line fewer per hop.)
 *
 * <p>A port that computes departures hands packets over when they are admitted, before they leave: the ring then
 * also holds packets still queued or serializing at the port, and the in-flight counts leave those out.
 */
public final class Pipe implements EventTarget {
    private final EventLoop loop;
    private final String name;
    private final long delayPs;
    private Node to;
    private EgressPort toPort;
    // Small at first: at datacenter delays a pipe rarely holds more than a few packets, and thousands of pipes
    // with large rings spread the hot data over more cache lines. The ring doubles when needed.
    private Packet[] packets = new Packet[8];
    private int head;
    private int count;
    private long bytesInFlight;

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

    public long delayPs() {
        return delayPs;
    }

    public String name() {
        return name;
    }

    /** Packets now propagating (their transmission has ended, their arrival is to come). */
    public int packetsInFlight() {
        int notLeft = 0;
        long now = loop.nowPs();
        for (int i = count - 1; i >= 0 && packets[(head + i) & (packets.length - 1)].pipeArrivalPs - delayPs > now;
                i--) {
            notLeft++;
        }
        return count - notLeft;
    }

    /** IP bytes (plus encapsulation) of the packets now propagating. */
    public long bytesInFlight() {
        long notLeft = 0;
        long now = loop.nowPs();
        for (int i = count - 1; i >= 0; i--) {
            int j = (head + i) & (packets.length - 1);
            if (packets[j].pipeArrivalPs - delayPs <= now) {
                break;
            }
            notLeft += packets[j].sizeBytes + packets[j].encapBytes;
        }
        return bytesInFlight - notLeft;
    }

    /**
     * Carries {@code p}, whose transmission ends at {@code departPs} (now or later), to the far end. Departures
     * must not decrease: the ring is FIFO.
     */
    void sendAt(Packet p, long departPs) {
        if (count == packets.length) {
            grow();
        }
        int tail = (head + count) & (packets.length - 1);
        packets[tail] = p;
        p.pipeArrivalPs = departPs + delayPs;
        count++;
        bytesInFlight += p.sizeBytes + p.encapBytes;
        if (count == 1) {
            loop.schedule(p.pipeArrivalPs, this, 0);
        }
    }

    @Override
    public void onEvent(int tag) {
        Packet p = packets[head];
        packets[head] = null;
        head = (head + 1) & (packets.length - 1);
        count--;
        bytesInFlight -= p.sizeBytes + p.encapBytes;
        if (count > 0) {
            loop.schedule(packets[head].pipeArrivalPs, this, 0);
        }
        p.hops++;
        to.receiveFromLink(p, toPort);
    }

    private void grow() {
        int cap = packets.length * 2;
        Packet[] np = new Packet[cap];
        for (int i = 0; i < count; i++) {
            np[i] = packets[(head + i) & (packets.length - 1)];
        }
        packets = np;
        head = 0;
    }
}
