package org.seawallsim.scenario.run;

import java.util.List;
import java.util.Set;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.trace.Tracer;

/**
 * What one run measured ({@code traces}: the packet trace files written into the result folder, usually none;
 * {@code notes}: what the reader should know to judge the result, such as a scheme operating outside its bounds). Averages are over the interval after the warm-up; per-VM ideal shares are the oracle's
 * allocation averaged over the same interval.
 */
public record RunResult(Scenario scenario, List<String> linkNames, double[] vmGoodputBps, double[] vmIdealBps,
        double[] vmWeight,
        double[] linkUtilization, long[] linkDrops, long[] linkLost, long otherDrops, Set<Integer> bottlenecks, SeriesData series,
        List<FlowCompletion> fcts, long unfinishedFlows, long events, long fingerprint, double wallS, List<List<VmPath>> vmPaths,
        List<Tracer.TraceFile> traces, List<Accusation> accusations, List<String> notes) {
    /** A path one VM's data took (links by name, NIC first) and how many of its flows took it. */
    public record VmPath(List<String> links, int flows) {
    }

    /**
     * A source Seawall's destinations reported (empty under other schemes): the source host and VM (VM null for a
     * false accusation, which names no VM), the accusing host, the detector's reason, when it was reported and when
     * the filter became active (NaN if not yet).
     */
    public record Accusation(String srcHost, String srcVm, String accuserHost, String reason, double reportedS,
                             double installedS) {
    }

}
