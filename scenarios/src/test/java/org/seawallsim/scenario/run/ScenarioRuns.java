package org.seawallsim.scenario.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.seawallsim.scenario.model.ScenarioLoader;

/** Runs a scenario written out by a test, the way the command line loads it. */
final class ScenarioRuns {
    private ScenarioRuns() {
    }

    /** Writes {@code yaml} to a file in {@code dir}, loads it with {@code overrides} and runs it quietly. */
    static RunResult run(Path dir, String yaml, String... overrides) throws Exception {
        Path f = Files.createTempFile(dir, "scenario", ".yaml");
        Files.writeString(f, yaml);
        return Runner.run(ScenarioLoader.load(f, List.of(overrides)), (t, d, e, w) -> { });
    }
}
