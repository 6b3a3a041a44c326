package org.seawallsim.baseline.ratelimit;

import org.seawallsim.engine.time.Time;

/**
 * A token bucket of rate r and depth b, kept in the equivalent "virtual empty time" form (the GCRA view): instead of
 * a token count, it stores the instant E at which the bucket would have been empty, so tokens(now) =
 * min(b, (now - E)·r). A packet of L bytes conforms if its transmission time at r, L·8/r, has elapsed since E (after
 * clamping E to now - b/r, the full bucket); consuming it advances E by L·8/r. All arithmetic is exact integer
 * picoseconds, so a long run accumulates no rounding drift and no product overflows.
 *
 * <p>Caveat: the per-packet cost is rounded up to the next picosecond, so the long-run rate is at most r (never
 * above it), short by less than 1 ps per packet. A packet larger than the bucket conforms only when the bucket is
 * full and empties it (otherwise it could never pass). Not thread-safe.
 */
public final class TokenBucket {
    private long rateBps;
    private long burstBytes;
    private long burstPs;
    private long emptyAtPs;

    /** A full bucket at {@code nowPs}. */
    public TokenBucket(long rateBps, long burstBytes, long nowPs) {
        check(rateBps, burstBytes);
        this.rateBps = rateBps;
        this.burstBytes = burstBytes;
        this.burstPs = Time.serializationPs(burstBytes, rateBps);
        this.emptyAtPs = nowPs - burstPs;
    }

    private static void check(long rateBps, long burstBytes) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("token bucket rateBps must be > 0 bit/s, got " + rateBps);
        }
        if (burstBytes <= 0) {
            throw new IllegalArgumentException("token bucket burstBytes must be > 0, got " + burstBytes);
        }
    }

    public long rateBps() {
        return rateBps;
    }

    public long burstBytes() {
        return burstBytes;
    }

    /** The time the bucket must have filled for before {@code bytes} conform: at most a full bucket's. */
    private long wait(int bytes) {
        return Math.min(Time.serializationPs(bytes, rateBps), burstPs);
    }

    /** Takes {@code bytes} tokens if they are there; returns false (and changes nothing) otherwise. */
    public boolean tryConsume(long nowPs, int bytes) {
        long e = Math.max(emptyAtPs, nowPs - burstPs);
        if (e + wait(bytes) > nowPs) {
            return false;
        }
        emptyAtPs = e + Time.serializationPs(bytes, rateBps);
        return true;
    }

    /** The earliest time at or after {@code nowPs} at which {@code bytes} would conform. */
    public long conformAtPs(long nowPs, int bytes) {
        long e = Math.max(emptyAtPs, nowPs - burstPs);
        return Math.max(nowPs, e + wait(bytes));
    }

    /** Tokens available now, in bytes (for inspection and tests); negative while a long packet's debt is paid. */
    public double tokensBytes(long nowPs) {
        long e = Math.max(emptyAtPs, nowPs - burstPs);
        double t = (nowPs - e) / 8.0 / Time.PS_PER_S * rateBps;
        return Math.min(t, burstBytes);
    }

    /** Changes rate and depth, keeping the tokens now present (clipped to the new depth). */
    public void reconfigure(long nowPs, long newRateBps, long newBurstBytes) {
        check(newRateBps, newBurstBytes);
        double tokens = Math.min(tokensBytes(nowPs), newBurstBytes);
        rateBps = newRateBps;
        burstBytes = newBurstBytes;
        burstPs = Time.serializationPs(newBurstBytes, newRateBps);
        emptyAtPs = nowPs - (long) Math.floor(tokens * 8.0 * Time.PS_PER_S / newRateBps);
    }
}
