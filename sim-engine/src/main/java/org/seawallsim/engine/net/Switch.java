package org.seawallsim.engine.net;

import java.util.Arrays;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.engine.random.RandomStreams;

/**
 * An output-queued, store-and-forward switch. Forwarding looks the destination host up in a table of equal-cost
 * egress ports (filled by the topology's routing) and picks one by a per-switch salted hash of the packet's 5-tuple
 * hash, so a flow keeps one path while flows spread over all of them (per-flow ECMP). The salt avoids the
 * polarization that identical hashing at every tier would cause.
 */
public final class Switch extends Node {
    private static final int[] NO_PORTS = new int[0];
    private static final EgressPort[] NO_EGRESS = new EgressPort[0];

    private final SimContext ctx;
    private final long ecmpSalt;

    /**
     * Per destination host, the index into {@link #sets} of its equal-cost egress ports (0: none). Equal sets are one
     * shared array (a fat-tree switch has one set of uplinks for all remote hosts), and a switch has a few (one per
     * port and the uplinks), which stay in cache; the per-destination part is 2 bytes instead of an 8-byte
     * reference, so a k = 16 fat-tree's 320 tables of 1 024 destinations take 0.6 MB instead of 2.6 MB, more of it in
     * the core's cache when a hop looks its destination up.
     */
    private char[] setOfDst = new char[0];
    /**
     * Set indices of 65 535 and more, for the destinations whose {@link #setOfDst} entry is {@link #WIDE}: a star's one
     * switch has a set per host, and a star of 70 000 hosts failed to build. The hot path pays one compare of the
     * entry it already loaded (a field load and null test there cost k = 8 about 6 %); null until needed.
     */
    private int[] wideSetOfDst;
    private static final char WIDE = Character.MAX_VALUE;
    /** The distinct sets, as ports and as indices into {@link #ports()}; set 0 is the empty one. */
    private int[][] setIndices = {NO_PORTS};
    private EgressPort[][] sets = {NO_EGRESS};
    /** How many of {@link #sets} are in use (the arrays grow by doubling), and each set's index by its ports. */
    private int setCount = 1;
    private final java.util.Map<String, Integer> setByPorts = new java.util.HashMap<>();
    private EgressPort[] portArray = new EgressPort[0];
    private IngressFilter[] filters = new IngressFilter[0];

    Switch(SimContext ctx, int id, String name) {
        super(id, name);
        this.ctx = ctx;
        this.ecmpSalt = ctx.random().seedFor("switch/" + name + "/ecmp");
    }

    @Override
    void addPort(EgressPort port) {
        super.addPort(port);
        portArray = Arrays.copyOf(portArray, portArray.length + 1);
        portArray[portArray.length - 1] = port;
    }

    public SimContext context() {
        return ctx;
    }

    /** Sets the equal-cost egress ports (indices into {@link #ports()}) toward {@code dstHost}. */
    public void setRoute(int dstHost, int[] portIndices) {
        for (int i : portIndices) {
            if (i < 0 || i >= portArray.length) {
                throw new IllegalArgumentException(name() + ": no port " + i);
            }
        }
        int set = sharedSet(portIndices);
        if (dstHost >= setOfDst.length) {
            setOfDst = Arrays.copyOf(setOfDst, Math.max(dstHost + 1, setOfDst.length * 2));
        }
        if (set < WIDE) {
            setOfDst[dstHost] = (char) set;
            return;
        }
        if (wideSetOfDst == null || dstHost >= wideSetOfDst.length) {
            wideSetOfDst = Arrays.copyOf(wideSetOfDst == null ? new int[0] : wideSetOfDst, setOfDst.length);
        }
        setOfDst[dstHost] = WIDE;
        wideSetOfDst[dstHost] = set;
    }

    /** The index into {@link #sets} and {@link #setIndices} of the equal-cost set toward {@code dstHost}. */
    private int setOf(int dstHost) {
        if (dstHost < 0 || dstHost >= setOfDst.length) {
            return 0;
        }
        int set = setOfDst[dstHost];
        return set != WIDE ? set : wideSetOfDst[dstHost];
    }

    /**
     * The index of the distinct set equal to {@code portIndices}, added if new. Found by a map and stored in arrays
     * that double: a linear search and a copy per new set took 27 s for a 70 000-host star's one switch.
     */
    private int sharedSet(int[] portIndices) {
        String key = Arrays.toString(portIndices);
        Integer known = portIndices.length == 0 ? Integer.valueOf(0) : setByPorts.get(key);
        if (known != null) {
            return known;
        }
        EgressPort[] set = new EgressPort[portIndices.length];
        for (int i = 0; i < set.length; i++) {
            set[i] = portArray[portIndices[i]];
        }
        if (setCount == sets.length) {
            setIndices = Arrays.copyOf(setIndices, 2 * setCount);
            sets = Arrays.copyOf(sets, 2 * setCount);
        }
        setIndices[setCount] = portIndices.clone();
        sets[setCount] = set;
        setByPorts.put(key, setCount);
        return setCount++;
    }

    /** Equal-cost egress port indices toward {@code dstHost} (empty if unreachable). */
    public int[] route(int dstHost) {
        return setIndices[setOf(dstHost)].clone();
    }

    public void addIngressFilter(IngressFilter filter) {
        filters = Arrays.copyOf(filters, filters.length + 1);
        filters[filters.length - 1] = filter;
    }

    public boolean removeIngressFilter(IngressFilter filter) {
        for (int i = 0; i < filters.length; i++) {
            if (filters[i] == filter) {
                IngressFilter[] n = new IngressFilter[filters.length - 1];
                System.arraycopy(filters, 0, n, 0, i);
                System.arraycopy(filters, i + 1, n, i, filters.length - i - 1);
                filters = n;
                return true;
            }
        }
        return false;
    }

    @Override
    public void receiveFromLink(Packet p, EgressPort inPort) {
        for (IngressFilter f : filters) {
            if (!f.admit(p, inPort, this)) {
                return;
            }
        }
        forward(p);
    }

    /** Forwards a packet, including one this switch originates (for example a congestion notification). */
    public void forward(Packet p) {
        EgressPort[] choices = sets[setOf(p.dstHost)];
        int n = choices.length;
        if (n == 1) {
            choices[0].receive(p);
            return;
        }
        if (n == 0) {
            ctx.probes().drop(name(), p, DropReason.NO_ROUTE);
            ctx.packets().release(p);
            return;
        }
        choices[ecmpIndex(p.flowHash, n)].receive(p);
    }

    /** The egress port this switch would choose for {@code p} (for tests and path tracing). */
    public EgressPort egressFor(Packet p) {
        return egressFor(p.dstHost, p.flowHash);
    }

    /**
     * The egress port this switch would choose for a packet to {@code dstHost} with {@code flowHash} (null if it has
     * no route): a flow's path can be traced before, or without, any of its packets.
     */
    public EgressPort egressFor(int dstHost, long flowHash) {
        EgressPort[] choices = sets[setOf(dstHost)];
        int n = choices.length;
        return n == 0 ? null : choices[n == 1 ? 0 : ecmpIndex(flowHash, n)];
    }

    private int ecmpIndex(long flowHash, int n) {
        long h = RandomStreams.mix64(flowHash ^ ecmpSalt);
        // The unsigned remainder by a power of two is the low bits (fat-trees have k/2 uplinks): no division.
        return (n & (n - 1)) == 0 ? (int) h & (n - 1) : (int) Long.remainderUnsigned(h, n);
    }
}
