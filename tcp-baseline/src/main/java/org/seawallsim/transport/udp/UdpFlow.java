package org.seawallsim.transport.udp;

import java.util.SplittableRandom;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketFactory;
import org.seawallsim.engine.packet.PacketSink;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowDirection;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbes;

/**
 * A UDP source in one VM and its sink in another. The source has one pending wake-up (its next send) and ignores
 * losses entirely: it is the unresponsive traffic that TCP-based sharing cannot contain.
 */
public final class UdpFlow implements EventTarget {
    private static final int TAG_SEND = 0;
    private static final int TAG_TOGGLE = 1;

    private final EventLoop loop;
    private final PacketFactory packets;
    private final TransportProbes probes;
    private final FlowInfo info;
    private final UdpFlowConfig config;
    private final Host host;
    private final SplittableRandom random;
    private final Sink sink;
    private final FlowDirection direction;
    private final int sizeBytes;

    /** Mean gap between sends while on; fixed for CBR, line rate and on/off, the mean for Poisson. */
    private long gapPs;
    /**
     * Paced sources on a real host send each datagram up to this long after its slot (the host's send jitter, at most
     * one gap, so a source's datagrams keep their order and its rate): two line-rate VMs on one host otherwise sent
     * at the same picosecond forever, and the order of those same-instant sends alone decided who the NIC's full
     * queue dropped (295/662 Mb/s in scheduling order, 478/479 with permuted ties). TCP has its own send jitter.
     */
    private long jitterBoundPs;
    /** The slot of the next send of a paced source; it sends at the slot plus a jitter below {@link #jitterBoundPs}. */
    private long slotPs;
    /**
     * On/off: how much on-time was still owed before the next slot when the source went off (negative when that slot
     * had passed and its jittered send was pending). The next on period starts with it, so the source averages its rate times its duty cycle whatever the periods' length against the
     * gap: restarting the slot at every on edge sent a datagram per on period, one frame per 10 ms from a 1 Mb/s
     * source with 5 ms on and off (2.5 times its average), and 12 times it with 10 us periods at 100 Mb/s.
     */
    private long owedOnPs;
    private boolean started;
    private boolean stopped;
    private boolean on = true;
    private long sendHandle = EventLoop.NO_EVENT;
    private long seq;

    public UdpFlow(SimContext ctx, TransportProbes probes, FlowInfo info, UdpFlowConfig config, int srcPort,
            int dstPort, SplittableRandom random) {
        this.loop = ctx.loop();
        this.packets = ctx.packets();
        this.probes = probes;
        this.info = info;
        this.config = config;
        this.host = config.src().host();
        this.random = random;
        this.sink = new Sink();
        this.direction = new FlowDirection(packets, config.src(), config.dst(), srcPort, dstPort, Packet.PROTO_UDP,
                info.flowId());
        this.sizeBytes = config.sizeBytes();
    }

    public FlowInfo info() {
        return info;
    }

    public UdpFlowConfig config() {
        return config;
    }

    public void start() {
        startAt(loop.nowPs());
    }

    public void startAt(long atPs) {
        if (started) {
            throw new IllegalStateException("UDP flow " + info.flowId() + " already started");
        }
        if (atPs < loop.nowPs()) {
            throw new IllegalArgumentException("startAt(" + atPs + " ps) is before now (" + loop.nowPs() + " ps)");
        }
        started = true;
        long wire = Ethernet.wireBytes(sizeBytes);
        UdpPattern pat = config.pattern();
        long rate;
        if (pat instanceof UdpPattern.Cbr c) {
            rate = c.rateBps();
        } else if (pat instanceof UdpPattern.LineRate) {
            rate = host.nic().rateBps();
        } else if (pat instanceof UdpPattern.OnOff o) {
            rate = o.rateBps();
            loop.schedule(atPs + period(o.meanOnPs(), o.exponential()), this, TAG_TOGGLE);
        } else {
            rate = ((UdpPattern.Poisson) pat).meanRateBps();
        }
        gapPs = Time.serializationPs(wire, rate);
        jitterBoundPs = pat instanceof UdpPattern.Poisson ? 0 : Math.min(host.sendJitterPs(), gapPs - 1);
        if (!probes.isEmpty()) {
            probes.flowStart(info);
        }
        slotPs = atPs;
        sendHandle = loop.schedule(slotPs + jitter(), this, TAG_SEND);
    }

    private long jitter() {
        return jitterBoundPs <= 0 ? 0 : random.nextLong(jitterBoundPs);
    }

    /** Stops sending for good. */
    public void stop() {
        if (!stopped) {
            probes.flowStopped(info);
        }
        stopped = true;
        loop.cancel(sendHandle);
    }

    private long period(long mean, boolean exponential) {
        if (!exponential) {
            return mean;
        }
        return Math.max(1, Math.round(-StrictMath.log(1 - random.nextDouble()) * mean));
    }

    @Override
    public void onEvent(int tag) {
        if (stopped) {
            return;
        }
        if (tag == TAG_TOGGLE) {
            UdpPattern.OnOff o = (UdpPattern.OnOff) config.pattern();
            on = !on;
            if (!probes.isEmpty()) {
                probes.sourcePhase(info, on);
            }
            loop.schedule(loop.nowPs() + period(on ? o.meanOnPs() : o.meanOffPs(), o.exponential()), this,
                    TAG_TOGGLE);
            if (on) {
                slotPs = loop.nowPs() + owedOnPs;
                sendHandle = loop.schedule(Math.max(loop.nowPs(), slotPs + jitter()), this, TAG_SEND);
            } else {
                // A slot already passed whose jittered send is still pending is owed as it was (a negative owed time):
                // it goes at the next on edge, and the slots after it keep their phase in on-time. Restarting them at
                // the edge lost the rest of each such gap: 5-us periods with a 20-us send jitter at 900 Mb/s gave
                // 0.60 of the rate times the duty cycle.
                owedOnPs = slotPs - loop.nowPs();
                loop.cancel(sendHandle);
            }
            return;
        }
        send();
        if (config.pattern() instanceof UdpPattern.Poisson) {
            sendHandle = loop.schedule(loop.nowPs() + period(gapPs, true), this, TAG_SEND);
        } else {
            // The next slot follows this one, not this send: the jitter delays datagrams, never the rate.
            slotPs += gapPs;
            sendHandle = loop.schedule(slotPs + jitter(), this, TAG_SEND);
        }
    }

    private void send() {
        long now = loop.nowPs();
        Packet p = packets.acquire();
        p.kind = Packet.KIND_UDP;
        direction.stamp(p);
        p.seq = seq++;
        p.payloadBytes = config.payloadBytes();
        p.sizeBytes = sizeBytes;
        p.endpoint = sink;
        p.createdPs = now;
        if (!probes.isEmpty()) {
            probes.udpSent(info, p.payloadBytes);
        }
        host.sendFromVm(p);
    }

    /** The receiving socket: reports each datagram and frees it. */
    private final class Sink implements PacketSink {
        @Override
        public void receive(Packet p) {
            int bytes = p.payloadBytes;
            packets.release(p);
            if (!probes.isEmpty()) {
                probes.udpDelivered(info, bytes);
            }
        }

        @Override
        public String name() {
            return "udp/" + info.flowId() + "/sink";
        }
    }
}
