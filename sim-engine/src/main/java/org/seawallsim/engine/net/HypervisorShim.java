package org.seawallsim.engine.net;

import org.seawallsim.engine.packet.Packet;

/**
 * The hook in a host's hypervisor through which every packet a VM sends or receives passes. A shim may forward,
 * delay, modify, drop or originate packets: it forwards outbound packets with {@link Host#transmit} and inbound ones
 * with {@link Host#deliver}. Seawall's SW-ports and the baselines' host parts plug in here.
 */
public interface HypervisorShim {
    /** A VM on {@code host} sent {@code p}. */
    void onOutbound(Packet p, Host host);

    /** {@code p} arrived at {@code host} from the network, addressed to it. */
    void onInbound(Packet p, Host host);

    /** Forwards everything unchanged: a host without a shim. */
    HypervisorShim PASS_THROUGH = new HypervisorShim() {
        @Override
        public void onOutbound(Packet p, Host host) {
            host.transmit(p);
        }

        @Override
        public void onInbound(Packet p, Host host) {
            host.deliver(p);
        }
    };
}
