package org.seawallsim.scenario.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;

/** Loads and runs a scenario written out by a test, the way the command line does. */
final class ScenarioRuns {
    private ScenarioRuns() {
    }

    /** Writes {@code yaml} to a file in {@code dir} and loads it with {@code overrides}. */
    static Scenario load(Path dir, String yaml, String... overrides) throws Exception {
        Path f = Files.createTempFile(dir, "scenario", ".yaml");
        Files.writeString(f, yaml);
        return ScenarioLoader.load(f, List.of(overrides));
    }

    /** Writes, loads and runs {@code yaml} quietly. */
    static RunResult run(Path dir, String yaml, String... overrides) throws Exception {
        return Runner.run(load(dir, yaml, overrides), (t, d, e, w) -> { });
    }

    /**
     * The run's notes but the convergence note (ConvergenceNoteTest): tests of the other notes run 0.1 s of warm-up,
     * 100 intervals at 1 ms, short of the 148 that note asks for unequal weights, and judge only their own notes.
     */
    static java.util.List<String> notesButConvergence(RunResult r) {
        return r.notes().stream().filter(n -> !n.startsWith("the warm-up holds")).toList();
    }
}
