package org.seawallsim.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.HypervisorShim;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;

/**
 * Drives one TCP endpoint by hand: the hosts' shims capture everything the flow sends instead of transmitting it,
 * and the test hands crafted ACKs or segments to the endpoints.
 */
final class Harness {
    final SimContext ctx = new SimContext(7);
    final Transports tp = new Transports(ctx);
    final List<Packet> fromSender = new ArrayList<>();
    final List<Packet> fromReceiver = new ArrayList<>();
    final TcpFlow flow;

    Harness(TcpConfig cfg) {
        Network net = new Network(ctx);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        a.setShim(capture(fromSender));
        b.setShim(capture(fromReceiver));
        flow = tp.tcpFlow(TcpFlowConfig.bulk(new VmAddress(a, 1, 0), new VmAddress(b, 2, 0), cfg));
    }

    private static HypervisorShim capture(List<Packet> out) {
        return new HypervisorShim() {
            @Override
            public void onOutbound(Packet p, Host host) {
                out.add(p);
            }

            @Override
            public void onInbound(Packet p, Host host) {
                host.deliver(p);
            }
        };
    }

    void start() {
        flow.start();
        ctx.loop().step();
    }

    /** Delivers an ACK for {@code ack} to the sender, at the current simulated time. */
    void ack(long ack) {
        ack(ack, false);
    }

    void ack(long ack, boolean ece) {
        Packet p = ctx.packets().acquire();
        p.kind = Packet.KIND_ACK;
        p.ack = ack;
        p.flags = ece ? Packet.FLAG_ECE : 0;
        p.windowBytes = flow.config().tcp().receiveWindowBytes();
        p.tsEcrPs = ctx.nowPs();
        flow.sender().receive(p);
    }

    /** Delivers a data segment to the receiver. */
    void segment(long seq, int len, boolean ce) {
        Packet p = ctx.packets().acquire();
        p.kind = Packet.KIND_DATA;
        p.seq = seq;
        p.payloadBytes = len;
        p.ecn = ce ? Packet.ECN_CE : Packet.ECN_ECT0;
        p.tsValPs = ctx.nowPs();
        flow.receiver().receive(p);
    }

    /** Advances simulated time (running any timers due) by {@code ps}. */
    void advance(long ps) {
        ctx.loop().runUntil(ctx.nowPs() + ps);
    }

    Packet lastSent() {
        return fromSender.get(fromSender.size() - 1);
    }
}
