/**
 * Seawall's rate controller as plain Java: one loop per tunnel (source VM, destination host) driven by receivers'
 * {@link org.seawallsim.seawall.controller.FeedbackReport}s, with weighted additive (or cubic) increase, a
 * multiplicative cut on congested intervals, the weight split across destinations, and run-time weights and VM
 * churn. It sees only the small interfaces of this package ({@link org.seawallsim.seawall.controller.Clock},
 * {@link org.seawallsim.seawall.controller.Timers}, {@link org.seawallsim.seawall.controller.RateLimiterPort},
 * {@link org.seawallsim.seawall.controller.TunnelActivity}); an ArchUnit test keeps simulator imports out.
 */
package org.seawallsim.seawall.controller;
