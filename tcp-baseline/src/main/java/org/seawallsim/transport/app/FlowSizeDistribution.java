package org.seawallsim.transport.app;

import java.util.SplittableRandom;

/** Sizes of generated flows, drawn from the generator's own seeded stream. */
public interface FlowSizeDistribution {
    long sample(SplittableRandom random);

    static FlowSizeDistribution fixed(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("fixed flow size must be > 0 bytes, got " + bytes);
        }
        return r -> bytes;
    }

    /** Exponential with the given mean, at least 1 byte. */
    static FlowSizeDistribution exponential(long meanBytes) {
        if (meanBytes <= 0) {
            throw new IllegalArgumentException("mean flow size must be > 0 bytes, got " + meanBytes);
        }
        return r -> Math.max(1, Math.round(-StrictMath.log(1 - r.nextDouble()) * meanBytes));
    }

    /** Uniform in [minBytes, maxBytes]. */
    static FlowSizeDistribution uniform(long minBytes, long maxBytes) {
        if (minBytes <= 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException(
                    "uniform flow sizes need 0 < min <= max bytes, got min=" + minBytes + " max=" + maxBytes);
        }
        return r -> minBytes + r.nextLong(maxBytes - minBytes + 1);
    }
}
