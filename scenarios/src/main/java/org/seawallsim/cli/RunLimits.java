package org.seawallsim.cli;

import org.seawallsim.scenario.model.RunEstimate;
import org.seawallsim.scenario.model.Scenario;
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
        if (maxEvents < 1) {
            throw new BadInputException("--max-events must be >= 1, got " + maxEvents);
        }
        if (ignore) {
            return;
        }
        String why = RunEstimate.of(sc).refusal(maxEvents, Runtime.getRuntime().maxMemory() / Math.max(1, parallel));
        if (why != null) {
            throw new BadInputException(sc.file() + ": " + why);
        }
    }
}
