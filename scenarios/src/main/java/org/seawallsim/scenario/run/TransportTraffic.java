package org.seawallsim.scenario.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.seawallsim.engine.net.Host;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbe;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.app.FlowSizeDistribution;
import org.seawallsim.transport.app.IncastApp;
import org.seawallsim.transport.app.IncastConfig;
import org.seawallsim.transport.app.PoissonArrivalsConfig;
import org.seawallsim.transport.app.PoissonFlowArrivals;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.tcp.TcpConfig;
import org.seawallsim.transport.tcp.TcpFlow;
import org.seawallsim.transport.tcp.TcpFlowConfig;
import org.seawallsim.transport.tcp.TcpVariant;
import org.seawallsim.transport.udp.UdpFlow;
import org.seawallsim.transport.udp.UdpFlowConfig;
import org.seawallsim.transport.udp.UdpPattern;

/**
 * Creates a VM's traffic with the transport module (TCP flows, UDP sources, Poisson flow arrivals, incast) and
 * records goodput and flow completions from its probes: for TCP the payload bytes that reach the receiver for the
 * first time, in order or out of order (each byte once, however often it was sent), and delivered payload for UDP.
 * TCP was credited when the cumulative ACK covered it: a no-SACK recovery then credited a receive window (6 MiB)
 * of bytes that had crossed earlier in the one 0.5-ms sample its last retransmission filled (101 383 Mb/s), and 4
 * guests summed 1 058 Mb/s over the measured interval through a port that carries 937 (probe session 20). Flow
 * completion times still wait for in-order delivery.
 */
final class TransportTraffic implements TransportProbe {
    /** Flows start within this window after their start time, so that identical flows do not start in lockstep. */
    static final long START_SPREAD_PS = org.seawallsim.engine.time.Time.ofMillis(10);

    private final Transports transports;
    private final org.seawallsim.engine.SimContext ctx;
    private final long[] vmBytes;
    final List<FlowCompletion> fcts = new ArrayList<>();
    /** Labels of sized flows (Poisson flows, sized shuffles), and the start of each such flow not yet complete. */
    private final java.util.Set<String> sizedLabels = new java.util.HashSet<>();
    private final Map<Long, Long> unfinishedStartPs = new HashMap<>();
    /** When on/off and finite traffic offered load, for the oracle. */
    final SourceActivity activity = new SourceActivity();
    /** Incast applications with a finite number of rounds: label to rounds. */
    private final Map<String, Integer> finiteIncasts = new HashMap<>();
    private final Map<String, Boolean> incastGroups = new HashMap<>();

    TransportTraffic(Transports transports, int vms) {
        this.transports = transports;
        this.ctx = transports.context();
        this.vmBytes = new long[vms];
        transports.probes().attach(this);
    }

    long[] vmBytes() {
        return vmBytes;
    }

    @Override
    public void onReceived(FlowInfo flow, long newBytes) {
        if (flow.srcVm() >= 0 && flow.srcVm() < vmBytes.length) {
            vmBytes[flow.srcVm()] += newBytes;
        }
    }

    @Override
    public void onUdpDelivered(FlowInfo flow, int payloadBytes) {
        if (flow.srcVm() >= 0 && flow.srcVm() < vmBytes.length) {
            vmBytes[flow.srcVm()] += payloadBytes;
        }
    }

    @Override
    public void onFlowComplete(FlowInfo flow, long sizeBytes, long startPs, long completionPs) {
        fcts.add(new FlowCompletion(flow.flowId(), flow.srcVm(), sizeBytes, startPs, completionPs - startPs));
        unfinishedStartPs.remove((long) flow.flowId());
        activity.deactivate(flow.flowId(), completionPs);
    }

    @Override
    public void onFlowStart(FlowInfo flow) {
        if (sizedLabels.contains(flow.label())) {
            unfinishedStartPs.put((long) flow.flowId(), ctx.nowPs());
        }
        activity.activate(flow.flowId(), flow.label(), flow.srcVm(), ctx.nowPs());
    }

    /**
     * Sized flows that started at or after {@code fromPs} and have not completed: the FCT percentiles leave them
     * out (they have no completion time), so a run says how many there are.
     */
    long unfinishedSince(long fromPs) {
        return unfinishedStartPs.values().stream().filter(t -> t >= fromPs).count();
    }

    @Override
    public void onSourcePhase(FlowInfo flow, boolean on) {
        if (on) {
            activity.activate(flow.flowId(), flow.label(), flow.srcVm(), ctx.nowPs());
        } else {
            activity.deactivate(flow.flowId(), ctx.nowPs());
        }
    }

    @Override
    public void onIncastRound(String label, int round, int servers, long bytes, long startPs, long endPs) {
        Integer rounds = finiteIncasts.get(label);
        if (rounds != null && round >= rounds) {
            // The last round is in: the servers have nothing more to send.
            activity.stopped(label, endPs);
        }
    }

    /** A source that is re-created on every start, because transport flows start once and stop for good. */
    private static final class Restartable implements TrafficSource {
        interface Handle {
            void stop();
        }

        private final Supplier<Handle> factory;
        private Handle current;

        Restartable(Supplier<Handle> factory) {
            this.factory = factory;
        }

        @Override
        public void start() {
            if (current == null) {
                current = factory.get();
            }
        }

        @Override
        public void stop() {
            if (current != null) {
                current.stop();
                current = null;
            }
        }
    }

    static TcpConfig tcp(Scenario.Traffic tr) {
        TcpVariant v = switch (tr.variant()) {
            case "cubic" -> TcpVariant.CUBIC;
            case "dctcp" -> TcpVariant.DCTCP;
            default -> TcpVariant.NEWRENO;
        };
        // Timestamps and a little host send jitter, as in the transport's own fairness tests: without them identical
        // flows phase-lock at drop-tail queues and one of them can sit out seconds in RTO backoff.
        return TcpConfig.linuxLike().withVariant(v).withSack(tr.sack()).withEcn(tr.ecn());
    }

    /** The label of the flows of a VM's traffic item. */
    static String label(Scenario.Vm vm, int item) {
        return vm.name() + "/" + item;
    }

    List<TrafficSource> create(Scenario sc, Scenario.Vm vm, int item, List<Host> vmHost) {
        Scenario.Traffic tr = vm.traffic().get(item);
        VmAddress src = new VmAddress(vmHost.get(vm.id()), vm.id(), vm.tenantId());
        List<VmAddress> dsts = new ArrayList<>();
        for (String d : tr.to()) {
            Scenario.Vm dv = sc.vm(d);
            dsts.add(new VmAddress(vmHost.get(dv.id()), dv.id(), dv.tenantId()));
        }
        String label = label(vm, item);
        if (tr.type().equals("flows") || tr.type().equals("shuffle") && tr.sizeBytes() > 0) {
            sizedLabels.add(label);
        }
        List<TrafficSource> out = new ArrayList<>();
        switch (tr.type()) {
            case "bulk", "shuffle" -> {
                int n = tr.type().equals("bulk") ? tr.flows() : 1;
                long size = tr.type().equals("shuffle") && tr.sizeBytes() > 0 ? tr.sizeBytes() : TcpFlowConfig.BULK;
                // Followed from each flow's own start, a random offset after the item's: counted from the item's
                // start, a VM was owed a share for up to 10 ms before its flow sent anything (670 Mb/s in 1-ms
                // samples while the access link carried only its 300-Mb/s UDP).
                activity.track(label, item, size != TcpFlowConfig.BULK ? size : 0);
                for (int di = 0; di < dsts.size(); di++) {
                    VmAddress d = dsts.get(di);
                    for (int k = 0; k < n; k++) {
                        TcpFlowConfig c = new TcpFlowConfig(src, d, tcp(tr), size, label);
                        // Named by the destination's name, not its id: ids follow the VMs' order in the file.
                        SplittableRandom spread = ctx.random().stream("traffic/" + label + "/" + tr.to().get(di)
                                + "/" + k + "/start");
                        // Streams named by the destination, not by its place in the list (see udp below).
                        String key = label + "/" + tr.to().get(di) + "/" + k;
                        out.add(new Restartable(() -> {
                            TcpFlow f = transports.tcpFlow(c, key);
                            f.startAt(ctx.nowPs() + spread.nextLong(START_SPREAD_PS));
                            return f::stop;
                        }));
                    }
                }
            }
            case "udp", "onoff" -> {
                int payload = tr.packetBytes() - 28;
                if (tr.type().equals("onoff")) {
                    activity.track(label, item);
                }
                for (int di = 0; di < dsts.size(); di++) {
                    VmAddress d = dsts.get(di);
                    // A source per destination, its stream named by that destination: by its place in `to`, adding
                    // or reordering destinations changed which receiver got which source's draws.
                    String key = label + "/" + tr.to().get(di);
                    UdpPattern p;
                    long rate = Math.round(tr.rateMbps() * 1e6);
                    if (tr.type().equals("onoff")) {
                        long r = rate > 0 ? rate : src.host().nic().rateBps();
                        p = new UdpPattern.OnOff(r, org.seawallsim.engine.time.Time.ofSeconds(tr.onS()),
                                org.seawallsim.engine.time.Time.ofSeconds(tr.offS()), tr.exponential());
                    } else {
                        long r = rate > 0 ? rate : src.host().nic().rateBps();
                        p = tr.poisson() ? new UdpPattern.Poisson(r) : rate > 0 ? new UdpPattern.Cbr(rate)
                                : new UdpPattern.LineRate();
                    }
                    UdpFlowConfig c = new UdpFlowConfig(src, d, p, payload, label);
                    out.add(new Restartable(() -> {
                        UdpFlow f = transports.udpFlow(c, key);
                        f.start();
                        return f::stop;
                    }));
                }
            }
            case "flows" -> {
                FlowSizeDistribution sizes = sizes(tr.size());
                PoissonArrivalsConfig c = new PoissonArrivalsConfig(List.of(src), dsts, tcp(tr), tr.arrivalsPerS(),
                        sizes, label);
                // The ideal owes each arrival its drawn bytes from its instant (Runner.itemDemand).
                activity.trackArrivals(label, vm.id(), item);
                // One stream for every start of this source: a restart after a stop or leave continues the draws.
                java.util.SplittableRandom draws = PoissonFlowArrivals.draws(transports, c);
                out.add(new Restartable(() -> {
                    PoissonFlowArrivals a = new PoissonFlowArrivals(transports, c, draws);
                    a.setArrivalListener((dst, sizeBytes, atPs) -> activity.arrived(label, dst.vmId(), sizeBytes,
                            atPs));
                    a.start();
                    return a::stop;
                }));
            }
            case "incast" -> {
                // One application per sender group: the first VM of the group creates it with every VM as a server.
                if (incastGroups.putIfAbsent(vm.group() + "/" + item, Boolean.TRUE) == null) {
                    List<VmAddress> servers = new ArrayList<>();
                    for (Scenario.Vm other : sc.vms()) {
                        if (other.group().equals(vm.group())) {
                            servers.add(new VmAddress(vmHost.get(other.id()), other.id(), other.tenantId()));
                        }
                    }
                    IncastConfig c = new IncastConfig(dsts.get(0), servers, tcp(tr), tr.sizeBytes(), 64, tr.rounds(),
                            label);
                    if (tr.rounds() > 0) {
                        // Each server sends on its response flow until the last round ends (IncastApp's labels):
                        // a block per round.
                        for (int i = 0; i < servers.size(); i++) {
                            activity.track(label + "/resp/" + i, item, tr.sizeBytes() * tr.rounds());
                        }
                        finiteIncasts.put(label, tr.rounds());
                    }
                    out.add(new Restartable(() -> {
                        IncastApp a = new IncastApp(transports, c);
                        a.start();
                        return a::stop;
                    }));
                }
            }
            default -> throw new UnsupportedFeatureException("traffic type '" + tr.type() + "' is not wired in yet");
        }
        return out;
    }

    /** Flow sizes: parametric ones by inverse transform with Commons Math, or the scenario's empirical CDF. */
    static FlowSizeDistribution sizes(Scenario.SizeDist d) {
        long mean = Math.max(1, Math.round(d.meanBytes()));
        switch (d.distribution()) {
            case "fixed":
                return FlowSizeDistribution.fixed(mean);
            case "exponential":
                return FlowSizeDistribution.exponential(mean);
            case "pareto": {
                // Mean of Pareto(scale xm, shape a) is a xm / (a - 1).
                double scale = d.meanBytes() * (d.shape() - 1) / d.shape();
                ParetoDistribution p = new ParetoDistribution(null, scale, d.shape());
                return r -> Math.max(1, Math.round(p.inverseCumulativeProbability(r.nextDouble())));
            }
            case "lognormal": {
                // Mean of LogNormal(mu, sigma) is exp(mu + sigma^2 / 2).
                double mu = StrictMath.log(d.meanBytes()) - d.sigma() * d.sigma() / 2;
                LogNormalDistribution l = new LogNormalDistribution(null, mu, d.sigma());
                return r -> Math.max(1, Math.round(l.inverseCumulativeProbability(r.nextDouble())));
            }
            case "cdf": {
                double[][] cdf = d.cdf();
                return r -> cdfSample(cdf, r.nextDouble());
            }
            default:
                throw new IllegalArgumentException("unknown size distribution '" + d.distribution() + "'");
        }
    }

    /** Inverse of a piecewise-linear CDF given as (size, probability) points. */
    static long cdfSample(double[][] cdf, double u) {
        if (u <= cdf[0][1]) {
            return Math.max(1, Math.round(cdf[0][0]));
        }
        for (int i = 1; i < cdf.length; i++) {
            if (u <= cdf[i][1]) {
                double p0 = cdf[i - 1][1];
                double p1 = cdf[i][1];
                double f = p1 == p0 ? 1 : (u - p0) / (p1 - p0);
                return Math.max(1, Math.round(cdf[i - 1][0] + f * (cdf[i][0] - cdf[i - 1][0])));
            }
        }
        return Math.max(1, Math.round(cdf[cdf.length - 1][0]));
    }
}
