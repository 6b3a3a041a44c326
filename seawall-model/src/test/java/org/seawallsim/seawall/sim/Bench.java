package org.seawallsim.seawall.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.scheme.VmInfo;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.sim.traffic.TcpFlow;
import org.seawallsim.seawall.sim.traffic.UdpFlow;
import org.seawallsim.transport.FlowBytesRecorder;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.stack.Transports;

/**
 * Test harness: a network, VMs, flows grouped per VM, and goodput samples per VM. Keeps the E-tests short.
 * Schemes: {@code null} for plain TCP (no shim), or a {@link SeawallScheme}.
 */
final class Bench {
    final SimContext ctx;
    final Network net;
    final SeawallScheme seawall;
    final List<VmInfo> vms = new ArrayList<>();
    private final List<List<LongSupplier>> meters = new ArrayList<>();
    /** The guests' transport stacks: the project's TCP and UDP, as the product runs them. */
    final Transports transports;
    final FlowBytesRecorder recorder = new FlowBytesRecorder();

    Bench(long seed, java.util.function.Function<SimContext, Network> topology, SeawallScheme seawall) {
        this.ctx = new SimContext(seed);
        this.net = topology.apply(ctx);
        this.seawall = seawall;
        this.transports = new Transports(ctx);
        transports.probes().attach(recorder);
    }

    /** Declares a VM (id = index) on a host with a weight; returns its id. */
    int vm(int host, double weight) {
        int id = vms.size();
        vms.add(new VmInfo(id, "vm" + id, id, "t" + id, host, weight));
        meters.add(new ArrayList<>());
        return id;
    }

    void install() {
        if (seawall != null) {
            seawall.install(net, vms);
        }
    }

    private VmAddress address(int vm) {
        VmInfo v = vms.get(vm);
        return new VmAddress(net.host(v.hostId()), v.id(), v.tenantId());
    }

    TcpFlow tcp(int srcVm, int dstVm) {
        TcpFlow t = new TcpFlow(transports, recorder, address(srcVm), address(dstVm));
        meters.get(srcVm).add(t::deliveredBytes);
        return t;
    }

    UdpFlow udp(int srcVm, int dstVm, long rateBps) {
        UdpFlow u = new UdpFlow(transports, recorder, address(srcVm), address(dstVm), rateBps);
        meters.get(srcVm).add(u::deliveredBytes);
        return u;
    }

    long delivered(int vm) {
        long s = 0;
        for (LongSupplier m : meters.get(vm)) {
            s += m.getAsLong();
        }
        return s;
    }

    /** Runs to {@code endPs}; returns each VM's goodput over [now, endPs] in bit/s. */
    double[] goodputUntil(long endPs) {
        long start = ctx.nowPs();
        long[] before = new long[vms.size()];
        for (int v = 0; v < before.length; v++) {
            before[v] = delivered(v);
        }
        ctx.loop().runUntil(endPs);
        double[] r = new double[vms.size()];
        for (int v = 0; v < r.length; v++) {
            r[v] = (delivered(v) - before[v]) * 8.0 / Time.toSeconds(endPs - start);
        }
        return r;
    }

    /** Goodput of each VM in consecutive windows of {@code windowPs} until {@code endPs}: [window][vm], bit/s. */
    double[][] series(long windowPs, long endPs) {
        List<double[]> rows = new ArrayList<>();
        while (ctx.nowPs() + windowPs <= endPs) {
            rows.add(goodputUntil(ctx.nowPs() + windowPs));
        }
        return rows.toArray(new double[0][]);
    }
}
