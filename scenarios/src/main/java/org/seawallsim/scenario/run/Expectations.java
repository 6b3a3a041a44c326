package org.seawallsim.scenario.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seawallsim.scenario.model.Scenario;

/** Evaluates a scenario's {@code expect:} block against a run's summary.json content. */
public final class Expectations {
    private Expectations() {
    }

    /** One checked expectation: what was checked, the measured value, the range and the verdict. */
    public record Check(String what, double value, double low, double high, boolean ok) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s = %.4f, expected [%s, %s]", ok ? "ok  " : "FAIL", what, value,
                    low, high);
        }
    }

    /**
     * The checks as summary.json and --json record them: {@code what}, {@code value} (null when it has none),
     * {@code low}, {@code high} and {@code ok}, in the file's order.
     */
    public static List<Object> toJson(List<Check> checks) {
        List<Object> out = new ArrayList<>();
        for (Check c : checks) {
            java.util.Map<String, Object> v = new java.util.LinkedHashMap<>();
            v.put("what", c.what());
            // JSON has no NaN: Jackson wrote the string "NaN" where a number belongs.
            v.put("value", Double.isNaN(c.value()) ? null : c.value());
            v.put("low", c.low());
            v.put("high", c.high());
            v.put("ok", c.ok());
            out.add(v);
        }
        return out;
    }

    /** Checks the expectations that apply to the summary's scheme. */
    public static List<Check> check(Scenario sc, JsonNode summary) {
        String scheme = summary.get("scheme").asText();
        List<Check> out = new ArrayList<>();
        double total = 0;
        for (JsonNode vm : summary.get("vms")) {
            total += vm.get("goodput_bps").asDouble();
        }
        for (Scenario.Expectation e : sc.expect()) {
            if (e.scheme() != null && !e.scheme().equals(scheme)) {
                continue;
            }
            if (e.metric() != null) {
                double v = summary.get("metrics").get(e.metric()).asDouble();
                out.add(check(e.metric(), v, e.range()));
                continue;
            }
            boolean isVm = e.vm() != null;
            String name = isVm ? e.vm() : e.tenant();
            JsonNode node = null;
            for (JsonNode n : summary.get(isVm ? "vms" : "tenants")) {
                if (n.get("name").asText().equals(name)) {
                    node = n;
                }
            }
            if (node == null) {
                out.add(new Check((isVm ? "vm " : "tenant ") + name + " (missing in summary)", Double.NaN, 0, 0, false));
                continue;
            }
            double good = node.get("goodput_bps").asDouble();
            String who = (isVm ? "vm " : "tenant ") + name;
            if (e.share() != null) {
                out.add(check(who + " share", total > 0 ? good / total : 0, e.share()));
            }
            if (e.goodputMbps() != null) {
                out.add(check(who + " goodputMbps", good / 1e6, e.goodputMbps()));
            }
            if (e.ratioToIdeal() != null) {
                double ideal = node.get("ideal_bps").asDouble();
                if (ideal > 0) {
                    out.add(check(who + " ratioToIdeal", good / ideal, e.ratioToIdeal()));
                } else {
                    // A ratio to nothing has no value; reporting 0 passed [0, x] and failed [0.9, 1.1] for a reason
                    // the line did not say.
                    out.add(new Check(who + " ratioToIdeal (undefined: its ideal is 0, it offers no traffic in the "
                            + "measured interval; use goodputMbps)", Double.NaN, e.ratioToIdeal()[0],
                            e.ratioToIdeal()[1], false));
                }
            }
        }
        return out;
    }

    private static Check check(String what, double v, double[] range) {
        return new Check(what, v, range[0], range[1], v >= range[0] && v <= range[1]);
    }
}
