package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.run.Schemes;

/**
 * The README's list of Seawall's knobs names every parameter the scheme reads: it had fallen five behind
 * (feedback, sparseReportIntervals and the three telemetry parameters).
 */
class ReadmeListsEveryParameterTest {
    @Test
    void everySeawallParameterIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, String> params = Schemes.PARAMS.get("seawall");
        assertThat(params).hasSizeGreaterThan(20);
        for (String p : params.keySet()) {
            assertThat(readme).as("README names `" + p + "`").contains("`" + p + "`");
        }
    }
}
