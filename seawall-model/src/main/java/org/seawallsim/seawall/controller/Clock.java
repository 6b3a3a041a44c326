package org.seawallsim.seawall.controller;

/** The controller's only notion of time: picoseconds from an arbitrary origin. Simulated or {@code System.nanoTime}. */
@FunctionalInterface
public interface Clock {
    long nowPs();
}
