package org.seawallsim.engine.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void sameMasterSeedAndNameGiveTheSameDrawsWhateverTheOrderOfCreation() {
        RandomStreams a = new RandomStreams(42);
        RandomStreams b = new RandomStreams(42);
        SplittableRandom a1 = a.stream("host/1/tcp");
        SplittableRandom a2 = a.stream("host/2/tcp");
        // b creates the streams in the other order and an unrelated stream first: no effect on the others.
        b.stream("something/else").nextLong();
        SplittableRandom b2 = b.stream("host/2/tcp");
        SplittableRandom b1 = b.stream("host/1/tcp");
        for (int i = 0; i < 1000; i++) {
            assertThat(a1.nextLong()).isEqualTo(b1.nextLong());
            assertThat(a2.nextLong()).isEqualTo(b2.nextLong());
        }
        RandomGenerator c1 = a.commonsMath("flows");
        RandomGenerator c2 = b.commonsMath("flows");
        for (int i = 0; i < 100; i++) {
            assertThat(c1.nextDouble()).isEqualTo(c2.nextDouble());
        }
    }

    @Test
    void differentNamesOrSeedsGiveDifferentStreams() {
        RandomStreams r = new RandomStreams(42);
        assertThat(r.seedFor("host/1")).isNotEqualTo(r.seedFor("host/2"));
        assertThat(r.seedFor("host/1")).isNotEqualTo(new RandomStreams(43).seedFor("host/1"));
        assertThat(r.stream("a").nextLong()).isNotEqualTo(r.stream("b").nextLong());
        assertThat(r.commonsMath("a").nextLong()).isNotEqualTo(r.commonsMath("b").nextLong());
        assertThat(r.masterSeed()).isEqualTo(42);
    }

    /**
     * Streams of neighbouring names must look independent. For n independent uniform pairs the sample correlation
     * is approximately normal with standard deviation 1/sqrt(n) = 0.0032 at n = 100 000; we allow 5 sigma (0.016),
     * so a correct generator fails this with probability below 1e-6 per pair. The mean of each stream must be within
     * 5 sigma of 1/2 (sigma = sqrt(1/12/n) = 0.00091).
     */
    @Test
    void neighbouringNamesGiveUncorrelatedUniformStreams() {
        RandomStreams r = new RandomStreams(7);
        int n = 100_000;
        for (int k = 0; k < 5; k++) {
            SplittableRandom x = r.stream("host/" + k + "/app");
            SplittableRandom y = r.stream("host/" + (k + 1) + "/app");
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                double u = x.nextDouble();
                double v = y.nextDouble();
                sx += u;
                sy += v;
                sxx += u * u;
                syy += v * v;
                sxy += u * v;
            }
            double mx = sx / n;
            double my = sy / n;
            double corr = (sxy / n - mx * my) / Math.sqrt((sxx / n - mx * mx) * (syy / n - my * my));
            assertThat(Math.abs(corr)).isLessThan(5 / Math.sqrt(n));
            assertThat(Math.abs(mx - 0.5)).isLessThan(5 * Math.sqrt(1.0 / 12 / n));
        }
    }
}
