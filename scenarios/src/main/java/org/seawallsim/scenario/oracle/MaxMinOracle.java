package org.seawallsim.scenario.oracle;

import java.util.Arrays;
import java.util.List;

/**
 * The weighted max-min fair allocation, computed by progressive filling ("water-filling"): every unfrozen entity's
 * rate grows in proportion to its weight until a link on its path is full or its demand is met; entities crossing a
 * full link, or satisfied, freeze; repeat. This is the allocation Seawall's policy aims at: shares proportional to
 * weights at each bottleneck, and capacity left by one entity goes to the others (work conservation).
 *
 * <p>Multipath: a VM whose flows take different paths (ECMP, or several destinations) is a <em>group</em> of
 * entities, one per distinct path, sharing the VM's weight. The members still growing split it in proportion to
 * their {@code share} (e.g. the VM's flows on that path); when one freezes, on a bottleneck of its own or at its
 * demand, its part of the weight moves to the members still growing, as Seawall's usage-based split moves weight
 * to the tunnels that can use it. So on every link a VM counts with the traffic it actually puts there, and a VM
 * whose paths all share one bottleneck gets exactly the share one entity of its weight would.
 */
public final class MaxMinOracle {
    private static final double EPS = 1e-9;

    private MaxMinOracle() {
    }

    /**
     * One contender (or one path of a multipath contender).
     *
     * @param weight share weight, > 0; for group members, the group's weight (the same on every member)
     * @param demandBps the most it would send (the NIC rate for backlogged TCP, the source rate for UDP); may be
     *     {@code Double.POSITIVE_INFINITY} if some link bounds it
     * @param links indices of the links (capacities) it crosses
     * @param group members of one group (a VM over several paths) share its weight; -1 = a group of its own
     * @param share this member's part of the group's weight, relative to the others still growing; > 0
     * @param costs per link, what a bit/s of this entity's rate takes of that link's capacity (null: 1 on every
     *     link, the rate itself); a host's packet path is a capacity of 1 (its time) and costs its service time per
     *     bit, which depends on the entity's packet size (the acknowledgements it causes are its {@link Echo})
     */
    public record Entity(double weight, double demandBps, int[] links, int group, double share, double[] costs) {
        public Entity {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be a positive number, got " + weight);
            }
            if (!(demandBps >= 0)) {
                throw new IllegalArgumentException("demandBps must be >= 0, got " + demandBps);
            }
            if (!(share > 0) || Double.isInfinite(share)) {
                throw new IllegalArgumentException("share must be a positive number, got " + share);
            }
            if (group < -1) {
                throw new IllegalArgumentException("group must be >= 0, or -1 for none, got " + group);
            }
            links = links.clone();
            if (costs != null) {
                costs = checkedCosts("link", costs, links.length);
            }
        }

        /** A member of a group whose rate counts in full on each of its links. */
        public Entity(double weight, double demandBps, int[] links, int group, double share) {
            this(weight, demandBps, links, group, share, null);
        }

        /** A single-path contender. */
        public Entity(double weight, double demandBps, int[] links) {
            this(weight, demandBps, links, -1, 1);
        }

        /** What a bit/s of this entity takes of its {@code k}-th link. */
        public double cost(int k) {
            return costs == null ? 1 : costs[k];
        }
    }

    /**
     * Load an entity causes on links where it does not contend: per bit/s of its rate, what it takes of each of
     * {@code links} (TCP's acknowledgements, 90 wire bytes per 1 538-byte segment, on the ports and host paths from
     * the receiver back to the sender).
     */
    public record Echo(int[] links, double[] costs) {
        public static final Echo NONE = new Echo(new int[0], new double[0]);

        public Echo {
            costs = checkedCosts("echo", costs, links.length);
            links = links.clone();
        }
    }

    /** A copy of {@code costs}, checked to be one positive finite number per link. */
    private static double[] checkedCosts(String what, double[] costs, int links) {
        if (costs.length != links) {
            throw new IllegalArgumentException(what + " costs must be one per link, got " + costs.length + " for "
                    + links + " links");
        }
        for (double c : costs) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException(what + " costs must be positive numbers, got " + c);
            }
        }
        return costs.clone();
    }

    /** Most rounds of {@link #fill}; echoes of 0.06 per bit settle in about 10, of 0.71 (damped) in about 20. */
    static final int ECHO_ROUNDS = 100;

    /**
     * As {@link #allocate(double[], List)}, with each entity's {@code echoes} (one per entity, in order) taken off
     * the capacity of the links they cross before the others share it, at the rates the allocation gives: rounds of
     * water-filling until the echoes stop changing (by 1e-12 of a link's capacity). An echo is load, not a claim: the
     * acknowledgements of a VM's flows reach the sender whatever the weights (no scheme holds them back: they are
     * small, and the receiving VM's traffic), so on a link they cross they take their bits before the link's data is
     * shared. Counted as a cost per link of the sending entity instead, they froze it wherever they crossed a full
     * link: two VMs of weights 1 and 3 sending bulk TCP to each other over 1 Gb/s were owed 307.8 and 923.5 Mb/s,
     * since a's acknowledgements on b's full NIC stood against b's data as a claim of weight 1, while every scheme
     * gives each about 775-805 of the 889.4 the wire allows.
     */
    public static double[] allocate(double[] capacityBps, List<Entity> entities, List<Echo> echoes) {
        return fill(capacityBps, entities, echoes).rateBps();
    }

    /**
     * An allocation and what limited each entity: {@code limitedBy[i]} is the link that was full when entity i
     * stopped growing (the lowest index if several filled at once), or -1 when its demand stopped it.
     */
    public record Filled(double[] rateBps, int[] limitedBy) {
    }

    /** As {@link #allocate(double[], List, List)}, with what limited each entity. */
    public static Filled fill(double[] capacityBps, List<Entity> entities, List<Echo> echoes) {
        if (echoes.size() != entities.size()) {
            throw new IllegalArgumentException("echoes must be one per entity, got " + echoes.size() + " for "
                    + entities.size() + " entities");
        }
        int[] limitedBy = new int[entities.size()];
        double[] echo = new double[capacityBps.length];
        double[] left = capacityBps.clone();
        double[] rate = allocate(left, entities, limitedBy);
        // Each round takes off the echoes of the last allocation. More echo leaves less data and so less echo, so
        // the rounds swing about the fixed point, by a factor of the echo's share of a link (0.06 for
        // acknowledgements on a NIC, settled in about 10 rounds); where the swing shrinks slowly (a host's send path,
        // an acknowledgement taking 0.71 of a segment's service) each round goes half way, which damps it.
        double step = 1;
        double lastChange = Double.POSITIVE_INFINITY;
        for (int round = 1; round < ECHO_ROUNDS; round++) {
            double[] next = new double[capacityBps.length];
            for (int i = 0; i < rate.length; i++) {
                Echo e = echoes.get(i);
                for (int k = 0; k < e.links().length; k++) {
                    next[e.links()[k]] += rate[i] * e.costs()[k];
                }
            }
            double change = 0;
            for (int l = 0; l < next.length; l++) {
                change = Math.max(change, Math.abs(next[l] - echo[l]) / Math.max(1, capacityBps[l]));
            }
            if (change <= 1e-12) {
                break;
            }
            if (change > lastChange / 2) {
                step = 0.5;
            }
            lastChange = change;
            for (int l = 0; l < next.length; l++) {
                echo[l] += step * (next[l] - echo[l]);
                left[l] = Math.max(0, capacityBps[l] - echo[l]);
            }
            rate = allocate(left, entities, limitedBy);
        }
        return new Filled(rate, limitedBy);
    }

    /** Rates in bit/s, one per entity, in the order given. */
    public static double[] allocate(double[] capacityBps, List<Entity> entities) {
        return allocate(capacityBps, entities, new int[entities.size()]);
    }

    /** The water-filling; {@code limitedBy} receives what stopped each entity (see {@link Filled}). */
    private static double[] allocate(double[] capacityBps, List<Entity> entities, int[] limitedBy) {
        int n = entities.size();
        double[] rate = new double[n];
        double[] remaining = capacityBps.clone();
        for (double c : capacityBps) {
            if (!(c >= 0)) {
                throw new IllegalArgumentException("link capacities must be >= 0, got " + c);
            }
        }
        // Dense group ids: groups given, then one per ungrouped entity.
        int[] groupOf = new int[n];
        int groups = 0;
        for (Entity e : entities) {
            groups = Math.max(groups, e.group() + 1);
        }
        for (int i = 0; i < n; i++) {
            Entity e = entities.get(i);
            groupOf[i] = e.group() >= 0 ? e.group() : groups++;
        }
        double[] groupWeight = new double[groups];
        for (int i = 0; i < n; i++) {
            Entity e = entities.get(i);
            double w = groupWeight[groupOf[i]];
            if (w != 0 && w != e.weight()) {
                throw new IllegalArgumentException("entities of group " + e.group() + " have different weights: "
                        + w + " and " + e.weight());
            }
            groupWeight[groupOf[i]] = e.weight();
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
            limitedBy[i] = -1;
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
        double[] activeShare = new double[groups];
        double[] growth = new double[n];
        while (active > 0) {
            Arrays.fill(activeShare, 0);
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    activeShare[groupOf[i]] += entities.get(i).share();
                }
            }
            Arrays.fill(weightOn, 0);
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    Entity e = entities.get(i);
                    growth[i] = groupWeight[groupOf[i]] * e.share() / activeShare[groupOf[i]];
                    for (int k = 0; k < e.links().length; k++) {
                        weightOn[e.links()[k]] += growth[i] * e.cost(k);
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
                    step = Math.min(step, (entities.get(i).demandBps() - rate[i]) / growth[i]);
                }
            }
            for (int i = 0; i < n; i++) {
                if (!frozen[i]) {
                    rate[i] += step * growth[i];
                    Entity e = entities.get(i);
                    for (int k = 0; k < e.links().length; k++) {
                        remaining[e.links()[k]] -= step * growth[i] * e.cost(k);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (frozen[i]) {
                    continue;
                }
                Entity e = entities.get(i);
                boolean atDemand = rate[i] >= e.demandBps() * (1 - EPS);
                int full = -1;
                for (int l : e.links()) {
                    if (remaining[l] <= capacityBps[l] * EPS && (full < 0 || l < full)) {
                        full = l;
                    }
                }
                if (atDemand || full >= 0) {
                    frozen[i] = true;
                    limitedBy[i] = full;
                    active--;
                }
            }
        }
        return rate;
    }
}
