package org.seawallsim.scenario.run;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Packet;
import org.seawallsim.engine.net.PacketSink;
import org.seawallsim.engine.time.Time;

/**
 * A constant-bit-rate UDP sender from one VM to another, optionally on/off: one datagram every
 * wire-size / rate picoseconds while on. The runner's own source, used until the transport module's UDP flows are
 * wired in; the receiving side only releases packets (the recorder counts them at delivery).
 */
final class CbrUdpSource implements TrafficSource, EventTarget, PacketSink {
    private static final int TAG_SEND = 0;
    private static final int TAG_TOGGLE = 1;

    private final SimContext ctx;
    private final EventLoop loop;
    private final Host src;
    private final Host dst;
    private final int srcVm;
    private final int dstVm;
    private final int tenant;
    private final int sizeBytes;
    private final long gapPs;
    private final int port;
    private final String name;
    private final long onPs;
    private final long offPs;
    private final boolean exponential;
    private final java.util.SplittableRandom random;
    private long sendHandle = EventLoop.NO_EVENT;
    private long toggleHandle = EventLoop.NO_EVENT;
    private boolean running;

    /** {@code onPs == 0} means always on. */
    CbrUdpSource(SimContext ctx, String name, Host src, Host dst, int srcVm, int dstVm, int tenant, int sizeBytes,
            long wireRateBps, int port, long onPs, long offPs, boolean exponential) {
        this.ctx = ctx;
        this.loop = ctx.loop();
        this.name = name;
        this.src = src;
        this.dst = dst;
        this.srcVm = srcVm;
        this.dstVm = dstVm;
        this.tenant = tenant;
        this.sizeBytes = sizeBytes;
        this.gapPs = Time.serializationPs(sizeBytes + 38L, wireRateBps);
        this.port = port;
        this.onPs = onPs;
        this.offPs = offPs;
        this.exponential = exponential;
        this.random = ctx.random().stream("traffic/" + name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        sendHandle = loop.scheduleIn(0, this, TAG_SEND);
        if (onPs > 0) {
            toggleHandle = loop.scheduleIn(period(onPs), this, TAG_TOGGLE);
        }
    }

    @Override
    public void stop() {
        running = false;
        loop.cancel(sendHandle);
        loop.cancel(toggleHandle);
        sendHandle = EventLoop.NO_EVENT;
        toggleHandle = EventLoop.NO_EVENT;
    }

    private long period(long meanPs) {
        if (!exponential) {
            return meanPs;
        }
        return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanPs));
    }

    @Override
    public void onEvent(int tag) {
        if (tag == TAG_TOGGLE) {
            if (sendHandle != EventLoop.NO_EVENT && loop.isPending(sendHandle)) {
                loop.cancel(sendHandle);
                sendHandle = EventLoop.NO_EVENT;
                toggleHandle = loop.scheduleIn(period(offPs), this, TAG_TOGGLE);
            } else {
                sendHandle = loop.scheduleIn(0, this, TAG_SEND);
                toggleHandle = loop.scheduleIn(period(onPs), this, TAG_TOGGLE);
            }
            return;
        }
        Packet p = ctx.packets().acquire();
        ctx.packets().setFiveTuple(p, src.id(), dst.id(), port, 7001, Packet.PROTO_UDP);
        p.kind = Packet.KIND_UDP;
        p.srcVm = srcVm;
        p.dstVm = dstVm;
        p.tenant = tenant;
        p.sizeBytes = sizeBytes;
        p.payloadBytes = sizeBytes - 28;
        p.endpoint = this;
        p.createdPs = loop.nowPs();
        src.sendFromVm(p);
        sendHandle = loop.scheduleIn(gapPs, this, TAG_SEND);
    }

    /** The receiving socket: nothing to do but return the packet to the pool. */
    @Override
    public void receive(Packet p) {
        ctx.packets().release(p);
    }
}
