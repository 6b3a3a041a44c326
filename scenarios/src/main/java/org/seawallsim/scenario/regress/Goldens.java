package org.seawallsim.scenario.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seawallsim.scenario.run.ResultsWriter;

/**
 * The committed golden values ({@code scenarios/regression/goldens.json}): per "entry/scheme" the status when they
 * were recorded, the event fingerprint and every metric. Written only by {@code regress --update}.
 */
public final class Goldens {
    /** One recorded run. {@code status} is "ok" or "unsupported" (the build had no model for it then). */
    public record Golden(String status, String reason, String fingerprint, Map<String, Double> metrics) {
        public boolean ok() {
            return status.equals("ok");
        }
    }

    private final Map<String, Golden> runs;

    public Goldens(Map<String, Golden> runs) {
        this.runs = new LinkedHashMap<>(runs);
    }

    public Map<String, Golden> runs() {
        return runs;
    }

    public Golden get(String key) {
        return runs.get(key);
    }

    public static Goldens load(Path file) {
        Map<String, Golden> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new Goldens(out);
        }
        try {
            // A run or metric written twice (a merge that kept both sides) was read with the last one winning:
            // pass or fail then hung on the order of the two.
            JsonNode root;
            try (var in = Files.newInputStream(file)) {
                root = ResultsWriter.JSON.reader()
                        .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(in);
            }
            JsonNode rs = root.get("runs");
            if (rs == null || !rs.isObject()) {
                throw new IllegalArgumentException("golden file " + file + ": expected an object 'runs'");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = rs.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                out.put(f.getKey(), golden(file, f.getKey(), f.getValue()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("golden file " + file + ": " + invalidJson(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("golden file " + file + ": " + e.getMessage());
        }
        return new Goldens(out);
    }

    /**
     * One run's golden, checked field by field. Jackson's lenient readers coerced damage into numbers that compare:
     * a string or a list metric read as 0 (a FAIL against 0), {@code true} as 1.0 (an OK), a number as fingerprint
     * was accepted and an unknown status made every metric NEW. Only what {@link #save} writes is accepted.
     */
    private static Golden golden(Path file, String run, JsonNode g) {
        String where = "golden file " + file + ": run '" + run + "'";
        if (!g.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object with status, fingerprint and metrics, "
                    + "got " + kind(g));
        }
        JsonNode st = g.get("status");
        if (st == null || !st.isTextual() || !(st.asText().equals("ok") || st.asText().equals("unsupported"))) {
            throw new IllegalArgumentException(where + ", field 'status': expected \"ok\" or \"unsupported\", got "
                    + (st == null ? "nothing" : st.toString()));
        }
        boolean ok = st.asText().equals("ok");
        JsonNode reason = g.get("reason");
        if (reason != null && !reason.isTextual()) {
            throw new IllegalArgumentException(where + ", field 'reason': expected a string, got " + kind(reason));
        }
        JsonNode fp = g.get("fingerprint");
        // Exactly 16: a truncated fingerprint only ever gave a non-failing FINGERPRINT-CHANGED, the check off.
        if (ok && (fp == null || !fp.isTextual() || !fp.asText().matches("[0-9a-f]{16}"))) {
            throw new IllegalArgumentException(where + ", field 'fingerprint': expected a string of 16 hex digits, got "
                    + (fp == null ? "nothing" : fp.isTextual() ? fp.toString() : kind(fp)));
        }
        Map<String, Double> m = new LinkedHashMap<>();
        JsonNode ms = g.get("metrics");
        if (ok && (ms == null || !ms.isObject())) {
            throw new IllegalArgumentException(where + ", field 'metrics': expected an object of metric name to "
                    + "number, got " + (ms == null ? "nothing" : kind(ms)));
        }
        if (ms != null && ms.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> mi = ms.fields(); mi.hasNext();) {
                Map.Entry<String, JsonNode> x = mi.next();
                JsonNode v = x.getValue();
                if (!v.isNull() && (!v.isNumber() || !Double.isFinite(v.asDouble()))) {
                    throw new IllegalArgumentException(where + ", metric '" + x.getKey() + "': expected a finite number "
                            + "(or null for a value that was not a number), got " + kind(v));
                }
                // null is how save() writes NaN (a metric with no value, e.g. a share with no ideal).
                m.put(x.getKey(), v.isNull() ? Double.NaN : v.asDouble());
            }
        }
        return new Golden(st.asText(), reason == null ? "" : reason.asText(), fp == null ? "" : fp.asText(), m);
    }

    private static String kind(JsonNode v) {
        String text = v.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        String type = v.isTextual() ? "a string" : v.isBoolean() ? "a boolean" : v.isArray() ? "a list"
                : v.isObject() ? "an object" : v.isNumber() ? "a number" : v.isNull() ? "null" : "a value";
        return type + " " + text;
    }

    /**
     * A parse error as plot words one ("invalid JSON at line L column C: ..."): Jackson's own text carried
     * "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]", twice.
     */
    static String invalidJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
        String where = l == null ? "" : " at line " + l.getLineNr() + " column " + l.getColumnNr();
        String msg = e.getOriginalMessage().replaceAll("\\[Source: [^\\]]*; line: (\\d+), column: (\\d+)\\]",
                "line $1 column $2").replaceAll("\\s+", " ").trim();
        return "invalid JSON" + where + ": " + msg;
    }

    public void save(Path file, String note) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("note", note);
        Map<String, Object> rs = new LinkedHashMap<>();
        for (Map.Entry<String, Golden> e : runs.entrySet()) {
            Golden g = e.getValue();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("status", g.status());
            if (!g.reason().isEmpty()) {
                o.put("reason", g.reason());
            }
            if (g.ok()) {
                o.put("fingerprint", g.fingerprint());
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, Double> x : g.metrics().entrySet()) {
                    m.put(x.getKey(), Double.isNaN(x.getValue()) ? null : x.getValue());
                }
                o.put("metrics", m);
            }
            rs.put(e.getKey(), o);
        }
        root.put("runs", rs);
        try {
            ResultsWriter.writeAtomically(file, ResultsWriter.JSON.writeValueAsString(root) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The golden an outcome would record. */
    public static Golden of(Outcome o) {
        return o.status() == Outcome.Status.OK ? new Golden("ok", "", o.fingerprint(), o.metrics())
                : new Golden("unsupported", o.message(), "", Map.of());
    }
}
