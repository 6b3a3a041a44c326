package org.seawallsim.engine.net;

import org.seawallsim.engine.random.RandomStreams;

/**
 * The only way to obtain packets. Ids are dense and per run, so they are deterministic. Pooling is deliberately not
 * done: young-generation allocation is cheap, and a pool invites double-release bugs; {@link #release} is the hook
 * where a pool would go if profiling ever shows GC pressure.
 */
public final class PacketFactory {
    private long nextId;
    private final long hashSalt;
    private long released;

    public PacketFactory(RandomStreams streams) {
        this.hashSalt = streams.seedFor("ecmp/flow-hash");
    }

    public Packet acquire() {
        Packet p = new Packet();
        p.id = nextId++;
        return p;
    }

    /** A packet whose life has ended (delivered or dropped). */
    public void release(Packet p) {
        released++;
    }

    public long created() {
        return nextId;
    }

    public long released() {
        return released;
    }

    /** Sets the 5-tuple and the seeded ECMP hash over it, so one flow always takes one path. */
    public void setFiveTuple(Packet p, int srcHost, int dstHost, int srcPort, int dstPort, int protocol) {
        p.srcHost = srcHost;
        p.dstHost = dstHost;
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.protocol = protocol;
        p.flowHash = flowHash(srcHost, dstHost, srcPort, dstPort, protocol);
    }

    public long flowHash(int srcHost, int dstHost, int srcPort, int dstPort, int protocol) {
        long h = hashSalt;
        h = RandomStreams.mix64(h ^ srcHost);
        h = RandomStreams.mix64(h ^ ((long) dstHost << 20));
        h = RandomStreams.mix64(h ^ ((long) srcPort << 1));
        h = RandomStreams.mix64(h ^ ((long) dstPort << 17));
        return RandomStreams.mix64(h ^ protocol);
    }
}
