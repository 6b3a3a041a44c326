package org.seawallsim.engine.event;

/**
 * A 64-bit FNV-style hash folded over (time, tag, target class name) of every dispatch, so two runs can be compared
 * for an identical trajectory at negligible cost (INET's fingerprints).
 *
 * <p>Name hashes are stable across runs (identity hashes are not), but reaching one costs several dependent loads, so
 * a small direct-mapped cache indexed by the class's identity hash remembers them (a packet network dispatches to a
 * handful of classes: ports, pipes, sources, timers). The identity hash only picks the cache line; the fingerprint
 * never depends on it.
 */
final class DispatchFingerprint {
    private static final int CACHE = 16;
    private final Class<?>[] classes = new Class<?>[CACHE];
    private final int[] hashes = new int[CACHE];
    private Class<?> lastClass;
    private int lastClassHash;
    private long value = 0xcbf29ce484222325L;

    long value() {
        return value;
    }

    void fold(long timePs, int tag, Class<?> targetClass) {
        long h = value;
        h = (h ^ timePs) * 0x100000001b3L;
        h = (h ^ tag) * 0x100000001b3L;
        h = (h ^ classHash(targetClass)) * 0x100000001b3L;
        value = h;
    }

    private int classHash(Class<?> c) {
        // Most dispatches go to the same class as the one before (pipes, in a packet network): one compare.
        if (c == lastClass) {
            return lastClassHash;
        }
        int h = cachedClassHash(c);
        lastClass = c;
        lastClassHash = h;
        return h;
    }

    private int cachedClassHash(Class<?> c) {
        int i = System.identityHashCode(c) & (CACHE - 1);
        if (classes[i] == c) {
            return hashes[i];
        }
        String name = c.getName();
        // A lambda's class name carries a spin counter and an address ("Foo$$Lambda$42/0x...") that differ between
        // JVM runs, so it is hashed by its enclosing class only: the fingerprint stays comparable across processes.
        int lambda = name.indexOf("$$Lambda");
        int hash = (lambda < 0 ? name : name.substring(0, lambda + 8)).hashCode();
        classes[i] = c;
        hashes[i] = hash;
        return hash;
    }
}
