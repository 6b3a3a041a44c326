package org.seawallsim.scenario.run;

import java.util.List;
import java.util.Map;
import org.seawallsim.engine.scheme.IsolationScheme;

/**
 * Creates the isolation scheme a scenario names, with its parameters. Schemes are added here as their models land;
 * asking for one that is not wired in fails with a message that says so.
 */
public final class Schemes {
    private Schemes() {
    }

    /** Schemes this build can run. */
    public static List<String> available() {
        return List.of("tcp");
    }

    public static IsolationScheme create(String name, Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        switch (name) {
            case "tcp" -> {
                if (!p.isEmpty()) {
                    throw new IllegalArgumentException("scheme tcp takes no parameters, got " + p.keySet());
                }
                return new IsolationScheme() {
                    @Override
                    public String name() {
                        return "tcp";
                    }
                };
            }
            default -> throw new UnsupportedFeatureException("scheme '" + name + "' is not available in this build"
                    + " (its model is not wired in yet); available: " + String.join(", ", available()));
        }
    }
}
