package org.seawallsim.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.scenario.model.RunEstimate;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.run.Sweep;
import picocli.CommandLine.Option;

/**
 * The options that bound a run before it starts (a picocli mixin of validate, run, compare and sweep): the run's
 * estimated events against a budget and its estimated heap against this JVM's maximum.
 */
final class RunLimits {
    @Option(names = "--max-events", paramLabel = "N", description = "Refuse runs estimated to need more than N events "
            + "(default: ${DEFAULT-VALUE}, about 5 minutes; 'validate --explain' prints the estimate).")
    long maxEvents = RunEstimate.DEFAULT_MAX_EVENTS;

    @Option(names = "--ignore-limits", description = "Start runs even when their estimated events or heap exceed the "
            + "limits.")
    boolean ignore;

    /** Throws (exit 2, with the estimate and the flags) when {@code sc}'s run would exceed a limit. */
    void check(Scenario sc) {
        check(sc, 1);
    }

    /** The same for {@code parallel} such runs at once in this JVM, which share its heap. */
    void check(Scenario sc, int parallel) {
        if (skipped()) {
            return;
        }
        String why = RunEstimate.of(sc).refusal(maxEvents, Runtime.getRuntime().maxMemory() / Math.max(1, parallel));
        if (why != null) {
            throw new BadInputException(sc.file() + ": " + why);
        }
    }

    /**
     * The same for the run of {@code base} under each of {@code schemes}, {@code parallel} at once: what compare
     * runs. Only the file's own scheme was judged, which compare may not run: a file of seawall (2.58e6 events) was
     * refused 'compare --schemes tcp,drr' (2.54e6 each) under a budget of 2.56e6, and one of tcp let seawall start
     * above it. A refusal names each scheme over a limit and its estimate.
     */
    void check(Scenario base, List<String> schemes, int parallel) {
        if (skipped()) {
            return;
        }
        long heap = Runtime.getRuntime().maxMemory() / Math.max(1, parallel);
        List<String> reasons = new ArrayList<>();
        java.util.Set<String> remedies = new java.util.LinkedHashSet<>();
        for (String s : schemes) {
            RunEstimate.Refusal why = RunEstimate.of(base.withScheme(s)).refusalOf(maxEvents, heap);
            if (why != null) {
                reasons.add("under " + s + ": " + why.reason());
                // 'validate --explain' alone estimates the file's scheme, which may be none of these.
                remedies.add(why.remedy().replace(RunEstimate.EXPLAIN_HINT,
                        "'validate --explain FILE --set scheme=S' prints the estimate under S"));
            }
        }
        if (reasons.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(base.file().toString()).append(": ");
        if (reasons.size() == 1) {
            sb.append(reasons.get(0)).append(" (").append(remedies.iterator().next()).append(')');
        } else {
            sb.append(reasons.size()).append(" of ").append(schemes.size()).append(" schemes exceed the limits (")
                    .append(String.join("; ", remedies)).append("):");
            reasons.forEach(r -> sb.append("\n  ").append(r));
        }
        throw new BadInputException(sb.toString());
    }

    /** Whether --ignore-limits skips the checks; a budget below 1 is refused either way. */
    private boolean skipped() {
        if (maxEvents < 1) {
            throw new BadInputException("--max-events must be >= 1, got " + maxEvents);
        }
        return ignore;
    }

    /** Refused sweep points listed in full; the others are counted. */
    static final int LISTED_POINTS = 10;

    /**
     * The same for every point of a sweep, {@code parallel} at a time. A refusal names each refused point by its axis
     * values and runs, the largest first: the first refused point's estimate alone named no point, so the user
     * could not tell which axis value to change.
     */
    void check(List<Sweep.Point> points, int parallel) {
        if (skipped() || points.isEmpty()) {
            return;
        }
        long heap = Runtime.getRuntime().maxMemory() / Math.max(1, parallel);
        // Repetitions differ only in their seed, which no estimate depends on: one estimate per set of axis values.
        Map<Map<String, Object>, List<Sweep.Point>> byValues = new LinkedHashMap<>();
        for (Sweep.Point p : points) {
            byValues.computeIfAbsent(p.values(), k -> new ArrayList<>()).add(p);
        }
        record Refused(List<Sweep.Point> runs, RunEstimate estimate, RunEstimate.Refusal why) {
        }
        List<Refused> refused = new ArrayList<>();
        for (List<Sweep.Point> runs : byValues.values()) {
            RunEstimate e = RunEstimate.of(runs.get(0).scenario());
            RunEstimate.Refusal why = e.refusalOf(maxEvents, heap);
            if (why != null) {
                refused.add(new Refused(runs, e, why));
            }
        }
        if (refused.isEmpty()) {
            return;
        }
        // The largest first: it is the one a budget must cover, and the list is cut after LISTED_POINTS.
        refused.sort(Comparator.comparingDouble((Refused r) -> -Math.max(r.estimate().heapBytes() / heap,
                r.estimate().events() / maxEvents)));
        String file = points.get(0).scenario().file().toString();
        StringBuilder sb = new StringBuilder(file).append(": ");
        if (refused.size() == 1) {
            Refused r = refused.get(0);
            sb.append(byValues.size() == 1 ? "" : "1 of " + byValues.size() + " sweep points exceeds the limits: ")
                    .append(pointName(r.runs())).append(": ").append(r.why().reason()).append(" (")
                    .append(r.why().remedy()).append(')');
            throw new BadInputException(sb.toString());
        }
        sb.append(refused.size()).append(" of ").append(byValues.size()).append(" sweep points exceed the limits, the "
                + "largest first (");
        java.util.Set<String> remedies = new java.util.LinkedHashSet<>();
        refused.forEach(r -> remedies.add(r.why().remedy()));
        sb.append(String.join("; ", remedies)).append("):");
        for (Refused r : refused.subList(0, Math.min(LISTED_POINTS, refused.size()))) {
            sb.append("\n  ").append(pointName(r.runs())).append(": ").append(r.why().reason());
        }
        if (refused.size() > LISTED_POINTS) {
            sb.append("\n  and ").append(refused.size() - LISTED_POINTS).append(" more");
        }
        throw new BadInputException(sb.toString());
    }

    /** "sweep point a=1, b=2 (runs r0002-r0003)": the axis values as validate names them, and the run folders. */
    static String pointName(List<Sweep.Point> runs) {
        Map<String, Object> values = runs.get(0).values();
        String first = runs.get(0).id();
        String last = runs.get(runs.size() - 1).id();
        return (values.isEmpty() ? "sweep" : Sweep.pointName(values))
                + (runs.size() == 1 ? " (run " + first + ")" : " (runs " + first + "-" + last + ")");
    }
}
