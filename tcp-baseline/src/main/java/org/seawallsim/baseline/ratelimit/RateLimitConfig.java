package org.seawallsim.baseline.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.time.Time;

/**
 * Configuration of the per-tenant token-bucket baseline ("ratelimit").
 *
 * @param mode           {@link Mode#POLICER} drops out-of-profile packets at switch ingress (default);
 *                       {@link Mode#SHAPER} queues them per tenant at switch egress until tokens arrive
 * @param placement      policer only: which port's capacity and traffic a bucket meters. {@link Placement#EGRESS_PORT}
 *                       (default) keeps one bucket per (switch egress port, tenant), so each tenant is capped on every
 *                       link it crosses; {@link Placement#INGRESS_PORT} keeps one per (switch ingress port, tenant), the
 *                       classic ToR-edge policer. Shapers always sit at egress.
 * @param rateBpsByTenant explicit rates by tenant name, bit/s (> 0); tenants not listed get the static reservation
 *                       weight/sum(weights) x port capacity. Default empty.
 * @param burstBytes     bucket depth in bytes (metered as wire bytes, framing included); 0 (default) derives it from
 *                       {@code burstTimePs} as rate x burstTime, at least two full frames
 * @param burstTimePs    used when {@code burstBytes} is 0; default 1 ms of traffic at the bucket's rate. At data-center
 *                       RTTs (tens of microseconds to 1 ms) that is at least one bandwidth-delay product, the depth
 *                       TCP needs to get most of the rate (R10). Much deeper buckets (vendor guidance for WAN
 *                       policing is 5 ms and up) let synchronized slow-start bursts overflow the ~150 KB port buffers
 *                       downstream, and NewReno without SACK then cycles through timeouts: with 5 ms, two 500 Mb/s
 *                       tenants of one TCP flow each got 26 Mb/s apiece on a 1 Gb/s star in our runs.
 * @param shaperQueueBytes shaper only: per-tenant queue limit in bytes; 0 (default) = the scenario's port buffer
 */
public record RateLimitConfig(Mode mode, Placement placement, Map<String, Long> rateBpsByTenant, long burstBytes,
        long burstTimePs, long shaperQueueBytes) {

    /** Drop (police) or delay (shape) traffic above the rate. */
    public enum Mode { POLICER, SHAPER }

    /** Which port a policer's bucket is tied to. */
    public enum Placement { EGRESS_PORT, INGRESS_PORT }

    /** Two full frames: a smaller bucket could never pass back-to-back MTU frames. */
    public static final long MIN_DERIVED_BURST_BYTES = 2L * Ethernet.wireBytes(Ethernet.MTU_BYTES);
    public static final long DEFAULT_BURST_TIME_PS = Time.ofMillis(1);

    public RateLimitConfig {
        List<String> errors = new ArrayList<>();
        if (mode == null) {
            errors.add("mode must be POLICER or SHAPER, got null");
        }
        if (placement == null) {
            errors.add("placement must be EGRESS_PORT or INGRESS_PORT, got null");
        }
        rateBpsByTenant = rateBpsByTenant == null ? Map.of() : Map.copyOf(new TreeMap<>(rateBpsByTenant));
        for (Map.Entry<String, Long> e : rateBpsByTenant.entrySet()) {
            if (e.getValue() == null || e.getValue() <= 0) {
                errors.add("rateBpsByTenant[" + e.getKey() + "] must be > 0 bit/s, got " + e.getValue());
            }
        }
        if (burstBytes < 0) {
            errors.add("burstBytes must be >= 0 (0 = derive from burstTimePs), got " + burstBytes);
        } else if (burstBytes > 0 && burstBytes < Ethernet.wireBytes(Ethernet.MTU_BYTES)) {
            errors.add("burstBytes must hold one full frame (>= " + Ethernet.wireBytes(Ethernet.MTU_BYTES)
                    + " wire bytes) or be 0, got " + burstBytes);
        }
        if (burstTimePs <= 0) {
            errors.add("burstTimePs must be > 0 ps, got " + burstTimePs);
        }
        if (shaperQueueBytes < 0) {
            errors.add("shaperQueueBytes must be >= 0 (0 = port buffer), got " + shaperQueueBytes);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid ratelimit config: " + String.join("; ", errors));
        }
    }

    /** Policer at egress ports, static reservation, 1 ms bursts. */
    public static RateLimitConfig defaults() {
        return new RateLimitConfig(Mode.POLICER, Placement.EGRESS_PORT, Map.of(), 0, DEFAULT_BURST_TIME_PS, 0);
    }

    public RateLimitConfig withMode(Mode m) {
        return new RateLimitConfig(m, placement, rateBpsByTenant, burstBytes, burstTimePs, shaperQueueBytes);
    }

    public RateLimitConfig withPlacement(Placement p) {
        return new RateLimitConfig(mode, p, rateBpsByTenant, burstBytes, burstTimePs, shaperQueueBytes);
    }

    public RateLimitConfig withRates(Map<String, Long> rates) {
        return new RateLimitConfig(mode, placement, rates, burstBytes, burstTimePs, shaperQueueBytes);
    }

    public RateLimitConfig withBurstBytes(long b) {
        return new RateLimitConfig(mode, placement, rateBpsByTenant, b, burstTimePs, shaperQueueBytes);
    }

    public RateLimitConfig withBurstTimePs(long t) {
        return new RateLimitConfig(mode, placement, rateBpsByTenant, burstBytes, t, shaperQueueBytes);
    }

    public RateLimitConfig withShaperQueueBytes(long q) {
        return new RateLimitConfig(mode, placement, rateBpsByTenant, burstBytes, burstTimePs, q);
    }

    /** Bucket depth for a bucket of the given rate. */
    public long burstFor(long rateBps) {
        if (burstBytes > 0) {
            return burstBytes;
        }
        return Math.max(MIN_DERIVED_BURST_BYTES, Time.bytesIn(burstTimePs, rateBps));
    }
}
