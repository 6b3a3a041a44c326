package org.seawallsim.baseline.qcn;

import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.HypervisorShim;
import org.seawallsim.engine.packet.Packet;

/**
 * Hands CNMs that reach a host to its NIC's reaction points, the way a CN-capable NIC consumes them in hardware;
 * everything else goes to the shim that was there before. CNMs are consumed here and never delivered to a VM, so
 * goodput recorders do not see them.
 */
public final class QcnHostShim implements HypervisorShim {
    private final HypervisorShim next;
    private final QcnNicQueue nic;

    public QcnHostShim(HypervisorShim next, QcnNicQueue nic) {
        this.next = next;
        this.nic = nic;
    }

    @Override
    public void onOutbound(Packet p, Host host) {
        next.onOutbound(p, host);
    }

    @Override
    public void onInbound(Packet p, Host host) {
        if (p.kind == Packet.KIND_CNM && p.control instanceof Cnm cnm) {
            nic.onCnm(cnm);
            host.context().packets().release(p);
            return;
        }
        next.onInbound(p, host);
    }
}
