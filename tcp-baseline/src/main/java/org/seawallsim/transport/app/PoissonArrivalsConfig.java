package org.seawallsim.transport.app;

import java.util.List;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.tcp.TcpConfig;

/**
 * Sized TCP flows arriving as a Poisson process: each arrival picks a source and a destination uniformly (on
 * different hosts) and a size from {@code sizes}; each flow reports its completion time through the probes.
 *
 * @param arrivalsPerSecond mean arrival rate of new flows
 */
public record PoissonArrivalsConfig(List<VmAddress> sources, List<VmAddress> destinations, TcpConfig tcp,
        double arrivalsPerSecond, FlowSizeDistribution sizes, String label) {
    public PoissonArrivalsConfig {
        if (sources == null || sources.isEmpty() || destinations == null || destinations.isEmpty()) {
            throw new IllegalArgumentException("sources and destinations must be non-empty lists");
        }
        if (tcp == null || sizes == null) {
            throw new IllegalArgumentException("tcp and sizes must not be null");
        }
        if (!(arrivalsPerSecond > 0) || Double.isInfinite(arrivalsPerSecond)) {
            throw new IllegalArgumentException("arrivalsPerSecond must be a positive number, got " + arrivalsPerSecond);
        }
        boolean anyPair = false;
        for (VmAddress s : sources) {
            for (VmAddress d : destinations) {
                anyPair |= s.host() != d.host();
            }
        }
        if (!anyPair) {
            throw new IllegalArgumentException("no source/destination pair on different hosts");
        }
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
        label = label == null ? "" : label;
    }
}
