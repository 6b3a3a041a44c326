package org.seawallsim.scenario.oracle;

import java.util.List;

/**
 * The weighted max-min fair allocation, computed by progressive filling ("water-filling"): every unfrozen entity's
 * rate grows in proportion to its weight until a link on its path is full or its demand is met; entities crossing a
 * full link, or satisfied, freeze; repeat. This is the allocation Seawall's policy aims at: shares proportional to
 * weights at each bottleneck, and capacity left by one entity goes to the others (work conservation).
 *
 * <p>Simplification: an entity (a VM) counts with its whole rate on every link it uses. That is exact when all of a
 * VM's destinations share its bottleneck (every library scenario); for VMs whose paths diverge onto different
 * bottlenecks, Seawall would move weight between its tunnels and this oracle is conservative.
 */
public final class MaxMinOracle {
    private static final double EPS = 1e-9;

    private MaxMinOracle() {
    }

    /**
     * One contender.
     *
     * @param weight share weight, > 0
     * @param demandBps the most it would send (the NIC rate for backlogged TCP, the source rate for UDP); may be
     *     {@code Double.POSITIVE_INFINITY} if some link bounds it
     * @param links indices of the links (capacities) it crosses
     */
    public record Entity(double weight, double demandBps, int[] links) {
        public Entity {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be a positive number, got " + weight);
            }
            if (!(demandBps >= 0)) {
                throw new IllegalArgumentException("demandBps must be >= 0, got " + demandBps);
            }
            links = links.clone();
        }
    }

    /** Rates in bit/s, one per entity, in the order given. */
    public static double[] allocate(double[] capacityBps, List<Entity> entities) {
        int n = entities.size();
        double[] rate = new double[n];
        double[] remaining = capacityBps.clone();
        for (double c : capacityBps) {
            if (!(c >= 0)) {
                throw new IllegalArgumentException("link capacities must be >= 0, got " + c);
            }
        }
        boolean[] frozen = new boolean[n];
        int active = 0;
        for (int i = 0; i < n; i++) {
            Entity e = entities.get(i);
            for (int l : e.links()) {
                if (l < 0 || l >= capacityBps.length) {
                    throw new IllegalArgumentException("entity " + i + " uses unknown link " + l);
                }
            }
            if (e.demandBps() <= 0) {
                frozen[i] = true;
            } else {
                if (e.links().length == 0 && Double.isInfinite(e.demandBps())) {
                    throw new IllegalArgumentException("entity " + i + " has infinite demand and crosses no link");
                }
                active++;
            }
        }
        double[] weightOn = new double[capacityBps.length];
        while (active > 0) {
            java.util.Arrays.fill(weightOn, 0);
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    for (int l : entities.get(i).links()) {
                        weightOn[l] += entities.get(i).weight();
                    }
                }
            }
            // The largest common increase of the fill level before something binds.
            double step = Double.POSITIVE_INFINITY;
            for (int l = 0; l < remaining.length; l++) {
                if (weightOn[l] > 0) {
                    step = Math.min(step, Math.max(0, remaining[l]) / weightOn[l]);
                }
            }
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    Entity e = entities.get(i);
                    step = Math.min(step, (e.demandBps() - rate[i]) / e.weight());
                }
            }
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    Entity e = entities.get(i);
                    rate[i] += step * e.weight();
                    for (int l : e.links()) {
                        remaining[l] -= step * e.weight();
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (frozen[i]) {
                    continue;
                }
                Entity e = entities.get(i);
                boolean done = rate[i] >= e.demandBps() * (1 - EPS);
                for (int l : e.links()) {
                    if (remaining[l] <= capacityBps[l] * EPS) {
                        done = true;
                    }
                }
                if (done) {
                    frozen[i] = true;
                    active--;
                }
            }
        }
        return rate;
    }
}
