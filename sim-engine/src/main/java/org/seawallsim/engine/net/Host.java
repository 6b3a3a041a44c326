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

    Host(SimContext ctx, int id, String name) {
        super(id, name);
        this.ctx = ctx;
    }

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

    /** Entry point for a VM (transport) on this host sending a packet: goes through the hypervisor shim. */
    public void sendFromVm(Packet p) {
        shim.onOutbound(p, this);
    }

    /** Puts a packet on the NIC, bypassing the shim (shims call this). */
    public void transmit(Packet p) {
        if (!ctx.probes().isEmpty()) {
            ctx.probes().hostSend(this, p);
        }
        nic().receive(p);
    }

    /** Hands a packet to its endpoint inside the host (shims call this). */
    public void deliver(Packet p) {
        if (!ctx.probes().isEmpty()) {
            ctx.probes().deliver(this, p);
        }
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
        shim.onInbound(p, this);
    }
}
