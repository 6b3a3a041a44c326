package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seawallsim.baseline.qcn.QcnConfig;
import org.seawallsim.baseline.qcn.QcnRpConfig;
import org.seawallsim.baseline.qcn.QcnScheme;
import org.seawallsim.baseline.ratelimit.RateLimitConfig;
import org.seawallsim.baseline.ratelimit.RateLimitScheme;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.scheme.SchemeParamException;
import org.seawallsim.scenario.run.Schemes;
import org.seawallsim.seawall.controller.IncreaseMode;
import org.seawallsim.seawall.controller.WeightSplit;
import org.seawallsim.seawall.port.HeaderMode;
import org.seawallsim.seawall.port.HypervisorCostModel;
import org.seawallsim.seawall.sim.SeawallParams;
import org.seawallsim.seawall.sim.SeawallScheme;

/** Scheme parameters from scenario files reach the models' config records, with the models' own defaults. */
class SchemeParamsTest {
    @Test
    void qcnDefaultsAreTheModelsDefaults() {
        QcnScheme s = (QcnScheme) Schemes.create("qcn", Map.of());
        assertThat(s.config()).isEqualTo(QcnConfig.defaults());
    }

    @Test
    void rateLimitBucketDepthDefaultsToTheModelsOneMillisecond() {
        RateLimitScheme s = (RateLimitScheme) Schemes.create("ratelimit", Map.of());
        assertThat(s.config().burstTimePs()).isEqualTo(RateLimitConfig.DEFAULT_BURST_TIME_PS);
        RateLimitScheme deep = (RateLimitScheme) Schemes.create("ratelimit", Map.of("burstTimeUs", "5000"));
        assertThat(deep.config().burstTimePs()).isEqualTo(Time.ofMillis(5));
    }

    @Test
    void qcnReactionPointChoicesAreSettable() {
        QcnScheme s = (QcnScheme) Schemes.create("qcn", Map.of("timerMs", "10", "targetReset", "everyCnm",
                "haiStep", "ns3PlusOne", "counterHalving", "hyperActiveOnly", "aiRateMbps", "40",
                "jitterFraction", "0.15", "minRateMbps", "100"));
        QcnRpConfig rp = s.config().rp();
        assertThat(rp.timerPs()).isEqualTo(Time.ofMillis(10));
        assertThat(rp.targetReset()).isEqualTo(QcnRpConfig.TargetReset.EVERY_CNM);
        assertThat(rp.haiStep()).isEqualTo(QcnRpConfig.HaiStep.NS3_PLUS_ONE);
        assertThat(rp.counterHalving()).isEqualTo(QcnRpConfig.CounterHalving.HYPER_ACTIVE_ONLY);
        assertThat(rp.aiRateBps()).isEqualTo(40_000_000L);
        assertThat(rp.minRateBps()).isEqualTo(100_000_000L);
        assertThat(s.config().cp().jitterFraction()).isEqualTo(0.15);
    }

    @Test
    void seawallKeysReachTheirRecords() {
        SeawallParams p = ((SeawallScheme) Schemes.create("seawall", Map.of("stamping", "encapsulation", "split",
                "none", "increase", "cubic", "beta", "0.3", "intervalUs", "2000", "filterDelayMs", "50", "cost",
                "prototype"))).params();
        assertThat(p.port().mode()).isEqualTo(HeaderMode.ENCAPSULATION);
        assertThat(p.controller().split()).isEqualTo(WeightSplit.NONE);
        assertThat(p.controller().increase()).isEqualTo(IncreaseMode.CUBIC);
        assertThat(p.controller().beta()).isEqualTo(0.3);
        assertThat(p.controller().intervalPs()).isEqualTo(2_000_000_000L);
        assertThat(p.filterDelayPs()).isEqualTo(50_000_000_000L);
        assertThat(p.cost()).isEqualTo(HypervisorCostModel.prototype1GbE());
        assertThat(((SeawallScheme) Schemes.create("seawall", Map.of())).params()).isEqualTo(SeawallParams.defaults());
    }

    @Test
    void seawallTyposAndBadValuesNameTheKey() {
        assertThatThrownBy(() -> Schemes.create("seawall", Map.of("betta", "0.3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betta");
        assertThatThrownBy(() -> Schemes.create("seawall", Map.of("split", "fair")))
                .hasMessageContaining("split").hasMessageContaining("fair");
        assertThatThrownBy(() -> Schemes.create("seawall", Map.of("beta", "-1")))
                .hasMessageContaining("beta");
        assertThatThrownBy(() -> Schemes.create("seawall", Map.of("beta", "1.5")))
                .hasMessageContaining("beta").hasMessageContaining("1.5");
    }

    @Test
    void seawallDetectorExpectsTheControllersBeta() {
        SeawallParams p = ((SeawallScheme) Schemes.create("seawall", Map.of("beta", "0.3"))).params();
        assertThat(p.controller().beta()).isEqualTo(0.3);
        // The detector judges sources by the cut an honest one makes, the controller's.
        assertThat(p.detector().beta()).isEqualTo(0.3);
        SeawallParams off = ((SeawallScheme) Schemes.create("seawall", Map.of("beta", "0.3", "detection", "false")))
                .params();
        assertThat(off.detector().enabled()).isFalse();
        assertThat(off.detector().beta()).isEqualTo(0.3);
    }

    @Test
    void badChoiceNamesTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> Schemes.create("qcn", Map.of("targetReset", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemeParams.qcn.targetReset")
                .hasMessageContaining("everycnm");
        assertThatThrownBy(() -> Schemes.create("qcn", Map.of("timerMz", "10")))
                .hasMessageContaining("unknown parameter 'timerMz'");
    }

    @Test
    void aTimeTheClockCannotHoldNamesItsKey() {
        // 1e30 ms is past the picosecond clock's 9.2e6 s: the error names the scheme's key, not just "time".
        assertThatThrownBy(() -> Schemes.create("qcn", Map.of("timerMs", "1e30")))
                .isInstanceOf(SchemeParamException.class).hasMessageStartingWith("schemeParams.qcn.timerMs: ")
                .hasMessageContaining("9.2e6");
        assertThatThrownBy(() -> Schemes.create("ratelimit", Map.of("burstTimeUs", "1e30")))
                .isInstanceOf(SchemeParamException.class).hasMessageStartingWith("schemeParams.ratelimit.burstTimeUs: ");
    }

    @Test
    void perQueueLimitsHoldAFrameOrDefaultToTheBuffer() {
        for (String[] sk : new String[][] {{"drr", "queueBytes"}, {"ratelimit", "shaperQueueBytes"},
            {"qcn", "rlQueueBytes"}}) {
            for (String bad : new String[] {"1", "1537"}) {
                assertThatThrownBy(() -> Schemes.create(sk[0], Map.of(sk[1], bad)))
                        .isInstanceOf(SchemeParamException.class).hasMessageContaining(sk[1])
                        .hasMessageContaining("at least 1538 bytes").hasMessageContaining("got " + bad);
            }
            Schemes.create(sk[0], Map.of(sk[1], "0"));
            Schemes.create(sk[0], Map.of(sk[1], "1538"));
        }
    }

    @Test
    void aNegativeValueIsToldTheKeysRealMinimumAsAValueBelowItIs() {
        // -5 said "expected an integer >= 0" although 0 is refused too ("at least 64 bytes"): both state the minimum.
        for (String bad : new String[] {"-5", "0", "63", "abc"}) {
            assertThatThrownBy(() -> Schemes.create("drr", Map.of("baseQuantumBytes", bad)))
                    .isInstanceOf(SchemeParamException.class)
                    .hasMessage("schemeParams.drr.baseQuantumBytes: expected at least 64 bytes (one minimum frame),"
                            + " got '" + bad + "'");
        }
        // A value at or above the minimum that the integer reader refused says why, not only the minimum: 100.5
        // for qcn.qeqBytes (at least 1 byte) said "expected at least 1 byte". A whole number in another decimal form
        // (1e12) is taken, as the scenario body takes it since session 17.
        assertThat(((QcnScheme) Schemes.create("qcn", Map.of("qeqBytes", "1e12"))).config().cp().qeqBytes())
                .isEqualTo(1_000_000_000_000L);
        for (String[] bw : new String[][] {{"100.5", "a whole number"}, {"1e30", "at most 9223372036854775807"}}) {
            assertThatThrownBy(() -> Schemes.create("qcn", Map.of("qeqBytes", bw[0])))
                    .isInstanceOf(SchemeParamException.class)
                    .hasMessage("schemeParams.qcn.qeqBytes: expected at least 1 byte, " + bw[1] + ", got '" + bw[0]
                            + "'");
        }
        // Every key read as a number >= 0 and then checked against its own range says that range for both.
        for (String[] skr : new String[][] {{"drr", "queuesPerPort", "an integer in [1, 1024]"},
            {"qcn", "qeqBytes", "at least 1 byte"}, {"qcn", "gdLog2", "an integer in [1, 30]"},
            {"qcn", "aiRateMbps", "a rate > 0 Mbit/s"}, {"seawall", "alphaMbps", "a rate > 0 Mbit/s"},
            {"seawall", "queueBytesPerTunnel", "at least 1600 bytes"}}) {
            for (String bad : new String[] {"-5", "0"}) {
                assertThatThrownBy(() -> Schemes.create(skr[0], Map.of(skr[1], bad)))
                        .as("%s.%s = %s", skr[0], skr[1], bad).isInstanceOf(SchemeParamException.class)
                        .hasMessageStartingWith("schemeParams." + skr[0] + "." + skr[1] + ": expected " + skr[2])
                        .hasMessageEndingWith("got '" + bad + "'");
            }
        }
    }

    @Test
    void aTenantsExplicitRateIsAtLeastOneBitPerSecond() {
        RateLimitScheme s = (RateLimitScheme) Schemes.create("ratelimit", Map.of("rateMbps.attacker", "100"));
        assertThat(s.config().rateBpsByTenant()).containsEntry("attacker", 100_000_000L);
        assertThatThrownBy(() -> Schemes.create("ratelimit", Map.of("rateMbps.attacker", "0")))
                .isInstanceOf(SchemeParamException.class).hasMessageContaining("rateMbps.attacker")
                .hasMessageContaining("at least 1 bit/s");
    }
}
