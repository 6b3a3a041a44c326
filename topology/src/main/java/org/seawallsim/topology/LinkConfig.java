package org.seawallsim.topology;

import org.seawallsim.engine.time.Rate;
import org.seawallsim.engine.time.Time;

/**
 * The rate and one-way propagation delay of a class of links in a topology (host access links, fabric links, the
 * bottleneck of a dumbbell).
 *
 * @param rateBps line rate in bit/s, &gt; 0
 * @param delayPs one-way propagation delay in picoseconds, &gt;= 0
 */
public record LinkConfig(long rateBps, long delayPs) {
    public LinkConfig {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("link rateBps must be > 0 bit/s, got " + rateBps);
        }
        if (delayPs < 0) {
            throw new IllegalArgumentException("link delayPs must be >= 0 ps, got " + delayPs);
        }
    }

    /** Convenience: {@code gbps} Gb/s with {@code delayUs} microseconds of propagation. */
    public static LinkConfig gbps(long gbps, long delayUs) {
        if (gbps <= 0) {
            throw new IllegalArgumentException("link rate must be > 0 Gb/s, got " + gbps);
        }
        if (delayUs < 0) {
            throw new IllegalArgumentException("link delay must be >= 0 us, got " + delayUs);
        }
        return new LinkConfig(Rate.gbps(gbps), Time.ofMicros(delayUs));
    }

    @Override
    public String toString() {
        return Rate.format(rateBps) + "/" + Time.format(delayPs);
    }
}
