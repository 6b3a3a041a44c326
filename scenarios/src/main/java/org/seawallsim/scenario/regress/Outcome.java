package org.seawallsim.scenario.regress;

import java.util.Map;

/**
 * What one (entry, scheme) run gave.
 *
 * @param status OK, UNSUPPORTED (this build lacks a model the scenario needs) or ERROR (the run failed)
 * @param message why it is not OK, else empty
 * @param fingerprint the event loop's fingerprint (hex), empty unless OK
 * @param metrics metric name to value, in a stable order, empty unless OK
 */
public record Outcome(String entry, String scheme, Status status, String message, String fingerprint,
        Map<String, Double> metrics, long events, double wallS) {

    public enum Status { OK, UNSUPPORTED, ERROR }

    public String key() {
        return key(entry, scheme);
    }

    public static String key(String entry, String scheme) {
        return entry + "/" + scheme;
    }
}
