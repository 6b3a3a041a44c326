package org.seawallsim.seawall.sim.traffic;

import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Packet;
import org.seawallsim.engine.net.PacketSink;
import java.util.SplittableRandom;
import org.seawallsim.engine.time.Time;

/**
 * Test-only UDP source of 1500-byte datagrams at a given mean rate, and its counting sink. Gaps are uniform in
 * [0.5, 1.5] of the mean: strictly periodic sources phase-lock with a drop-tail queue in a deterministic simulation
 * (one flow takes every slot the queue frees), which real hosts' scheduling jitter prevents.
 */
public final class UdpFlow implements EventTarget, PacketSink {
    public static final int DATAGRAM = 1500;
    public static final int PAYLOAD = 1472;

    private final SimContext ctx;
    private final Host src;
    private final Host dst;
    private final int srcVm;
    private final int dstVm;
    private final int flowId;
    private final int port;
    private final long gapPs;
    private final SplittableRandom random;
    private boolean running;
    private long deliveredBytes;

    public UdpFlow(SimContext ctx, Host src, Host dst, int srcVm, int dstVm, int flowId, int port, long rateBps) {
        this.ctx = ctx;
        this.src = src;
        this.dst = dst;
        this.srcVm = srcVm;
        this.dstVm = dstVm;
        this.flowId = flowId;
        this.port = port;
        this.gapPs = Time.serializationPs(1538, rateBps);
        this.random = ctx.random().stream("test/udp/" + flowId);
    }

    public void start() {
        running = true;
        ctx.loop().scheduleIn(0, this, 0);
    }

    public void stop() {
        running = false;
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }

    @Override
    public void onEvent(int tag) {
        if (!running) {
            return;
        }
        Packet p = ctx.packets().acquire();
        p.kind = Packet.KIND_UDP;
        ctx.packets().setFiveTuple(p, src.id(), dst.id(), port, 9, Packet.PROTO_UDP);
        p.srcVm = srcVm;
        p.dstVm = dstVm;
        p.flowId = flowId;
        p.payloadBytes = PAYLOAD;
        p.sizeBytes = DATAGRAM;
        p.createdPs = ctx.nowPs();
        p.endpoint = this;
        src.sendFromVm(p);
        ctx.loop().scheduleIn(gapPs / 2 + (long) (random.nextDouble() * gapPs), this, 0);
    }

    @Override
    public void receive(Packet p) {
        deliveredBytes += p.payloadBytes;
        ctx.packets().release(p);
    }

    @Override
    public String name() {
        return "udp" + flowId;
    }
}
