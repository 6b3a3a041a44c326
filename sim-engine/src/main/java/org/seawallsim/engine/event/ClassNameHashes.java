package org.seawallsim.engine.event;

/**
 * Stable hashes of event targets' class names for the dispatch fingerprint ({@link EventLoop#fingerprint()}).
 *
 * <p>Name hashes are stable across runs (identity hashes are not), but reaching one costs several dependent loads, so
 * a small direct-mapped cache indexed by the class's identity hash remembers them (a packet network dispatches to a
 * handful of classes: ports, pipes, sources, timers). The identity hash only picks the cache line; the fingerprint
 * never depends on it. The loop itself keeps the last class and its hash, the case of most dispatches.
 */
final class ClassNameHashes {
    private static final int CACHE = 16;
    private final Class<?>[] classes = new Class<?>[CACHE];
    private final int[] hashes = new int[CACHE];

    int hashOf(Class<?> c) {
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
