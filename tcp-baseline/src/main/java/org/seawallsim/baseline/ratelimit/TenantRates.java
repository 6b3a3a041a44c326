package org.seawallsim.baseline.ratelimit;

import java.util.Map;
import org.seawallsim.baseline.TenantWeights;

/**
 * Resolves the rate of a tenant's bucket on a port: an explicit rate from the config, or the static reservation
 * share x port capacity. Tenants with no VM (and the network's own traffic, tenant -1) are not limited.
 */
final class TenantRates {
    static final long UNLIMITED = Long.MAX_VALUE;

    private final RateLimitConfig config;
    private final TenantWeights weights;
    private long[] explicitByTenant = new long[0];

    TenantRates(RateLimitConfig config, TenantWeights weights) {
        this.config = config;
        this.weights = weights;
    }

    /** Re-resolves explicit rates by tenant name; called whenever the tenant set changes. */
    void refresh() {
        long[] ex = new long[weights.tenantCount()];
        for (Map.Entry<String, Long> e : config.rateBpsByTenant().entrySet()) {
            int id = weights.idOf(e.getKey());
            if (id < 0) {
                throw new IllegalArgumentException("rateBpsByTenant names tenant '" + e.getKey()
                        + "', which has no VM in this scenario");
            }
            ex[id] = e.getValue();
        }
        explicitByTenant = ex;
    }

    /** Bit/s for {@code tenant} on a port of {@code portRateBps}, or {@link #UNLIMITED}. */
    long rateFor(int tenant, long portRateBps) {
        if (tenant < 0) {
            return UNLIMITED;
        }
        if (tenant < explicitByTenant.length && explicitByTenant[tenant] > 0) {
            return explicitByTenant[tenant];
        }
        double share = weights.share(tenant);
        if (share <= 0) {
            return UNLIMITED;
        }
        return Math.max(1, Math.round(share * portRateBps));
    }

    long burstFor(long rateBps) {
        return config.burstFor(rateBps);
    }
}
