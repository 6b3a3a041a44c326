package org.seawallsim.baseline.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

class TokenBucketTest {
    // 8 Mb/s is exactly one byte per microsecond, so every expected instant below is an exact integer.
    private static final long ONE_BYTE_PER_US = Rate.mbps(8);

    @Test
    void fullBucketPassesItsDepthThenRefillsAtTheRateExactly() {
        TokenBucket b = new TokenBucket(ONE_BYTE_PER_US, 3000, 0);
        assertThat(b.tokensBytes(0)).isEqualTo(3000.0);
        assertThat(b.tryConsume(0, 1500)).isTrue();
        assertThat(b.tryConsume(0, 1500)).isTrue();
        assertThat(b.tryConsume(0, 1)).isFalse();
        // 1500 bytes at 1 B/us take exactly 1500 us to accumulate: not one picosecond earlier.
        assertThat(b.conformAtPs(0, 1500)).isEqualTo(Time.ofMicros(1500));
        assertThat(b.tryConsume(Time.ofMicros(1500) - 1, 1500)).isFalse();
        assertThat(b.tryConsume(Time.ofMicros(1500), 1500)).isTrue();
        assertThat(b.tokensBytes(Time.ofMicros(1500))).isEqualTo(0.0);
        // Tokens never exceed the depth, however long the bucket rests.
        assertThat(b.tokensBytes(Time.ofSeconds(10))).isEqualTo(3000.0);
        assertThat(b.tokensBytes(Time.ofMicros(2000))).isCloseTo(500.0, within(1e-9));
    }

    @Test
    void refusedPacketLeavesTheBucketUnchanged() {
        TokenBucket b = new TokenBucket(ONE_BYTE_PER_US, 2000, 0);
        assertThat(b.tryConsume(0, 1500)).isTrue();
        assertThat(b.tryConsume(Time.ofMicros(100), 1500)).isFalse();
        assertThat(b.tokensBytes(Time.ofMicros(100))).isCloseTo(600.0, within(1e-9));
    }

    /** Bytes that conform when packets of {@code bytes} are offered back to back at {@code offeredBps} until end. */
    private static long conformingBytes(TokenBucket b, int bytes, long offeredBps, long endPs) {
        long step = Time.serializationPs(bytes, offeredBps);
        long passed = 0;
        for (long t = 0; t < endPs; t += step) {
            if (b.tryConsume(t, bytes)) {
                passed += bytes;
            }
        }
        return passed;
    }

    @Test
    void longRunConformingBytesEqualDepthPlusRateTimesTime() {
        // Offer twice the rate for 1 s: conforming bytes = depth + r*T, short by less than one packet.
        long rate = Rate.mbps(300);
        long depth = 20_000;
        long end = Time.ofSeconds(1);
        long passed = conformingBytes(new TokenBucket(rate, depth, 0), 1538, 2 * rate, end);
        long ideal = depth + Time.bytesIn(end, rate);
        assertThat(passed).isLessThanOrEqualTo(ideal).isGreaterThan(ideal - 2 * 1538);
    }

    @Test
    void oversizePacketPassesOnlyFromAFullBucketAndIsChargedInFull() {
        TokenBucket b = new TokenBucket(ONE_BYTE_PER_US, 1000, 0);
        assertThat(b.tryConsume(0, 1538)).isTrue();
        // 538 bytes of debt: the next oversize packet waits for the debt and a full bucket, 1 538 us in all.
        assertThat(b.tokensBytes(0)).isCloseTo(-538.0, within(1e-9));
        assertThat(b.conformAtPs(0, 1538)).isEqualTo(Time.ofMicros(1538));
        assertThat(b.tryConsume(Time.ofMicros(1538) - 1, 1538)).isFalse();
        assertThat(b.tryConsume(Time.ofMicros(1538), 1538)).isTrue();
    }

    @Test
    void jumboFramesThroughABucketOfTwoStandardFramesKeepTheRate() {
        // The derived default depth holds two 1538-B frames; 9038-B frames offered at twice the rate for 1 s pass
        // at the rate (charging only the depth let them through at 9038 / 3076 = 2.9 times it).
        long rate = Rate.mbps(50);
        long end = Time.ofSeconds(1);
        long passed = conformingBytes(new TokenBucket(rate, 2 * 1538, 0), 9038, 2 * rate, end);
        long ideal = Time.bytesIn(end, rate);
        assertThat(passed).isLessThanOrEqualTo(ideal + 9038).isGreaterThan(ideal - 2 * 9038);
    }

    @Test
    void reconfigureKeepsTokensAndAppliesNewRate() {
        TokenBucket b = new TokenBucket(ONE_BYTE_PER_US, 3000, 0);
        b.tryConsume(0, 3000);
        b.reconfigure(Time.ofMicros(1000), 2 * ONE_BYTE_PER_US, 5000);
        assertThat(b.tokensBytes(Time.ofMicros(1000))).isCloseTo(1000.0, within(1e-6));
        assertThat(b.tokensBytes(Time.ofMicros(2000))).isCloseTo(3000.0, within(1e-6));
    }

    @Test
    void badParametersAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new TokenBucket(0, 100, 0)).hasMessageContaining("rateBps");
        assertThatThrownBy(() -> new TokenBucket(100, -1, 0)).hasMessageContaining("burstBytes");
        assertThatThrownBy(() -> RateLimitConfig.defaults().withBurstBytes(100)).hasMessageContaining("burstBytes");
    }
}
