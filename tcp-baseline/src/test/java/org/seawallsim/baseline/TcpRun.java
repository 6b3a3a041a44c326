package org.seawallsim.baseline;

import java.util.ArrayList;
import java.util.List;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.NetElement;
import org.seawallsim.engine.probe.NetProbe;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;
import org.seawallsim.engine.time.Time;
import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.tcp.TcpConfig;
import org.seawallsim.transport.tcp.TcpFlow;
import org.seawallsim.transport.tcp.TcpFlowConfig;
import org.seawallsim.transport.udp.UdpFlow;
import org.seawallsim.transport.udp.UdpFlowConfig;

/**
 * One experiment with the transport helper's TCP and UDP on the {@link TestNet} star: sender host i runs VM i of
 * tenant {@code tenantOfHost[i]}; every flow goes to the receiver host (one receiving VM per tenant). Goodput is
 * acknowledged TCP bytes or delivered UDP payload, per tenant, over a window.
 */
public final class TcpRun {
    public final TestNet tn;
    public final Transports transports;
    public final FlowBytesRecorder recorder = new FlowBytesRecorder();
    private final int[] tenantOfHost;
    private final List<Integer> tenantOfFlow = new ArrayList<>();
    private final List<TcpFlow> tcpFlows = new ArrayList<>();
    private final List<UdpFlow> udpFlows = new ArrayList<>();
    private long[] snap;
    private long snapPs;
    private long busySnap;
    private final long[] wireByTenant = new long[64];
    private long[] wireSnap = new long[64];
    public TcpConfig tcp;

    public TcpRun(long seed, IsolationScheme scheme, int[] tenantOfHost, double[] weights, long hostRateBps,
            long coreRateBps, long linkDelayPs, long bufferBytes) {
        this.tenantOfHost = tenantOfHost.clone();
        List<VmInfo> vms = TestNet.vms(tenantOfHost, weights);
        tn = new TestNet(seed, tenantOfHost.length, hostRateBps, coreRateBps, linkDelayPs, bufferBytes, scheme, vms);
        transports = new Transports(tn.ctx);
        transports.probes().attach(recorder);
        // Wire bytes each tenant put through the bottleneck: what a rate limit or scheduler actually controls,
        // free of the acknowledgement jumps that make goodput windows noisy.
        tn.ctx.probes().attach(new NetProbe() {
            @Override
            public void onTransmit(NetElement port, Packet p) {
                if (port == tn.bottleneck && p.tenant >= 0) {
                    wireByTenant[p.tenant] += p.wireBytes();
                }
            }
        });
        // One bottleneck packet time of host send jitter breaks the phase locking of identical flows at a
        // drop-tail queue (the transport's recommendation), so many-flow results do not hinge on event order.
        tcp = TcpConfig.defaults().withSendJitter(Time.serializationPs(1538, coreRateBps));
    }

    private VmAddress src(int host) {
        return new VmAddress(tn.senders.get(host), host, tenantOfHost[host]);
    }

    private VmAddress dst(int host) {
        int t = tenantOfHost[host];
        return new VmAddress(tn.receiver, 1000 + t, t);
    }

    /** A bulk TCP flow from sender host {@code host}, started at {@code startPs}; returns its flow id. */
    public int tcp(int host, long startPs) {
        TcpFlow f = transports.tcpFlow(TcpFlowConfig.bulk(src(host), dst(host), tcp));
        f.startAt(startPs);
        tcpFlows.add(f);
        tenantOfFlow.add(tenantOfHost[host]);
        return f.info().flowId();
    }

    /** A UDP flood at the host's line rate; returns its flow id. */
    public int udpFlood(int host, long startPs) {
        UdpFlow f = transports.udpFlow(UdpFlowConfig.flood(src(host), dst(host)));
        f.startAt(startPs);
        udpFlows.add(f);
        tenantOfFlow.add(tenantOfHost[host]);
        return f.info().flowId();
    }

    public List<TcpFlow> tcpFlows() {
        return tcpFlows;
    }

    /** Runs to {@code atPs} and starts a measurement window there. */
    public void startWindow(long atPs) {
        tn.ctx.loop().runUntil(atPs);
        snap = recorder.snapshot(transports.flowCount());
        snapPs = atPs;
        busySnap = tn.bottleneck.busyPs();
        wireSnap = wireByTenant.clone();
    }

    /** Runs to {@code atPs} and returns goodput per tenant (bit/s) since the window started. */
    public double[] endWindow(long atPs) {
        tn.ctx.loop().runUntil(atPs);
        long[] now = recorder.snapshot(transports.flowCount());
        int maxT = 0;
        for (int t : tenantOfHost) {
            maxT = Math.max(maxT, t);
        }
        double[] out = new double[maxT + 1];
        double secs = Time.toSeconds(atPs - snapPs);
        for (int f = 0; f < now.length; f++) {
            out[tenantOfFlow.get(f)] += (now[f] - snap[f]) * 8.0 / secs;
        }
        return out;
    }

    /** Goodput of one flow (bit/s) over the last window; call right after {@link #endWindow}. */
    public double flowBps(int flowId, long endPs) {
        long[] now = recorder.snapshot(transports.flowCount());
        return (now[flowId] - snap[flowId]) * 8.0 / Time.toSeconds(endPs - snapPs);
    }

    /** A tenant's wire rate through the bottleneck (bit/s) over the last window; call right after endWindow. */
    public double wireBps(int tenant, long endPs) {
        return (wireByTenant[tenant] - wireSnap[tenant]) * 8.0 / Time.toSeconds(endPs - snapPs);
    }

    /** Fraction of the window the bottleneck spent transmitting; call right after {@link #endWindow}. */
    public double busyFraction(long endPs) {
        return (tn.bottleneck.busyPs() - busySnap) / (double) (endPs - snapPs);
    }
}
