package org.seawallsim.scenario.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seawallsim.scenario.trace.TraceSpec;

/**
 * A validated scenario, ready to run: VM groups are expanded into VMs with hosts, destination names into VM names,
 * and every default is filled in. Immutable.
 *
 * @param parameters the {@code path=value} overrides that produced this scenario from its file (--set, the
 *        command's --scheme, --seed and --tie-seed, the scheme compare or regress ran, a sweep point)
 * @param axes sweep axes found in the file (list-valued sweepable fields); this scenario uses each axis's first value
 * @param trace the packet traces to record, or null (the {@code trace:} section)
 */
public record Scenario(String name, String description, Path file, Topology topology, List<String> hostNames,
        List<Tenant> tenants, List<Vm> vms, List<Event> timeline, String scheme, List<String> compare,
        Map<String, Map<String, String>> schemeParams, double durationS, double warmupS, double sampleIntervalS,
        long seed, int repetitions, List<Expectation> expect, List<Binder.Axis> axes, Map<String, String> parameters,
        long tieSeed, TraceSpec trace) {

    public record Topology(String builder, int hosts, int racks, int hostsPerRack, int leaves, int spines, int k,
            double rateGbps, double coreRateGbps, double delayUs, long bufferBytes, long nicBufferBytes,
            long ecnThresholdBytes, String nonEctAboveThreshold, HostTiming hostTiming, Loss loss) {
        /** RFC 3168 section 7: a non-ECN-capable packet is dropped where an ECN-capable one would be marked. */
        public boolean dropsNonEct() {
            return "drop".equals(nonEctAboveThreshold);
        }
    }

    /**
     * Random frame loss on links: {@code rate} per frame and link direction, on {@code links} (all, core: switch to
     * switch, access: host to switch both ways), hitting every frame or, with {@code packets} "data", only TCP
     * segments and UDP datagrams.
     */
    public record Loss(double rate, String links, String packets) {
        public static final Loss NONE = new Loss(0, "all", "all");
    }

    /**
     * Host timing; {@code enabled} false means ideal hosts (see the engine's HostTimingConfig). {@code
     * switchClockPpm} is the one part that is not the hosts': the switches' port clocks, applied with the rest.
     */
    public record HostTiming(boolean enabled, double servicePerPacketUs, double servicePerByteNs, double sendJitterUs,
            double rxCoalesceUs, int rxCoalesceFrames, double nicClockPpm, double switchClockPpm) {
        public static final HostTiming NONE = new HostTiming(false, 0, 0, 0, 0, 1, 0, 0);
    }

    public record Tenant(int id, String name, double weight, List<String> vms) {
    }

    /** One VM. {@code id} is dense (0..n-1) in file order; {@code group} is the VM group it was declared in. */
    public record Vm(int id, String name, String group, int tenantId, String tenant, String host, double weight,
            boolean active, List<Traffic> traffic) {
    }

    /** Flow size distribution; {@code cdf} holds (size, probability) points when distribution is cdf. */
    public record SizeDist(String distribution, double meanBytes, double shape, double sigma, Path cdfFile,
            double[][] cdf) {
    }

    /**
     * What one VM sends. One record for all types; fields a type does not use keep their defaults.
     *
     * @param stopS null when the traffic runs to the end
     */
    public record Traffic(String type, List<String> to, double startS, Double stopS, String variant, int flows,
            double rateMbps, int packetBytes, double onS, double offS, boolean exponential, double arrivalsPerS,
            SizeDist size, long sizeBytes, int rounds, boolean poisson, boolean sack, boolean ecn) {
        /** UDP datagrams (udp, onoff), which take the wire whether or not anyone receives them; the rest is TCP. */
        public boolean datagrams() {
            return type.equals("udp") || type.equals("onoff");
        }
    }

    public record Event(double atS, String action, List<String> vms, String host, Double weight, String mode) {
    }

    /** An expected result; exactly one of vm, tenant or metric is set, and the ranges are [low, high] or null. */
    public record Expectation(String scheme, String vm, String tenant, String metric, double[] share,
            double[] goodputMbps, double[] ratioToIdeal, double[] range, String note) {
    }

    public Vm vm(String name) {
        for (Vm v : vms) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown VM '" + name + "'");
    }

    /**
     * This scenario run under {@code newScheme}, as {@code compare} and {@code regress} run each scheme, with
     * {@code scheme} recorded in {@link #parameters} as {@code run --scheme} records it: the same run then writes the
     * same summary.json whichever command ran it.
     */
    public Scenario withScheme(String newScheme) {
        Map<String, String> withIt = new java.util.LinkedHashMap<>(parameters);
        withIt.put("scheme", newScheme);
        return new Scenario(name, description, file, topology, hostNames, tenants, vms, timeline, newScheme, compare,
                schemeParams, durationS, warmupS, sampleIntervalS, seed, repetitions, expect, axes,
                java.util.Collections.unmodifiableMap(withIt), tieSeed, trace);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, file, topology, hostNames, tenants, vms, timeline, scheme, compare,
                schemeParams, durationS, warmupS, sampleIntervalS, newSeed, repetitions, expect, axes, parameters, tieSeed,
                trace);
    }
}
