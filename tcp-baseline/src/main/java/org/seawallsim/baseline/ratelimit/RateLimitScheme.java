package org.seawallsim.baseline.ratelimit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seawallsim.baseline.TenantWeightedScheme;
import org.seawallsim.baseline.TenantWeights;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.net.QueueDiscipline;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.scheme.VmInfo;

/**
 * The "ratelimit" baseline: static per-tenant token buckets in every switch, either policers (an ingress filter per
 * switch dropping out-of-profile packets) or shapers (the egress queue discipline of every switch port). A tenant's
 * rate is its weight share times the port's capacity unless the config names a rate, so capacity a tenant leaves
 * idle is wasted: the scheme is not work conserving, which is the failure the Seawall paper attributes to it.
 * Host NICs are left as the scenario built them.
 */
public final class RateLimitScheme extends TenantWeightedScheme {
    private final RateLimitConfig config;
    private final TenantRates rates;
    private final List<TenantPolicer> policers = new ArrayList<>();
    private final List<TenantShaper> shapers = new ArrayList<>();
    private Network net;

    public RateLimitScheme(RateLimitConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("ratelimit config must not be null");
        }
        this.config = config;
        this.rates = new TenantRates(config, weights);
    }

    @Override
    public String name() {
        return "ratelimit";
    }

    public RateLimitConfig config() {
        return config;
    }

    @Override
    public QueueFactory switchQueues(QueueFactory base) {
        if (config.mode() != RateLimitConfig.Mode.SHAPER) {
            return base;
        }
        return (portName, owner, rateBps) -> {
            if (!(owner instanceof Switch)) {
                return base.create(portName, owner, rateBps);
            }
            QueueDiscipline plain = base.create(portName, owner, rateBps);
            long cap = config.shaperQueueBytes() > 0 ? config.shaperQueueBytes() : plain.capacityBytes();
            TenantShaper s = new TenantShaper(rates, rateBps, cap, plain.capacityBytes(), plain.ecnThresholdBytes(),
                    plain.dropsNonEctAboveThreshold());
            shapers.add(s);
            return s;
        };
    }

    @Override
    public void install(Network network, List<VmInfo> vms) {
        this.net = network;
        weights.setAll(vms);
        rates.refresh();
        if (config.mode() == RateLimitConfig.Mode.POLICER) {
            for (Switch sw : network.switches()) {
                TenantPolicer p = new TenantPolicer(rates, config.placement());
                sw.addIngressFilter(p);
                policers.add(p);
            }
        }
    }

    @Override
    protected void refresh() {
        rates.refresh();
        long now = net == null ? 0 : net.context().nowPs();
        for (TenantPolicer p : policers) {
            p.refresh(now);
        }
        for (TenantShaper s : shapers) {
            s.refresh(now);
        }
    }

    /** The policer installed in each switch, in switch order (empty in shaper mode). */
    public List<TenantPolicer> policers() {
        return Collections.unmodifiableList(policers);
    }

    /** The shaper of every switch egress port, in build order (empty in policer mode). */
    public List<TenantShaper> shapers() {
        return Collections.unmodifiableList(shapers);
    }

    public TenantWeights weights() {
        return weights;
    }
}
