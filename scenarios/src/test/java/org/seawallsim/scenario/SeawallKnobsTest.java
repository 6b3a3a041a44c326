package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioException;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.scheme.SchemeParamException;
import org.seawallsim.scenario.run.Schemes;
import org.seawallsim.seawall.port.Fallback;
import org.seawallsim.seawall.sim.SeawallParams;
import org.seawallsim.seawall.sim.SeawallScheme;

/**
 * Every Seawall knob of issue 12 is settable under schemeParams.seawall: each key changes exactly the model field it
 * names (and nothing else), and a bad value is reported with the file, line and key (or the --set that set it).
 */
class SeawallKnobsTest {
    @TempDir
    Path dir;

    /** Key, a non-default value, the model field it must reach, and that field's expected value. */
    static Stream<Arguments> knobs() {
        return Stream.of(
                knob("cubicScaleBpsPerS3", "8e12", p -> p.controller().cubicScaleBpsPerS3(), 8e12),
                knob("lossGain", "2.5", p -> p.controller().lossGain(), 2.5),
                knob("holdoffIntervals", "7.5", p -> p.controller().holdoffIntervals(), 7.5),
                knob("coupleIntervals", "0", p -> p.controller().coupleIntervals(), 0),
                knob("coupleAtOwnReport", "true", p -> p.controller().coupleAtOwnReport(), true),
                knob("receiverCoupleIntervals", "50", p -> p.port().coupleIntervals(), 50),
                knob("queueBytesPerTunnel", "65536", p -> p.port().queueBytesPerTunnel(), 65536),
                knob("pacingJitterUs", "7.5", p -> p.port().pacingJitterPs(), 7_500_000L),
                knob("reorderTolerance", "9", p -> p.port().reorderTolerance(), 9),
                knob("fallback", "passUntracked", p -> p.port().fallback(), Fallback.PASS_UNTRACKED),
                knob("detectionIntervals", "300", p -> p.detector().congestedIntervals(), 300),
                knob("detectionIntervalsPerCut", "4", p -> p.detector().intervalsPerCut(), 4),
                knob("detectionMinRateMbps", "120", p -> p.detector().minSuspectRateBps(), 120_000_000L),
                knob("detectionShareMargin", "0.8", p -> p.detector().shareMargin(), 0.8),
                knob("detectionCongestionMemoryIntervals", "450", p -> p.detector().congestionMemoryIntervals(), 450));
    }

    private static Arguments knob(String key, String value, Function<SeawallParams, Object> field, Object expected) {
        return Arguments.of(key, value, field, expected);
    }

    private static SeawallParams params(Map<String, String> m) {
        return ((SeawallScheme) Schemes.create("seawall", m)).params();
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("knobs")
    void eachKeyReachesItsModelFieldAndOnlyThat(String key, String value, Function<SeawallParams, Object> field,
            Object expected) {
        SeawallParams defaults = SeawallParams.defaults();
        SeawallParams set = params(Map.of(key, value));
        assertThat(field.apply(defaults)).as("the test value must differ from the default").isNotEqualTo(expected);
        assertThat(field.apply(set)).isEqualTo(expected);
        // Every other knob keeps its default: compare with the default record after putting this one field back.
        for (Arguments other : knobs().toList()) {
            @SuppressWarnings("unchecked")
            Function<SeawallParams, Object> f = (Function<SeawallParams, Object>) other.get()[2];
            if (!other.get()[0].equals(key) && !field.apply(defaults).equals(f.apply(defaults))) {
                assertThat(f.apply(set)).as(other.get()[0] + " after setting " + key).isEqualTo(f.apply(defaults));
            }
        }
        assertThat(Schemes.PARAMS.get("seawall")).containsKey(key);
    }

    @Test
    void everyKnobIsDocumentedWithItsDefault() {
        for (Arguments a : knobs().toList()) {
            assertThat(Schemes.PARAMS.get("seawall").get((String) a.get()[0])).contains("default");
        }
    }

    /** Key and a value its model refuses (out of the record's range, wrong type, or not a choice). */
    static Stream<Arguments> badValues() {
        return Stream.of(Arguments.of("cubicScaleBpsPerS3", "0"), Arguments.of("lossGain", "-1"),
                Arguments.of("holdoffIntervals", "-0.5"), Arguments.of("holdoffIntervals", "1e4"),
                Arguments.of("coupleAtOwnReport", "maybe"), Arguments.of("coupleIntervals", "-3"),
                Arguments.of("receiverCoupleIntervals", "x"), Arguments.of("queueBytesPerTunnel", "1000"),
                Arguments.of("queueBytesPerTunnel", "99999999999"), Arguments.of("pacingJitterUs", "5000"),
                Arguments.of("reorderTolerance", "33"), Arguments.of("fallback", "drop"),
                Arguments.of("detectionIntervals", "1"), Arguments.of("detectionIntervalsPerCut", "0"),
                Arguments.of("detectionIntervalsPerCut", "500"), Arguments.of("beta", "1.5"),
                Arguments.of("intervalUs", "1"), Arguments.of("intervalUs", "1e30"),
                Arguments.of("pacingJitterUs", "1e30"), Arguments.of("filterDelayMs", "1e30"),
                Arguments.of("detectionShareMargin", "-0.5"), Arguments.of("detectionShareMargin", "1e400"),
                Arguments.of("detectionCongestionMemoryIntervals", "0"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueNamesFileLineAndKey(String key, String value) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, String.join("\n",
                "topology: {builder: star, hosts: 2}",
                "tenants:",
                "  t: {vms: {a: {host: h0, traffic: [{type: bulk, to: b}]}, b: {host: h1}}}",
                "scheme: seawall",
                "schemeParams:",
                "  seawall:",
                "    split: usage",
                "    " + key + ": " + value,
                "durationS: 2", ""));
        // The loader reports it with the file's other problems (validate, run and compare alike).
        assertThatThrownBy(() -> ScenarioLoader.load(f, List.of())).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("1 problem")
                .hasMessageContaining(f + ":8:")
                .hasMessageContaining(": schemeParams.seawall." + key + ": ")
                .hasMessageContaining("'" + value + "'");
        // The same value from the command line names the --set.
        Path g = dir.resolve("t.yaml");
        Files.writeString(g, Files.readString(f).replace("    " + key + ": " + value + "\n", ""));
        assertThatThrownBy(() -> ScenarioLoader.load(g, List.of("schemeParams.seawall." + key + "=" + value)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("--set schemeParams.seawall." + key + "=" + value + ": schemeParams.seawall."
                        + key + ": ");
    }

    /** ECN-driven modes couple at the sibling's own report, loss-driven at once; an explicit value wins in both. */
    @Test
    void coupleAtOwnReportFollowsTheFeedbackModeAndAnExplicitValueWins() {
        assertThat(params(Map.of("feedback", "loss")).controller().coupleAtOwnReport()).isFalse();
        assertThat(params(Map.of("feedback", "ecn")).controller().coupleAtOwnReport()).isTrue();
        assertThat(params(Map.of("feedback", "ecn-bottleneck")).controller().coupleAtOwnReport()).isTrue();
        assertThat(params(Map.of("feedback", "ecn", "coupleAtOwnReport", "false")).controller().coupleAtOwnReport())
                .isFalse();
        assertThat(params(Map.of("feedback", "loss", "coupleAtOwnReport", "true")).controller().coupleAtOwnReport())
                .isTrue();
    }

    @Test
    void aMisspelledKeyIsPlacedToo() throws Exception {
        Path f = dir.resolve("typo.yaml");
        Files.writeString(f, "topology: {builder: star, hosts: 2}\ntenants:\n  t: {vms: {a: {host: h0, traffic: "
                + "[{type: bulk, to: b}]}, b: {host: h1}}}\nschemeParams:\n  seawall: {holdOffIntervals: 2}\n");
        assertThatThrownBy(() -> ScenarioLoader.load(f, List.of())).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("\n  " + f + ":5:")
                .hasMessageContaining("unknown parameter 'holdOffIntervals'")
                .hasMessageContaining("did you mean 'holdoffIntervals'");
    }
}
