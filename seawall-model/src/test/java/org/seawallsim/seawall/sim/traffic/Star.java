package org.seawallsim.seawall.sim.traffic;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.FifoQueue;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;

/**
 * Test topology: {@code n} hosts on one switch, every link at {@code rateBps}; the switch's port toward a host is
 * the bottleneck when several hosts send to it. A second switch variant (dumbbell) puts a shared trunk between
 * "left" senders and "right" receivers. Built by hand because the topology builders were not on main yet.
 */
public final class Star {
    private Star() {
    }

    public static Network star(SimContext ctx, int n, long rateBps, long delayPs, long bufferBytes) {
        Network net = new Network(ctx);
        Switch sw = net.addSwitch("tor");
        for (int i = 0; i < n; i++) {
            Host h = net.addHost("h" + i);
            net.connect(h, sw, rateBps, delayPs, QueueFactory.dropTail(bufferBytes));
            sw.setRoute(h.id(), new int[] {i});
        }
        return net;
    }

    /**
     * {@code left} hosts on switch L, {@code right} hosts on switch R, one L-R trunk of {@code trunkBps}. Hosts
     * 0..left-1 are on L, left..left+right-1 on R.
     */
    public static Network dumbbell(SimContext ctx, int left, int right, long hostBps, long trunkBps, long delayPs,
                                   long bufferBytes) {
        return dumbbell(ctx, left, right, hostBps, trunkBps, delayPs, bufferBytes, 0);
    }

    /** As above, with switch ports marking ECN-capable packets above {@code ecnBytes} (0: no marking). */
    public static Network dumbbell(SimContext ctx, int left, int right, long hostBps, long trunkBps, long delayPs,
                                   long bufferBytes, long ecnBytes) {
        QueueFactory sw = ecnBytes > 0 ? (name, owner, rate) -> new FifoQueue(bufferBytes).withEcnThreshold(ecnBytes)
                : QueueFactory.dropTail(bufferBytes);
        Network net = new Network(ctx);
        Switch l = net.addSwitch("L");
        Switch r = net.addSwitch("R");
        for (int i = 0; i < left; i++) {
            net.connect(net.addHost("l" + i), l, hostBps, delayPs, sw);
        }
        for (int i = 0; i < right; i++) {
            net.connect(net.addHost("r" + i), r, hostBps, delayPs, sw);
        }
        net.connect(l, r, trunkBps, delayPs, sw);
        for (int i = 0; i < left + right; i++) {
            boolean onLeft = i < left;
            l.setRoute(i, new int[] {onLeft ? i : left});
            r.setRoute(i, new int[] {onLeft ? right : i - left});
        }
        return net;
    }

    /** The port of switch {@code sw} toward host {@code h}. */
    /** Gives every host real-server timing (hypervisor service, jitter, coalescing, NIC clock offsets). */
    public static Network withHostTiming(Network net) {
        for (org.seawallsim.engine.net.Host h : net.hosts()) {
            h.setTiming(org.seawallsim.engine.net.HostTimingConfig.defaults1GbE());
        }
        return net;
    }

    public static EgressPort portTo(Network net, String sw, int h) {
        Switch s = (Switch) net.node(sw);
        return s.ports().get(s.route(h)[0]);
    }
}
