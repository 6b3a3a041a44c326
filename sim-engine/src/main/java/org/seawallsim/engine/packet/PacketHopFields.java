package org.seawallsim.engine.packet;

/**
 * The fields of a {@link Packet} that every hop reads or writes: forwarding, the port's admission and the pipe. The
 * JVM lays out a superclass's fields before the subclass's, so declaring them here puts them side by side at the
 * start of the object, in one or two cache lines, instead of spread over all three lines of a packet (fields are
 * otherwise grouped by size, not by use). A fabric keeps tens of thousands of packets in flight, more than the
 * core's cache holds, and a hop touches up to three of them (the one arriving, the next in its pipe, the last in
 * the pipe it enters). Not a type of its own: only {@link Packet} extends it.
 */
public abstract class PacketHopFields {
    /** Hash of the 5-tuple used by ECMP; set with {@link PacketFactory#setFiveTuple}. */
    public long flowHash;
    // pipeArrivalPs, nextArrivalPs and nextInPipe belong to engine.net.Pipe, the only class that uses them. Public
    // because packets live below the network package (probes see them without seeing the network); kept in the
    // packet rather than in arrays of the pipe's own, which would be cache lines more to miss per hop.
    /** When the packet reaches the end of the pipe it is travelling in. */
    public long pipeArrivalPs;
    /**
     * {@link #nextInPipe}'s arrival time, copied here when that packet is linked behind this one: the pipe schedules
     * its next arrival from the packet it is delivering (in cache) instead of loading the next packet (a miss).
     */
    public long nextArrivalPs;
    public int dstHost;
    /** Size of the IP datagram in bytes (IP header included, Ethernet framing excluded). */
    public int sizeBytes;
    /** Extra bytes added by an encapsulating shim; counted on the wire and removed before delivery. */
    public int encapBytes;
    public int hops;
    /** The packet behind this one in the same pipe, or null: the pipe's list link. */
    public Packet nextInPipe;

    PacketHopFields() {
    }
}
