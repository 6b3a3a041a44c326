package org.seawallsim.engine.net;

import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.probe.ProbeBus;

/**
 * The state {@link EgressPort} reads and writes for every packet, in a superclass so that the JVM lays it out first
 * and together (it orders a class's own fields by size, not by use, which spread these over the port's four cache
 * lines). At thousands of ports a packet's hop finds its port out of the core's cache; touching two lines instead of
 * four is what this buys. Only {@link EgressPort} extends it; the fields are documented there in use.
 */
abstract class EgressPortHotFields {
    static final int MODE_UNDECIDED = 0;
    static final int MODE_EVENTS = 1;
    static final int MODE_COMPUTED = 2;

    final EventLoop loop;
    final ProbeBus probes;
    final Pipe pipe;
    int mode = MODE_UNDECIDED;
    /** Picoseconds per wire byte when the rate divides 8e12 bit-ps exactly (all Ethernet rates), else 0. */
    long psPerByte;
    long txPackets;
    long txWireBytes;
    long busyPs;
    /** End of the transmission started last (both modes). */
    long txEndPs;

    // Computed mode. The discipline counts the queued packets, which already sit in the pipe with their departure
    // times; here are their start times and sizes in the same FIFO order, interleaved in one ring (start, size),
    // so that a departure reads one cache line. The sizes are kept because by the time the port catches up on a
    // departure the packet itself may have moved on, been delivered and been recycled.
    long busyUntilPs;
    long[] starts = new long[32];
    int startHead;
    int startCount;
    long nextStartPs = Long.MAX_VALUE;
    /** A started transmission not yet counted as finished, and its sizes. */
    boolean txOpen;
    int txOpenWireBytes;
    int txOpenBytes;
    /** Packets up to this size enter the empty queue of this port's discipline unconditionally and unmarked. */
    long idleAdmitBytes = -1;
    /** The capacity of a FIFO whose counts this port keeps itself, else -1; its ECN step, and the counts. */
    long inlineCapacityBytes = -1;
    long inlineEcnBytes = Long.MAX_VALUE;
    long queuedBytes;
    int queuedPackets;

    EgressPortHotFields(EventLoop loop, ProbeBus probes, Pipe pipe) {
        this.loop = loop;
        this.probes = probes;
        this.pipe = pipe;
    }
}
