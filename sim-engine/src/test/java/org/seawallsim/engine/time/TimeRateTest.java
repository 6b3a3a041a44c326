package org.seawallsim.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeRateTest {
    @Test
    void unitConversionsArePicoseconds() {
        assertThat(Time.ofNanos(1)).isEqualTo(1_000L);
        assertThat(Time.ofMicros(1)).isEqualTo(1_000_000L);
        assertThat(Time.ofMillis(1)).isEqualTo(1_000_000_000L);
        assertThat(Time.ofSeconds(1)).isEqualTo(1_000_000_000_000L);
        assertThat(Time.ofSeconds(0.5)).isEqualTo(500_000_000_000L);
        assertThat(Time.ofMicros(1.5)).isEqualTo(1_500_000L);
        assertThat(Time.ofMillis(0.25)).isEqualTo(250_000_000L);
        assertThat(Time.toSeconds(Time.ofMillis(1500))).isEqualTo(1.5);
        assertThat(Time.toMicros(12_304_000L)).isEqualTo(12.304);
        assertThat(Time.toMillis(Time.ofMicros(2500))).isEqualTo(2.5);
        // A long of picoseconds covers about 106 days: 9.2e6 s must convert, overflow must not wrap silently.
        assertThat(Time.ofSeconds(9_000_000L)).isPositive();
        assertThatThrownBy(() -> Time.ofSeconds(10_000_000L)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Time.ofSeconds(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Time.ofSeconds(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serializationIsExactAndNeverFasterThanTheLineRate() {
        // 1538 wire bytes = 12304 bits: 12.304 us at 1 Gb/s, 1.2304 us at 10 Gb/s, 123.04 ns at 100 Gb/s.
        assertThat(Time.serializationPs(1538, Rate.gbps(1))).isEqualTo(12_304_000L);
        assertThat(Time.serializationPs(1538, Rate.gbps(10))).isEqualTo(1_230_400L);
        assertThat(Time.serializationPs(1538, Rate.gbps(100))).isEqualTo(123_040L);
        // 84 B (minimum frame + preamble + gap) at 400 Gb/s: 1.68 ns exactly, which ns rounding would get 19% wrong.
        assertThat(Time.serializationPs(84, Rate.gbps(400))).isEqualTo(1_680L);
        // 1 byte at 3 bit/s is 8/3 s: rounded up, never down.
        assertThat(Time.serializationPs(1, 3)).isEqualTo(2_666_666_666_667L);
        assertThat(Time.serializationPs(0, Rate.gbps(1))).isZero();
        assertThatThrownBy(() -> Time.serializationPs(1500, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rateBps").hasMessageContaining("0");
        assertThatThrownBy(() -> Time.serializationPs(Long.MAX_VALUE / 8, 1)).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest(name = "{0} bytes at {1} b/s")
    @CsvSource({
        "1152921, 1000000000", "1152922, 1000000000", "5000000, 40000000000", "2000000, 1000000000",
        "123456789, 7000", "1000000000000, 400000000000", "1000000000000, 1000000000000000",
    })
    void serializationStaysExactBeyondALongsWorthOfBitPicoseconds(long bytes, long rateBps) {
        // bytes x 8 x 10^12 passes 2^63 at 1 152 922 bytes (a 9.2 Gb/s rate's 1-ms token bucket): the result must
        // still be the exact ceiling, as computed in arbitrary precision.
        java.math.BigInteger n = java.math.BigInteger.valueOf(bytes).multiply(java.math.BigInteger.valueOf(8L))
                .multiply(java.math.BigInteger.valueOf(Time.PS_PER_S));
        java.math.BigInteger r = java.math.BigInteger.valueOf(rateBps);
        long ceil = n.add(r).subtract(java.math.BigInteger.ONE).divide(r).longValueExact();
        assertThat(Time.serializationPs(bytes, rateBps)).isEqualTo(ceil);
    }

    @Test
    void ratesAndVolumesRoundTrip() {
        assertThat(Rate.kbps(3)).isEqualTo(3_000L);
        assertThat(Rate.mbps(100)).isEqualTo(100_000_000L);
        assertThat(Rate.gbps(40)).isEqualTo(40_000_000_000L);
        assertThatThrownBy(() -> Rate.gbps(Long.MAX_VALUE / 10)).isInstanceOf(ArithmeticException.class);
        // 125 MB in one second is exactly 1 Gb/s.
        assertThat(Rate.bps(125_000_000L, Time.ofSeconds(1))).isEqualTo(1e9);
        assertThat(Rate.bps(100, 0)).isZero();
        assertThat(Time.bytesIn(Time.ofSeconds(1), Rate.gbps(1))).isEqualTo(125_000_000L);
        assertThat(Time.bytesIn(Time.ofMicros(12), Rate.gbps(1))).isEqualTo(1500L);
        // bytesIn is the inverse of serializationPs up to truncation.
        long ps = Time.serializationPs(123_457, Rate.mbps(700));
        assertThat(Time.bytesIn(ps, Rate.mbps(700))).isBetween(123_456L, 123_457L);
        assertThat(Rate.bps(1538, 12_304_000L)).isCloseTo(1e9, within(1e-3));
        assertThat(Rate.format(2.5e9)).isEqualTo("2.500Gbps");
        assertThat(Time.format(Time.ofSeconds(3))).isEqualTo("3s");
        assertThat(Time.format(12_304_000L)).isEqualTo("12.304us");
    }
}
