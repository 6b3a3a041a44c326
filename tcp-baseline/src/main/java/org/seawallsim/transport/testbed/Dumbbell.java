package org.seawallsim.transport.testbed;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Ethernet;

/**
 * The smallest shared-bottleneck topology, built by hand with the Network API: n sender hosts, each with its own
 * NIC and access link to one switch, and one receiver host behind the switch. The switch's port toward the receiver
 * is the bottleneck. Propagation delay is split evenly between the access link and the bottleneck link, so
 * {@code oneWayDelayPs} is the total one-way propagation delay and the unloaded RTT is 2 x oneWayDelay plus
 * serialization. Used by tests and by {@code bench dumbbell}; richer topologies come from the topology module.
 */
public final class Dumbbell {
    /** A Linux-like NIC queue (txqueuelen 1000 full-sized packets), so hosts rarely drop locally. */
    public static final long DEFAULT_NIC_QUEUE_BYTES = 1000L * Ethernet.MTU_BYTES;

    private final Network net;
    private final Host[] senders;
    private final Host receiver;
    private final Switch sw;
    private final EgressPort bottleneck;

    private Dumbbell(Network net, Host[] senders, Host receiver, Switch sw, EgressPort bottleneck) {
        this.net = net;
        this.senders = senders;
        this.receiver = receiver;
        this.sw = sw;
        this.bottleneck = bottleneck;
    }

    /**
     * @param senders number of sender hosts (>= 1)
     * @param accessRateBps rate of each sender's NIC and access link
     * @param bottleneckRateBps rate of the switch-to-receiver link
     * @param oneWayDelayPs total one-way propagation delay, split over the two hops
     * @param bottleneckQueue queue of the switch port toward the receiver
     */
    public static Dumbbell build(SimContext ctx, int senders, long accessRateBps, long bottleneckRateBps,
            long oneWayDelayPs, QueueFactory bottleneckQueue) {
        return build(ctx, senders, accessRateBps, bottleneckRateBps, oneWayDelayPs, bottleneckQueue,
                QueueFactory.dropTail(DEFAULT_NIC_QUEUE_BYTES));
    }

    public static Dumbbell build(SimContext ctx, int senders, long accessRateBps, long bottleneckRateBps,
            long oneWayDelayPs, QueueFactory bottleneckQueue, QueueFactory otherQueues) {
        if (senders < 1) {
            throw new IllegalArgumentException("senders must be >= 1, got " + senders);
        }
        if (oneWayDelayPs < 0) {
            throw new IllegalArgumentException("oneWayDelayPs must be >= 0, got " + oneWayDelayPs);
        }
        Network net = new Network(ctx);
        Switch sw = net.addSwitch("sw");
        Host[] hosts = new Host[senders];
        long half = oneWayDelayPs / 2;
        for (int i = 0; i < senders; i++) {
            hosts[i] = net.addHost("sender" + i);
            net.connect(hosts[i], sw, accessRateBps, oneWayDelayPs - half, otherQueues, otherQueues);
            sw.setRoute(hosts[i].id(), new int[] {i});
        }
        Host recv = net.addHost("receiver");
        var link = net.connect(recv, sw, bottleneckRateBps, half, otherQueues, bottleneckQueue);
        sw.setRoute(recv.id(), new int[] {senders});
        return new Dumbbell(net, hosts, recv, sw, link.bToA());
    }

    public Network network() {
        return net;
    }

    public Host sender(int i) {
        return senders[i];
    }

    public int senderCount() {
        return senders.length;
    }

    public Host receiver() {
        return receiver;
    }

    public Switch switchNode() {
        return sw;
    }

    /** The switch's egress port toward the receiver. */
    public EgressPort bottleneck() {
        return bottleneck;
    }
}
