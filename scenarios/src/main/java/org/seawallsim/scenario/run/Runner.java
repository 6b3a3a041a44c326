package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.oracle.MaxMinOracle;
import org.seawallsim.seawall.sim.Compromise;
import org.seawallsim.seawall.sim.SeawallScheme;
import org.seawallsim.transport.stack.Transports;

/**
 * Runs one scenario under its scheme and seed: builds the network with the scheme's queues, installs the scheme,
 * creates the traffic, applies the timeline, samples the recorder at every interval and computes the ideal
 * allocation for each interval with {@link MaxMinOracle}. Single-threaded; one instance per run.
 */
public final class Runner {
    /**
     * Goodput a link can carry: TCP payload of a full frame, 1460 of 1538 wire bytes. Ideal shares are in goodput
     * units so that they compare with measured goodput; UDP (1472 B) and TCP with timestamps (1448 B) differ by < 1 %.
     */
    static final double GOODPUT_PER_WIRE = 1460.0 / 1538.0;

    /** Called at every sample; the command line draws its progress bar from it. */
    public interface Progress {
        void update(double simulatedS, double durationS, long events, double wallS);
    }

    private final Scenario sc;
    private final SimContext ctx;
    private final EventLoop loop;
    private IsolationScheme scheme;
    private Network net;
    private Recorder rec;
    private TransportTraffic traffic;
    private long[] goodBytes;
    private List<EgressPort> ports;
    private final List<Host> vmHost = new ArrayList<>();
    private final List<List<List<TrafficSource>>> sources = new ArrayList<>();
    private final List<VmInfo> vmInfos = new ArrayList<>();
    private final Map<String, double[]> idealCache = new HashMap<>();
    private final List<int[]> vmLinks = new ArrayList<>();

    private Runner(Scenario sc, boolean recyclePackets) {
        this.sc = sc;
        this.ctx = new SimContext(sc.seed());
        this.loop = ctx.loop();
        ctx.packets().setRecycling(recyclePackets);
    }

    /** Runs a scenario, recycling packets (nothing in a run keeps a packet past its release). */
    public static RunResult run(Scenario sc, Progress progress) {
        return run(sc, progress, true);
    }

    /** As {@link #run(Scenario, Progress)}; {@code recyclePackets} false allocates every packet afresh. */
    public static RunResult run(Scenario sc, Progress progress, boolean recyclePackets) {
        return new Runner(sc, recyclePackets).execute(progress);
    }

    private RunResult execute(Progress progress) {
        long wallStart = System.nanoTime();
        scheme = Schemes.create(sc.scheme(), sc.schemeParams().get(sc.scheme()));
        net = NetworkBuilder.build(ctx, sc.topology(), scheme);
        ports = net.ports();
        for (Scenario.Vm vm : sc.vms()) {
            Host h = net.host(vm.host());
            vmHost.add(h);
            vmInfos.add(new VmInfo(vm.id(), vm.name(), vm.tenantId(), vm.tenant(), h.id(), vm.weight()));
        }
        List<VmInfo> initial = new ArrayList<>();
        for (Scenario.Vm vm : sc.vms()) {
            if (vm.active()) {
                initial.add(vmInfos.get(vm.id()));
            }
        }
        scheme.install(net, initial);
        rec = new Recorder(ports);
        ctx.probes().attach(rec);
        traffic = new TransportTraffic(new Transports(ctx), sc.vms().size());
        goodBytes = traffic.vmBytes();
        createTraffic();
        Timeline timeline = new Timeline(sc);
        for (Scenario.Vm vm : sc.vms()) {
            vmLinks.add(links(vm));
        }
        // Sources follow the timeline's state; every change point re-evaluates every VM (there are few).
        for (double t : timeline.changeTimes()) {
            long at = Time.ofSeconds(t);
            loop.schedule(at, new Once(() -> apply(timeline, at)), 0);
        }
        Sampler sampler = new Sampler(timeline, progress, wallStart);
        loop.schedule(Time.ofSeconds(sc.warmupS()), sampler, Sampler.TAG_WARMUP);
        long intervalPs = Time.ofSeconds(sc.sampleIntervalS());
        loop.schedule(intervalPs, sampler, Sampler.TAG_SAMPLE);
        long endPs = Time.ofSeconds(sc.durationS());
        loop.runUntil(endPs);
        if (sampler.lastSamplePs < endPs) {
            sampler.sample(endPs);
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return sampler.result(wall);
    }

    private void apply(Timeline timeline, long atPs) {
        double t = Time.toSeconds(atPs);
        Timeline.State s = timeline.stateAt(t);
        for (Scenario.Vm vm : sc.vms()) {
            int id = vm.id();
            boolean wasIn = timeline.joinedBefore(id, t);
            if (s.joined()[id] != wasIn) {
                if (s.joined()[id]) {
                    scheme.vmJoined(new VmInfo(id, vm.name(), vm.tenantId(), vm.tenant(), vmHost.get(id).id(),
                            s.weight()[id]));
                } else {
                    scheme.vmLeft(id);
                }
            }
            if (s.weight()[id] != timeline.weightBefore(id, t)) {
                scheme.setWeight(id, s.weight()[id]);
            }
            for (int i = 0; i < vm.traffic().size(); i++) {
                boolean on = s.running(vm, i, t);
                for (TrafficSource src : sources.get(id).get(i)) {
                    if (on) {
                        src.start();
                    } else {
                        src.stop();
                    }
                }
            }
        }
        for (Scenario.Event e : timeline.compromisedAt(t)) {
            compromise(e);
        }
    }

    /**
     * The host's hypervisor stops obeying Seawall. Other schemes do not rely on the hypervisor's cooperation, so the
     * event changes nothing under them.
     */
    private void compromise(Scenario.Event e) {
        if (scheme instanceof SeawallScheme sw) {
            sw.setCompromise(net.host(e.host()).id(), "disabledPort".equals(e.mode()) ? Compromise.DISABLED_PORT
                    : Compromise.IGNORES_FEEDBACK);
        }
    }

    private void createTraffic() {
        for (Scenario.Vm vm : sc.vms()) {
            List<List<TrafficSource>> perItem = new ArrayList<>();
            for (int i = 0; i < vm.traffic().size(); i++) {
                perItem.add(traffic.create(sc, vm, i, vmHost));
            }
            sources.add(perItem);
        }
    }

    /** Egress ports (indices into {@link #ports}) on the paths from this VM to all its destinations. */
    private int[] links(Scenario.Vm vm) {
        Set<Integer> out = new LinkedHashSet<>();
        Map<EgressPort, Integer> idx = new java.util.IdentityHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            idx.put(ports.get(i), i);
        }
        for (Scenario.Traffic tr : vm.traffic()) {
            for (String d : tr.to()) {
                for (EgressPort p : NetworkBuilder.path(vmHost.get(vm.id()), vmHost.get(sc.vm(d).id()))) {
                    out.add(idx.get(p));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Goodput demand of a VM's running traffic (bit/s; infinite for backlogged TCP). */
    private double demand(Scenario.Vm vm, Timeline.State s, double t) {
        double nic = sc.topology().rateGbps() * 1e9;
        double d = 0;
        for (int i = 0; i < vm.traffic().size(); i++) {
            if (!s.running(vm, i, t)) {
                continue;
            }
            Scenario.Traffic tr = vm.traffic().get(i);
            int n = tr.to().size();
            switch (tr.type()) {
                case "udp", "onoff" -> {
                    double wire = tr.rateMbps() > 0 ? tr.rateMbps() * 1e6 : nic;
                    double g = Math.min(wire, nic) * (tr.packetBytes() - 28.0) / (tr.packetBytes() + 38.0) * n;
                    if (tr.type().equals("onoff")) {
                        g *= tr.onS() / (tr.onS() + tr.offS());
                    }
                    d += g;
                }
                case "flows" -> d += tr.arrivalsPerS() * tr.size().meanBytes() * 8 * n;
                default -> d = Double.POSITIVE_INFINITY;
            }
        }
        return d;
    }

    /** Ideal goodput per VM for the state at time t (cached by state). */
    double[] ideal(Timeline timeline, double t) {
        Timeline.State s = timeline.stateAt(t);
        double[] demand = new double[sc.vms().size()];
        StringBuilder key = new StringBuilder();
        for (Scenario.Vm vm : sc.vms()) {
            demand[vm.id()] = s.joined()[vm.id()] ? demand(vm, s, t) : 0;
            key.append(demand[vm.id()]).append(':').append(s.weight()[vm.id()]).append(',');
        }
        return idealCache.computeIfAbsent(key.toString(), k -> {
            double[] cap = new double[ports.size()];
            for (int i = 0; i < cap.length; i++) {
                cap[i] = ports.get(i).rateBps() * GOODPUT_PER_WIRE;
            }
            List<MaxMinOracle.Entity> es = new ArrayList<>();
            for (Scenario.Vm vm : sc.vms()) {
                es.add(new MaxMinOracle.Entity(s.weight()[vm.id()], demand[vm.id()], vmLinks.get(vm.id())));
            }
            return MaxMinOracle.allocate(cap, es);
        });
    }

    /** Adapts a coarse action to an event target (allocation is fine: timeline events are few). */
    private static final class Once implements EventTarget {
        private final Runnable r;

        Once(Runnable r) {
            this.r = r;
        }

        @Override
        public void onEvent(int tag) {
            r.run();
        }
    }

    /** Samples the recorder at every interval and accumulates the measured-interval totals. */
    private final class Sampler implements EventTarget {
        static final int TAG_SAMPLE = 0;
        static final int TAG_WARMUP = 1;
        private final Timeline timeline;
        private final Progress progress;
        private final long wallStart;
        private final long intervalPs;
        long lastSamplePs;
        private final long[] lastVm;
        private final long[] lastBusy;
        private long[] warmVm;
        private long[] warmBusy;
        private long[] warmDrops;
        private long warmOtherDrops;
        private final double[] idealSum;
        private double idealWeight;
        private final SeriesData series = new SeriesData();

        Sampler(Timeline timeline, Progress progress, long wallStart) {
            this.timeline = timeline;
            this.progress = progress;
            this.wallStart = wallStart;
            this.intervalPs = Time.ofSeconds(sc.sampleIntervalS());
            lastVm = new long[sc.vms().size()];
            lastBusy = new long[ports.size()];
            idealSum = new double[sc.vms().size()];
        }

        @Override
        public void onEvent(int tag) {
            if (tag == TAG_WARMUP) {
                warmVm = goodBytes.clone();
                warmBusy = busySoFar();
                warmDrops = rec.drops.clone();
                warmOtherDrops = rec.otherDrops;
                return;
            }
            long now = loop.nowPs();
            sample(now);
            if (now + intervalPs <= Time.ofSeconds(sc.durationS())) {
                loop.schedule(now + intervalPs, this, TAG_SAMPLE);
            }
            if (progress != null) {
                progress.update(Time.toSeconds(now), sc.durationS(), loop.dispatched(),
                        (System.nanoTime() - wallStart) / 1e9);
            }
        }

        void sample(long now) {
            double dt = Time.toSeconds(now - lastSamplePs);
            double tStart = Time.toSeconds(lastSamplePs);
            double tMid = (tStart + Time.toSeconds(now)) / 2;
            double[] ideal = ideal(timeline, tMid);
            double time = Time.toSeconds(now);
            double[] vmGood = new double[sc.vms().size()];
            for (int v = 0; v < vmGood.length; v++) {
                vmGood[v] = (goodBytes[v] - lastVm[v]) * 8 / dt;
                lastVm[v] = goodBytes[v];
            }
            double[] util = new double[ports.size()];
            long[] q = new long[ports.size()];
            long[] busy = busySoFar();
            for (int i = 0; i < util.length; i++) {
                util[i] = (busy[i] - lastBusy[i]) / (double) (now - lastSamplePs);
                lastBusy[i] = busy[i];
                q[i] = ports.get(i).queue().bytes();
            }
            series.add(time, vmGood, ideal.clone(), util, q);
            // Weight each interval's ideal by the part of it after the warm-up.
            double warm = sc.warmupS();
            double overlap = Math.max(0, time - Math.max(tStart, warm));
            if (overlap > 0) {
                for (int v = 0; v < idealSum.length; v++) {
                    idealSum[v] += ideal[v] * overlap;
                }
                idealWeight += overlap;
            }
            lastSamplePs = now;
        }

        /** Serialization time of every port up to now, exact (a frame straddling the instant counts in part). */
        long[] busySoFar() {
            long[] busy = new long[ports.size()];
            for (int i = 0; i < busy.length; i++) {
                busy[i] = ports.get(i).busyPsSoFar();
            }
            return busy;
        }

        RunResult result(double wallS) {
            double measured = sc.durationS() - sc.warmupS();
            if (warmVm == null) {
                warmVm = new long[sc.vms().size()];
                warmBusy = new long[ports.size()];
                warmDrops = new long[ports.size()];
            }
            double[] good = new double[sc.vms().size()];
            double[] ideal = new double[sc.vms().size()];
            for (int v = 0; v < good.length; v++) {
                good[v] = (goodBytes[v] - warmVm[v]) * 8 / measured;
                ideal[v] = idealWeight > 0 ? idealSum[v] / idealWeight : 0;
            }
            double[] util = new double[ports.size()];
            long[] drops = new long[ports.size()];
            long[] busy = busySoFar();
            for (int i = 0; i < ports.size(); i++) {
                util[i] = (busy[i] - warmBusy[i]) / (double) Time.ofSeconds(measured);
                drops[i] = rec.drops[i] - warmDrops[i];
            }
            // Bottlenecks: links the oracle fills in the measured interval's final state.
            double[] finalIdeal = ideal(timeline, sc.durationS() - sc.sampleIntervalS() / 2);
            Set<Integer> bottlenecks = new LinkedHashSet<>();
            double[] load = new double[ports.size()];
            for (Scenario.Vm vm : sc.vms()) {
                for (int l : vmLinks.get(vm.id())) {
                    load[l] += finalIdeal[vm.id()];
                }
            }
            for (int i = 0; i < ports.size(); i++) {
                if (load[i] >= ports.get(i).rateBps() * GOODPUT_PER_WIRE * (1 - 1e-6)) {
                    bottlenecks.add(i);
                }
            }
            List<String> names = new ArrayList<>();
            for (EgressPort p : ports) {
                names.add(p.name());
            }
            return new RunResult(sc, names, good, ideal, util, drops, rec.otherDrops - warmOtherDrops,
                    bottlenecks, series, List.copyOf(traffic.fcts), loop.dispatched(), loop.fingerprint(), wallS);
        }
    }
}
