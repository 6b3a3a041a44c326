package org.seawallsim.baseline.qcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.packet.Ethernet;

class CongestionPointMathTest {
    private static final long FB_MAX = QcnCpConfig.defaults().fbMaxBytes();

    @Test
    void feedbackSaturatesAtQeqTimesTwoWPlusOne() {
        assertThat(FB_MAX).isEqualTo(130_000); // 26000 x (2 x 2 + 1)
    }

    @Test
    void quantizationIsSixBitsOverZeroToFbMax() {
        assertThat(CongestionPoint.quantize(0, FB_MAX)).isZero();
        assertThat(CongestionPoint.quantize(5000, FB_MAX)).isZero();
        // floor(-Fb * 63 / 130000): 2064 B is just above one step (2063.49 B), 2063 B just below.
        assertThat(CongestionPoint.quantize(-2063, FB_MAX)).isZero();
        assertThat(CongestionPoint.quantize(-2064, FB_MAX)).isEqualTo(1);
        assertThat(CongestionPoint.quantize(-65_000, FB_MAX)).isEqualTo(31);
        assertThat(CongestionPoint.quantize(-129_999, FB_MAX)).isEqualTo(62);
        assertThat(CongestionPoint.quantize(-130_000, FB_MAX)).isEqualTo(63);
        assertThat(CongestionPoint.quantize(-10_000_000, FB_MAX)).isEqualTo(63);
    }

    @Test
    void samplingTableShrinksFromTheBaseWithFeedbackAsInTheLinuxPrototype() {
        // With the prototype's 153600-B base the first six entries are its table exactly; its last two (22016 and
        // 18944) are rounded versions of base/7 = 21943 and base/8 = 19200 (within 2%).
        long[] proto = {153_600, 76_800, 51_200, 38_400, 30_720, 25_600, 22_016, 18_944};
        for (int i = 0; i < 8; i++) {
            long got = CongestionPoint.sampleIntervalBytes(i * 8 + 3, 153_600);
            if (i < 6) {
                assertThat(got).isEqualTo(proto[i]);
            } else {
                assertThat((double) got).isCloseTo(proto[i], within(0.02 * proto[i]));
            }
        }
        // With the MIB's 150000-B base: one sample per ~1% of 1500-B frames at low feedback, ~8% at saturation
        // (the papers' "1% to 10%" curve; the table form tops out at 8.2%).
        long frame = Ethernet.MTU_BYTES;
        assertThat(frame / (double) CongestionPoint.sampleIntervalBytes(0, 150_000)).isCloseTo(0.01, within(0.0001));
        assertThat(frame / (double) CongestionPoint.sampleIntervalBytes(63, 150_000)).isCloseTo(0.08, within(0.0001));
    }

    @Test
    void jitteredIntervalsStayWithinFifteenPercentAndAverageToTheTable() {
        SplittableRandom r = new SplittableRandom(11);
        QcnCpConfig cfg = QcnCpConfig.defaults().withJitterFraction(0.15);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double f = 1 + cfg.jitterFraction() * (2 * r.nextDouble() - 1);
            long v = Math.round(150_000 * f);
            assertThat(v).isBetween(127_500L, 172_500L);
            sum += v;
        }
        // Uniform on +-15%: sd of the mean = 0.15/sqrt(3)/sqrt(n) = 0.06%, so 0.3% is > 4 sigma.
        assertThat(sum / n).isCloseTo(150_000, within(450.0));
    }

    @Test
    void badConfigNamesEveryProblem() {
        assertThatThrownBy(() -> new QcnCpConfig(0, -1, 10, 1.5)).hasMessageContaining("qeqBytes")
                .hasMessageContaining("w must").hasMessageContaining("sampleBaseBytes")
                .hasMessageContaining("jitterFraction");
    }
}
