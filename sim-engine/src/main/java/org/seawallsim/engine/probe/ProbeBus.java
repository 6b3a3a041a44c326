package org.seawallsim.engine.probe;

import java.util.Arrays;
import org.seawallsim.engine.packet.Packet;

/**
 * Fans network events out to the attached recorders. An array and a plain loop: with nothing attached the cost per
 * event is one length check.
 */
public final class ProbeBus {
    private NetProbe[] probes = new NetProbe[0];
    private boolean portTimingObserved;
    /** Checked for every packet at every hop; a field read is one load fewer than the array's length. */
    private boolean empty = true;
    private boolean departuresComputed;

    /**
     * @throws IllegalStateException if the probe observes dequeues or transmissions and ports have already started
     *     computing departures instead of simulating them (attach such probes before traffic starts)
     */
    public void attach(NetProbe probe) {
        boolean timing = observesPortTiming(probe);
        if (timing && departuresComputed) {
            throw new IllegalStateException(probe.getClass().getName() + " observes dequeues or transmissions, but"
                    + " ports already compute departures on arrival and will not report them: attach it before the"
                    + " first packet is sent");
        }
        portTimingObserved |= timing;
        empty = false;
        probes = Arrays.copyOf(probes, probes.length + 1);
        probes[probes.length - 1] = probe;
    }

    /** True if an attached probe overrides {@link NetProbe#onDequeue} or {@link NetProbe#onTransmit}. */
    public boolean observesPortTiming() {
        return portTimingObserved;
    }

    /** Ports tell the bus when one of them stops reporting dequeues and transmissions at their instants. */
    public void portsComputeDepartures() {
        departuresComputed = true;
    }

    private static boolean observesPortTiming(NetProbe probe) {
        try {
            Class<?> c = probe.getClass();
            return c.getMethod("onDequeue", NetElement.class, Packet.class, long.class).getDeclaringClass()
                    != NetProbe.class
                    || c.getMethod("onTransmit", NetElement.class, Packet.class).getDeclaringClass() != NetProbe.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("NetProbe lost a method", e);
        }
    }

    public boolean isEmpty() {
        return empty;
    }

    public void hostSend(NetElement host, Packet p) {
        for (NetProbe probe : probes) {
            probe.onHostSend(host, p);
        }
    }

    public void enqueue(NetElement port, Packet p, long queueBytes) {
        for (NetProbe probe : probes) {
            probe.onEnqueue(port, p, queueBytes);
        }
    }

    public void dequeue(NetElement port, Packet p, long queueBytes) {
        for (NetProbe probe : probes) {
            probe.onDequeue(port, p, queueBytes);
        }
    }

    public void transmit(NetElement port, Packet p) {
        for (NetProbe probe : probes) {
            probe.onTransmit(port, p);
        }
    }

    public void mark(NetElement port, Packet p) {
        for (NetProbe probe : probes) {
            probe.onMark(port, p);
        }
    }

    public void drop(String where, Packet p, DropReason reason) {
        for (NetProbe probe : probes) {
            probe.onDrop(where, p, reason);
        }
    }

    public void deliver(NetElement host, Packet p) {
        for (NetProbe probe : probes) {
            probe.onDeliver(host, p);
        }
    }
}
