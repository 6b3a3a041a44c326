package org.seawallsim.seawall.controller;

/** How a VM's weight is divided among its tunnels (one per destination host). */
public enum WeightSplit {
    /** In proportion to each tunnel's smoothed recent usage: the VM's total share ignores its destination count. */
    USAGE,
    /** Evenly over the VM's active tunnels. */
    EQUAL,
    /** Every tunnel gets the full VM weight (ablation: shares then grow with the number of destinations). */
    NONE
}
