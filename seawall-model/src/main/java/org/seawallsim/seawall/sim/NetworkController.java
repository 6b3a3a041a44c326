package org.seawallsim.seawall.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.IngressFilter;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.Node;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.seawall.port.SourceWeights;
import org.seawallsim.seawall.port.SuspectListener;

/**
 * The network's control plane for Seawall's compromise defence. Destinations report suspect sources; after a
 * control-plane delay it installs a filter at the source host's edge switch that drops only packets from that
 * source host to the accusing host (least privilege: an accuser can only cut traffic addressed to itself, so a
 * lying destination hurts no third party). Every accusation is honoured: the controller cannot tell a true one from
 * a false one, and least privilege is what makes that safe.
 */
public final class NetworkController implements SuspectListener, SourceWeights {
    /** One accusation and, once installed, its filter. */
    public record Accusation(int srcHost, int srcVm, int accuserHost, Reason reason, long reportedPs,
                             long installedPs) {
    }

    private final Network net;
    private final SimContext ctx;
    private final long delayPs;
    private final Set<Long> pairs = new HashSet<>();
    private final List<Accusation> accusations = new ArrayList<>();
    private long filteredPackets;
    /** Administrator weights of the VMs (the control plane's record, which destinations judge shares by). */
    private final Map<Integer, Double> weights = new HashMap<>();

    NetworkController(Network net, long delayPs) {
        this.net = net;
        this.ctx = net.context();
        this.delayPs = delayPs;
    }

    @Override
    public void suspect(int srcHost, int srcVm, int accuserHost, Reason reason) {
        long pair = ((long) srcHost << 32) | (accuserHost & 0xFFFF_FFFFL);
        if (!pairs.add(pair)) {
            return;
        }
        long reported = ctx.nowPs();
        int idx = accusations.size();
        accusations.add(new Accusation(srcHost, srcVm, accuserHost, reason, reported, -1));
        EventTarget install = tag -> install(idx);
        ctx.loop().scheduleIn(delayPs, install, 0);
    }

    private void install(int idx) {
        Accusation a = accusations.get(idx);
        Node edge = net.host(a.srcHost()).nic().peer();
        if (!(edge instanceof Switch sw)) {
            throw new IllegalStateException("host " + a.srcHost() + " is not attached to a switch");
        }
        int src = a.srcHost();
        int dst = a.accuserHost();
        sw.addIngressFilter(new PairFilter(src, dst));
        accusations.set(idx, new Accusation(a.srcHost(), a.srcVm(), a.accuserHost(), a.reason(), a.reportedPs(),
                ctx.nowPs()));
    }

    /** The administrator set VM {@code vm}'s weight (at join or later). */
    void setVmWeight(int vm, double weight) {
        weights.put(vm, weight);
    }

    /** VM {@code vm} left: destinations stop counting its tunnels for their shares. */
    void vmLeft(int vm) {
        weights.put(vm, 0.0);
    }

    @Override
    public double weight(int srcVm) {
        Double w = weights.get(srcVm);
        return w == null ? 1.0 : w;
    }

    @Override
    public long nicRateBps(int srcHost) {
        return srcHost >= 0 && srcHost < net.hosts().size() ? net.host(srcHost).nic().rateBps() : Long.MAX_VALUE;
    }

    @Override
    public boolean filtered(int srcHost, int dstHost) {
        return pairs.contains(((long) srcHost << 32) | (dstHost & 0xFFFF_FFFFL));
    }

    /** Accusations in the order they were reported. */
    public List<Accusation> accusations() {
        return List.copyOf(accusations);
    }

    /** Packets dropped by installed filters. */
    public long filteredPackets() {
        return filteredPackets;
    }

    private final class PairFilter implements IngressFilter {
        private final int src;
        private final int dst;

        PairFilter(int src, int dst) {
            this.src = src;
            this.dst = dst;
        }

        @Override
        public boolean admit(Packet p, EgressPort inPort, Switch sw) {
            if (p.srcHost == src && p.dstHost == dst) {
                filteredPackets++;
                ctx.probes().drop(sw.name(), p, DropReason.FILTER);
                ctx.packets().release(p);
                return false;
            }
            return true;
        }
    }
}
