package org.seawallsim.seawall.controller;

/** How a backlogged, uncongested tunnel raises its rate. */
public enum IncreaseMode {
    /** r += alpha * w per interval. */
    ADDITIVE,
    /**
     * The "faster increase": a cubic curve in the time since the last decrease that climbs quickly back toward the
     * rate at which congestion last struck, flattens there, then probes beyond it; never slower than ADDITIVE.
     */
    CUBIC
}
