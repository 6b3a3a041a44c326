package org.seawallsim.baseline.ratelimit;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.IngressFilter;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.probe.DropReason;

/**
 * Per-tenant token-bucket policers of one switch: every packet of a tenant is metered against that tenant's bucket
 * on its egress port (or on the port it came in on, see {@link RateLimitConfig.Placement}) and dropped with
 * {@link DropReason#POLICER} if out of profile. Buckets are created on a tenant's first packet at a port, full.
 * Meters count wire bytes (framing and gap included), so a rate of share x capacity is exactly that share of the
 * link's time. Single-colour (conform/drop) only: srTCM/trTCM re-marking is not modelled.
 */
public final class TenantPolicer implements IngressFilter {
    private final TenantRates rates;
    private final RateLimitConfig.Placement placement;
    private final Map<EgressPort, PortBuckets> byPort = new IdentityHashMap<>();

    TenantPolicer(TenantRates rates, RateLimitConfig.Placement placement) {
        this.rates = rates;
        this.placement = placement;
    }

    /** The buckets of one port, indexed by tenant. */
    private static final class PortBuckets {
        final long portRateBps;
        TokenBucket[] byTenant = new TokenBucket[8];
        boolean[] unlimited = new boolean[8];

        PortBuckets(long portRateBps) {
            this.portRateBps = portRateBps;
        }
    }

    @Override
    public boolean admit(Packet p, EgressPort inPort, Switch sw) {
        int tenant = p.tenant;
        if (tenant < 0) {
            return true;
        }
        EgressPort key = placement == RateLimitConfig.Placement.EGRESS_PORT ? sw.egressFor(p) : inPort;
        if (key == null) {
            return true; // unroutable: the switch reports it
        }
        PortBuckets pb = byPort.get(key);
        if (pb == null) {
            pb = new PortBuckets(key.rateBps());
            byPort.put(key, pb);
        }
        if (tenant >= pb.byTenant.length) {
            int n = Math.max(tenant + 1, pb.byTenant.length * 2);
            pb.byTenant = Arrays.copyOf(pb.byTenant, n);
            pb.unlimited = Arrays.copyOf(pb.unlimited, n);
        }
        TokenBucket b = pb.byTenant[tenant];
        long now = sw.context().nowPs();
        if (b == null) {
            if (pb.unlimited[tenant]) {
                return true;
            }
            long rate = rates.rateFor(tenant, pb.portRateBps);
            if (rate == TenantRates.UNLIMITED) {
                pb.unlimited[tenant] = true;
                return true;
            }
            b = new TokenBucket(rate, rates.burstFor(rate), now);
            pb.byTenant[tenant] = b;
        }
        if (b.tryConsume(now, p.wireBytes())) {
            return true;
        }
        // Counted on the link the bucket polices: the egress port's, or for an ingress policer the link the packet
        // came in on (inPort is this switch's port of that link, which sends the other way).
        (placement == RateLimitConfig.Placement.EGRESS_PORT ? key : inPort.reverse()).reportDrop(p, DropReason.POLICER);
        return false;
    }

    /** Re-derives every bucket's rate after a weight change (tokens present are kept). */
    void refresh(long nowPs) {
        for (PortBuckets pb : byPort.values()) {
            Arrays.fill(pb.unlimited, false);
            for (int t = 0; t < pb.byTenant.length; t++) {
                TokenBucket b = pb.byTenant[t];
                if (b == null) {
                    continue;
                }
                long rate = rates.rateFor(t, pb.portRateBps);
                // A tenant whose last sender left keeps its last bucket, as the shaper does: dropping it made the
                // tenant unlimited, and the leaver's NIC backlog crossed at up to 818 Mb/s of a 319 Mb/s
                // reservation, pushing the others to 68 Mb/s.
                if (rate != TenantRates.UNLIMITED) {
                    b.reconfigure(nowPs, rate, rates.burstFor(rate));
                }
            }
        }
    }

    /** The bucket of {@code tenant} on {@code port}, or null if none yet (for tests and inspection). */
    public TokenBucket bucket(EgressPort port, int tenant) {
        PortBuckets pb = byPort.get(port);
        return pb == null || tenant >= pb.byTenant.length ? null : pb.byTenant[tenant];
    }
}
