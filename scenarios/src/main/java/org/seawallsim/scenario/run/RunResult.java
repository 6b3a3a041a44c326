package org.seawallsim.scenario.run;

import java.util.List;
import java.util.Set;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.trace.Tracer;

/**
 * What one run measured ({@code traces}: the packet trace files written into the result folder, usually none). Averages are over the interval after the warm-up; per-VM ideal shares are the oracle's
 * allocation averaged over the same interval.
 */
public record RunResult(Scenario scenario, List<String> linkNames, double[] vmGoodputBps, double[] vmIdealBps,
        double[] linkUtilization, long[] linkDrops, long otherDrops, Set<Integer> bottlenecks, SeriesData series,
        List<FlowCompletion> fcts, long events, long fingerprint, double wallS, List<Tracer.TraceFile> traces) {
}
