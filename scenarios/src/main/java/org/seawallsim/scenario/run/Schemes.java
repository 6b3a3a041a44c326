package org.seawallsim.scenario.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.scheme.SchemeConfigs;
import org.seawallsim.scenario.scheme.SchemeParamException;
import org.seawallsim.scenario.yaml.Loc;
import org.seawallsim.scenario.yaml.YNode;
import org.seawallsim.scenario.yaml.YamlTree;

/**
 * Creates the isolation scheme a scenario names, from its {@code schemeParams.<scheme>} entries (read by
 * {@link SchemeConfigs}). Asking for a scheme that is not wired in fails with a message that says so. Each scheme's
 * parameters are listed in {@link #PARAMS} (what {@code describe schemes} prints).
 */
public final class Schemes {
    private Schemes() {
    }

    /** Parameter name to meaning, per scheme (the scenario-file face of each scheme's config record). */
    public static final Map<String, Map<String, String>> PARAMS = SchemeConfigs.PARAMS;

    /** Schemes this build can run. */
    public static List<String> available() {
        return SchemeConfigs.available();
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

    /** The scheme {@code name} with {@code params}; the first bad parameter throws. */
    public static IsolationScheme create(String name, Map<String, String> params) {
        SchemeConfigs.Built b = SchemeConfigs.build(name, params, null);
        if (b.scheme() == null) {
            throw new UnsupportedFeatureException("scheme '" + name + "' is not available in this build"
                    + " (its model is not wired in yet); available: " + String.join(", ", available()));
        }
        if (!b.problems().isEmpty()) {
            throw b.problems().get(0);
        }
        return b.scheme();
    }
}
