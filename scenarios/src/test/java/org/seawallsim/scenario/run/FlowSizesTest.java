package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.transport.app.FlowSizeDistribution;

/** Flow-size distributions keep the mean the scenario asks for. */
class FlowSizesTest {
    private static double mean(FlowSizeDistribution d, int n) {
        SplittableRandom r = new SplittableRandom(7);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += d.sample(r);
        }
        return s / n;
    }

    @Test
    void parametricMeansMatch() {
        // 200 000 draws: the standard error of the mean is < 0.5 % for these variances, so 3 % is a safe bound.
        assertThat(mean(TransportTraffic.sizes(new Scenario.SizeDist("pareto", 100_000, 3.0, 1, null, null)),
                200_000)).isCloseTo(100_000, withinPercentage(3));
        assertThat(mean(TransportTraffic.sizes(new Scenario.SizeDist("lognormal", 50_000, 1.5, 0.5, null, null)),
                200_000)).isCloseTo(50_000, withinPercentage(3));
        assertThat(mean(TransportTraffic.sizes(new Scenario.SizeDist("fixed", 1234, 1.5, 1, null, null)), 10))
                .isEqualTo(1234);
    }

    @Test
    void empiricalCdfIsInvertedPiecewiseLinearly() {
        double[][] cdf = {{1000, 0.5}, {3000, 1.0}};
        assertThat(TransportTraffic.cdfSample(cdf, 0.2)).isEqualTo(1000);
        assertThat(TransportTraffic.cdfSample(cdf, 0.75)).isEqualTo(2000);
        assertThat(TransportTraffic.cdfSample(cdf, 1.0)).isEqualTo(3000);
        // Mean of this CDF: 0.5 * 1000 + 0.5 * 2000 = 1500.
        assertThat(mean(TransportTraffic.sizes(new Scenario.SizeDist("cdf", 1500, 1.5, 1, null, cdf)), 200_000))
                .isCloseTo(1500, withinPercentage(1));
    }
}
