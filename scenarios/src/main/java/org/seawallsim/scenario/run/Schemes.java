package org.seawallsim.scenario.run;

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
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Binder;
import org.seawallsim.seawall.controller.ControllerConfig;
import org.seawallsim.seawall.controller.IncreaseMode;
import org.seawallsim.seawall.controller.WeightSplit;
import org.seawallsim.seawall.port.DetectorConfig;
import org.seawallsim.seawall.port.HeaderMode;
import org.seawallsim.seawall.port.HypervisorCostModel;
import org.seawallsim.seawall.sim.SeawallParams;
import org.seawallsim.seawall.sim.SeawallScheme;

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
        sw.put("alphaMbps", "additive increase per interval at weight 1, Mbit/s");
        sw.put("beta", "multiplicative decrease factor in (0, 1)");
        sw.put("split", "weight split across a VM's tunnels: usage (default), equal or none");
        sw.put("initialRateMbps", "initial rate of a new tunnel, Mbit/s (0 = the NIC rate)");
        sw.put("stamping", "bitStealing (default, IPv4 Identification) or encapsulation (extra header)");
        sw.put("cost", "hypervisor CPU cost model: free (default) or prototype (calibrated to 843 / 280 Mb/s)");
        sw.put("detection", "true (default) or false: destinations detect sources that ignore feedback");
        sw.put("filterDelayMs", "control-plane delay before a detected source is filtered, ms (default 10)");
        sw.put("lossGain", "if > 0, a congested interval cuts by min(beta, lossGain x fraction of packets lost or "
                + "marked); 0 (default) cuts by beta");
        sw.put("feedback", "loss (default: sequence-gap losses) or ecn (the hypervisor makes packets ECN-capable and "
                + "reports switch CE marks; needs topology.ecnThresholdBytes; beta defaults to 0.1)");
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
                    c = c.withBurstTimePs(Time.ofMicros(p.dbl("burstTimeUs", 0)));
                }
                c = c.withShaperQueueBytes(p.lng("shaperQueueBytes", 0));
                Map<String, Long> rates = new LinkedHashMap<>();
                for (String k : params == null ? List.<String>of() : params.keySet()) {
                    if (k.startsWith("rateMbps.")) {
                        rates.put(k.substring("rateMbps.".length()), Math.round(p.dbl(k, 0) * 1e6));
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
                c = c.withQueueBytes(p.lng("queueBytes", 0));
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
                p.has("timerMs") ? Time.ofMillis(p.dbl("timerMs", 0)) : r.timerPs(),
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
                p.lng("rlQueueBytes", r.rlQueueBytes()));
        return new QcnConfig(cp, rp);
    }

    private static SeawallParams seawall(Params p) {
        SeawallParams sp = SeawallParams.defaults();
        ControllerConfig c = sp.controller();
        if (p.has("intervalUs")) {
            c = c.withIntervalPs(Time.ofMicros(p.dbl("intervalUs", 0)));
        }
        if (p.has("increase")) {
            c = c.withIncrease(p.str("increase", "additive", List.of("additive", "cubic")).equals("additive")
                    ? IncreaseMode.ADDITIVE : IncreaseMode.CUBIC);
        }
        if (p.has("alphaMbps")) {
            c = c.withAlphaBps(p.dbl("alphaMbps", 0) * 1e6);
        }
        if (p.has("beta")) {
            c = c.withBeta(p.dbl("beta", 0));
        }
        if (p.has("split")) {
            String v = p.str("split", "usage", List.of("usage", "equal", "none"));
            c = c.withSplit(v.equals("none") ? WeightSplit.NONE : v.equals("equal") ? WeightSplit.EQUAL
                    : WeightSplit.USAGE);
        }
        if (p.has("lossGain")) {
            c = c.withLossGain(p.dbl("lossGain", 0));
        }
        if (p.has("initialRateMbps")) {
            c = c.withInitialRateBps(Math.round(p.dbl("initialRateMbps", 0) * 1e6));
        }
        sp = sp.withController(c);
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
            sp = sp.withDetector(new DetectorConfig(on, d.congestedIntervals(), d.intervalsPerCut(), d.beta(),
                    d.minSuspectRateBps(), d.minPackets(), d.invalidFraction()));
        }
        if (p.has("feedback")) {
            sp = sp.withEcnFeedback(p.str("feedback", "loss", List.of("loss", "ecn")).equals("ecn"),
                    p.has("beta") ? sp.controller().beta() : Double.NaN);
        }
        if (p.has("filterDelayMs")) {
            sp = sp.withFilterDelayPs(Time.ofMillis(p.dbl("filterDelayMs", 0)));
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
                throw new IllegalArgumentException("schemeParams." + scheme + "." + key + ": expected one of "
                        + String.join(", ", allowed) + ", got '" + v + "'");
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
                throw new IllegalArgumentException("schemeParams." + scheme + "." + key
                        + ": expected a number >= 0, got '" + v + "'");
            }
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
                throw new IllegalArgumentException("schemeParams." + scheme + "." + key
                        + ": expected an integer >= 0, got '" + v + "'");
            }
        }

        void rejectUnused() {
            List<String> known = new ArrayList<>(PARAMS.getOrDefault(scheme, Map.of()).keySet());
            for (String k : values.keySet()) {
                if (!used.contains(k) && !(scheme.equals("ratelimit") && k.startsWith("rateMbps."))) {
                    throw new IllegalArgumentException("schemeParams." + scheme + ": unknown parameter '" + k + "'"
                            + Binder.didYouMean(k, known) + (known.isEmpty() ? " (this scheme takes none)"
                                    : " (parameters: " + String.join(", ", known) + ")"));
                }
            }
        }
    }
}
