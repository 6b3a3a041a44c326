package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** jain_weighted stays in [0, 1], its true range, whatever the rounding of its sums. */
class JainIndexTest {
    private static double jainOf(double... x) {
        double sum = 0;
        double sumSq = 0;
        for (double v : x) {
            sum += v;
            sumSq += v * v;
        }
        return Metrics.jain(sum, sumSq, x.length);
    }

    @Test
    void equalSharesScoreExactlyOneNotOneAndARoundingStep() {
        // Seven equal goodputs per weight: the sums round so that the quotient came out 1.0000000000000002.
        double x = 262518335.48202747;
        assertThat(jainOf(x, x, x, x, x, x, x)).isEqualTo(1.0);
    }

    @Test
    void unequalSharesAndNothingToScoreKeepTheirValues() {
        assertThat(jainOf(1, 3)).isEqualTo(16.0 / 20);
        assertThat(jainOf()).isZero();
        assertThat(jainOf(0, 0)).isZero();
    }
}
