package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.event.EventTarget;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.Node;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.scheme.VmInfo;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.oracle.MaxMinOracle;
import org.seawallsim.scenario.trace.TraceSpec;
import org.seawallsim.scenario.trace.Tracer;
import org.seawallsim.seawall.controller.ControllerConfig;
import org.seawallsim.seawall.controller.IncreaseMode;
import org.seawallsim.seawall.controller.WeightSplit;
import org.seawallsim.seawall.sim.Compromise;
import org.seawallsim.seawall.sim.SeawallParams;
import org.seawallsim.seawall.sim.SeawallScheme;
import org.seawallsim.transport.stack.Transports;

/**
 * Runs one scenario under its scheme and seed: builds the network with the scheme's queues, installs the scheme,
 * creates the traffic, applies the timeline, samples the recorder at every interval and computes the ideal
 * allocation for each interval with {@link MaxMinOracle}. Single-threaded; one instance per run.
 */
public final class Runner {
    /**
     * The oracle fills links in wire bit/s and converts each path's rate to goodput with the payload per frame of
     * its traffic items (see {@link #goodputPerWire}), so that ideal shares compare with measured goodput.
     */

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
    private final Map<String, Allocation> allocationCache = new HashMap<>();
    private HostPaths hostPaths;
    private final List<int[]> vmLinks = new ArrayList<>();
    private TraceSpec traceSpec;
    private java.nio.file.Path traceDir;
    private Tracer tracer;
    private List<Tracer.TraceFile> traces = List.of();
    /** The run's timeline, for {@link #finalLinkIdeals}. */
    private Timeline timeline;
    private PathBook pathBook;
    private double[] goodputPerWire;

    private Runner(Scenario sc, boolean recyclePackets) {
        this.sc = sc;
        this.ctx = new SimContext(sc.seed());
        this.loop = ctx.loop();
        if (sc.tieSeed() != 0) {
            ctx.permuteTies(sc.tieSeed());
        }
        ctx.packets().setRecycling(recyclePackets);
    }

    /**
     * Thrown by a run whose thread was interrupted: it stops at its next sample instead of simulating to the end.
     * Nothing of it is written.
     */
    public static final class Cancelled extends RuntimeException {
        Cancelled(String scenario, double atS) {
            super(scenario + ": run cancelled at " + atS + " s simulated");
        }
    }

    /** Runs a scenario, recycling packets (nothing in a run keeps a packet past its release). */
    public static RunResult run(Scenario sc, Progress progress) {
        return run(sc, progress, true);
    }

    /** As {@link #run(Scenario, Progress)}; {@code recyclePackets} false allocates every packet afresh. */
    public static RunResult run(Scenario sc, Progress progress, boolean recyclePackets) {
        return new Runner(sc, recyclePackets).execute(progress);
    }

    /**
     * As {@link #run(Scenario, Progress)}, also recording the packet traces {@code trace} selects into
     * {@code traceDir} (the run's result folder); a null {@code trace} records none.
     *
     * @throws org.seawallsim.scenario.trace.TraceSelectionException if the trace names links the topology lacks
     */
    public static RunResult run(Scenario sc, Progress progress, TraceSpec trace, java.nio.file.Path traceDir) {
        Runner r = new Runner(sc, true);
        r.traceSpec = trace;
        r.traceDir = traceDir;
        return r.execute(progress);
    }

    /** One oracle link (port or host path) in an ideal: what the allocation puts on it and its capacity. */
    record LinkIdeal(String link, double wireBps, double capacityBps) {
    }

    /** One traced path of a VM in an ideal: the VM, the host the path ends at and the path's ideal goodput. */
    record PathIdeal(String vm, String toHost, double goodputBps) {
    }

    /** The ideal of a run's final state, link by link and path by path. */
    record FinalIdeal(List<LinkIdeal> links, List<PathIdeal> paths) {
    }

    /**
     * Runs {@code sc} and returns the ideal allocation of its final state (half a sample interval before the end, as
     * the bottleneck fallback takes it): per oracle link its load, acknowledgements included, and per traced path its
     * goodput, so that tests can check that no link is given more than it carries and no path more than it asks.
     */
    static FinalIdeal finalIdeal(Scenario sc) {
        Runner r = new Runner(sc, true);
        r.execute((t, d, e, w) -> { });
        Allocation a = r.allocation(r.timeline, sc.durationS() - sc.sampleIntervalS() / 2);
        double[] load = a.linkWireBps();
        double[] cap = r.hostPaths.capacities(r.ports);
        List<LinkIdeal> links = new ArrayList<>();
        for (int i = 0; i < load.length; i++) {
            links.add(new LinkIdeal(r.hostPaths.linkName(i, r.ports), load[i], cap[i]));
        }
        List<PathIdeal> paths = new ArrayList<>();
        for (PathShare p : a.paths()) {
            Node end = p.path().length == 0 ? null : r.ports.get(p.path()[p.path().length - 1]).peer();
            paths.add(new PathIdeal(sc.vms().get(p.vm()).name(), end == null ? "" : end.name(), p.goodputBps()));
        }
        return new FinalIdeal(List.copyOf(links), List.copyOf(paths));
    }

    /**
     * Checks what only the built network can: that the links {@code trace} names exist. Builds the topology, runs
     * nothing and writes nothing ({@code validate} calls it, so that a file that validates starts running).
     *
     * @throws org.seawallsim.scenario.trace.TraceSelectionException naming the unknown links and the valid names
     */
    public static void checkTrace(Scenario sc, TraceSpec trace) {
        if (trace == null || trace.links().isEmpty()) {
            return;
        }
        Runner r = new Runner(sc, true);
        Tracer.check(NetworkBuilder.topology(r.ctx, sc.topology(), Schemes.create(sc)), trace);
    }

    private RunResult execute(Progress progress) {
        long wallStart = System.nanoTime();
        scheme = Schemes.create(sc);
        org.seawallsim.topology.Topology topo = NetworkBuilder.topology(ctx, sc.topology(), scheme);
        net = topo.network();
        ports = net.ports();
        if (traceSpec != null && !traceSpec.links().isEmpty()) {
            List<String> vmNames = new ArrayList<>();
            for (Scenario.Vm vm : sc.vms()) {
                vmNames.add(vm.name());
            }
            tracer = Tracer.install(topo, traceSpec, traceDir, vmNames);
        }
        hostPaths = new HostPaths(net, sc.topology().hostTiming());
        for (Scenario.Vm vm : sc.vms()) {
            Host h = net.host(vm.host());
            vmHost.add(h);
            // A VM not yet joined receives nothing (Host.setVmPresent); apply() follows its joins and leaves.
            if (!vm.active()) {
                h.setVmPresent(vm.id(), false);
            }
            vmInfos.add(new VmInfo(vm.id(), vm.name(), vm.tenantId(), vm.tenant(), h.id(), vm.weight(),
                    !vm.traffic().isEmpty()));
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
        pathBook = new PathBook(net, ports, sc.vms().size(), loop::nowPs, this::itemOf);
        // Per-port schemes (drr) weigh a tenant on a port by its VMs whose flows cross it: the paths the oracle
        // scores against, told as they change. Before its first flow a VM sends nowhere.
        for (Scenario.Vm vm : sc.vms()) {
            scheme.vmPorts(vm.id(), Map.of());
        }
        pathBook.onPathsChanged(v -> scheme.vmPorts(v, flowShareByPort(v)));
        Transports transports = new Transports(ctx);
        transports.probes().attach(pathBook);
        traffic = new TransportTraffic(transports, sc.vms().size());
        goodBytes = traffic.vmBytes();
        createTraffic();
        Timeline timeline = new Timeline(sc);
        this.timeline = timeline;
        goodputPerWire = new double[sc.vms().size()];
        for (Scenario.Vm vm : sc.vms()) {
            vmLinks.add(links(vm));
            goodputPerWire[vm.id()] = goodputPerWire(vm);
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
        try {
            loop.runUntil(endPs);
        } catch (RuntimeException | Error e) {
            if (tracer != null) {
                tracer.abandon();
            }
            throw e;
        }
        if (sampler.lastSamplePs < endPs) {
            sampler.sample(endPs);
        }
        arrivalsWalked = true;
        if (tracer != null) {
            traces = tracer.finish(endPs);
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return sampler.result(wall);
    }

    /**
     * No link is full in the ideal: the VMs' demands or the hosts' packet paths bound them (a 10 GbE host's send path
     * passes about 2.3 Gb/s), so the utilization metric is the busiest link's, which may be far from 1 while every VM
     * gets its ideal. Said, since report.html calls it the bottleneck capacity used.
     */
    private static String busiestLinkNote(double[] util, List<String> names) {
        int busiest = 0;
        for (int i = 1; i < util.length; i++) {
            busiest = util[i] > util[busiest] ? i : busiest;
        }
        return util.length == 0 ? null : String.format(java.util.Locale.ROOT, "no link is full in the ideal "
                + "allocation (the VMs' demands or the hosts' packet paths bound them), so utilization is that of "
                + "the busiest link, %s (%.3f), not of a bottleneck", names.get(busiest), util[busiest]);
    }

    /**
     * Below this fraction of its ideal over the measured interval a VM counts as locked out. The unequal divisions
     * the README documents for a scheme that serves a VM at all are far above it (guest TCP victims of loss-driven
     * Seawall at 0.895-0.966 of their shares), so what is below it is a VM that got (almost) no slot:
     * saturated drop-tail senders locked in one phase (a fat-tree's UDP VMs at 0.00 for the whole run) or TCP
     * flows waiting out their SYN and retransmission time-outs (1 s, then 2 s). A scheme comparison then measures
     * the lock-out, which the reader should be told.
     */
    static final double LOCKED_OUT_BELOW = 0.01;

    /**
     * A VM owed less than this over the measured interval (100 full-size frames) is not named: a sparse source (a
     * 5 kb/s stream, one Poisson arrival every few seconds) can have nothing to send in it by chance.
     */
    static final double LOCKED_OUT_MIN_OWED_BITS = 100 * 1500 * 8;

    /** How many locked-out VMs a note names; the rest are counted. */
    private static final int LOCKED_OUT_NAMED = 8;

    /**
     * A note naming the VMs owed a share ({@code ideal} above zero: not stopped, left or receiving only; at least
     * {@link #LOCKED_OUT_MIN_OWED_BITS}; with a flow running in the interval) that got less than
     * {@link #LOCKED_OUT_BELOW} of it, leaving out VMs a Seawall filter cut off (their loss is the filter's
     * doing, and summary.json's accusations say so); null when there are none.
     */
    private String lockedOutNote(double[] good, double[] ideal, List<RunResult.Accusation> accused,
                                 boolean intervalTooShort) {
        Set<String> filtered = new java.util.HashSet<>();
        for (RunResult.Accusation a : accused) {
            if (a.srcVm() != null && !Double.isNaN(a.installedS())) {
                filtered.add(a.srcVm());
            }
        }
        double measuredS = sc.durationS() - sc.warmupS();
        List<String> named = new ArrayList<>();
        int count = 0;
        boolean tcp = false;
        boolean udp = false;
        for (Scenario.Vm vm : sc.vms()) {
            int v = vm.id();
            if (!(ideal[v] > 0) || good[v] >= ideal[v] * LOCKED_OUT_BELOW || filtered.contains(vm.name())
                    || ideal[v] * measuredS < LOCKED_OUT_MIN_OWED_BITS
                    || !pathBook.hadFlowRunningSince(v, Time.ofSeconds(sc.warmupS()))) {
                continue;
            }
            count++;
            for (Scenario.Traffic tr : vm.traffic()) {
                udp |= tr.datagrams();
                tcp |= !tr.datagrams();
            }
            if (named.size() < LOCKED_OUT_NAMED) {
                named.add(String.format(java.util.Locale.ROOT, "%s (%.2f of %.2f Mb/s)", vm.name(), good[v] / 1e6,
                        ideal[v] / 1e6));
            }
        }
        if (count == 0) {
            return null;
        }
        String who = String.join(", ", named) + (count > named.size() ? " and " + (count - named.size()) + " more"
                : "");
        // The usual causes, for the kinds of traffic these VMs send (which one it was, the run cannot tell); but
        // with Seawall's interval shorter than a bottleneck's feedback delay the controller itself locks VMs out
        // (three floods, 1 Gb/s, intervalUs 50: the lightest at 0.01 of its share, which had been put on phase).
        String why = intervalTooShort
                ? "Seawall's controller is when its interval is shorter than a bottleneck's feedback delay (see the "
                        + "intervalUs note)"
                : (udp ? "UDP senders are when saturated senders reach a drop-tail port in one fixed phase and one "
                        + "takes every freed slot" : "")
                        + (udp && tcp ? ", or " : "")
                        + (tcp ? "TCP flows are that wait out SYN or retransmission time-outs (1 s, then 2 s) after "
                        + "their first packets were lost" : "");
        return String.format(java.util.Locale.ROOT, "%s %s got less than %.0f %% of %s ideal over the measured "
                + "interval: locked out, as %s; the comparison with the ideal then measures the lock-out, not how "
                + "the scheme divides the link", count == 1 ? "VM" : "VMs", who, LOCKED_OUT_BELOW * 100,
                count == 1 ? "its" : "their", why);
    }

    /**
     * The run's notes: no full link, random loss (it qualifies every comparison with the ideal), a compromise with no
     * effect, loss-driven Seawall cutting on guests' ECN marks, an interval shorter
     * than a bottleneck's feedback delay, a warm-up too short for the shares to converge, the weight notes, the usage
     * paths limited at different links (one tunnel over ECMP, or the usage split), then the VMs locked out.
     */
    private List<String> notes(String intervalNote, String convergenceNote, List<String> weightNotes,
            String bottleneckNote, List<String> multipathNotes, String lockedOutNote, long marks) {
        Scenario.Loss loss = sc.topology().loss();
        List<String> notes = new ArrayList<>();
        if (bottleneckNote != null) {
            notes.add(bottleneckNote);
        }
        if (loss.rate() != 0) {
            notes.add(String.format(java.util.Locale.ROOT, "topology.loss loses %.3g of the %sframes on %s links at "
                    + "random; the ideal allocation assumes lossless links, so goodput below it also measures how "
                    + "each scheme's transport and rate control take loss that is not congestion", loss.rate(),
                    "data".equals(loss.packets()) ? "data " : "", loss.links()));
        }
        String compromiseNote = compromiseNote();
        if (compromiseNote != null) {
            notes.add(compromiseNote);
        }
        String guestEcnNote = guestEcnNote(marks);
        if (guestEcnNote != null) {
            notes.add(guestEcnNote);
        }
        if (intervalNote != null) {
            notes.add(intervalNote);
        }
        if (convergenceNote != null) {
            notes.add(convergenceNote);
        }
        notes.addAll(weightNotes);
        notes.addAll(multipathNotes);
        if (lockedOutNote != null) {
            notes.add(lockedOutNote);
        }
        return List.copyOf(notes);
    }

    /**
     * How many of Seawall's intervals a report about bottleneck {@code port} takes: the {@link #FEEDBACK_INTERVALS}
     * assumed, or more when a switch port's standing queue delays the feedback longer. That delay is the queue's
     * capacity over the link's rate (drop-tail; under ECN-driven feedback its marking threshold, where the queue
     * stands), over intervalUs; the propagation round trip (tens of microseconds on the built-in topologies) is left
     * out. At the defaults (131 KB at 1 Gb/s, 1 ms) it is about 1, within the assumed 2. A host's NIC queue does not
     * stand (its sender port paces the tunnels to the NIC's rate): the assumed delay.
     */
    private double reportIntervals(SeawallScheme sw, int port) {
        EgressPort p = ports.get(port);
        if (!(p.owner() instanceof org.seawallsim.engine.net.Switch)) {
            return FEEDBACK_INTERVALS;
        }
        return Math.max(FEEDBACK_INTERVALS, feedbackQueueBytes(sw, p) * 8e12 / p.rateBps()
                / sw.params().controller().intervalPs());
    }

    /** The queue a report about switch port {@code p} waits behind: the buffer, or under ECN its marking threshold. */
    private static long feedbackQueueBytes(SeawallScheme sw, EgressPort p) {
        long queueBytes = p.queue().capacityBytes();
        return sw.params().port().hypervisorEcn() ? Math.min(queueBytes, p.queue().ecnThresholdBytes()) : queueBytes;
    }

    /**
     * A note when Seawall's interval is shorter than the feedback delay of one of the run's bottlenecks (more than
     * {@link #FEEDBACK_INTERVALS} intervals of its queue): the controller then acts on reports many intervals old,
     * cuts each tunnel several times for one episode and neither weights nor lock-outs are its design's (three
     * floods of weights 1, 2, 3 on 1 Gb/s with 131 KB: at 50 us the lightest at 0.01-0.02 of its share, at 10 us
     * the heaviest with 0.99 of the link). Names the bottleneck with the longest delay; null when there is none.
     */
    private String intervalNote(Set<Integer> bottlenecks, List<String> names) {
        if (!(scheme instanceof SeawallScheme sw)) {
            return null;
        }
        int worst = -1;
        double worstIntervals = FEEDBACK_INTERVALS;
        for (int port : bottlenecks) {
            // Never above the starting FEEDBACK_INTERVALS for a host's NIC or a switch port with a short queue.
            double d = reportIntervals(sw, port);
            if (d > worstIntervals * (1 + 1e-9)) {
                worst = port;
                worstIntervals = d;
            }
        }
        if (worst < 0) {
            return null;
        }
        double intervalUs = sw.params().controller().intervalPs() / 1e6;
        return String.format(java.util.Locale.ROOT, "schemeParams.seawall.intervalUs %.4g is shorter than the "
                + "feedback delay of link %s: its queue holds %.4g us of traffic, %.3g intervals, where Seawall "
                + "assumes a report takes %.0f, so the controller acts on congestion it has already answered and "
                + "weights do not hold (lighter VMs locked out or above their shares); raise intervalUs to at least "
                + "%.4g us", intervalUs, names.get(worst), worstIntervals * intervalUs, worstIntervals,
                FEEDBACK_INTERVALS, worstIntervals * intervalUs / FEEDBACK_INTERVALS);
    }

    /**
     * A note when Seawall's tunnels cannot have reached weighted shares before the measured interval: every tunnel
     * starts at the same rate, and only the cuts bring their rates towards the weights, each by the fraction beta of
     * the distance left (the increase is in proportion to weight, the cut to rate), so unequal ideals take about
     * ln(20) / -ln(1 - beta) cuts to come within 5 % of them, one every {@link #INTERVALS_PER_CONVERGING_CUT}
     * intervals (scaled below). At the defaults that is 148 intervals loss-driven (beta 0.2) and 313 ECN-driven (beta
     * 0.1). Three UDP floods of weights 1:2:3 on 1 Gb/s, intervalUs 10 ms, seeds 1-3 (README, "The interval against
     * the run's length"): the farthest VM off its ideal by 0.28-0.44 after 50 intervals of warm-up, 0.05-0.09 after
     * 200 (loss, the same as after 300); ECN-driven 0.36-0.37 after 100, 0.02-0.04 after 300; the same at intervalUs
     * 1 ms, and the measured interval's own length changes little. Judged by the warm-up, unless the measured
     * interval is long enough for the converging part to weigh under a tenth of it.
     * <p>The 11 intervals per cut hold where they were fitted, 1 Gb/s with 6 weight units. After a cut the units'
     * additive increase takes beta x C / (alpha x units) intervals to refill the link (5.56 there ECN-driven, 6.67
     * loss-driven), and at 10 Gb/s ten times as many: convergence is that much slower (probeS s8: 350 intervals of
     * ECN-driven warm-up at 10 Gb/s left the lightest VM at 1.41 of its ideal, no note). So each interval of refill
     * beyond the fitted point's adds one interval per cut, on the bottleneck where it is longest; never fewer than
     * 11. Fitted to the fixCV sweep (three Poisson UDP floods on a dumbbell trunk, rates 1, 2.5 and 10 Gb/s, weights
     * 1:2:3, 2:4:6, 1:1:4, seeds 1-2; the first 100-ms window in which every VM's share of the total is within 5 %
     * of its ideal's, intervals, against the estimate): ECN 10 Gb/s with 6 units 1750-1775 (1730), with 12 units
     * 950-1000 (944), 2.5 Gb/s with 6 units 525-975 (549), 12 units 375 (352), 1 Gb/s 250-525 (313); loss-driven
     * (hosts timed for their rate) 10 Gb/s with 6 units 1050-1075 (953), 12 units 600 (505), 2.5 Gb/s with 6 units
     * 400-425 (282), 1 Gb/s 250-975 (148: the loss-driven spread stays near 5 %, so single windows are noisy; the
     * fit above allows 0.05-0.09). Not for equal weights (tunnels starting equal stay equal), a link the sender
     * port's weighted round robin divides (exact from the start), nor the cubic increase (not measured). Null when
     * there is nothing to note.
     */
    private String convergenceNote(double[] ideal, Set<Integer> bottlenecks) {
        if (!(scheme instanceof SeawallScheme sw) || sw.params().controller().increase() != IncreaseMode.ADDITIVE) {
            return null;
        }
        ControllerConfig c = sw.params().controller();
        int slowest = slowestRefillPort(ideal, bottlenecks, c);
        if (slowest < 0) {
            return null;
        }
        double refill = refillIntervals(slowest, ideal, c);
        // The fitted point's alpha is its mode's default (ECN-driven 3 Mb/s, loss-driven 5); its beta is this run's,
        // so that at 1 Gb/s with 6 units the estimate stays the fitted one whatever beta is.
        double fittedAlphaBps = sw.params().port().hypervisorEcn() ? SeawallParams.ECN_ALPHA_BPS
                : ControllerConfig.defaults().alphaBps();
        double refillFitted = c.beta() * FITTED_RATE_BPS / (fittedAlphaBps * FITTED_UNITS);
        // Never below the fitted 11: the hold-off and report alone do not shrink with more units or a slower link.
        double perCut = INTERVALS_PER_CONVERGING_CUT + Math.max(0, refill - refillFitted);
        double intervalS = c.intervalPs() / 1e12;
        double warmIntervals = sc.warmupS() / intervalS;
        double measuredIntervals = (sc.durationS() - sc.warmupS()) / intervalS;
        double cuts = StrictMath.log(20) / -StrictMath.log(1 - c.beta());
        double needed = cuts * perCut;
        if (warmIntervals >= needed || needed - warmIntervals <= measuredIntervals / 10) {
            return null;
        }
        // The interval that fits this warm-up, unless it is below the format's 10 us or below half a bottleneck's
        // queue delay, where intervalNote would object to it. Only while the estimate is the fitted one: scaled,
        // it grows with the refill, which a longer interval does not shorten (it is counted in intervals).
        double shorterUs = perCut > INTERVALS_PER_CONVERGING_CUT ? 0 : sc.warmupS() / needed * 1e6;
        for (int port : bottlenecks) {
            EgressPort p = ports.get(port);
            if (p.owner() instanceof org.seawallsim.engine.net.Switch) {
                if (shorterUs < feedbackQueueBytes(sw, p) * 8e6 / p.rateBps() / FEEDBACK_INTERVALS) {
                    shorterUs = 0;
                }
            }
        }
        String scaled = perCut > INTERVALS_PER_CONVERGING_CUT
                ? ", each about " + plain(perCut) + " intervals apart: " + plain(INTERVALS_PER_CONVERGING_CUT)
                        + " as fitted at 1 Gb/s with 6 weight units, plus the " + plain(refill - refillFitted)
                        + " more intervals the additive increase takes to refill a cut "
                        + "on link " + ports.get(slowest).name() + " (beta x "
                        + plain(ports.get(slowest).rateBps() / 1e9)
                        + " Gb/s over alphaMbps " + plain(c.alphaBps() / 1e6) + " x " + plain(unitsOn(slowest, ideal))
                        + " weight units: " + plain(refill) + " intervals, against " + plain(refillFitted) + ")"
                : "";
        return "the warm-up holds " + plain(warmIntervals) + " of Seawall's control intervals (warmupS "
                + plain(sc.warmupS()) + ", schemeParams.seawall.intervalUs " + plain(intervalS * 1e6) + ") and the "
                + "measured interval " + plain(measuredIntervals) + ": its tunnels start at one rate and need about "
                + plain(needed) + " intervals (" + plain(StrictMath.ceil(cuts)) + " cuts of beta " + plain(c.beta())
                + scaled + ") to reach weighted shares, so these shares are still converging and say little about the "
                + "weights; lengthen warmupS to at least " + plain(needed * intervalS) + " s"
                + (shorterUs >= 10 ? " or shorten intervalUs to at most " + plain(shorterUs) + " us" : "");
    }

    /**
     * The bottleneck, of those Seawall's loop divides among VMs of unequal weights (as the weight budget judges it,
     * overBudgetUnits: sending VMs, an ideal above 0, through it from several hosts, or a link slower than the
     * hosts' NICs), whose additive increase takes the most intervals to refill a cut; -1 when there is none.
     */
    private int slowestRefillPort(double[] ideal, Set<Integer> bottlenecks, ControllerConfig c) {
        int slowest = -1;
        double most = -1;
        for (int port : bottlenecks) {
            String onlyHost = null;
            boolean severalHosts = false;
            double lightest = Double.MAX_VALUE;
            double heaviest = 0;
            for (Scenario.Vm vm : sc.vms()) {
                int v = vm.id();
                if (!(ideal[v] > 0) || pathBook.paths(v).stream()
                        .noneMatch(p -> Arrays.stream(p.ports()).anyMatch(l -> l == port))) {
                    continue;
                }
                severalHosts |= onlyHost != null && !onlyHost.equals(vm.host());
                onlyHost = vm.host();
                lightest = Math.min(lightest, vm.weight());
                heaviest = Math.max(heaviest, vm.weight());
            }
            if (!senderPortDivides(port, severalHosts) && heaviest > lightest * (1 + 1e-9)) {
                double refill = refillIntervals(port, ideal, c);
                if (refill > most) {
                    most = refill;
                    slowest = port;
                }
            }
        }
        return slowest;
    }

    /** Intervals the units' additive increase on {@code port} takes to refill a cut: beta x rate / (alpha x units). */
    private double refillIntervals(int port, double[] ideal, ControllerConfig c) {
        return c.beta() * ports.get(port).rateBps() / (c.alphaBps() * unitsOn(port, ideal));
    }

    /** The weight units of sending VMs (an ideal above 0) on {@code port}, each VM's weight split by its flows. */
    private double unitsOn(int port, double[] ideal) {
        double units = 0;
        for (Scenario.Vm vm : sc.vms()) {
            int v = vm.id();
            if (!(ideal[v] > 0)) {
                continue;
            }
            int all = 0;
            int through = 0;
            for (PathBook.Path p : pathBook.paths(v)) {
                all += p.flows();
                if (Arrays.stream(p.ports()).anyMatch(l -> l == port)) {
                    through += p.flows();
                }
            }
            units += all == 0 ? 0 : vm.weight() * through / all;
        }
        return units;
    }

    /** {@code d} to 3 significant digits, without an exponent or trailing zeros: 400000, 1.25, 0.5, 3390. */
    private static String plain(double d) {
        return new java.math.BigDecimal(d).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /**
     * Intervals per cut while rates converge: the hold-off and the report's two intervals, and the additive increase
     * refilling the link after a cut (beta x C over the units' increase per interval); fitted to the table in
     * {@link #convergenceNote} at 1 Gb/s with 6 units, about twice the hold-off and report alone (5 at loss-driven
     * defaults). Longer refills add to it (convergenceNote).
     */
    private static final double INTERVALS_PER_CONVERGING_CUT = 11;

    /** Where {@link #INTERVALS_PER_CONVERGING_CUT} was fitted: three floods 1:2:3 on 1 Gb/s (6 units). */
    private static final double FITTED_RATE_BPS = 1e9;
    private static final double FITTED_UNITS = 6;

    /** Intervals from congestion to the cut it causes: the report is formed over one and acted on in the next. */
    private static final double FEEDBACK_INTERVALS = 2;

    /**
     * Seawall's additive loop holds N weight units on a link of rate C only while N x alpha x P <= beta x C, P the
     * intervals between two cuts of a tunnel: its hold-off plus the {@link #FEEDBACK_INTERVALS} a report takes to
     * be formed and acted on (the detector's intervalsPerCut, 5 at the loss-driven hold-off of 3). Beyond it the
     * units' increase outruns the cuts and shares stop following weights (weights 1 and 100 on 1 Gb/s: the lighter
     * VM at 9.1 times its share). A note for each of the run's bottlenecks whose sending VMs, their weights split over
     * their flows' paths, exceed it and differ in phases of the timeline (its events and the traffic items' windows)
     * that together cover at least {@link #OVER_BUDGET_SHARE} of the measured interval; the note names the part of
     * the interval when it is not all of it. Judged at the run's end alone, a trunk over the budget for 86 % of the
     * interval (light VM at 1.9-2.4 times its share in every sample) had no note and one over it for the last 4 %
     * had one (probeK tl16, tl17).
     */
    private List<String> weightBudgetNotes(Timeline timeline, Set<Integer> bottlenecks, List<String> names,
            SeriesData series) {
        if (!(scheme instanceof SeawallScheme sw) || sw.params().controller().increase() != IncreaseMode.ADDITIVE) {
            return List.of();
        }
        ControllerConfig c = sw.params().controller();
        double warmS = sc.warmupS();
        double measuredS = sc.durationS() - warmS;
        List<Double> cuts = new ArrayList<>();
        cuts.add(warmS);
        for (double x : timeline.changeTimes()) {
            if (x > warmS) {
                cuts.add(x);
            }
        }
        cuts.add(sc.durationS());
        List<Timeline.State> states = new ArrayList<>();
        List<Double> at = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            // The timeline and the items' windows do not change inside a phase; on/off phases and finite
            // transfers' ends do, and are read at one instant: the middle of the phase's last sample, which for
            // the last phase is the instant the note always read (a run without changes keeps its note).
            double t = Math.max(cuts.get(i), cuts.get(i + 1) - sc.sampleIntervalS() / 2);
            at.add(t);
            states.add(timeline.stateAt(t));
        }
        List<String> notes = new ArrayList<>();
        for (int port : bottlenecks) {
            double reportIntervals = reportIntervals(sw, port);
            double cutIntervals = Math.max(1, c.holdoffIntervals()) + reportIntervals;
            double perUnitBps = c.alphaBps() * cutIntervals;
            double budget = c.beta() * ports.get(port).rateBps() / perUnitBps;
            double overS = 0;
            double maxUnits = 0;
            String firstUnits = null;
            boolean unitsVary = false;
            // The over-budget ranges, adjacent phases merged: [from, to] pairs.
            List<double[]> ranges = new ArrayList<>();
            // What the lightest VMs on the link got and were owed in the over-budget phases' samples, bit/s summed.
            double lightestGood = 0;
            double lightestIdeal = 0;
            for (int i = 0; i < states.size(); i++) {
                List<Integer> lightest = new ArrayList<>();
                double units = overBudgetUnits(port, budget, states.get(i), at.get(i), lightest);
                if (units <= 0) {
                    continue;
                }
                double a = cuts.get(i);
                double b = cuts.get(i + 1);
                for (int k = 0; k < series.times.size(); k++) {
                    double end = series.times.get(k);
                    if (end > a + 1e-9 && end <= b + 1e-9) {
                        for (int v : lightest) {
                            lightestGood += series.vmGoodput.get(k)[v];
                            lightestIdeal += series.vmIdeal.get(k)[v];
                        }
                    }
                }
                overS += b - a;
                maxUnits = Math.max(maxUnits, units);
                String u = String.format(java.util.Locale.ROOT, "%.3g", units);
                unitsVary |= firstUnits != null && !firstUnits.equals(u);
                firstUnits = firstUnits == null ? u : firstUnits;
                if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == a) {
                    ranges.get(ranges.size() - 1)[1] = b;
                } else {
                    ranges.add(new double[] {a, b});
                }
            }
            if (overS < OVER_BUDGET_SHARE * measuredS * (1 - 1e-9)) {
                continue;
            }
            String when = "";
            if (overS < measuredS * (1 - 1e-9)) {
                List<String> parts = new ArrayList<>();
                for (double[] r : ranges) {
                    parts.add("from " + seconds(r[0]) + " to " + seconds(r[1]) + " s");
                }
                String last = parts.remove(parts.size() - 1);
                when = String.format(java.util.Locale.ROOT, " %s%s (%.0f %% of the measured interval)",
                        parts.isEmpty() ? "" : String.join(", ", parts) + " and ", last, 100 * overS / measuredS);
            }
            notes.add(String.format(java.util.Locale.ROOT, "link %s carries %s%.3g weight units of sending VMs%s; "
                    + "Seawall's additive increase (alphaMbps %.3g per unit over the %.3g intervals between two "
                    + "cuts: holdoffIntervals and the report's delay%s) outruns its cuts (beta %.3g x %.4g Mb/s) "
                    + "above %.3g units, so the lighter VMs there can get more than their weighted shares (%sREADME, "
                    + "\"Weight scale\"): scale the weights down, lower alphaMbps or raise beta%s",
                    names.get(port), unitsVary ? "up to " : "", maxUnits, when, c.alphaBps() / 1e6, cutIntervals,
                    reportIntervals > FEEDBACK_INTERVALS ? String.format(java.util.Locale.ROOT, ", %.3g "
                            + "intervals of this link's queue", reportIntervals) : "", c.beta(),
                    ports.get(port).rateBps() / 1e6, budget,
                    // Measured, so that the note does not assert what did not happen: 16 units of weights 1 and 3
                    // kept every VM within 1-4 % of its share while the note said the lighter ones got more.
                    lightestIdeal > 0 ? String.format(java.util.Locale.ROOT, "the lightest got %.2f times theirs"
                            + "%s; ", lightestGood / lightestIdeal, when.isEmpty() ? "" : " in that time") : "",
                    reportIntervals > FEEDBACK_INTERVALS ? ", or raise intervalUs" : ""));
        }
        return List.copyOf(notes);
    }

    /**
     * The least part of the measured interval whose phases must be over the weight budget for its note. The note
     * speaks of the run's measured numbers, and a phase moves them in proportion to its length: a trunk of 21 units
     * (light VM at about 2.2 times its share once there) for the last 4 % of the interval changed isolation_error by
     * 0.016 (probeK tl17), the noise of a seed; 10 % of the interval is also at least the 0.1-0.15 s a loss-driven
     * loop takes to settle after a weight change in runs of 1 s or more, and the note then says which part it is.
     */
    static final double OVER_BUDGET_SHARE = 0.1;

    /**
     * The weight units that sending VMs (in state {@code s} at time {@code t}), their weights split over their flows'
     * paths, put on {@code port} when they exceed {@code budget} and differ and the link is divided by the additive
     * loop; 0 otherwise.
     */
    private double overBudgetUnits(int port, double budget, Timeline.State s, double t, List<Integer> lightestVms) {
        double units = 0;
        double lightest = Double.MAX_VALUE;
        List<Integer> lightestOnPort = new ArrayList<>();
        double heaviest = 0;
        // Sending VMs of one host, whose NIC is no faster than this link, are divided by its sender port's
        // weighted round robin, exactly (40 VMs of weights 0.1 and 0.3 on one 1 GbE host: each at 0.998-1.003
        // of its share), not by the additive loop: no note for such a link.
        String onlyHost = null;
        boolean severalHosts = false;
        for (Scenario.Vm vm : sc.vms()) {
            int v = vm.id();
            if (!s.joined()[v] || demand(vm, s, t) <= 0) {
                continue;
            }
            int all = 0;
            int through = 0;
            List<PathBook.Path> seen = pathBook.paths(v);
            for (PathBook.Path p : seen) {
                int f = p.flows();
                all += f;
                for (int l : p.ports()) {
                    if (l == port) {
                        through += f;
                        break;
                    }
                }
            }
            if (seen.isEmpty()) {
                // No traced path now: the VM's flows stopped for good before the end (a stopS, a stop or leave
                // after the phase) or none has started. The oracle then places it on its first equal-cost path,
                // and so does this count: a flood of weight 20 that stopped at 0.4 s of 0.5 was not counted in
                // the 0.3 s it sent.
                all = 1;
                for (int l : hostPaths.route(vmLinks.get(v), vmHost.get(v), null, vm, ports.size()).links()) {
                    through |= l == port ? 1 : 0;
                }
            }
            if (through > 0) {
                severalHosts |= onlyHost != null && !onlyHost.equals(vm.host());
                onlyHost = vm.host();
                units += s.weight()[v] * through / all;
                if (s.weight()[v] < lightest * (1 - 1e-9)) {
                    lightestOnPort.clear();
                }
                if (s.weight()[v] <= lightest * (1 + 1e-9)) {
                    lightestOnPort.add(v);
                }
                lightest = Math.min(lightest, s.weight()[v]);
                heaviest = Math.max(heaviest, s.weight()[v]);
            }
        }
        // Cut at every chance, a VM settles near alpha x w x P / beta whatever its share: equal weights still
        // split the link equally (16 equal VMs on 1 Gb/s hold 0.969-0.998 of their ideal), unequal ones leave
        // the lighter VMs above their shares. Two floods of weights 1 and k, loss-driven (bound 8 units): the
        // lighter at 0.99 of its share for k = 5, 1.31 for 10, 1.76 for 15.
        boolean over = units > budget * (1 + 1e-9) && heaviest > lightest * (1 + 1e-9)
                && !senderPortDivides(port, severalHosts);
        if (over) {
            lightestVms.addAll(lightestOnPort);
        }
        return over ? units : 0;
    }

    /**
     * Whether {@code port}'s sending VMs, all on one host unless {@code severalHosts}, are divided by that host's
     * sender port (weighted round robin, exact) rather than by Seawall's additive loop: one host whose NIC is no
     * faster than the port. Within FULL_WITHIN, as fills() judges: a NIC drawn 100 ppm slow is still that host's
     * own link.
     */
    private boolean senderPortDivides(int port, boolean severalHosts) {
        return !severalHosts && sc.topology().rateGbps() * 1e9 * (1 - FULL_WITHIN) <= ports.get(port).rateBps();
    }

    /** A time as the scenario gave it (0.1, not 0.1000): phase ends are event times, windows, warm-up, duration. */
    private static String seconds(double s) {
        return new java.math.BigDecimal(Double.toString(s)).stripTrailingZeros().toPlainString();
    }

    /** How many VMs the usage-split note names; the rest are counted. */
    private static final int SPLIT_NAMED = 4;

    /**
     * Notes on VMs whose paths stop at different links in the ideal (joined and sending at time {@code t}: their
     * paths in the ideal of that state), naming each path's ideal then and its goodput over the measured interval;
     * summary.json judges only the VM's total. Two causes, told apart by the paths' destination hosts (a tunnel is
     * one source VM to one destination host):
     * <ul>
     * <li>paths of one tunnel (ECMP spreading its flows): Seawall holds one rate limit per tunnel, shared by its
     * flows wherever the hash puts them, while the ideal moves the VM's weight to the path still growing (README,
     * "Tunnels over several paths (ECMP)"). Written whatever {@code split} is: the split across tunnels cannot
     * matter for one tunnel (probeS s6, leaf-spine: a one-tunnel VM at 0.59 of its ideal, and split usage, equal
     * and none gave byte-identical runs; before, usage blamed itself and equal and none said nothing).</li>
     * <li>paths of different tunnels under the default {@code split: usage}: it gives each tunnel the part of the
     * weight the tunnel used lately, the ideal splits by flows. Where they stop at one link the two agree (README,
     * "The usage split's floor"); at different links they do not: a VM with one flow across a 1 Gb/s trunk and
     * one to its own side (probeH s12, ECN) is owed 319.0 Mb/s on the trunk, half its weight against a weight-1
     * VM's 638.1, but its tunnel there used less than the other, so it held 190 and the other VM 742 (1.16 of its
     * ideal). Not under split equal (as the ideal with one flow per tunnel: 0.97 there) nor none (each tunnel the
     * whole weight, as documented).</li>
     * </ul>
     * Empty when there are none or the scheme is not Seawall.
     */
    private List<String> multipathNotes(Timeline timeline, double t, double measuredS,
            List<Map<String, Long>> warmBytes) {
        if (!(scheme instanceof SeawallScheme sw)) {
            return List.of();
        }
        boolean usage = sw.params().controller().split() == WeightSplit.USAGE;
        Allocation alloc = allocation(timeline, t);
        List<String> ecmpNamed = new ArrayList<>();
        List<String> splitNamed = new ArrayList<>();
        int ecmpCount = 0;
        int splitCount = 0;
        for (Scenario.Vm vm : sc.vms()) {
            int v = vm.id();
            List<PathShare> mine = new ArrayList<>();
            // Each destination host's (tunnel's) limiting links, in the paths' order.
            Map<Node, Set<Integer>> tunnelLimits = new java.util.LinkedHashMap<>();
            for (PathShare p : alloc.paths()) {
                if (p.vm() == v && p.goodputBps() > 0) {
                    mine.add(p);
                    Set<Integer> limits = tunnelLimits.computeIfAbsent(destination(p), k -> new LinkedHashSet<>());
                    if (p.limitedBy() >= 0) {
                        limits.add(p.limitedBy());
                    }
                }
            }
            boolean ecmp = tunnelLimits.values().stream().anyMatch(l -> l.size() >= 2);
            boolean split = usage && tunnelLimits.values().stream().filter(l -> !l.isEmpty()).distinct().count() >= 2;
            if (ecmp && ecmpCount++ < SPLIT_NAMED) {
                ecmpNamed.add(pathsOf(vm, mine, measuredS, warmBytes));
            }
            if (split && splitCount++ < SPLIT_NAMED) {
                splitNamed.add(pathsOf(vm, mine, measuredS, warmBytes));
            }
        }
        List<String> notes = new ArrayList<>();
        if (ecmpCount > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "%s with paths of one tunnel limited at different links "
                    + "in the ideal: %s%s. A tunnel (one source VM to one destination host) has one rate limit, "
                    + "shared by its flows on whichever ECMP path the hash puts them, while the ideal moves the VM's "
                    + "weight to the paths still growing; so such a VM can get less than its ideal and the VMs on "
                    + "its less loaded paths the difference (path ideals at the end of the run, goodput over the "
                    + "measured interval; one limit per tunnel, whatever split is set; README, \"Tunnels over "
                    + "several paths (ECMP)\")", ecmpCount == 1 ? "VM" : "VMs", String.join(" | ", ecmpNamed),
                    andMore(ecmpCount, ecmpNamed)));
        }
        if (splitCount > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "%s with paths limited at different links in the ideal: "
                    + "%s%s. The ideal splits a VM's weight over its paths by flows (a limited path's part moving to "
                    + "the paths still growing); Seawall's split: usage splits it by each tunnel's recent usage, so "
                    + "on each of those links such a VM can get another share than the ideal's, and the VMs it "
                    + "shares the link with the difference, even where its total matches its ideal (path ideals at "
                    + "the end of the run, goodput over the measured interval; split: equal splits as the ideal does "
                    + "when each tunnel has one flow; README, \"The usage split across bottlenecks\")",
                    splitCount == 1 ? "VM" : "VMs", String.join(" | ", splitNamed),
                    andMore(splitCount, splitNamed)));
        }
        return List.copyOf(notes);
    }

    /** The host a path ends at (a tunnel's destination), or null for an empty path. */
    private Node destination(PathShare p) {
        return p.path().length == 0 ? null : ports.get(p.path()[p.path().length - 1]).peer();
    }

    /** "vm: to h3 (limited at ...) ideal ..., measured ... Mb/s; ...": each path's ideal and measured goodput. */
    private String pathsOf(Scenario.Vm vm, List<PathShare> mine, double measuredS,
            List<Map<String, Long>> warmBytes) {
        int v = vm.id();
        List<String> each = new ArrayList<>();
        for (PathShare p : mine) {
            String key = PathBook.key(p.path());
            long[] now = pathBook.bytesOnPaths(v).get(key);
            long before = warmBytes == null ? 0 : warmBytes.get(v).getOrDefault(key, 0L);
            Node end = destination(p);
            String to = end instanceof Host h ? "to " + h.name() : "path " + key;
            String limit = p.limitedBy() >= 0 ? "at " + hostPaths.linkName(p.limitedBy(), ports) : "at its demand";
            each.add(String.format(java.util.Locale.ROOT, "%s (limited %s) ideal %.2f, measured %.2f Mb/s", to,
                    limit, p.goodputBps() / 1e6, now == null ? 0 : (now[0] - before) * 8 / measuredS / 1e6));
        }
        return vm.name() + ": " + String.join("; ", each);
    }

    private void apply(Timeline timeline, long atPs) {
        double t = Time.toSeconds(atPs);
        Timeline.State s = timeline.stateAt(t);
        // One state for all VMs: computing it per VM made each change point quadratic in the number of VMs.
        Timeline.State before = timeline.stateBefore(t);
        for (Scenario.Vm vm : sc.vms()) {
            int id = vm.id();
            boolean wasIn = before.joined()[id];
            if (s.joined()[id] != wasIn) {
                if (s.joined()[id]) {
                    scheme.vmJoined(new VmInfo(id, vm.name(), vm.tenantId(), vm.tenant(), vmHost.get(id).id(),
                            s.weight()[id], !vm.traffic().isEmpty()));
                } else {
                    scheme.vmLeft(id);
                }
                vmHost.get(id).setVmPresent(id, s.joined()[id]);
            }
            // A VM that is not in (not yet joined, or gone) keeps its new weight for when it joins: the schemes
            // know only the VMs that are in, and vmJoined above hands over the weight of the moment.
            if (s.weight()[id] != before.weight()[id] && wasIn && s.joined()[id]) {
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
                if (!on) {
                    traffic.activity.stopped(TransportTraffic.label(vm, i), atPs);
                }
            }
        }
        for (Scenario.Event e : timeline.compromisedAt(t)) {
            compromise(e);
        }
    }

    /**
     * The timeline's compromise events under a scheme other than Seawall, which they leave unchanged: the run was
     * accepted without a word, and read as the scheme withstanding a compromised host. Null under Seawall or when
     * there are none.
     */
    /**
     * Loss-driven Seawall (no hypervisor ECN) where guests' own ECN-capable TCP meets marking switches: the receiver
     * SW-port counts CE marks into its reports in either mode, so the loop acts on those marks with the loss-driven
     * constants (an outside probe: weights 1:2 at 305/607 Mb/s of 314/628 with no drop in the whole run, while tcp
     * gave 192/749). A comparison of loss- and ECN-driven Seawall run this way is not what it seems. Null otherwise.
     */
    private String guestEcnNote(long marks) {
        // Only when switches did mark: an ECN guest alone on a path whose queue never reached the threshold is
        // loss-driven in effect (outside probe: a false note there).
        if (!(scheme instanceof SeawallScheme sw) || sw.params().port().hypervisorEcn() || marks == 0) {
            return null;
        }
        Set<String> vms = new java.util.TreeSet<>();
        for (Scenario.Vm vm : sc.vms()) {
            for (Scenario.Traffic tr : vm.traffic()) {
                if (!tr.datagrams() && (tr.ecn() || "dctcp".equals(tr.variant()))) {
                    vms.add(vm.name());
                }
            }
        }
        if (vms.isEmpty()) {
            return null;
        }
        List<String> named = new ArrayList<>(vms).subList(0, Math.min(vms.size(), LOCKED_OUT_NAMED));
        String who = String.join(", ", named) + andMore(vms.size(), named);
        return "loss-driven Seawall (feedback: loss) with guests' own ECN (" + who + (vms.size() == 1 ? " sends"
                : " send") + " ECN-capable TCP, dctcp or ecn: true), and switches marked " + marks + " packets CE "
                + "(topology.ecnThresholdBytes): the receiver SW-port counts CE marks as it counts losses, so the "
                + "loop also cut on marks, with the loss-driven constants; for a loop driven by losses alone give "
                + "these flows no ECN, for an ECN-driven one set feedback: ecn";
    }

    /** " and N more" when a note named fewer than {@code count}, else "". */
    private static String andMore(int count, List<String> named) {
        return count > named.size() ? " and " + (count - named.size()) + " more" : "";
    }

    private String compromiseNote() {
        if ("seawall".equals(sc.scheme())) {
            return null;
        }
        List<String> events = new ArrayList<>();
        for (Scenario.Event e : sc.timeline()) {
            if ("compromise".equals(e.action())) {
                events.add(e.host() + " at " + java.math.BigDecimal.valueOf(e.atS()).stripTrailingZeros()
                        .toPlainString() + " s");
            }
        }
        if (events.isEmpty()) {
            return null;
        }
        return "the timeline's compromise of " + String.join(", ", events) + " has no effect under " + sc.scheme()
                + ": it makes the host's hypervisor stop obeying Seawall (ignoresFeedback: its tunnels ignore the "
                + "feedback and run at line rate; disabledPort: no stamping and no limits), and only Seawall's "
                + "hypervisor is modelled as being compromised; this run is " + sc.scheme() + " without the "
                + "compromise, not " + sc.scheme() + " withstanding it";
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

    /** The fraction of VM {@code v}'s flows (as {@link PathBook} counts them) crossing each port of its paths. */
    private Map<EgressPort, Double> flowShareByPort(int v) {
        List<PathBook.Path> seen = pathBook.paths(v);
        int flows = 0;
        for (PathBook.Path p : seen) {
            flows += p.flows();
        }
        Map<EgressPort, Double> out = new java.util.LinkedHashMap<>();
        for (PathBook.Path p : seen) {
            for (int i : p.ports()) {
                if (i >= 0) {
                    out.merge(ports.get(i), (double) p.flows() / flows, Double::sum);
                }
            }
        }
        return out;
    }

    /** Seawall's accusations, with names, for summary.json (tests require none in compliant scenarios). */
    private List<RunResult.Accusation> accusations() {
        List<RunResult.Accusation> out = new ArrayList<>();
        if (scheme instanceof SeawallScheme sw) {
            for (org.seawallsim.seawall.sim.NetworkController.Accusation a : sw.networkController().accusations()) {
                String vm = a.srcVm() >= 0 && a.srcVm() < sc.vms().size() ? sc.vms().get(a.srcVm()).name() : null;
                out.add(new RunResult.Accusation(net.host(a.srcHost()).name(), vm, net.host(a.accuserHost()).name(),
                        a.reason().name(), org.seawallsim.engine.time.Time.toSeconds(a.reportedPs()),
                        a.installedPs() < 0 ? Double.NaN : org.seawallsim.engine.time.Time.toSeconds(a.installedPs())));
            }
        }
        return List.copyOf(out);
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
    private Map<EgressPort, Integer> portIndex;

    private int[] links(Scenario.Vm vm) {
        Set<Integer> out = new LinkedHashSet<>();
        if (portIndex == null) { // built once: per VM it made setup quadratic in VMs x ports
            portIndex = new java.util.IdentityHashMap<>();
            for (int i = 0; i < ports.size(); i++) {
                portIndex.put(ports.get(i), i);
            }
        }
        Map<EgressPort, Integer> idx = portIndex;
        for (Scenario.Traffic tr : vm.traffic()) {
            for (String d : tr.to()) {
                for (EgressPort p : NetworkBuilder.path(vmHost.get(vm.id()), vmHost.get(sc.vm(d).id()))) {
                    out.add(idx.get(p));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The traffic item of the flow's source VM that a flow belongs to, from its label ({@link TransportTraffic#label}:
     * VM name, '/', item index), or -1 when the label is another's (an incast's requests, sent by the client). An
     * incast's responses are labelled by their group's first VM (IncastApp: that VM's label, "/resp/", the server's
     * index): they belong to the server's incast item, the same item of every VM of the group, so that the oracle
     * can hold the item to the bytes it has to send.
     */
    private int itemOf(org.seawallsim.transport.FlowInfo flow) {
        int v = flow.srcVm();
        if (v < 0 || v >= sc.vms().size() || flow.label() == null) {
            return -1;
        }
        Scenario.Vm vm = sc.vms().get(v);
        int resp = flow.label().lastIndexOf("/resp/");
        if (resp > 0) {
            for (Scenario.Vm first : sc.vms()) {
                if (first.group().equals(vm.group())) {
                    int item = itemIndex(flow.label().substring(0, resp), first);
                    return item >= 0 && item < vm.traffic().size() && vm.traffic().get(item).type().equals("incast")
                            ? item : -1;
                }
            }
            return -1;
        }
        int item = itemIndex(flow.label(), vm);
        return item < vm.traffic().size() ? item : -1;
    }

    /** The item index in {@code label} if it is {@code vm}'s ({@link TransportTraffic#label}), or -1. */
    private static int itemIndex(String label, Scenario.Vm vm) {
        String prefix = vm.name() + "/";
        String rest = label.startsWith(prefix) ? label.substring(prefix.length()) : "";
        if (rest.isEmpty() || rest.length() > 9 || !rest.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(rest);
    }

    /**
     * Payload bits per wire bit of the VM's traffic: a UDP datagram's payload is its packet less 28 header bytes
     * (1472 of 1538 wire bytes for 1500-byte packets); TCP's is its MSS (1448 with the timestamps every scenario flow
     * uses, 1460 without) of mss + headers + 38 framing bytes. A VM that mixes types is sized by its first item here
     * (used for a VM none of whose flows has started yet); the oracle converts each path's items at their own.
     */
    static double goodputPerWire(Scenario.Vm vm) {
        return vm.traffic().isEmpty() ? 1 : goodputPerWire(vm.traffic().get(0));
    }

    /**
     * Payload bits per wire bit of one traffic item's packets. The oracle converts each path's wire rate with its
     * items' own (a VM sending UDP at 300 Mb/s and bulk TCP is owed 287.1 + 659.0 = 946.2 Mb/s on 1 GbE; converted
     * all at its first item's, its ideal was 957.1 or 941.4 depending on the items' order).
     */
    static double goodputPerWire(Scenario.Traffic tr) {
        if (tr.datagrams()) {
            return (tr.packetBytes() - 28.0) / org.seawallsim.engine.packet.Ethernet.wireBytes(tr.packetBytes());
        }
        org.seawallsim.transport.tcp.TcpConfig c = TransportTraffic.tcp(tr);
        return c.effectiveMss() / (double) org.seawallsim.engine.packet.Ethernet.wireBytes(c.effectiveMss()
                + c.headerBytes());
    }

    /** Wire-rate demand of a VM's running traffic (bit/s; infinite for backlogged TCP). */
    private double demand(Scenario.Vm vm, Timeline.State s, double t) {
        double d = 0;
        for (int i = 0; i < vm.traffic().size(); i++) {
            d += itemDemand(vm, i, s, t);
        }
        return d;
    }

    /** Wire-rate demand of a VM's traffic item {@code i} at t (bit/s; 0 when not running, infinite if backlogged). */
    private double itemDemand(Scenario.Vm vm, int i, Timeline.State s, double t) {
        double nic = sc.topology().rateGbps() * 1e9;
        double d = 0;
        if (s.running(vm, i, t)) {
            Scenario.Traffic tr = vm.traffic().get(i);
            int n = tr.to().size();
            // A VM that is gone (left, or not yet joined) receives nothing (its host drops what arrives for it): TCP
            // to it stops (no acknowledgements), UDP still crosses the network (goneDemand).
            int present = joinedDestinations(tr, s);
            switch (tr.type()) {
                case "udp", "onoff" -> {
                    double wire = tr.rateMbps() > 0 ? tr.rateMbps() * 1e6 : nic;
                    // An on/off source offers its rate to each destination whose flow is in its on phase at t: the
                    // oracle follows the phases, so the time-averaged ideal is the average of the phases' ideals.
                    d += Math.min(wire, nic) * (tr.type().equals("onoff") ? activeAt(vm, i, t) : n);
                }
                case "shuffle", "incast" -> {
                    // Finite traffic (a sized shuffle, incast rounds) is backlogged until its flows are done; a
                    // shuffle's flows, sized or not, from their own start (up to 10 ms after the item's).
                    boolean followed = tr.type().equals("shuffle") || tr.rounds() > 0;
                    // And only until the ideal has owed it the bytes its flows had to send (see Sampler): a lone
                    // 14 480-B shuffle on an idle network was owed 25.5 times its bytes while its flow completed
                    // its round trips.
                    boolean spent = budgetSpent.contains(SourceActivity.key(vm.id(), i));
                    if (present > 0 && (!followed || activeAt(vm, i, t) > 0) && !spent) {
                        d = Double.POSITIVE_INFINITY;
                    }
                }
                // Random arrivals are owed what they offered: backlogged while the ideal has not yet owed the drawn
                // bytes of the flows that arrived (the Sampler's budget, kept from the arrivals themselves, so the
                // same under every scheme). Owed arrivals x mean size, a lone VM on an idle 1 GbE star offering 48.8,
                // 28.6 and 54.0 Mb/s of Poisson flows (seeds 1-3) was owed 40.0 and scored isolation_error 0.22-0.35.
                case "flows" -> {
                    if (arrivalsWalked) {
                        // Read at one instant after the run (the notes' phases, the final state): the backlog
                        // left at the run's end says nothing of a phase, so the mean rate stands for it, as before
                        // (the VM's total, each arrival going to one destination).
                        d += tr.arrivalsPerS() * tr.size().meanBytes() * 8 / goodputPerWire(tr) * present / n;
                    } else if (present > 0 && arrivalsOwed.contains(SourceActivity.key(vm.id(), i))) {
                        d = Double.POSITIVE_INFINITY;
                    }
                }
                // Bulk TCP is backlogged from its flows' own start (up to 10 ms after the item's), not before.
                case "bulk" -> {
                    if (present > 0 && activeAt(vm, i, t) > 0) {
                        d = Double.POSITIVE_INFINITY;
                    }
                }
                default -> {
                    if (present > 0) {
                        d = Double.POSITIVE_INFINITY;
                    }
                }
            }
        }
        return d;
    }

    /** The part of a VM's UDP and on/off demand addressed to VMs that are gone: it takes the wire, never arrives. */
    private double goneDemand(Scenario.Vm vm, Timeline.State s, double t) {
        double nic = sc.topology().rateGbps() * 1e9;
        double d = 0;
        for (int i = 0; i < vm.traffic().size(); i++) {
            Scenario.Traffic tr = vm.traffic().get(i);
            if (!s.running(vm, i, t) || !tr.datagrams()) {
                continue;
            }
            int gone = tr.to().size() - joinedDestinations(tr, s);
            double wire = Math.min(tr.rateMbps() > 0 ? tr.rateMbps() * 1e6 : nic, nic);
            d += wire * (tr.type().equals("onoff") ? activeAt(vm, i, t) * gone / (double) tr.to().size() : gone);
        }
        return d;
    }

    /** How many of a traffic item's destination VMs are joined at the state {@code s}. */
    private int joinedDestinations(Scenario.Traffic tr, Timeline.State s) {
        int n = 0;
        for (String to : tr.to()) {
            n += s.joined()[sc.vm(to).id()] ? 1 : 0;
        }
        return n;
    }

    private int activeAt(Scenario.Vm vm, int item, double t) {
        return traffic.activity.active(vm.id(), item, Time.ofSeconds(t));
    }

    /** Ideal goodput per VM for the state at time t (cached by state and by the paths seen so far). */
    double[] ideal(Timeline timeline, double t) {
        return allocation(timeline, t).vmGoodputBps();
    }

    /**
     * How close to its rate a link counts as full: host NICs run up to 1 000 ppm off nominal (hostTiming's
     * nicClockPpm), so a trunk fed by NICs 50 ppm slow is full in any sense that matters, yet the NICs bind first by
     * 50 ppm; with a 1e-6 margin such a trunk went unflagged (and out of the utilization metric) whenever one NIC's
     * offset decided it.
     */
    private static final double FULL_WITHIN = 1e-3;

    /** Whether an allocation's wire {@code load} fills port {@code i} (to its rate, within {@link #FULL_WITHIN}). */
    private boolean fills(double[] load, int i) {
        return load[i] >= ports.get(i).rateBps() * (1 - FULL_WITHIN);
    }

    /**
     * Ideal goodput per VM, the wire load it puts on every link, each traced path's share and limit, and the goodput
     * of each traffic item its flows are known by ({@link SourceActivity#key}).
     */
    record Allocation(double[] vmGoodputBps, double[] linkWireBps, List<PathShare> paths,
            Map<Long, Double> itemGoodputBps) {
    }

    /**
     * The finite items (by {@link SourceActivity#key}) whose flows' bytes the ideal has owed in full since they
     * started: they are owed nothing more, though their flows in the run may still be sending. Kept by the Sampler,
     * which walks the run's time in order.
     */
    private final java.util.TreeSet<Long> budgetSpent = new java.util.TreeSet<>();

    /**
     * The random-arrival (`flows`) items (by {@link SourceActivity#key}) with offered bytes the ideal has not owed
     * yet: a perfect scheduler's backlog. Kept by the Sampler from the arrivals as they are drawn.
     */
    private final java.util.TreeSet<Long> arrivalsOwed = new java.util.TreeSet<>();

    /**
     * Set once the Sampler has walked the whole run: states read after it, at single instants (the notes' phases,
     * the bottleneck fallback's final state), take a random-arrival item at its mean rate, since whether it happens
     * to have a backlog at the run's last instant says nothing of them. Read from the end state, a VM of Poisson
     * flows dropped out of probeS s3's weight-budget note (21.0 weight units on a trunk became 19.0).
     */
    private boolean arrivalsWalked;

    /**
     * One traced path of a VM in the ideal: its goodput and the oracle link that stopped it growing (-1: its
     * demand).
     */
    record PathShare(int vm, int[] path, double goodputBps, int limitedBy) {
    }

    /**
     * The weighted max-min allocation of the state at time t over the paths the run's flows take (traced when each
     * flow starts, whether or not its packets get through): each VM is a group of oracle entities, one per distinct
     * path, its flows on that path as the member's share. A VM none of whose flows has started yet is placed on the
     * first equal-cost path to each destination.
     */
    Allocation allocation(Timeline timeline, double t) {
        Timeline.State s = timeline.stateAt(t);
        double[] demand = new double[sc.vms().size()];
        // The fraction of each VM's allocation that can arrive: UDP to a VM that is gone takes its share of the
        // wire and delivers nothing.
        double[] arrives = new double[sc.vms().size()];
        StringBuilder key = new StringBuilder().append(pathBook.version()).append('|');
        for (Scenario.Vm vm : sc.vms()) {
            demand[vm.id()] = s.joined()[vm.id()] ? demand(vm, s, t) : 0;
            double gone = s.joined()[vm.id()] ? goneDemand(vm, s, t) : 0;
            arrives[vm.id()] = gone == 0 || Double.isInfinite(demand[vm.id()]) ? 1 : 1 - gone / demand[vm.id()];
            key.append(demand[vm.id()]).append(':').append(s.weight()[vm.id()]).append(':')
                    .append(arrives[vm.id()]).append(s.joined()[vm.id()] ? '+' : '-').append(',');
            // A VM's total hides a change of one of its items while another is backlogged (an on/off item's phase,
            // a finite item owed all its bytes, beside bulk TCP): each item's demand is part of the state. Keyed by
            // the total alone, a VM with an on/off and a bulk item kept its on-phase ideal through every off phase
            // (946.7 Mb/s, and the flood sharing the on/off item's port 638.1 instead of 957.1).
            if (vm.traffic().size() > 1 && s.joined()[vm.id()]) {
                for (int i = 0; i < vm.traffic().size(); i++) {
                    key.append(itemDemand(vm, i, s, t)).append(';');
                }
            }
        }
        return allocationCache.computeIfAbsent(key.toString(), k -> {
            double[] cap = hostPaths.capacities(ports);
            List<MaxMinOracle.Entity> es = new ArrayList<>();
            List<MaxMinOracle.Echo> echoes = new ArrayList<>();
            List<Integer> owner = new ArrayList<>();
            // Per entity, the traced path it stands for (null: a VM placed on its first equal-cost paths).
            List<int[]> tracedPath = new ArrayList<>();
            // Per entity, the part of its rate that arrives: a path whose destination VMs are all gone delivers
            // nothing (TCP on it stops, so it asks for nothing either; UDP still takes the wire).
            List<Double> delivers = new ArrayList<>();
            // Per entity, payload bits per wire bit of its traffic item.
            List<Double> payloadPerWire = new ArrayList<>();
            // Per entity, the key of the traffic item it stands for (-1: none known).
            List<Long> itemKey = new ArrayList<>();
            for (Scenario.Vm vm : sc.vms()) {
                int v = vm.id();
                List<PathBook.Path> seen = pathBook.paths(v);
                if (seen.isEmpty()) {
                    HostPaths.Route rt = hostPaths.route(vmLinks.get(v), vmHost.get(v), null, vm, ports.size());
                    es.add(new MaxMinOracle.Entity(s.weight()[v], demand[v], rt.links(), v, 1, rt.costs()));
                    echoes.add(rt.echo());
                    owner.add(v);
                    tracedPath.add(null);
                    delivers.add(arrives[v]);
                    payloadPerWire.add(goodputPerWire[v]);
                    itemKey.add(-1L);
                    continue;
                }
                int flows = 0;
                // Per item, its flows on all paths; a running item none of whose flows has started yet (flows = 0)
                // leaves its demand to be spread over the VM's paths by flows, as it was for the whole VM before.
                int[] itemFlows = new int[vm.traffic().size()];
                int unknownFlows = 0;
                for (PathBook.Path p : seen) {
                    flows += p.flows();
                    for (Map.Entry<Integer, int[]> e : p.itemFlows().entrySet()) {
                        if (e.getKey() >= 0) {
                            itemFlows[e.getKey()] += e.getValue()[0];
                        } else {
                            unknownFlows += e.getValue()[0];
                        }
                    }
                }
                double[] itemDemand = new double[vm.traffic().size()];
                double unplaced = 0;
                for (int i = 0; i < itemDemand.length; i++) {
                    itemDemand[i] = s.joined()[v] ? itemDemand(vm, i, s, t) : 0;
                    if (itemFlows[i] == 0) {
                        unplaced += itemDemand[i];
                    }
                }
                // Flows of no known item (an incast's responses) keep the VM-wide rule: the VM's demand by flows.
                if (unknownFlows > 0) {
                    Arrays.fill(itemDemand, 0);
                    unplaced = demand[v];
                }
                for (PathBook.Path p : seen) {
                    int[] path = p.ports();
                    Node end = path.length == 0 ? null : ports.get(path[path.length - 1]).peer();
                    Host dst = end instanceof Host h ? h : null;
                    boolean gone = dst != null && destinationsGone(vm, dst, s);
                    int tcpFlows = 0;
                    for (Map.Entry<Integer, int[]> e : p.itemFlows().entrySet()) {
                        tcpFlows += datagrams(vm, e.getKey()) ? 0 : e.getValue()[0];
                    }
                    // One member per item on the path, its flows as its share: a path's demand is its items' (a UDP
                    // item's rate on its destinations' paths, not the VM's total spread by flows) and its payload
                    // per wire bit its items' own. With the VM's demand spread by flows, a VM sending 2000 Mb/s UDP
                    // to one host and 300 to another asked 1150 Mb/s on each path: the 300-Mb/s path took 650 of
                    // the wire in the ideal, its part of the shared port's weight stayed on it, and the ideals on
                    // that 1 GbE port summed to 1292 Mb/s (a 941.1, b 638.1; water-filling gives 622.1 each).
                    for (Map.Entry<Integer, int[]> e : p.itemFlows().entrySet()) {
                        int item = e.getKey();
                        int fi = e.getValue()[0];
                        Scenario.Traffic tr = item >= 0 ? vm.traffic().get(item) : null;
                        double d = (item >= 0 ? itemDemand[item] * fi / itemFlows[item] : 0) + unplaced * fi / flows;
                        boolean udp = datagrams(vm, item);
                        HostPaths.Route rt = hostPaths.route(path, vmHost.get(v), dst, tr, vm, ports.size());
                        if (!udp && tcpFlows > 0) {
                            // The path's acknowledgement ports count all its TCP flows: this item's part of them.
                            rt = rt.withAcks(p.ackPorts(), tcpFlows,
                                    tr != null ? HostPaths.ackWirePerDataWire(tr) : HostPaths.ackWirePerDataWire(vm));
                        }
                        es.add(new MaxMinOracle.Entity(s.weight()[v], gone && !udp ? 0 : d, rt.links(), v, fi,
                                rt.costs()));
                        echoes.add(rt.echo());
                        owner.add(v);
                        tracedPath.add(path);
                        delivers.add(gone ? 0.0 : 1.0);
                        payloadPerWire.add(tr != null ? goodputPerWire(tr) : goodputPerWire[v]);
                        itemKey.add(item >= 0 ? SourceActivity.key(v, item) : -1L);
                    }
                }
            }
            MaxMinOracle.Filled filled = MaxMinOracle.fill(cap, es, echoes);
            double[] rate = filled.rateBps();
            double[] good = new double[sc.vms().size()];
            double[] load = new double[cap.length];
            List<PathShare> shares = new ArrayList<>();
            Map<Long, Double> itemGood = new HashMap<>();
            for (int i = 0; i < rate.length; i++) {
                double pathGood = rate[i] * payloadPerWire.get(i) * delivers.get(i);
                good[owner.get(i)] += pathGood;
                if (itemKey.get(i) >= 0) {
                    itemGood.merge(itemKey.get(i), pathGood, Double::sum);
                }
                if (tracedPath.get(i) != null) {
                    addShare(shares, new PathShare(owner.get(i), tracedPath.get(i), pathGood,
                            filled.limitedBy()[i]));
                }
                // Each link's wire load (a host path's, its busy fraction), acknowledgements included: a NIC full of
                // a VM's data and the acknowledgements of the flows it receives is a bottleneck.
                MaxMinOracle.Entity e = es.get(i);
                for (int x = 0; x < e.links().length; x++) {
                    load[e.links()[x]] += rate[i] * e.cost(x);
                }
                MaxMinOracle.Echo echo = echoes.get(i);
                for (int x = 0; x < echo.links().length; x++) {
                    load[echo.links()[x]] += rate[i] * echo.costs()[x];
                }
            }
            return new Allocation(good, load, List.copyOf(shares), Map.copyOf(itemGood));
        });
    }

    /**
     * Whether VM {@code vm}'s traffic item {@code item} sends datagrams; for flows of no known item (-1), whether its
     * first item does (false for a VM without traffic, such as an incast's servers, whose responses are TCP).
     */
    private static boolean datagrams(Scenario.Vm vm, int item) {
        return item >= 0 ? vm.traffic().get(item).datagrams()
                : !vm.traffic().isEmpty() && vm.traffic().get(0).datagrams();
    }

    /**
     * Adds one item's part of a path to {@code shares}, merged with the path's entry if it has one: the path's
     * goodput is its items', and it is limited at a link if any of its items is.
     */
    private static void addShare(List<PathShare> shares, PathShare p) {
        for (int k = 0; k < shares.size(); k++) {
            PathShare q = shares.get(k);
            if (q.vm() == p.vm() && java.util.Arrays.equals(q.path(), p.path())) {
                shares.set(k, new PathShare(q.vm(), q.path(), q.goodputBps() + p.goodputBps(),
                        q.limitedBy() >= 0 ? q.limitedBy() : p.limitedBy()));
                return;
            }
        }
        shares.add(p);
    }

    /** Whether every destination of {@code vm}'s traffic on host {@code dst} is gone (left, or not yet joined). */
    private boolean destinationsGone(Scenario.Vm vm, Host dst, Timeline.State s) {
        boolean any = false;
        for (Scenario.Traffic tr : vm.traffic()) {
            for (String to : tr.to()) {
                int d = sc.vm(to).id();
                if (vmHost.get(d) == dst) {
                    any = true;
                    if (s.joined()[d]) {
                        return false;
                    }
                }
            }
        }
        return any;
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
        private long[] warmLost;
        private long warmOtherDrops;
        /** Per VM, each path's goodput bytes at the end of the warm-up, by {@link PathBook#key}. */
        private List<Map<String, Long>> warmPathBytes;
        private final double[] idealSum;
        private double idealWeight;
        /** Per port, the measured time (after the warm-up) the ideal allocation fills it, seconds. */
        private final double[] filledS = new double[ports.size()];
        private final SeriesData series = new SeriesData();
        /** The timeline's change instants, sorted, in ps (the interval cuts of the ideal). */
        private final long[] changePs;
        /**
         * Per finite item not yet spent ({@link SourceActivity#key}; ordered, so that ties are broken the same way
         * every run), the payload bytes its running flows (or, for random arrivals, the flows that arrived) have to
         * send that the ideal has not owed yet.
         */
        private final java.util.TreeMap<Long, double[]> budgetBytes = new java.util.TreeMap<>();
        /** The next of {@link SourceActivity#budgetEvents} to apply. */
        private int budgetCursor;

        Sampler(Timeline timeline, Progress progress, long wallStart) {
            this.timeline = timeline;
            this.progress = progress;
            this.wallStart = wallStart;
            this.intervalPs = Time.ofSeconds(sc.sampleIntervalS());
            // changeTimes() is sorted (a TreeSet) and Time.ofSeconds monotonic, so the instants stay sorted.
            this.changePs = timeline.changeTimes().stream().mapToLong(Time::ofSeconds).toArray();
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
                warmLost = rec.lost.clone();
                warmOtherDrops = rec.otherDrops;
                warmPathBytes = pathBytesNow();
                return;
            }
            long now = loop.nowPs();
            if (Thread.currentThread().isInterrupted()) {
                // Cancelled (another run of the same compare or sweep failed, see Sweep.runAll): stop here rather
                // than simulate to the end for a result nobody will read. The flag stays set for the caller.
                throw new Cancelled(sc.name(), Time.toSeconds(now));
            }
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
            double time = Time.toSeconds(now);
            // The interval's ideal is the time average of the ideals of the states it went through: it is cut at
            // every timeline change and every change of a followed source (on/off phases, finite traffic ending)
            // inside it, and each piece's state is the one at its middle.
            long[] cuts = cuts(lastSamplePs, now);
            double[] ideal = new double[sc.vms().size()];
            double warm = sc.warmupS();
            double[] afterWarm = new double[ideal.length];
            double afterWarmS = 0;
            for (int c = 0; c + 1 < cuts.length; c++) {
                spendBudgetsTo(cuts[c]);
                double a = Time.toSeconds(cuts[c]);
                double b = Time.toSeconds(cuts[c + 1]);
                double mid = (a + b) / 2;
                // A piece is cut again where a finite item has been owed all its bytes: from there on it is owed
                // nothing and the others share what it leaves (weighted max-min of a finite demand never gives it
                // more than the demand).
                while (true) {
                    Allocation alloc = allocation(timeline, mid);
                    double end = b;
                    long spent = -1;
                    for (Map.Entry<Long, double[]> e : budgetBytes.entrySet()) {
                        double g = alloc.itemGoodputBps().getOrDefault(e.getKey(), 0.0);
                        // Rounding can leave another item that ran out at the same instant a hair below zero.
                        double at = a + Math.max(0, e.getValue()[0]) * 8 / g;
                        if (g > 0 && at < end) {
                            end = at;
                            spent = e.getKey();
                        }
                    }
                    for (Map.Entry<Long, double[]> e : budgetBytes.entrySet()) {
                        e.getValue()[0] -= alloc.itemGoodputBps().getOrDefault(e.getKey(), 0.0) * (end - a) / 8;
                    }
                    afterWarmS += addPiece(alloc, a, end, dt, ideal, afterWarm);
                    if (spent < 0) {
                        break;
                    }
                    budgetBytes.remove(spent);
                    budgetSpent.add(spent);
                    arrivalsOwed.remove(spent);
                    a = end;
                }
            }
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
            series.add(time, vmGood, ideal, util, q);
            // The run's ideal counts only the part of each interval after the warm-up.
            if (afterWarmS > 0) {
                for (int v = 0; v < idealSum.length; v++) {
                    idealSum[v] += afterWarm[v];
                }
                idealWeight += afterWarmS;
            }
            lastSamplePs = now;
        }

        /**
         * Adds the ideal of {@code alloc} over [a, b] (seconds) to the sample interval's ({@code ideal}, of length
         * {@code dt}), the part after the warm-up to {@code afterWarm} and to the links' filled time; returns that
         * part's length.
         */
        private double addPiece(Allocation alloc, double a, double b, double dt, double[] ideal, double[] afterWarm) {
            double[] piece = alloc.vmGoodputBps();
            double overlap = Math.max(0, b - Math.max(a, sc.warmupS()));
            if (overlap > 0) {
                double[] load = alloc.linkWireBps();
                for (int i = 0; i < filledS.length; i++) {
                    if (fills(load, i)) {
                        filledS[i] += overlap;
                    }
                }
            }
            for (int v = 0; v < ideal.length; v++) {
                ideal[v] += piece[v] * (b - a) / dt;
                afterWarm[v] += piece[v] * overlap;
            }
            return overlap;
        }

        /**
         * Applies the finite items' budget changes up to {@code atPs} (inclusive): a flow's start (or a random
         * arrival) adds its bytes, and a budget is void once none of the item's flows runs (random arrivals: once
         * the timeline stops them).
         */
        private void spendBudgetsTo(long atPs) {
            List<SourceActivity.BudgetEvent> events = traffic.activity.budgetEvents();
            for (; budgetCursor < events.size() && events.get(budgetCursor).atPs() <= atPs; budgetCursor++) {
                SourceActivity.BudgetEvent e = events.get(budgetCursor);
                // An arrival for a VM that is gone is never delivered (its host drops it): nothing of it is owed.
                if (e.dstVm() >= 0 && e.bytes() != SourceActivity.VOID
                        && !timeline.stateAt(Time.toSeconds(e.atPs())).joined()[e.dstVm()]) {
                    continue;
                }
                budgetSpent.remove(e.key());
                if (e.bytes() == SourceActivity.VOID) {
                    budgetBytes.remove(e.key());
                    arrivalsOwed.remove(e.key());
                } else {
                    if (e.dstVm() >= 0) {
                        arrivalsOwed.add(e.key());
                    }
                    budgetBytes.computeIfAbsent(e.key(), k -> new double[1])[0] += e.bytes();
                }
            }
        }

        /** The ends of the interval (fromPs, toPs] and every change of state strictly inside it, in order. */
        private long[] cuts(long fromPs, long toPs) {
            long[] timeline = SourceActivity.within(changePs, changePs.length, fromPs, toPs);
            long[] sources = traffic.activity.changesWithin(fromPs, toPs);
            return LongStream.concat(LongStream.of(fromPs, toPs),
                    LongStream.concat(Arrays.stream(timeline), Arrays.stream(sources))).sorted().distinct().toArray();
        }

        private List<Map<String, Long>> pathBytesNow() {
            List<Map<String, Long>> out = new ArrayList<>();
            for (int v = 0; v < sc.vms().size(); v++) {
                Map<String, Long> m = new HashMap<>();
                pathBook.bytesOnPaths(v).forEach((k, c) -> m.put(k, c[0]));
                out.add(m);
            }
            return out;
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
                warmLost = new long[ports.size()];
            }
            double[] good = new double[sc.vms().size()];
            double[] ideal = new double[sc.vms().size()];
            for (int v = 0; v < good.length; v++) {
                good[v] = (goodBytes[v] - warmVm[v]) * 8 / measured;
                ideal[v] = idealWeight > 0 ? idealSum[v] / idealWeight : 0;
            }
            double[] util = new double[ports.size()];
            long[] drops = new long[ports.size()];
            long[] lost = new long[ports.size()];
            long[] busy = busySoFar();
            for (int i = 0; i < ports.size(); i++) {
                util[i] = (busy[i] - warmBusy[i]) / (double) Time.ofSeconds(measured);
                drops[i] = rec.drops[i] - warmDrops[i];
                lost[i] = rec.lost[i] - warmLost[i];
            }
            // Bottlenecks: links the oracle fills for at least half the measured interval. The final state alone
            // flagged a sender's NIC that became the bottleneck for the last 0.5 of 2 s, and not the port full for
            // all 2 s, and the utilization metric (their mean utilization) read 0.39 instead of 0.98.
            Set<Integer> bottlenecks = new LinkedHashSet<>();
            for (int i = 0; i < ports.size(); i++) {
                if (filledS[i] >= measured / 2 * (1 - 1e-9)) {
                    bottlenecks.add(i);
                }
            }
            // A run whose bottlenecks keep moving (none for half the time): the final state's, as before.
            double endS = sc.durationS() - sc.sampleIntervalS() / 2;
            if (bottlenecks.isEmpty()) {
                double[] load = allocation(timeline, endS).linkWireBps();
                for (int i = 0; i < ports.size(); i++) {
                    if (fills(load, i)) {
                        bottlenecks.add(i);
                    }
                }
            }
            List<String> names = new ArrayList<>();
            for (EgressPort p : ports) {
                names.add(p.name());
            }
            List<RunResult.Accusation> accused = accusations();
            List<List<RunResult.VmPath>> paths = new ArrayList<>();
            for (Scenario.Vm vm : sc.vms()) {
                List<RunResult.VmPath> mine = new ArrayList<>();
                for (PathBook.Path p : pathBook.paths(vm.id())) {
                    List<String> links = new ArrayList<>();
                    for (int l : p.ports()) {
                        links.add(names.get(l));
                    }
                    mine.add(new RunResult.VmPath(List.copyOf(links), p.flows()));
                }
                paths.add(List.copyOf(mine));
            }
            String intervalNote = intervalNote(bottlenecks, names);
            return new RunResult(sc, names, good, ideal, timeline.meanWeights(sc.warmupS(), sc.durationS()), util,
                    drops, lost, rec.otherDrops - warmOtherDrops,
                    bottlenecks, series, List.copyOf(traffic.fcts),
                    traffic.unfinishedSince(Time.ofSeconds(sc.warmupS())), loop.dispatched(), loop.fingerprint(), wallS,
                    List.copyOf(paths), traces, accused,
                    notes(intervalNote, convergenceNote(ideal, bottlenecks),
                            weightBudgetNotes(timeline, bottlenecks, names, series),
                            bottlenecks.isEmpty() ? busiestLinkNote(util, names) : null,
                            multipathNotes(timeline, endS, measured, warmPathBytes),
                            lockedOutNote(good, ideal, accused, intervalNote != null), rec.marks));
        }
    }
}
