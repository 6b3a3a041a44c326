package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.seawallsim.seawall.sim.SeawallParams;
import org.seawallsim.seawall.sim.SeawallScheme;
import org.seawallsim.seawall.sim.TelemetryConfig;

/**
 * Feedback mode ecn-bottleneck from YAML: the mode is ecn plus switch-port telemetry, each telemetry key reaches its
 * field, and a telemetry key without the mode or with a bad value is refused naming file:line and key.
 */
class EcnBottleneckKnobsTest {
    @TempDir
    Path dir;

    private static SeawallParams params(Map<String, String> m) {
        return ((SeawallScheme) Schemes.create("seawall", m)).params();
    }

    @Test
    void theModeIsEcnFeedbackWithTelemetryOn() {
        SeawallParams ecn = params(Map.of("feedback", "ecn"));
        SeawallParams bn = params(Map.of("feedback", "ecn-bottleneck"));
        assertThat(ecn.telemetry().enabled()).isFalse();
        assertThat(bn.telemetry().enabled()).isTrue();
        assertThat(bn.controller()).isEqualTo(ecn.controller());
        assertThat(bn.port()).isEqualTo(ecn.port());
        assertThat(bn.telemetry()).isEqualTo(TelemetryConfig.defaults().withEnabled(true));
        assertThat(params(Map.of("feedback", "ecn-bottleneck", "beta", "0.3")).controller().beta()).isEqualTo(0.3);
        assertThat(Schemes.PARAMS.get("seawall").get("feedback")).contains("ecn-bottleneck");
    }

    @Test
    void eachTelemetryKeyReachesItsField() {
        TelemetryConfig d = TelemetryConfig.defaults().withEnabled(true);
        assertThat(params(Map.of("feedback", "ecn-bottleneck", "telemetryIntervalMs", "2.5")).telemetry())
                .isEqualTo(d.withIntervalPs(2_500_000_000L));
        assertThat(params(Map.of("feedback", "ecn-bottleneck", "telemetryDelayMs", "0")).telemetry())
                .isEqualTo(d.withDelayPs(0));
        assertThat(params(Map.of("feedback", "ecn-bottleneck", "telemetryGain", "0.5")).telemetry())
                .isEqualTo(d.withGain(0.5));
        for (String k : List.of("telemetryIntervalMs", "telemetryDelayMs", "telemetryGain")) {
            assertThat(Schemes.PARAMS.get("seawall").get(k)).contains("default");
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(Arguments.of("ecn-bottleneck", "telemetryIntervalMs", "0.01", "a time in [0.1, 10000] ms"),
                Arguments.of("ecn-bottleneck", "telemetryIntervalMs", "1e30", "a time the clock can hold"),
                Arguments.of("ecn-bottleneck", "telemetryDelayMs", "-1", "expected a time in [0, 10000] ms, got '-1'"),
                Arguments.of("ecn-bottleneck", "telemetryGain", "0", "a fraction in (0, 1]"),
                Arguments.of("ecn-bottleneck", "telemetryGain", "2", "a fraction in (0, 1]"),
                Arguments.of("ecn", "telemetryGain", "0.5", "ecn-bottleneck only"),
                Arguments.of("loss", "telemetryDelayMs", "5", "ecn-bottleneck only"),
                Arguments.of("ecn-max", "telemetryDelayMs", "5", "ecn-bottleneck"));
    }

    @ParameterizedTest(name = "feedback {0}, {1}={2}")
    @MethodSource("refused")
    void refusedNamingFileLineAndKey(String feedback, String key, String value, String says) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, String.join("\n",
                "topology: {builder: star, hosts: 2, ecnThresholdBytes: 60000}",
                "tenants:",
                "  t: {vms: {a: {host: h0, traffic: [{type: bulk, to: b}]}, b: {host: h1}}}",
                "scheme: seawall",
                "schemeParams:",
                "  seawall:",
                "    feedback: " + feedback,
                "    " + key + ": " + value,
                "durationS: 2", ""));
        // A mistyped feedback mode is the one problem: the telemetry key is not also blamed for the mode it fell
        // back to.
        String badKey = feedback.equals("ecn-max") ? "feedback" : key;
        int line = feedback.equals("ecn-max") ? 7 : 8;
        assertThatThrownBy(() -> ScenarioLoader.load(f, List.of())).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("1 problem\n")
                .hasMessageContaining(f + ":" + line + ":")
                .hasMessageContaining(": schemeParams.seawall." + badKey + ": ")
                .hasMessageContaining(says);
    }
}
