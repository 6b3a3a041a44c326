package org.seawallsim.scenario.scheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.seawallsim.scenario.yaml.Spelling;
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
 * Each scheme's parameters as a scenario file gives them (strings under {@code schemeParams.<scheme>}), read into
 * the models' config records. Its own package, below both the scenario model (whose loader reports every
 * parameter problem with the file's others) and the runner (which builds the scheme), and depending on neither.
 */
public final class SchemeConfigs {
    private SchemeConfigs() {
    }

    /** Parameter name to meaning, per scheme (the scenario-file face of each scheme's config record). */
    public static final Map<String, Map<String, String>> PARAMS = new LinkedHashMap<>();

    static {
        PARAMS.put("tcp", Map.of());
        Map<String, String> rl = new LinkedHashMap<>();
        // The policer decides as a packet enters a switch but meters the egress port's bucket by default, and
        // counts its drops on that link: "drop at switch ingress" beside "egress (default)" read as a contradiction.
        rl.put("mode", "policer (default: a packet above its tenant's rate is dropped as it enters a switch; "
                + "placement says which port's bucket meters it) or shaper (queue per tenant at switch egress)");
        rl.put("placement", "policer only: egress (default: one bucket per switch egress port and tenant; drops are "
                + "counted on that outgoing link) or ingress (one per switch ingress port and tenant; drops counted "
                + "on the incoming link)");
        rl.put("burstBytes", "bucket depth in wire bytes; 0 (default) = rate x burstTimeUs, at least two frames");
        rl.put("burstTimeUs", "bucket depth as time at the bucket's rate, in microseconds (default 1000: deeper buckets"
                + " let slow-start bursts overflow downstream buffers)");
        rl.put("shaperQueueBytes", "shaper only: per-tenant queue limit; 0 (default): none beyond the port buffer, "
                + "which the tenant queues share (longest queue drop)");
        rl.put("rateMbps.<tenant>", "explicit rate of a tenant (all its VMs together) in Mbit/s (default: the "
                + "tenant's weight, the sum of its sending VMs' weights, over all tenants' weights counted the same "
                + "way, times each port's rate; a tenant with no sending VM counts 0)");
        PARAMS.put("ratelimit", rl);
        Map<String, String> drr = new LinkedHashMap<>();
        drr.put("queuesPerPort", "per-tenant queues per switch port (default 8); more tenants share queues");
        drr.put("mapping", "static (tenant id mod queues, default) or hashed");
        drr.put("baseQuantumBytes", "DRR quantum of the lightest tenant queue on a port, in wire bytes (default 1538)"
                + "; the others scale with their weight on that port: the weights of the tenant's sending VMs whose"
                + " flows cross the port, each times the fraction of its flows there (as routed, ECMP included; "
                + "acknowledgements do not count)");
        drr.put("queueBytes", "per-queue limit in bytes; 0 (default) = none but the port buffer, which the port's"
                + " queues share (when it is full, the longest queue drops its newest packet)");
        PARAMS.put("drr", drr);
        Map<String, String> sw = new LinkedHashMap<>();
        sw.put("intervalUs", "control interval T in microseconds, 10..400000 (default " + SeawallParams.defaults().controller()
                .intervalPs() / 1_000_000 + "); weights hold only while T is at least half the bottleneck queue's delay"
                + " (bufferBytes / rate, or the ECN threshold's under ECN): shorter, the run notes it");
        sw.put("increase", "additive (default) or cubic (the 'faster increase')");
        sw.put("alphaMbps", "additive increase per interval at weight 1, Mbit/s (default 5 loss-driven, 3 ECN-driven:"
                + " N weight units of unequal weights on a link of rate C follow them while N x alpha x (holdoff + 2)"
                + " <= beta x C, 2 intervals for the report; a run notes a link beyond it)");
        sw.put("beta", "multiplicative decrease: the fraction of its rate a tunnel loses at each cut, in (0, 1) "
                + "(rate x (1 - beta); default 0.2 loss-driven, 0.1 ECN-driven; 0.99 cuts to 1 %)");
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
                + " (default 20, at most 1000: exactly periodic pacing phase-locks with a full drop-tail queue); the"
                + " rate holds whatever the jitter: while packets wait, a tunnel's bucket keeps two frames plus what"
                + " its rate accrues over the jitter, so a late wake-up sends that at once (at 1000 us, bursts of"
                + " 13-40 frames at 160-480 Mbit/s, which keep weights less well)");
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
        sw.put("feedback", "loss (default: sequence-gap losses, and the CE marks switches set on guests' own "
                + "ECN-capable packets (dctcp, ecn: true), which count as losses do), ecn (the hypervisor makes "
                + "packets ECN-capable and "
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
        qcn.put("rlQueueBytes", "limit of each NIC rate limiter's queue, bytes; 0 (default) = none but the NIC"
                + " buffer, which the NIC's FIFO and limiters share (when it is full, the longest queue drops its"
                + " newest packet)");
        PARAMS.put("qcn", qcn);
    }

    /** Schemes this build can run. */
    public static List<String> available() {
        return List.of("tcp", "seawall", "ratelimit", "drr", "qcn");
    }

    /** The scheme (null when this build lacks one of that name) and every problem of its parameters. */
    public record Built(IsolationScheme scheme, List<SchemeParamException> problems) {
    }

    /**
     * The scheme {@code name} with {@code params}, and every problem with them, not only the first, so that the
     * loader reports them all at once. {@code tenants}, when not null, are the scenario's tenants that have VMs (a
     * rate limiter's explicit rates must name one of them). A scheme this build lacks has no parameter problems:
     * its name is checked where it is chosen.
     */
    public static Built build(String name, Map<String, String> params, Set<String> tenants) {
        if (!available().contains(name)) {
            return new Built(null, List.of());
        }
        Params p = new Params(name, params == null ? Map.of() : params);
        IsolationScheme s = build(p);
        if (name.equals("ratelimit") && tenants != null) {
            for (String k : p.values.keySet()) {
                String tenant = k.startsWith("rateMbps.") ? k.substring("rateMbps.".length()) : null;
                if (tenant != null && !tenants.contains(tenant)) {
                    p.problems.add(new SchemeParamException(name, k, "no tenant '" + tenant + "' with VMs in this "
                            + "scenario" + Spelling.didYouMean(tenant, new ArrayList<>(tenants)) + " (tenants: "
                            + String.join(", ", new TreeSet<>(tenants)) + ")"));
                }
            }
        }
        return new Built(s, List.copyOf(p.problems));
    }

    private static IsolationScheme build(Params p) {
        String name = p.scheme;
        Map<String, String> params = p.values;
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
                long burst = p.lng("burstBytes", 0);
                c = c.withBurstBytes(p.ensure("burstBytes", burst, burst == 0 || burst >= FRAME_BYTES,
                        "0 (rate x burstTimeUs) or at least one full frame, " + FRAME_BYTES + " wire bytes", 0L));
                if (p.has("burstTimeUs")) {
                    long ps = p.timePs("burstTimeUs", Time::ofMicros);
                    c = c.withBurstTimePs(p.ensure("burstTimeUs", ps, ps > 0, "a time > 0 us",
                            RateLimitConfig.DEFAULT_BURST_TIME_PS));
                }
                c = c.withShaperQueueBytes(p.queueBytes("shaperQueueBytes", 0));
                Map<String, Long> rates = new LinkedHashMap<>();
                for (String k : params.keySet()) {
                    if (k.startsWith("rateMbps.")) {
                        long bps = Math.round(p.dbl(k, 0) * 1e6);
                        if (bps <= 0) {
                            p.problems.add(new SchemeParamException("ratelimit", k, "a tenant's rate must be at least "
                                    + "1 bit/s (1e-6 Mbit/s); leave it out for its weight's share, got "
                                    + params.get(k)));
                            continue;
                        }
                        rates.put(k.substring("rateMbps.".length()), bps);
                    }
                }
                c = c.withRates(rates);
                s = new RateLimitScheme(c);
            }
            case "drr" -> {
                DrrConfig c = DrrConfig.defaults();
                long queues = p.lng("queuesPerPort", DrrConfig.DEFAULT_QUEUES_PER_PORT);
                c = c.withQueuesPerPort((int) (long) p.ensure("queuesPerPort", queues, queues >= 1 && queues <= 1024,
                        "an integer in [1, 1024]", (long) DrrConfig.DEFAULT_QUEUES_PER_PORT));
                c = c.withMapping(p.str("mapping", "static", List.of("static", "hashed")).equals("hashed")
                        ? DrrConfig.Mapping.HASHED : DrrConfig.Mapping.STATIC);
                long quantum = p.lng("baseQuantumBytes", DrrConfig.DEFAULT_BASE_QUANTUM_BYTES);
                c = c.withBaseQuantumBytes(p.ensure("baseQuantumBytes", quantum, quantum >= 64,
                        "at least 64 bytes (one minimum frame)", (long) DrrConfig.DEFAULT_BASE_QUANTUM_BYTES));
                c = c.withQueueBytes(p.queueBytes("queueBytes", 0));
                s = new DrrScheme(c);
            }
            case "qcn" -> s = new QcnScheme(qcn(p));
            default -> throw new IllegalStateException("scheme '" + name + "' is listed as available but not built");
        }
        p.rejectUnused();
        return s;
    }

    private static final long FRAME_BYTES = Ethernet.wireBytes(Ethernet.MTU_BYTES);

    /**
     * An integer parameter as written: digits, or a whole number in any decimal form (2.6e4, 26000.0), as the
     * scenario body takes integer fields since session 17 (schemeParams refused '2.6e4' while topology.bufferBytes
     * took '1.5e5'). Read exactly (BigDecimal), so no double rounds it.
     *
     * @throws NumberFormatException when it is not a whole number within a long
     */
    public static long wholeNumber(String text) {
        String t = text.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notDigits) {
            try {
                return new java.math.BigDecimal(t).stripTrailingZeros().longValueExact();
            } catch (ArithmeticException notWhole) {
                throw new NumberFormatException(text);
            }
        }
    }

    /**
     * A parameter's text as the schemes' readers take it, for finding one value written two ways in a sweep axis: a
     * number by its value (0.2 and 0.20, 500 and 0.5e3, 26000 and 2.6e4 are one; a whole number exactly, as the
     * integer readers take it, another as the double it parses to), a name in lower case (every reader of a named
     * value ignores case: usage and Usage are one). Meaningful for a text the reader accepted.
     */
    public static Object reading(String text) {
        String t = text.trim();
        try {
            java.math.BigDecimal exact = new java.math.BigDecimal(t).stripTrailingZeros();
            return exact.scale() <= 0 ? exact : Double.valueOf(exact.doubleValue());
        } catch (NumberFormatException notDecimal) {
            try {
                // The double readers take Java's forms too (1e3d, 0x1p3); -0.0 and 0.0 are refused or read alike.
                double d = Double.parseDouble(t);
                return d == StrictMath.rint(d) && Math.abs(d) < 0x1p63 ? java.math.BigDecimal.valueOf(d)
                        .stripTrailingZeros() : Double.valueOf(d);
            } catch (NumberFormatException notNumber) {
                return text.toLowerCase(Locale.ROOT);
            }
        }
    }

    private static QcnConfig qcn(Params p) {
        QcnCpConfig d = QcnCpConfig.defaults();
        long qeq = p.lng("qeqBytes", d.qeqBytes());
        long w = p.lng("w", d.w());
        long sampleBase = p.lng("sampleBaseBytes", d.sampleBaseBytes());
        double jitter = p.dbl("jitterFraction", d.jitterFraction());
        QcnCpConfig cp = new QcnCpConfig(
                p.ensure("qeqBytes", qeq, qeq >= 1, "at least 1 byte", d.qeqBytes()),
                (int) (long) p.ensure("w", w, w <= 64, "an integer in [0, 64]", (long) d.w()),
                p.ensure("sampleBaseBytes", sampleBase, sampleBase >= 1600, "at least 1600 bytes (one full frame "
                        + "per sample)", d.sampleBaseBytes()),
                p.ensure("jitterFraction", jitter, jitter < 1, "a fraction in [0, 1)", d.jitterFraction()));
        QcnRpConfig r = QcnRpConfig.defaults();
        long gd = p.lng("gdLog2", r.gdLog2());
        double maxDecrease = p.dbl("maxDecrease", r.maxDecrease());
        long byteCounter = p.lng("byteCounterBytes", r.byteCounterBytes());
        long timer = p.has("timerMs") ? p.timePs("timerMs", Time::ofMillis) : r.timerPs();
        long cycles = p.lng("fastRecoveryCycles", r.fastRecoveryCycles());
        QcnRpConfig rp = new QcnRpConfig(
                (int) (long) p.ensure("gdLog2", gd, gd >= 1 && gd <= 30, "an integer in [1, 30]", (long) r.gdLog2()),
                p.ensure("maxDecrease", maxDecrease, maxDecrease > 0 && maxDecrease < 1, "a fraction in (0, 1)",
                        r.maxDecrease()),
                p.ensure("byteCounterBytes", byteCounter, byteCounter >= 1600, "at least 1600 bytes",
                        r.byteCounterBytes()),
                p.ensure("timerMs", timer, timer > 0, "a time > 0 ms", r.timerPs()),
                (int) (long) p.ensure("fastRecoveryCycles", cycles, cycles >= 1 && cycles <= Integer.MAX_VALUE,
                        "an integer >= 1", (long) r.fastRecoveryCycles()),
                p.rateBps("aiRateMbps", r.aiRateBps()),
                p.rateBps("haiRateMbps", r.haiRateBps()),
                p.rateBps("minRateMbps", r.minRateBps()),
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
            c = p.check("intervalUs", "a time in [10, 400000] us (below the 16-bit sequence number's wrap)", c, cc -> cc.withIntervalPs(v));
        }
        if (p.has("increase")) {
            c = c.withIncrease(p.str("increase", "additive", List.of("additive", "cubic")).equals("additive")
                    ? IncreaseMode.ADDITIVE : IncreaseMode.CUBIC);
        }
        if (p.has("alphaMbps")) {
            double v = p.dbl("alphaMbps", 0) * 1e6;
            c = p.check("alphaMbps", "a rate > 0 Mbit/s", c, cc -> cc.withAlphaBps(v));
        }
        if (p.has("beta")) {
            double v = p.dbl("beta", 0);
            c = p.check("beta", "a fraction in (0, 1)", c, cc -> cc.withBeta(v));
        }
        if (p.has("split")) {
            String v = p.str("split", "usage", List.of("usage", "equal", "none"));
            c = c.withSplit(v.equals("none") ? WeightSplit.NONE : v.equals("equal") ? WeightSplit.EQUAL
                    : WeightSplit.USAGE);
        }
        if (p.has("initialRateMbps")) {
            long v = Math.round(p.dbl("initialRateMbps", 0) * 1e6);
            // The ceiling is each host's NIC rate (SeawallShim sets it, and starts a tunnel asked to start above it
            // at it), so a 10 GbE host may start at 5 Gb/s; the 1 Gb/s default ceiling must not refuse that here.
            c = p.check("initialRateMbps", "0 (the NIC rate) or a rate >= " + c.minRateBps() / 1e6
                    + " Mbit/s", c, cc -> cc.withMaxRateBps(Math.max(cc.maxRateBps(), v)).withInitialRateBps(v));
        }
        if (p.has("cubicScaleBpsPerS3")) {
            double v = p.dbl("cubicScaleBpsPerS3", 0);
            c = p.check("cubicScaleBpsPerS3", "a number > 0", c, cc -> cc.withCubicScale(v));
        }
        if (p.has("lossGain")) {
            double v = p.dbl("lossGain", 0);
            c = p.check("lossGain", "a number >= 0 (0 = a fixed cut of beta)", c, cc -> cc.withLossGain(v));
        }
        if (p.has("holdoffIntervals")) {
            double v = p.dbl("holdoffIntervals", 0);
            c = p.check("holdoffIntervals", "a number of intervals in [0, 1000]", c, cc -> cc.withHoldoffIntervals(v));
        }
        if (p.has("coupleIntervals")) {
            int v = p.integer("coupleIntervals");
            c = p.check("coupleIntervals", "an integer >= 0 (0 = off)", c, cc -> cc.withCoupleIntervals(v));
        }
        sp = sp.withController(c);
        PortConfig port = sp.port();
        if (p.has("receiverCoupleIntervals")) {
            int v = p.integer("receiverCoupleIntervals");
            port = p.check("receiverCoupleIntervals", "an integer >= 0 (0 = off)", port, pc -> pc.withCoupleIntervals(v));
        }
        if (p.has("sparseReportIntervals")) {
            int v = p.integer("sparseReportIntervals");
            port = p.check("sparseReportIntervals", "an integer in [1, 4] (1 = a report every interval; the "
                    + "sender takes 5 silent intervals for congestion)", port, pc -> pc.withSparseReportIntervals(v));
        }
        if (p.has("queueBytesPerTunnel")) {
            int v = p.integer("queueBytesPerTunnel");
            port = p.check("queueBytesPerTunnel", "at least 1600 bytes (one full packet)", port, pc -> pc.withQueueBytesPerTunnel(v));
        }
        if (p.has("pacingJitterUs")) {
            long v = p.timePs("pacingJitterUs", Time::ofMicros);
            port = p.check("pacingJitterUs", "a time in [0, 1000] us", port, pc -> pc.withPacingJitterPs(v));
        }
        if (p.has("reorderTolerance")) {
            int v = p.integer("reorderTolerance");
            port = p.check("reorderTolerance", "an integer in [0, 32] packets", port, pc -> pc.withReorderTolerance(v));
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
        // The streak is meant as 150 ms of congestion (30 honest cuts at 1-ms intervals); counted in intervals it
        // shrank with a shorter intervalUs: at 200 us, 30 ms, in which honest VMs of weight 0.25 behind an 8-ms
        // queue could not yet cut their way down from a 10 GbE NIC's rate and were all reported at 41 ms. Shorter
        // intervals keep the streak's time (longer ones keep its 150 intervals).
        if (p.has("intervalUs") && !p.has("detectionIntervals")) {
            long intervalPs = sp.controller().intervalPs();
            long streakPs = d.congestedIntervals() * Time.ofMillis(1);
            int streak = (int) Math.max(d.congestedIntervals(), (streakPs + intervalPs - 1) / intervalPs);
            d = d.withStreak(streak, d.intervalsPerCut(), d.minSuspectRateBps());
            sp = sp.withDetector(d);
        }
        if (p.has("detectionIntervals") || p.has("detectionIntervalsPerCut") || p.has("detectionMinRateMbps")) {
            int streak = p.has("detectionIntervals") ? p.integer("detectionIntervals") : d.congestedIntervals();
            int perCut = p.has("detectionIntervalsPerCut") ? p.integer("detectionIntervalsPerCut")
                    : d.intervalsPerCut();
            long minRate = p.has("detectionMinRateMbps") ? Math.round(p.dbl("detectionMinRateMbps", 0) * 1e6)
                    : d.minSuspectRateBps();
            // The key to blame: the one whose own value is out of range, else the one the others are judged by.
            String key = streak < 2 || (perCut > streak && !p.has("detectionIntervalsPerCut")) ? "detectionIntervals"
                    : perCut < 1 || perCut > streak ? "detectionIntervalsPerCut" : "detectionMinRateMbps";
            d = p.check(key, key.equals("detectionIntervalsPerCut") ? "an integer in [1, detectionIntervals = "
                    + streak + "]" : key.equals("detectionIntervals") ? "an integer >= 2, and >= detectionIntervalsPerCut"
                    + " (" + perCut + ")" : "a rate >= 0 Mbit/s", d, x -> x.withStreak(streak, perCut, minRate));
            sp = sp.withDetector(d);
        }
        if (p.has("detectionShareMargin") || p.has("detectionCongestionMemoryIntervals")) {
            double margin = p.has("detectionShareMargin") ? p.dbl("detectionShareMargin", 0) : d.shareMargin();
            int memory = p.has("detectionCongestionMemoryIntervals") ? p.integer("detectionCongestionMemoryIntervals")
                    : d.congestionMemoryIntervals();
            String key = memory < 1 ? "detectionCongestionMemoryIntervals" : "detectionShareMargin";
            d = p.check(key, key.equals("detectionShareMargin") ? "a number >= 0 (0 = rule 3 off)"
                    : "an integer >= 1", d, x -> x.withShareRule(margin, memory));
            sp = sp.withDetector(d);
        }
        if (p.has("coupleAtOwnReport")) {
            boolean v = p.str("coupleAtOwnReport", "false", List.of("true", "false")).equals("true");
            sp = sp.withController(sp.controller().withCoupleAtOwnReport(v));
        }
        TelemetryConfig tc = sp.telemetry();
        for (String key : List.of("telemetryIntervalMs", "telemetryDelayMs", "telemetryGain")) {
            if (p.has(key) && !tc.enabled()) {
                // Unless the mode itself was refused: then that is the problem, not the mode it fell back to.
                if (!p.failed("feedback")) {
                    p.fail(key, "applies to feedback: ecn-bottleneck only (feedback is " + (p.has("feedback")
                            ? p.str("feedback", "loss", List.of("loss", "ecn", "ecn-bottleneck")) : "loss") + ")");
                }
                p.used.add(key);
            }
        }
        if (p.has("telemetryIntervalMs") && tc.enabled()) {
            long v = p.timePs("telemetryIntervalMs", Time::ofMillis);
            tc = p.check("telemetryIntervalMs", "a time in [0.1, 10000] ms", tc, t -> t.withIntervalPs(v));
        }
        if (p.has("telemetryDelayMs") && tc.enabled()) {
            long v = p.timePs("telemetryDelayMs", Time::ofMillis);
            tc = p.check("telemetryDelayMs", "a time in [0, 10000] ms", tc, t -> t.withDelayPs(v));
        }
        if (p.has("telemetryGain") && tc.enabled()) {
            double v = p.dbl("telemetryGain", 0);
            tc = p.check("telemetryGain", "a fraction in (0, 1]", tc, t -> t.withGain(v));
        }
        sp = sp.withTelemetry(tc);
        if (p.has("filterDelayMs")) {
            sp = sp.withFilterDelayPs(p.timePs("filterDelayMs", Time::ofMillis));
        }
        return sp;
    }

    /**
     * Reads string parameters, remembering which were used so that typos are errors. A bad value is recorded in
     * {@link #problems} and read as its default, so that one pass finds every problem.
     */
    private static final class Params {
        private final String scheme;
        private final Map<String, String> values;
        private final List<String> used = new ArrayList<>();
        private final List<SchemeParamException> problems = new ArrayList<>();
        /**
         * Keys refused by a generic reader ("an integer >= 0"): the range check that follows states the key's own
         * range instead, so -5 and 0 for a minimum of 64 both say "at least 64". Each with why the reader refused a
         * value the range alone does not explain ("" for a value below it): 100.5 for a minimum of 1 byte said only
         * "expected at least 1 byte".
         */
        private final Map<String, String> refusedByReader = new java.util.HashMap<>();

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

        void fail(String key, String detail) {
            // One problem per key: a value refused by its reader is not also judged by a later range check.
            for (SchemeParamException e : problems) {
                if (e.key().equals(key)) {
                    return;
                }
            }
            problems.add(new SchemeParamException(scheme, key, detail));
        }

        boolean failed(String key) {
            for (SchemeParamException e : problems) {
                if (e.key().equals(key)) {
                    return true;
                }
            }
            return false;
        }

        /** Replaces a generic reader's problem with this key's own range ({@code allowed}), if there is one. */
        private boolean restated(String key, String allowed) {
            String reader = refusedByReader.remove(key);
            if (reader == null) {
                return false;
            }
            for (int i = 0; i < problems.size(); i++) {
                if (problems.get(i).key().equals(key)) {
                    problems.set(i, new SchemeParamException(scheme, key, "expected " + allowed
                            + (reader.isEmpty() ? "" : ", " + reader) + ", got '" + values.get(key) + "'"));
                }
            }
            return true;
        }

        /** {@code value} when {@code ok}, else a problem saying what is {@code allowed}, and {@code dflt}. */
        <T> T ensure(String key, T value, boolean ok, String allowed, T dflt) {
            if (restated(key, allowed)) {
                return dflt;
            }
            if (ok || failed(key)) {
                return ok ? value : dflt;
            }
            fail(key, "expected " + allowed + ", got '" + values.get(key) + "'");
            return dflt;
        }

        String str(String key, String dflt, List<String> allowed) {
            String v = raw(key);
            if (v == null) {
                return dflt;
            }
            String l = v.toLowerCase(Locale.ROOT);
            if (!allowed.contains(l)) {
                fail(key, "expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
                return dflt;
            }
            return l;
        }

        double dbl(String key, double dflt) {
            return nonNegative(key, dflt, Double::parseDouble, "a number >= 0");
        }

        /** A rate given in Mbit/s, in bit/s: at least 1 bit/s. */
        long rateBps(String key, long dflt) {
            if (!has(key)) {
                return dflt;
            }
            long bps = Math.round(dbl(key, 0) * 1e6);
            return ensure(key, bps, bps >= 1, "a rate > 0 Mbit/s (at least 1e-6)", dflt);
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
                fail(key, "expected a time the clock can hold (it counts picoseconds, up to about 9.2e6 s), got '"
                        + values.get(key) + "'");
                return 0;
            }
        }

        /** A non-negative int; the model's record checks the key's own range. */
        int integer(String key) {
            long v = lng(key, 0);
            if (v > Integer.MAX_VALUE) {
                fail(key, "expected an integer in [0, " + Integer.MAX_VALUE + "], got '" + values.get(key) + "'");
                refusedByReader.put(key, "at most " + Integer.MAX_VALUE);
                return 0;
            }
            return (int) v;
        }

        /**
         * Applies a change whose model record validates it; when the record refuses it, a problem naming this key
         * and what is {@code allowed}, in the file's units, and {@code current} as it was.
         */
        <T> T check(String key, String allowed, T current, java.util.function.UnaryOperator<T> change) {
            if (restated(key, allowed) || failed(key)) {
                return current;
            }
            try {
                return change.apply(current);
            } catch (IllegalArgumentException e) {
                // The record's message speaks in its own names and units (intervalPs, congestedIntervals); the
                // file's user gets the key's.
                fail(key, "expected " + allowed + ", got '" + values.get(key) + "'");
                return current;
            }
        }

        /**
         * A queue limit in bytes: 0 (the buffer it defaults to) or room for one full frame (1538 wire bytes); a
         * smaller queue would drop every full-size packet and the run would deliver nothing.
         */
        long queueBytes(String key, long dflt) {
            long x = lng(key, dflt);
            if (x > 0 && x < FRAME_BYTES) {
                fail(key, "must hold one full frame (at least " + FRAME_BYTES
                        + " bytes) or be 0 for the buffer it defaults to, got " + x);
                return dflt;
            }
            return x;
        }

        /** Why a reader refused {@code v} beyond a range's minimum, or "" when the range says it (-5, abc). */
        private static String whyRefused(String v, boolean integer) {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return "";
            }
            if (Double.isNaN(d) || d < 0) {
                return "";
            }
            if (Double.isInfinite(d) || integer && d > Long.MAX_VALUE) {
                return "at most " + (integer ? Long.toString(Long.MAX_VALUE) : "a finite number");
            }
            if (integer && d != StrictMath.rint(d)) {
                return "a whole number";
            }
            return ""; // a whole number within a long is read (wholeNumber), whatever its form
        }

        long lng(String key, long dflt) {
            return nonNegative(key, dflt, SchemeConfigs::wholeNumber, "an integer >= 0");
        }

        /** The key's value parsed, when it is a finite number >= 0; else a problem and {@code dflt}. */
        private <T extends Number> T nonNegative(String key, T dflt, java.util.function.Function<String, T> parse,
                                                 String allowed) {
            String v = raw(key);
            if (v == null) {
                return dflt;
            }
            try {
                T x = parse.apply(v);
                if (!(x.doubleValue() >= 0) || Double.isInfinite(x.doubleValue())) {
                    throw new NumberFormatException();
                }
                return x;
            } catch (NumberFormatException e) {
                if (!failed(key)) {
                    fail(key, "expected " + allowed + ", got '" + v + "'");
                    refusedByReader.put(key, whyRefused(v, allowed.startsWith("an integer")));
                }
                return dflt;
            }
        }

        void rejectUnused() {
            List<String> known = new ArrayList<>(PARAMS.getOrDefault(scheme, Map.of()).keySet());
            for (String k : values.keySet()) {
                if (!used.contains(k) && !(scheme.equals("ratelimit") && k.startsWith("rateMbps."))) {
                    problems.add(new SchemeParamException(scheme, k, "unknown parameter '"
                            + k + "'" + Spelling.didYouMean(k, known) + (known.isEmpty() ? " (this scheme takes none)"
                                    : " (parameters: " + String.join(", ", known) + ")")));
                }
            }
        }
    }
}
