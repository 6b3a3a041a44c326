/**
 * In-network baselines for the Seawall comparison, each an {@link org.seawallsim.engine.scheme.IsolationScheme} built
 * from a validated config record:
 * <ul>
 *   <li>{@code ratelimit} ({@link org.seawallsim.baseline.ratelimit.RateLimitScheme}): per-tenant token buckets in
 *       switches, policing (drop at ingress, {@code DropReason.POLICER}) or shaping (per-tenant queues at egress that
 *       wake the port when tokens arrive). Default rate: tenant weight share x port capacity, a static reservation;
 *       default depth 1 ms of traffic.</li>
 *   <li>{@code drr} ({@link org.seawallsim.baseline.drr.DrrScheme}): deficit round robin over 8 queues per switch
 *       port, quantum proportional to weight, tenants beyond 8 sharing queues by a static (t mod 8) or hashed map,
 *       FIFO inside a queue.</li>
 *   <li>{@code qcn} ({@link org.seawallsim.baseline.qcn.QcnScheme}): IEEE 802.1Qau congestion points on switch egress
 *       queues sending 64-byte CNM frames to the source host, and per-flow reaction points (rate limiters) in host
 *       NICs. Numeric defaults are the 802.1Qau MIB's; where sources disagree (timer 10 vs 15 ms, when TR is reset,
 *       the HAI step, when counters halve) the choice is a {@link org.seawallsim.baseline.qcn.QcnRpConfig} field.</li>
 * </ul>
 * Switches see tenants, not VMs: a tenant's weight is the sum of its VMs' weights ({@link
 * org.seawallsim.baseline.TenantWeights}).
 */
package org.seawallsim.baseline;
