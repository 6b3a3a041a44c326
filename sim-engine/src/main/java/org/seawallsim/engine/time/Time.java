package org.seawallsim.engine.time;

import java.math.BigInteger;

/**
 * Simulated time is a {@code long} count of picoseconds (about 106 days of range). All conversions live here so
 * that no API takes bare {@code double} seconds. Serialization arithmetic is exact integer math.
 */
public final class Time {
    public static final long PS_PER_NS = 1_000L;
    public static final long PS_PER_US = 1_000_000L;
    public static final long PS_PER_MS = 1_000_000_000L;
    public static final long PS_PER_S = 1_000_000_000_000L;

    private Time() {
    }

    public static long ofNanos(long ns) {
        return Math.multiplyExact(ns, PS_PER_NS);
    }

    public static long ofMicros(long us) {
        return Math.multiplyExact(us, PS_PER_US);
    }

    public static long ofMillis(long ms) {
        return Math.multiplyExact(ms, PS_PER_MS);
    }

    public static long ofSeconds(long s) {
        return Math.multiplyExact(s, PS_PER_S);
    }

    /** For values read from configuration; rounds to the nearest picosecond. */
    public static long ofSeconds(double s) {
        if (!(s >= 0) || s > 9.2e6) {
            throw new IllegalArgumentException("time in seconds must be in [0, 9.2e6], got " + s);
        }
        return Math.round(s * PS_PER_S);
    }

    public static long ofMicros(double us) {
        return ofSeconds(us / 1e6);
    }

    public static long ofMillis(double ms) {
        return ofSeconds(ms / 1e3);
    }

    public static double toSeconds(long ps) {
        return ps / (double) PS_PER_S;
    }

    public static double toMicros(long ps) {
        return ps / (double) PS_PER_US;
    }

    public static double toMillis(long ps) {
        return ps / (double) PS_PER_MS;
    }

    /**
     * Time to put {@code bytes} on a wire at {@code rateBps}, rounded up to the next picosecond so that no link ever
     * runs faster than its nominal rate. Exact for every rate that divides 8e12 (all the usual Ethernet rates).
     */
    public static long serializationPs(long bytes, long rateBps) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("rateBps must be positive, got " + rateBps);
        }
        long bits = Math.multiplyExact(bytes, 8L);
        long high = Math.multiplyHigh(bits, PS_PER_S);
        long bitPs = bits * PS_PER_S;
        if (high == 0 && bitPs >= 0) {
            return -Math.floorDiv(-bitPs, rateBps);
        }
        // Beyond 2^63 bit-picoseconds (more than 1.15 MB: a deep token bucket, a 40 Gb/s port's 1-ms burst): exact
        // in 128 bits. Rare, so BigInteger's allocation does not matter; the quotient itself fits a long unless the
        // time exceeds the clock's 106 days.
        BigInteger[] qr = BigInteger.valueOf(bits).multiply(BigInteger.valueOf(PS_PER_S))
                .divideAndRemainder(BigInteger.valueOf(rateBps));
        return (qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0]).longValueExact();
    }

    /** Bytes that a rate carries in a duration, truncated (double math: the product overflows a long). */
    public static long bytesIn(long durationPs, long rateBps) {
        return (long) Math.floor((double) durationPs / (8.0 * PS_PER_S) * rateBps);
    }

    /** Human-readable form for logs and error messages, e.g. "12.304us". */
    public static String format(long ps) {
        if (ps % PS_PER_S == 0) {
            return (ps / PS_PER_S) + "s";
        }
        if (Math.abs(ps) >= PS_PER_S) {
            return toSeconds(ps) + "s";
        }
        if (Math.abs(ps) >= PS_PER_MS) {
            return toMillis(ps) + "ms";
        }
        if (Math.abs(ps) >= PS_PER_US) {
            return toMicros(ps) + "us";
        }
        return ps + "ps";
    }
}
