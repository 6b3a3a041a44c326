package org.seawallsim.scenario.run;

/**
 * Three Poisson UDP floods of weights 1, 2, 3 from 1 GbE hosts with host timing over a 1 Gb/s dumbbell trunk
 * (131 072-B drop-tail buffer, ECN marking at 60 000 B): every VM backlogged, the trunk the one bottleneck, weighted
 * max-min 1/6, 2/6, 3/6 of it. The topology and tenants of a scenario; tests add the scheme and the times.
 */
final class ThreeWeightedFloods {
    static final String TOPOLOGY_AND_TENANTS = """
            topology: {builder: dumbbell, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, ecnThresholdBytes: 60000, hostTiming: {}}
            tenants:
              A: {weight: 1, vms: {a: {host: h0, traffic: [{type: udp, to: ra, rateMbps: 2000, pattern: poisson}]}, ra: {host: h3}}}
              B: {weight: 2, vms: {b: {host: h1, traffic: [{type: udp, to: rb, rateMbps: 2000, pattern: poisson}]}, rb: {host: h4}}}
              C: {weight: 3, vms: {c: {host: h2, traffic: [{type: udp, to: rc, rateMbps: 2000, pattern: poisson}]}, rc: {host: h5}}}
            """;

    private ThreeWeightedFloods() {
    }
}
