package org.seawallsim.seawall.sim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seawallsim.seawall.controller.ControllerConfig;
import org.seawallsim.seawall.controller.IncreaseMode;
import org.seawallsim.seawall.controller.WeightSplit;
import org.seawallsim.seawall.port.DetectorConfig;
import org.seawallsim.seawall.port.Fallback;
import org.seawallsim.seawall.port.HeaderMode;
import org.seawallsim.seawall.port.HypervisorCostModel;
import org.seawallsim.seawall.port.PortConfig;

/**
 * Scenario-file face of {@link SeawallParams}: string keys (units in the names) to the config records. Unknown keys
 * and bad values are errors naming the key. {@link #PARAMS} describes every key and its default.
 */
public final class SeawallParamsParser {
    /** Key to meaning and default, in the order {@code describe} should print them. */
    public static final Map<String, String> PARAMS = new LinkedHashMap<>();

    static {
        PARAMS.put("headerMode", "bitstealing (default) or encapsulation");
        PARAMS.put("fallback", "what bit stealing does with unstampable packets: encapsulate (default) or untracked");
        PARAMS.put("split", "weight split across destinations: usage (default), equal or none");
        PARAMS.put("increase", "additive (default) or cubic");
        PARAMS.put("intervalMs", "feedback interval T in ms (default 1)");
        PARAMS.put("alphaMbps", "additive increase per interval per unit weight, Mbit/s (default 5)");
        PARAMS.put("beta", "multiplicative cut on a congested interval (default 0.2)");
        PARAMS.put("cubicScale", "cubic constant per unit weight, bit/s per s^3 (default 4e12)");
        PARAMS.put("minRateMbps", "lowest tunnel rate, Mbit/s (default 1)");
        PARAMS.put("initialRateMbps", "rate of a new tunnel, Mbit/s; 0 = NIC rate (default 0)");
        PARAMS.put("holdoffIntervals", "intervals after a cut without another cut (default 3)");
        PARAMS.put("coupleIntervals", "sender-side shared-bottleneck coupling window, intervals; 0 = off (default 1000)");
        PARAMS.put("receiverCoupleIntervals", "receiver-side coupling window, intervals; 0 = off (default 200)");
        PARAMS.put("queueKB", "per-tunnel SW-port queue, KiB (default 256)");
        PARAMS.put("pacingJitterUs", "random delay of rate-limited departures, us (default 20)");
        PARAMS.put("reorderTolerance", "packets of reordering not counted as loss (default 3)");
        PARAMS.put("detection", "destinations report misbehaving sources: true (default) or false");
        PARAMS.put("detectIntervals", "consecutive congested intervals before an unresponsive source is reported "
                + "(default 150)");
        PARAMS.put("filterDelayMs", "accusation to active filter at the source's edge switch, ms (default 10)");
        PARAMS.put("cost", "hypervisor CPU cost model: none (default) or prototype1GbE (843 / 280 Mb/s calibration)");
    }

    private SeawallParamsParser() {
    }

    /** The scheme for a scenario's {@code schemeParams.seawall} map (null or empty = all defaults). */
    public static SeawallScheme scheme(Map<String, String> params) {
        return new SeawallScheme(parse(params));
    }

    public static SeawallParams parse(Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        Set<String> unknown = new TreeSet<>(p.keySet());
        unknown.removeAll(PARAMS.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("schemeParams.seawall: unknown key(s) " + unknown + "; known: "
                    + PARAMS.keySet());
        }
        SeawallParams d = SeawallParams.defaults();
        ControllerConfig c = d.controller();
        c = c.withSplit(WeightSplit.valueOf(choice(p, "split", "usage", "usage", "equal", "none")));
        c = c.withIncrease(IncreaseMode.valueOf(choice(p, "increase", "additive", "additive", "cubic")));
        c = c.withIntervalPs(Math.round(num(p, "intervalMs", 1) * 1e9));
        c = c.withAlphaBps(num(p, "alphaMbps", c.alphaBps() / 1e6) * 1e6);
        c = c.withBeta(num(p, "beta", c.beta()));
        c = c.withCubicScale(num(p, "cubicScale", c.cubicScaleBpsPerS3()));
        c = c.withInitialRateBps(Math.round(num(p, "initialRateMbps", 0) * 1e6));
        c = c.withCoupleIntervals((int) num(p, "coupleIntervals", c.coupleIntervals()));
        c = c.withHoldoffIntervals((int) num(p, "holdoffIntervals", c.holdoffIntervals()));
        c = c.withMinRateBps(Math.round(num(p, "minRateMbps", c.minRateBps() / 1e6) * 1e6));
        PortConfig port = d.port();
        port = port.withMode(choice(p, "headerMode", "bitstealing", "bitstealing", "encapsulation")
                .equals("BITSTEALING") ? HeaderMode.BIT_STEALING : HeaderMode.ENCAPSULATION);
        port = port.withFallback(choice(p, "fallback", "encapsulate", "encapsulate", "untracked")
                .equals("ENCAPSULATE") ? Fallback.ENCAPSULATE : Fallback.PASS_UNTRACKED);
        port = port.withCoupleIntervals((int) num(p, "receiverCoupleIntervals", port.coupleIntervals()));
        port = port.withQueueBytesPerTunnel((int) Math.round(num(p, "queueKB", port.queueBytesPerTunnel() / 1024.0)
                * 1024));
        port = port.withPacingJitterPs(Math.round(num(p, "pacingJitterUs", port.pacingJitterPs() / 1e6) * 1e6));
        port = port.withReorderTolerance((int) num(p, "reorderTolerance", port.reorderTolerance()));
        DetectorConfig det = d.detector();
        boolean detection = choice(p, "detection", "true", "true", "false").equals("TRUE");
        det = new DetectorConfig(detection, (int) num(p, "detectIntervals", det.congestedIntervals()),
                det.intervalsPerCut(), c.beta(), det.minSuspectRateBps(), det.minPackets(), det.invalidFraction());
        HypervisorCostModel cost = choice(p, "cost", "none", "none", "prototype1gbe").equals("NONE")
                ? HypervisorCostModel.FREE : HypervisorCostModel.prototype1GbE();
        long filterDelay = Math.round(num(p, "filterDelayMs", d.filterDelayPs() / 1e9) * 1e9);
        return new SeawallParams(c, port, det, cost, filterDelay);
    }

    private static String choice(Map<String, String> p, String key, String dflt, String... allowed) {
        String v = p.getOrDefault(key, dflt).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v.toUpperCase(Locale.ROOT);
            }
        }
        throw new IllegalArgumentException("schemeParams.seawall." + key + ": expected one of "
                + String.join(", ", allowed) + ", got '" + p.get(key) + "'");
    }

    private static double num(Map<String, String> p, String key, double dflt) {
        String v = p.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d) || d < 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schemeParams.seawall." + key + ": expected a non-negative number, got '"
                    + v + "'");
        }
    }
}
