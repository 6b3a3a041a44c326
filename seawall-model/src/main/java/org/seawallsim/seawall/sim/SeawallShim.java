package org.seawallsim.seawall.sim;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.HypervisorShim;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;
import org.seawallsim.seawall.controller.ControllerConfig;
import org.seawallsim.seawall.controller.FeedbackReport;
import org.seawallsim.seawall.controller.RateController;
import org.seawallsim.seawall.port.FeedbackSink;
import org.seawallsim.seawall.port.GuestDelivery;
import org.seawallsim.seawall.port.HypervisorCostModel;
import org.seawallsim.seawall.port.PacketOutput;
import org.seawallsim.seawall.port.PortConfig;
import org.seawallsim.seawall.port.ReceiverPort;
import org.seawallsim.seawall.port.SenderPort;
import org.seawallsim.seawall.port.ServiceCost;
import org.seawallsim.seawall.port.SourceWeights;
import org.seawallsim.seawall.port.SuspectListener;

/**
 * Seawall in one host's hypervisor: the sender SW-port and rate controller for the host's VMs' outgoing tunnels,
 * and the receiver SW-port for incoming ones. Feedback reports travel as {@link Packet#KIND_CONTROL} packets of
 * realistic size through the NIC and the network (they can be queued, delayed or dropped like any packet) and are
 * consumed by the source host's shim, never delivered to a VM.
 */
public final class SeawallShim implements HypervisorShim, PacketOutput<Packet>, FeedbackSink, GuestDelivery<Packet> {
    /** UDP port of Seawall feedback datagrams. */
    public static final int FEEDBACK_PORT = 0x5EA;

    private final Host host;
    private final SimContext ctx;
    private final RateController controller;
    private final SenderPort<Packet> sender;
    private final ReceiverPort<Packet> receiver;
    private final SuspectListener networkController;
    private Compromise compromise = Compromise.NONE;

    private long feedbackPacketsSent;
    private long feedbackWireBytesSent;
    private long feedbackReceived;

    SeawallShim(Host host, SeawallParams params, SuspectListener networkController, EcmpPaths paths) {
        this.host = host;
        this.ctx = host.context();
        this.networkController = networkController;
        long nic = host.nic().rateBps();
        ControllerConfig cc = params.controller().withMaxRateBps(nic);
        if (cc.initialRateBps() > nic) {
            cc = cc.withInitialRateBps(0);
        }
        PortConfig pc = params.port().withNicRateBps(nic);
        SimClock clock = new SimClock(ctx.loop());
        SimTimers timers = new SimTimers(ctx.loop());
        PacketHeaderView view = new PacketHeaderView(pc.encapBytes(), paths);
        this.controller = new RateController(cc, clock, null);
        HypervisorCostModel cost = params.cost();
        ServiceCost<Packet> serviceCost = cost.equals(HypervisorCostModel.FREE) ? null
                : p -> cost.costPs(p.sizeBytes + p.encapBytes, p.encapBytes > 0);
        this.sender = new SenderPort<>(pc, clock, timers, view, this, serviceCost, controller,
                ctx.random().stream("seawall/" + host.name() + "/pacing"));
        this.controller.setLimiter(sender);
        this.controller.setActivity(sender);
        this.receiver = new ReceiverPort<>(host.id(), pc, params.detector(), cc.intervalPs(), clock, timers, view,
                this, this, networkController,
                networkController instanceof SourceWeights w ? w : SourceWeights.EQUAL);
        // Feedback mode ecn-bottleneck: no receiver-side coupling to marks on links a tunnel does not cross.
        this.receiver.setCoupleOnlyLikelyMisses(params.telemetry().enabled());
        this.receiver.start();
        this.controller.start(timers);
    }

    @Override
    public void onOutbound(Packet p, Host h) {
        if (p.srcVm < 0 || compromise == Compromise.DISABLED_PORT) {
            sender.sentAround(p.wireBytes());
            h.transmit(p);
            return;
        }
        sender.send(p);
    }

    @Override
    public void onInbound(Packet p, Host h) {
        if (p.kind == Packet.KIND_CONTROL && p.control instanceof FeedbackReport r) {
            feedbackReceived++;
            controller.onFeedback(r);
            ctx.packets().release(p);
            return;
        }
        if (p.srcVm < 0) {
            h.deliver(p);
            return;
        }
        receiver.receive(p);
    }

    // PacketOutput: the sender port's exits
    @Override
    public void transmit(Packet p) {
        host.transmit(p);
    }

    @Override
    public void dropLocal(Packet p) {
        ctx.probes().drop(host.name() + "/seawall", p, DropReason.SHIM);
        ctx.packets().release(p);
    }

    // GuestDelivery
    @Override
    public void deliver(Packet p) {
        host.deliver(p);
    }

    // FeedbackSink: reports leave as real packets
    @Override
    public void send(FeedbackReport report) {
        Packet p = ctx.packets().acquire();
        p.kind = Packet.KIND_CONTROL;
        ctx.packets().setFiveTuple(p, host.id(), report.srcHost(), FEEDBACK_PORT, FEEDBACK_PORT, Packet.PROTO_UDP);
        p.sizeBytes = FeedbackReport.IP_DATAGRAM_BYTES;
        p.payloadBytes = FeedbackReport.WIRE_PAYLOAD_BYTES;
        p.control = report;
        p.createdPs = ctx.nowPs();
        feedbackPacketsSent++;
        feedbackWireBytesSent += p.wireBytes();
        sender.sentAround(p.wireBytes());
        host.transmit(p);
    }

    /** Marks this hypervisor compromised (or honest again) from now on. */
    public void setCompromise(Compromise c) {
        this.compromise = c == null ? Compromise.NONE : c;
        controller.setIgnoreFeedback(compromise == Compromise.IGNORES_FEEDBACK);
    }

    public Compromise compromise() {
        return compromise;
    }

    /** A compromised destination accuses {@code srcHost} of ignoring Seawall although it does not. */
    public void falselyAccuse(int srcHost) {
        networkController.suspect(srcHost, -1, host.id(), SuspectListener.Reason.FALSE_ACCUSATION);
    }

    public RateController controller() {
        return controller;
    }

    public SenderPort<Packet> sender() {
        return sender;
    }

    public ReceiverPort<Packet> receiver() {
        return receiver;
    }

    public Host host() {
        return host;
    }

    public long feedbackPacketsSent() {
        return feedbackPacketsSent;
    }

    public long feedbackWireBytesSent() {
        return feedbackWireBytesSent;
    }

    public long feedbackReceived() {
        return feedbackReceived;
    }
}
