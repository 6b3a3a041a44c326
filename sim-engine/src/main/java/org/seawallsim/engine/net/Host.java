package org.seawallsim.engine.net;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.probe.DropReason;

/**
 * A physical server: one NIC (an {@link EgressPort} to its top-of-rack switch) and a hypervisor whose
 * {@link HypervisorShim} sees every packet its VMs send and receive. VMs are identified by the ids in packets; the
 * transports that run inside them are the packets' endpoints.
 */
public final class Host extends Node {
    private final SimContext ctx;
    private EgressPort nic;
    private HypervisorShim shim = HypervisorShim.PASS_THROUGH;
    /** Null when the host has no timing model (packets pass straight through, the historical behaviour). */
    private HostTiming timing;

    Host(SimContext ctx, int id, String name) {
        super(id, name);
        this.ctx = ctx;
    }

    /** VMs of this host that are gone (left), or null while none is. */
    private java.util.BitSet absentVms;

    public EgressPort nic() {
        if (nic == null) {
            throw new IllegalStateException(name() + " has no NIC: connect it to a switch first");
        }
        return nic;
    }

    void setNic(EgressPort nic) {
        if (this.nic != null) {
            throw new IllegalArgumentException(name() + " already has a NIC; hosts are single-homed");
        }
        this.nic = nic;
        addPort(nic);
    }

    public SimContext context() {
        return ctx;
    }

    public HypervisorShim shim() {
        return shim;
    }

    public void setShim(HypervisorShim shim) {
        this.shim = shim == null ? HypervisorShim.PASS_THROUGH : shim;
    }

    /**
     * Gives this host the send/receive timing of a real server (hypervisor service, send jitter, receive interrupt
     * coalescing); {@link HostTimingConfig#OFF} removes it. Set it before traffic starts.
     */
    public void setTiming(HostTimingConfig cfg) {
        timing = cfg == null || cfg.isOff() ? null : new HostTiming(this, ctx, cfg);
        if (cfg != null && cfg.nicClockPpm() > 0) {
            double u = ctx.random().stream("host/" + name() + "/nic-clock").nextDouble() * 2 - 1;
            nic().offsetClock(u * cfg.nicClockPpm());
        }
    }

    /** The bound of this host's uniform send jitter ({@link HostTimingConfig#sendJitterPs}); 0 for an ideal host. */
    public long sendJitterPs() {
        return timing == null ? 0 : timing.sendJitterPs();
    }

    /** Packets inside this host's timing model (sent but not yet on the NIC, or received but not yet handed on). */
    public int packetsInTiming() {
        return timing == null ? 0 : timing.pending();
    }

    /** Entry point for a VM (transport) on this host sending a packet: goes through the hypervisor shim. */
    public void sendFromVm(Packet p) {
        shim.onOutbound(p, this);
    }

    /** Puts a packet on the NIC, bypassing the shim (shims call this), after the host's send timing if any. */
    public void transmit(Packet p) {
        if (timing != null) {
            timing.send(p);
            return;
        }
        transmitNow(p);
    }

    void transmitNow(Packet p) {
        if (!ctx.probes().isEmpty()) {
            ctx.probes().hostSend(this, p);
        }
        nic().receive(p);
    }

    /**
     * Marks VM {@code vmId} of this host as gone ({@code present} false) or back: packets for a VM that is gone are
     * dropped at delivery ({@link DropReason#NO_ROUTE}, as a hypervisor with no such VM would), so that a receiver
     * that left neither receives nor acknowledges.
     */
    public void setVmPresent(int vmId, boolean present) {
        if (vmId < 0) {
            throw new IllegalArgumentException("VM id must be >= 0, got " + vmId);
        }
        if (!present && absentVms == null) {
            absentVms = new java.util.BitSet();
        }
        if (absentVms != null) {
            absentVms.set(vmId, !present);
        }
    }

    /** Hands a packet to its endpoint inside the host (shims call this). */
    public void deliver(Packet p) {
        if (absentVms != null && p.dstVm >= 0 && absentVms.get(p.dstVm)) {
            ctx.probes().drop(name(), p, DropReason.NO_ROUTE);
            ctx.packets().release(p);
            return;
        }
        if (!ctx.probes().isEmpty()) {
            ctx.probes().deliver(this, p);
        }
        // Which packet arrived and for whom, not only that a host did: the fingerprint then tells allocations apart
        // (packet ids alone matched when two VMs' rates were swapped: the same ids, delivered to the other VM).
        ctx.loop().fold(p.id);
        ctx.loop().fold(((long) p.flowId << 32) ^ (p.dstVm & 0xffffffffL));
        PacketSink endpoint = p.endpoint;
        if (endpoint != null) {
            endpoint.receive(p);
        } else {
            ctx.packets().release(p);
        }
    }

    @Override
    public void receiveFromLink(Packet p, EgressPort inPort) {
        if (p.dstHost != id()) {
            ctx.probes().drop(name(), p, DropReason.NO_ROUTE);
            ctx.packets().release(p);
            return;
        }
        if (timing != null) {
            timing.receive(p);
            return;
        }
        shim.onInbound(p, this);
    }

    /** A received packet leaves the NIC and the hypervisor's receive path for the shim. */
    void receiveNow(Packet p) {
        shim.onInbound(p, this);
    }
}
