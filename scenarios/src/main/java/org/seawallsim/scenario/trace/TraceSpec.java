package org.seawallsim.scenario.trace;

import java.util.List;

/**
 * What a run records as packet traces (the scenario's {@code trace:} section, or {@code run --pcap}).
 *
 * @param links      link group names ({@code bottleneck}, {@code uplinks}), link names ({@code swL<->swR}), port
 *                   names ({@code swL->swR}, one direction) or host names (the host's access link)
 * @param direction  {@code both}, {@code forward} (each link's a-to-b direction: a dumbbell bottleneck's left to
 *                   right, a host's uplink) or {@code reverse}; port names ignore it
 * @param startS     simulated time the trace starts
 * @param stopS      simulated time it ends (exclusive); null: the end of the run
 * @param maxPackets frames per file at most; the rest are left out and the file is marked truncated
 * @param snapBytes  bytes kept of each frame (the pcap snap length)
 * @param origin     where the selection came from, for error messages (file, line and field, or the option)
 */
public record TraceSpec(List<String> links, String direction, double startS, Double stopS, long maxPackets,
        int snapBytes, String origin) {
    public static final List<String> DIRECTIONS = List.of("both", "forward", "reverse");
    public static final int DEFAULT_SNAP_BYTES = 128;
    public static final long DEFAULT_MAX_PACKETS = 1_000_000;

    public TraceSpec {
        links = List.copyOf(links);
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("direction must be one of " + DIRECTIONS + ", got " + direction);
        }
    }

    /** {@code run --pcap LINK...}: defaults for everything but the links. */
    public static TraceSpec of(List<String> links, String origin) {
        return new TraceSpec(links, "both", 0, null, DEFAULT_MAX_PACKETS, DEFAULT_SNAP_BYTES, origin);
    }

    public TraceSpec withLinks(List<String> newLinks, String newOrigin) {
        return new TraceSpec(newLinks, direction, startS, stopS, maxPackets, snapBytes, newOrigin);
    }
}
