package org.seawallsim.engine.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Per-component random streams derived from one master seed and the component's stable name, never from the clock.
 * Adding a component therefore leaves every other component's draws unchanged.
 */
public final class RandomStreams {
    private final long masterSeed;

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** A stable 64-bit seed for {@code name}: FNV-1a over its UTF-8 bytes, mixed with the master seed (SplitMix64). */
    public long seedFor(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix64(h ^ mix64(masterSeed));
    }

    /** Fast uniform stream for per-packet draws. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(seedFor(name));
    }

    /** A Commons Math generator for its distributions, seeded explicitly (never self-seeded). */
    public RandomGenerator commonsMath(String name) {
        long seed = seedFor(name);
        return new Well19937c(new int[] {(int) seed, (int) (seed >>> 32)});
    }

    /** SplitMix64 finaliser: a bijective 64-bit mix. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
