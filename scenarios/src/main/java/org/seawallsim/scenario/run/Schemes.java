package org.seawallsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seawallsim.baseline.drr.DrrConfig;
import org.seawallsim.baseline.drr.DrrScheme;
import org.seawallsim.baseline.qcn.QcnConfig;
import org.seawallsim.baseline.qcn.QcnCpConfig;
import org.seawallsim.baseline.qcn.QcnRpConfig;
import org.seawallsim.baseline.qcn.QcnScheme;
import org.seawallsim.baseline.ratelimit.RateLimitConfig;
import org.seawallsim.baseline.ratelimit.RateLimitScheme;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Binder;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;
import org.seawallsim.scenario.yaml.YamlTree;
import org.seawallsim.seawall.controller.ControllerConfig;
import org.seawallsim.seawall.controller.IncreaseMode;
import org.seawallsim.seawall.controller.WeightSplit;
import org.seawallsim.seawall.port.DetectorConfig;
import org.seawallsim.seawall.port.Fallback;
import org.seawallsim.seawall.port.HeaderMode;
import org.seawallsim.seawall.port.HypervisorCostModel;
import org.seawallsim.seawall.port.PortConfig;
import org.seawallsim.seawall.sim.SeawallParams;
import org.seawallsim.seawall.sim.SeawallScheme;
import org.seawallsim.seawall.sim.TelemetryConfig;

/**
 * Creates the isolation scheme a scenario names, from its {@code schemeParams.<scheme>} entries. Schemes are added
 * here as their models land; asking for one that is not wired in fails with a message that says so. Each scheme's
 * parameters are listed in {@link #PARAMS} (what {@code describe schemes} prints).
 */
public final class Schemes {
    private Schemes() {
    }

    /** Parameter name to meaning, per scheme (the scenario-file face of each scheme's config record). */
    public static final Map<String, Map<String, String>> PARAMS = new LinkedHashMap<>();

    static {
        PARAMS.put("tcp", Map.of());
        Map<String, String> rl = new LinkedHashMap<>();
        rl.put("mode", "policer (drop at switch ingress, default) or shaper (queue per tenant at switch egress)");
        rl.put("placement", "policer only: egress (one bucket per egress port and tenant, default) or ingress");
        rl.put("burstBytes", "bucket depth in wire bytes; 0 (default) = rate x burstTimeUs, at least two frames");
        rl.put("burstTimeUs", "bucket depth as time at the bucket's rate, in microseconds (default 1000: deeper buckets"
                + " let slow-start bursts overflow downstream buffers)");
        rl.put("shaperQueueBytes", "shaper only: per-tenant queue limit; 0 (default) = the port buffer");
        rl.put("rateMbps.<tenant>", "explicit rate of a tenant in Mbit/s (default: weight share of each port)");
        PARAMS.put("ratelimit", rl);
        Map<String, String> drr = new LinkedHashMap<>();
        drr.put("queuesPerPort", "per-tenant queues per switch port (default 8); more tenants share queues");
        drr.put("mapping", "static (tenant id mod queues, default) or hashed");
        drr.put("baseQuantumBytes", "DRR quantum of weight 1, in wire bytes (default 1538)");
        drr.put("queueBytes", "per-queue limit in bytes; 0 (default) = the port buffer");
        PARAMS.put("drr", drr);
        Map<String, String> sw = new LinkedHashMap<>();
        sw.put("intervalUs", "control interval T in microseconds (default: the seawall model's)");
        sw.put("increase", "additive (default) or cubic (the 'faster increase')");
        sw.put("alphaMbps", "additive increase per interval at weight 1, Mbit/s (default 5 loss-driven, 3 ECN-driven:"
                + " N weight units on a link of rate C stay under control while N x alpha x holdoff <= beta x C)");
        sw.put("beta", "multiplicative decrease factor in (0, 1) (default 0.2 loss-driven, 0.1 ECN-driven)");
        sw.put("split", "weight split across a VM's tunnels: usage (default), equal or none");
        sw.put("initialRateMbps", "initial rate of a new tunnel, Mbit/s (0 = the NIC rate)");
        sw.put("stamping", "bitStealing (default, IPv4 Identification) or encapsulation (extra header)");
        sw.put("cost", "hypervisor CPU cost model: free (default) or prototype (calibrated to 843 / 280 Mb/s)");
        sw.put("detection", "true (default) or false: destinations detect sources that ignore feedback");
        sw.put("filterDelayMs", "control-plane delay before a detected source is filtered, ms (default 10)");
        sw.put("cubicScaleBpsPerS3", "increase: cubic only, the cubic constant per unit weight in bit/s per s^3"
                + " (default 4e12: at weight 1, back to the old rate 37 ms after a 20 % cut of 1 Gb/s)");
        sw.put("lossGain", "0 (default): a fixed cut of beta per congested interval; > 0: cut min(beta, lossGain x"
                + " the interval's loss fraction). Fixed cuts tolerate the low loss rates guest TCP needs");
        sw.put("holdoffIntervals", "intervals after a cut in which a tunnel takes no further cut, 0..1000, may be"
                + " fractional (default 3 loss-driven: the bottleneck queue takes a few ms to drain, and congestion"
                + " then is the same episode; 2.5 ECN-driven: the edge between two reports, so their microseconds of"
                + " jitter do not decide whether the report at the edge cuts)");
        sw.put("coupleIntervals", "sender-side coupling window, intervals: a VM's tunnels that saw congestion this"
                + " recently take a sibling's cut too (default 1000 loss-driven, 0 = off ECN-driven). Shared-bottleneck"
                + " tunnels are then cut together, so many small tunnels that miss loss episodes are not under-cut;"
                + " a marking queue marks them all, so under ECN it only over-cuts VMs with many destinations");
        sw.put("coupleAtOwnReport", "true or false: a coupled cut waits for the sibling tunnel's own next report"
                + " instead of landing at once (default true ECN-driven, false loss-driven: at once a VM with many"
                + " tunnels is cut more often under ECN, while under loss it offsets small tunnels missing episodes)");
        sw.put("receiverCoupleIntervals", "receiver-side coupling window, intervals: tunnels into one host that lost"
                + " packets this recently are reported congested with the one losing now (default 200; 0 = off)");
        sw.put("sparseReportIntervals", "a tunnel that delivered under " + PortConfig.SPARSE_REPORT_BYTES
                + " bytes in an uncongested interval (guest ACKs) and saw no loss or mark for 1 s is reported only"
                + " every this many intervals, 1..4 (default 3 ECN-driven, 1 = every interval loss-driven): its"
                + " reports cross the data direction's bottleneck (E6: 3.9 % of it)");
        sw.put("queueBytesPerTunnel", "each tunnel's SW-port queue behind its rate limiter, bytes (default 262144:"
                + " more than a guest TCP window at 1 Gb/s and 1 ms; at least 1600)");
        sw.put("pacingJitterUs", "a rate-limited packet leaves up to this long (uniform) after its tokens arrive, us"
                + " (default 20, at most 1000: exactly periodic pacing phase-locks with a full drop-tail queue)");
        sw.put("reorderTolerance", "packets a sequence number may trail a later one before it counts as lost"
                + " (default 3, like TCP's duplicate-ACK threshold; ECMP inside one tunnel reorders a few; 0..32)");
        sw.put("fallback", "packets bit stealing cannot stamp: encapsulate (default: sequence in an extra header,"
                + " so every packet stays tracked) or passUntracked (sent unstamped, counted but not tracked)");
        sw.put("detectionIntervals", "congested intervals in a streak before a destination judges a source"
                + " (default 150: an honest sender has cut 30 times by then, under 1/800 of its start rate)");
        sw.put("detectionIntervalsPerCut", "intervals an honest sender may take per cut (default 5: hold-off plus"
                + " feedback delay); 1..detectionIntervals");
        sw.put("detectionMinRateMbps", "tunnels slower than this are never reported, Mbit/s (default 50)");
        sw.put("detectionShareMargin", "rule 3: a tunnel above (1 + this) x its weighted share of a destination where"
                + " another tunnel is congested and starved, for detectionIntervals without a cut, is reported (default"
                + " 0.5; 0 = rule off). Catches a flood at exactly the link rate, which loses nothing itself");
        sw.put("detectionCongestionMemoryIntervals", "rule 3: intervals a tunnel's last loss or mark keeps it counted"
                + " as congested and wanting its share (default 300: longer than a guest TCP's 200 ms minimum RTO)");
        sw.put("feedback", "loss (default: sequence-gap losses), ecn (the hypervisor makes packets ECN-capable and "
                + "reports switch CE marks; needs topology.ecnThresholdBytes; beta defaults to 0.1) or ecn-bottleneck"
                + " (ecn, and each cut is scaled to the part of the tunnel's cuts its most congested link alone would"
                + " cause, with the rest of the additive step in congested intervals, from switch-port telemetry of"
                + " which 1-ms intervals each link marked or dropped in: near max-min on multi-bottleneck paths)");
        sw.put("telemetryIntervalMs", "ecn-bottleneck only: how often the network controller receives every switch"
                + " port's record of which 1-ms sub-intervals saw an ECN mark or a drop, ms (default 10)");
        sw.put("telemetryDelayMs", "ecn-bottleneck only: control-plane delay from a counter sample to the"
                + " hypervisors, ms (default 10)");
        sw.put("telemetryGain", "ecn-bottleneck only: EWMA gain per sample of each port's and path's counts, in"
                + " (0, 1] (default 0.05: a 200-ms memory)");
        PARAMS.put("seawall", sw);
        Map<String, String> qcn = new LinkedHashMap<>();
        qcn.put("qeqBytes", "congestion point queue set point Qeq, bytes (default 26000)");
        qcn.put("w", "feedback weight on queue growth (default 2)");
        qcn.put("sampleBaseBytes", "sampling interval without congestion, bytes (default 150000)");
        qcn.put("jitterFraction", "random +- fraction on each sampling interval, e.g. 0.15 (default 0: off)");
        qcn.put("gdLog2", "reaction point decrease gain as log2(1/Gd) (default 7: Gd = 1/128)");
        qcn.put("maxDecrease", "largest cut of one CNM, fraction in (0, 1) (default 0.5)");
        qcn.put("byteCounterBytes", "reaction point byte-counter cycle, bytes (default 150000)");
        qcn.put("timerMs", "reaction point timer period, ms (default 15, the 802.1Qau MIB; the papers use 10)");
        qcn.put("fastRecoveryCycles", "fast-recovery cycles F before active increase (default 5)");
        qcn.put("aiRateMbps", "active-increase step, Mbit/s (default 5)");
        qcn.put("haiRateMbps", "hyper-active-increase step, Mbit/s (default 50)");
        qcn.put("minRateMbps", "floor of a rate limiter's rate, Mbit/s (default 5)");
        qcn.put("targetReset", "afterIncrease (default: pseudo code, ns-3, htsim) or everyCnm (the papers' form)");
        qcn.put("deepCutTargetReset", "true (default) or false: divide the target by 8 after a deep cut");
        qcn.put("counterHalving", "perCounter (default, pseudo code) or hyperActiveOnly (ns-3 DCQCN)");
        qcn.put("haiStep", "paper (default: i x R_HAI) or ns3PlusOne ((i + 1) x R_HAI)");
        qcn.put("rlQueueBytes", "each NIC rate limiter's queue, bytes; 0 (default) = the NIC buffer");
        PARAMS.put("qcn", qcn);
    }

    /** Schemes this build can run. */
    public static List<String> available() {
        return List.of("tcp", "seawall", "ratelimit", "drr", "qcn");
    }

    /**
     * The scenario's scheme with its parameters; a bad one is reported with the file, line and column where it is
     * set (or the --set that set it), then the key and what is allowed.
     */
    public static IsolationScheme create(Scenario sc) {
        try {
            return create(sc.scheme(), sc.schemeParams().get(sc.scheme()));
        } catch (SchemeParamException e) {
            throw new SchemeParamException(e.scheme(), e.key(), where(sc, e.scheme(), e.key()) + ": " + e.getMessage(),
                    e);
        }
    }

    /** Where {@code schemeParams.<scheme>.<key>} was set: a --set or sweep point, else its place in the file. */
    static String where(Scenario sc, String scheme, String key) {
        String path = "schemeParams." + scheme + "." + key;
        if (sc.parameters().containsKey(path)) {
            return "--set " + path + "=" + sc.parameters().get(path);
        }
        String file = sc.file() == null ? "<scenario>" : sc.file().toString();
        try {
            YNode root = YamlTree.parse(Files.readString(sc.file()), file, new ArrayList<>());
            Loc at = root.loc();
            YNode n = root;
            for (String part : new String[] {"schemeParams", scheme, key}) {
                if (!(n instanceof YNode.Mapping m) || m.entries().get(part) == null) {
                    break;
                }
                at = m.entries().get(part).keyLoc();
                n = m.entries().get(part).value();
            }
            return at.toString();
        } catch (IOException | YamlTree.SyntaxError | RuntimeException e) {
            return file;
        }
    }

    public static IsolationScheme create(String name, Map<String, String> params) {
        Params p = new Params(name, params == null ? Map.of() : params);
        IsolationScheme s;
        switch (name) {
            case "tcp" -> s = new IsolationScheme() {
                @Override
                public String name() {
                    return "tcp";
                }
            };
            case "seawall" -> s = new SeawallScheme(seawall(p));
            case "ratelimit" -> {
                RateLimitConfig c = RateLimitConfig.defaults();
                String mode = p.str("mode", "policer", List.of("policer", "shaper"));
                c = c.withMode(mode.equals("shaper") ? RateLimitConfig.Mode.SHAPER : RateLimitConfig.Mode.POLICER);
                String place = p.str("placement", "egress", List.of("egress", "ingress"));
                c = c.withPlacement(place.equals("ingress") ? RateLimitConfig.Placement.INGRESS_PORT
                        : RateLimitConfig.Placement.EGRESS_PORT);
                c = c.withBurstBytes(p.lng("burstBytes", 0));
                if (p.has("burstTimeUs")) {
                    c = c.withBurstTimePs(p.timePs("burstTimeUs", Time::ofMicros));
                }
                c = c.withShaperQueueBytes(p.queueBytes("shaperQueueBytes", 0));
                Map<String, Long> rates = new LinkedHashMap<>();
                for (String k : params == null ? List.<String>of() : params.keySet()) {
                    if (k.startsWith("rateMbps.")) {
                        long bps = Math.round(p.dbl(k, 0) * 1e6);
                        if (bps <= 0) {
                            throw new SchemeParamException("ratelimit", k, "a tenant's rate must be at least 1 bit/s "
                                    + "(1e-6 Mbit/s); leave it out for its weight's share, got " + p.dbl(k, 0));
                        }
                        rates.put(k.substring("rateMbps.".length()), bps);
                    }
                }
                c = c.withRates(rates);
                s = new RateLimitScheme(c);
            }
            case "drr" -> {
                DrrConfig c = DrrConfig.defaults();
                c = c.withQueuesPerPort((int) p.lng("queuesPerPort", DrrConfig.DEFAULT_QUEUES_PER_PORT));
                c = c.withMapping(p.str("mapping", "static", List.of("static", "hashed")).equals("hashed")
                        ? DrrConfig.Mapping.HASHED : DrrConfig.Mapping.STATIC);
                c = c.withBaseQuantumBytes(p.lng("baseQuantumBytes", DrrConfig.DEFAULT_BASE_QUANTUM_BYTES));
                c = c.withQueueBytes(p.queueBytes("queueBytes", 0));
                s = new DrrScheme(c);
            }
            case "qcn" -> s = new QcnScheme(qcn(p));
            default -> throw new UnsupportedFeatureException("scheme '" + name + "' is not available in this build"
                    + " (its model is not wired in yet); available: " + String.join(", ", available()));
        }
        p.rejectUnused();
        return s;
    }

    private static QcnConfig qcn(Params p) {
        QcnCpConfig d = QcnCpConfig.defaults();
        QcnCpConfig cp = new QcnCpConfig(p.lng("qeqBytes", d.qeqBytes()), (int) p.lng("w", d.w()),
                p.lng("sampleBaseBytes", d.sampleBaseBytes()), p.dbl("jitterFraction", d.jitterFraction()));
        QcnRpConfig r = QcnRpConfig.defaults();
        QcnRpConfig rp = new QcnRpConfig(
                (int) p.lng("gdLog2", r.gdLog2()),
                p.dbl("maxDecrease", r.maxDecrease()),
                p.lng("byteCounterBytes", r.byteCounterBytes()),
                p.has("timerMs") ? p.timePs("timerMs", Time::ofMillis) : r.timerPs(),
                (int) p.lng("fastRecoveryCycles", r.fastRecoveryCycles()),
                p.has("aiRateMbps") ? Math.round(p.dbl("aiRateMbps", 0) * 1e6) : r.aiRateBps(),
                p.has("haiRateMbps") ? Math.round(p.dbl("haiRateMbps", 0) * 1e6) : r.haiRateBps(),
                p.has("minRateMbps") ? Math.round(p.dbl("minRateMbps", 0) * 1e6) : r.minRateBps(),
                p.has("targetReset")
                        ? (p.str("targetReset", "afterincrease", List.of("afterincrease", "everycnm"))
                                .equals("everycnm") ? QcnRpConfig.TargetReset.EVERY_CNM
                                        : QcnRpConfig.TargetReset.AFTER_INCREASE)
                        : r.targetReset(),
                p.has("deepCutTargetReset")
                        ? p.str("deepCutTargetReset", "true", List.of("true", "false")).equals("true")
                        : r.deepCutTargetReset(),
                p.has("counterHalving")
                        ? (p.str("counterHalving", "percounter", List.of("percounter", "hyperactiveonly"))
                                .equals("hyperactiveonly") ? QcnRpConfig.CounterHalving.HYPER_ACTIVE_ONLY
                                        : QcnRpConfig.CounterHalving.PER_COUNTER)
                        : r.counterHalving(),
                p.has("haiStep")
                        ? (p.str("haiStep", "paper", List.of("paper", "ns3plusone")).equals("ns3plusone")
                                ? QcnRpConfig.HaiStep.NS3_PLUS_ONE : QcnRpConfig.HaiStep.PAPER)
                        : r.haiStep(),
                p.queueBytes("rlQueueBytes", r.rlQueueBytes()));
        return new QcnConfig(cp, rp);
    }

    private static SeawallParams seawall(Params p) {
        SeawallParams sp = SeawallParams.defaults();
        // The feedback mode first: it brings its own defaults (beta, alpha, hold-off, coupling; SeawallParams), and
        // every knob given explicitly below overrides them.
        if (p.has("feedback")) {
            String fb = p.str("feedback", "loss", List.of("loss", "ecn", "ecn-bottleneck"));
            sp = fb.equals("ecn-bottleneck") ? sp.withEcnBottleneckFeedback()
                    : sp.withEcnFeedback(fb.equals("ecn"));
        }
        ControllerConfig c = sp.controller();
        if (p.has("intervalUs")) {
            long v = p.timePs("intervalUs", Time::ofMicros);
            c = p.check("intervalUs", c, cc -> cc.withIntervalPs(v));
        }
        if (p.has("increase")) {
            c = c.withIncrease(p.str("increase", "additive", List.of("additive", "cubic")).equals("additive")
                    ? IncreaseMode.ADDITIVE : IncreaseMode.CUBIC);
        }
        if (p.has("alphaMbps")) {
            double v = p.dbl("alphaMbps", 0) * 1e6;
            c = p.check("alphaMbps", c, cc -> cc.withAlphaBps(v));
        }
        if (p.has("beta")) {
            double v = p.dbl("beta", 0);
            c = p.check("beta", c, cc -> cc.withBeta(v));
        }
        if (p.has("split")) {
            String v = p.str("split", "usage", List.of("usage", "equal", "none"));
            c = c.withSplit(v.equals("none") ? WeightSplit.NONE : v.equals("equal") ? WeightSplit.EQUAL
                    : WeightSplit.USAGE);
        }
        if (p.has("initialRateMbps")) {
            long v = Math.round(p.dbl("initialRateMbps", 0) * 1e6);
            c = p.check("initialRateMbps", c, cc -> cc.withInitialRateBps(v));
        }
        if (p.has("cubicScaleBpsPerS3")) {
            double v = p.dbl("cubicScaleBpsPerS3", 0);
            c = p.check("cubicScaleBpsPerS3", c, cc -> cc.withCubicScale(v));
        }
        if (p.has("lossGain")) {
            double v = p.dbl("lossGain", 0);
            c = p.check("lossGain", c, cc -> cc.withLossGain(v));
        }
        if (p.has("holdoffIntervals")) {
            double v = p.dbl("holdoffIntervals", 0);
            c = p.check("holdoffIntervals", c, cc -> cc.withHoldoffIntervals(v));
        }
        if (p.has("coupleIntervals")) {
            int v = p.integer("coupleIntervals");
            c = p.check("coupleIntervals", c, cc -> cc.withCoupleIntervals(v));
        }
        sp = sp.withController(c);
        PortConfig port = sp.port();
        if (p.has("receiverCoupleIntervals")) {
            int v = p.integer("receiverCoupleIntervals");
            port = p.check("receiverCoupleIntervals", port, pc -> pc.withCoupleIntervals(v));
        }
        if (p.has("sparseReportIntervals")) {
            int v = p.integer("sparseReportIntervals");
            port = p.check("sparseReportIntervals", port, pc -> pc.withSparseReportIntervals(v));
        }
        if (p.has("queueBytesPerTunnel")) {
            int v = p.integer("queueBytesPerTunnel");
            port = p.check("queueBytesPerTunnel", port, pc -> pc.withQueueBytesPerTunnel(v));
        }
        if (p.has("pacingJitterUs")) {
            long v = p.timePs("pacingJitterUs", Time::ofMicros);
            port = p.check("pacingJitterUs", port, pc -> pc.withPacingJitterPs(v));
        }
        if (p.has("reorderTolerance")) {
            int v = p.integer("reorderTolerance");
            port = p.check("reorderTolerance", port, pc -> pc.withReorderTolerance(v));
        }
        if (p.has("fallback")) {
            Fallback v = p.str("fallback", "encapsulate", List.of("encapsulate", "passuntracked")).equals("encapsulate")
                    ? Fallback.ENCAPSULATE : Fallback.PASS_UNTRACKED;
            port = port.withFallback(v);
        }
        sp = sp.withPort(port);
        if (p.has("stamping")) {
            sp = sp.withMode(p.str("stamping", "bitstealing", List.of("bitstealing", "encapsulation"))
                    .equals("encapsulation") ? HeaderMode.ENCAPSULATION : HeaderMode.BIT_STEALING);
        }
        if (p.has("cost")) {
            sp = sp.withCost(p.str("cost", "free", List.of("free", "prototype")).equals("prototype")
                    ? HypervisorCostModel.prototype1GbE() : HypervisorCostModel.FREE);
        }
        if (p.has("detection")) {
            boolean on = p.str("detection", "true", List.of("true", "false")).equals("true");
            DetectorConfig d = sp.detector();
            sp = sp.withDetector(d.withEnabled(on));
        }
        DetectorConfig d = sp.detector();
        if (p.has("detectionIntervals") || p.has("detectionIntervalsPerCut") || p.has("detectionMinRateMbps")) {
            int streak = p.has("detectionIntervals") ? p.integer("detectionIntervals") : d.congestedIntervals();
            int perCut = p.has("detectionIntervalsPerCut") ? p.integer("detectionIntervalsPerCut")
                    : d.intervalsPerCut();
            long minRate = p.has("detectionMinRateMbps") ? Math.round(p.dbl("detectionMinRateMbps", 0) * 1e6)
                    : d.minSuspectRateBps();
            String key = p.has("detectionIntervals") ? "detectionIntervals"
                    : p.has("detectionIntervalsPerCut") ? "detectionIntervalsPerCut" : "detectionMinRateMbps";
            d = p.check(key, d, x -> x.withStreak(streak, perCut, minRate));
            sp = sp.withDetector(d);
        }
        if (p.has("detectionShareMargin") || p.has("detectionCongestionMemoryIntervals")) {
            double margin = p.has("detectionShareMargin") ? p.dbl("detectionShareMargin", 0) : d.shareMargin();
            int memory = p.has("detectionCongestionMemoryIntervals") ? p.integer("detectionCongestionMemoryIntervals")
                    : d.congestionMemoryIntervals();
            String key = p.has("detectionShareMargin") ? "detectionShareMargin" : "detectionCongestionMemoryIntervals";
            d = p.check(key, d, x -> x.withShareRule(margin, memory));
            sp = sp.withDetector(d);
        }
        if (p.has("coupleAtOwnReport")) {
            boolean v = p.str("coupleAtOwnReport", "false", List.of("true", "false")).equals("true");
            sp = sp.withController(sp.controller().withCoupleAtOwnReport(v));
        }
        TelemetryConfig tc = sp.telemetry();
        for (String key : List.of("telemetryIntervalMs", "telemetryDelayMs", "telemetryGain")) {
            if (p.has(key) && !tc.enabled()) {
                throw new SchemeParamException("seawall", key, "applies to feedback: ecn-bottleneck only (feedback is "
                        + (p.has("feedback") ? p.str("feedback", "loss", List.of("loss", "ecn", "ecn-bottleneck"))
                        : "loss") + ")");
            }
        }
        if (p.has("telemetryIntervalMs")) {
            long v = p.timePs("telemetryIntervalMs", Time::ofMillis);
            tc = p.check("telemetryIntervalMs", tc, t -> t.withIntervalPs(v));
        }
        if (p.has("telemetryDelayMs")) {
            long v = p.timePs("telemetryDelayMs", Time::ofMillis);
            tc = p.check("telemetryDelayMs", tc, t -> t.withDelayPs(v));
        }
        if (p.has("telemetryGain")) {
            double v = p.dbl("telemetryGain", 0);
            tc = p.check("telemetryGain", tc, t -> t.withGain(v));
        }
        sp = sp.withTelemetry(tc);
        if (p.has("filterDelayMs")) {
            sp = sp.withFilterDelayPs(p.timePs("filterDelayMs", Time::ofMillis));
        }
        return sp;
    }

    /** Reads string parameters, remembering which were used so that typos are errors. */
    private static final class Params {
        private final String scheme;
        private final Map<String, String> values;
        private final List<String> used = new ArrayList<>();

        Params(String scheme, Map<String, String> values) {
            this.scheme = scheme;
            this.values = values;
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        private String raw(String key) {
            used.add(key);
            return values.get(key);
        }

        String str(String key, String dflt, List<String> allowed) {
            String v = raw(key);
            if (v == null) {
                return dflt;
            }
            String l = v.toLowerCase(Locale.ROOT);
            if (!allowed.contains(l)) {
                throw new SchemeParamException(scheme, key, "expected one of " + String.join(", ", allowed)
                        + ", got '" + v + "'");
            }
            return l;
        }

        double dbl(String key, double dflt) {
            String v = raw(key);
            if (v == null) {
                return dflt;
            }
            try {
                double d = Double.parseDouble(v);
                if (!(d >= 0) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new SchemeParamException(scheme, key, "expected a number >= 0, got '" + v + "'");
            }
        }

        /**
         * A non-negative time in this key's unit, converted to picoseconds by {@code toPs}; a value the clock cannot
         * hold is refused naming this key, like every other bad value (the conversion's own error names no key).
         */
        long timePs(String key, java.util.function.DoubleToLongFunction toPs) {
            double v = dbl(key, 0);
            try {
                return toPs.applyAsLong(v);
            } catch (IllegalArgumentException e) {
                throw new SchemeParamException(scheme, key, e.getMessage() + " (value '" + values.get(key) + "')");
            }
        }

        /** A non-negative int; the model's record checks the key's own range. */
        int integer(String key) {
            long v = lng(key, 0);
            if (v > Integer.MAX_VALUE) {
                throw new SchemeParamException(scheme, key, "expected an integer in [0, " + Integer.MAX_VALUE
                        + "], got '" + values.get(key) + "'");
            }
            return (int) v;
        }

        /** Applies a change whose model record validates it, naming this key when the record refuses it. */
        <T> T check(String key, T current, java.util.function.UnaryOperator<T> change) {
            try {
                return change.apply(current);
            } catch (IllegalArgumentException e) {
                throw new SchemeParamException(scheme, key, e.getMessage() + " (value '" + values.get(key) + "')");
            }
        }

        /**
         * A queue limit in bytes: 0 (the buffer it defaults to) or room for one full frame (1538 wire bytes); a
         * smaller queue would drop every full-size packet and the run would deliver nothing.
         */
        long queueBytes(String key, long dflt) {
            long x = lng(key, dflt);
            if (x > 0 && x < Ethernet.wireBytes(Ethernet.MTU_BYTES)) {
                throw new SchemeParamException(scheme, key, "must hold one full frame (at least "
                        + Ethernet.wireBytes(Ethernet.MTU_BYTES)
                        + " bytes) or be 0 for the buffer it defaults to, got " + x);
            }
            return x;
        }

        long lng(String key, long dflt) {
            String v = raw(key);
            if (v == null) {
                return dflt;
            }
            try {
                long x = Long.parseLong(v);
                if (x < 0) {
                    throw new NumberFormatException();
                }
                return x;
            } catch (NumberFormatException e) {
                throw new SchemeParamException(scheme, key, "expected an integer >= 0, got '" + v + "'");
            }
        }

        void rejectUnused() {
            List<String> known = new ArrayList<>(PARAMS.getOrDefault(scheme, Map.of()).keySet());
            for (String k : values.keySet()) {
                if (!used.contains(k) && !(scheme.equals("ratelimit") && k.startsWith("rateMbps."))) {
                    throw SchemeParamException.whole(scheme, k, "schemeParams." + scheme + ": unknown parameter '" + k + "'"
                            + Binder.didYouMean(k, known) + (known.isEmpty() ? " (this scheme takes none)"
                                    : " (parameters: " + String.join(", ", known) + ")"));
                }
            }
        }
    }
}
