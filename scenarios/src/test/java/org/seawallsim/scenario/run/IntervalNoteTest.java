package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seawall's weights hold only while a report about a bottleneck's queue reaches the controller within the two
 * intervals it assumes. Three UDP floods of weights 1, 2, 3 on a 1 Gb/s trunk with a 131 072-B drop-tail buffer: its
 * queue holds 1048.6 us, so any intervalUs below 524.3 us is noted (at 50 us the lightest VM got 0.01-0.02 of its
 * share, at 10 us the heaviest 0.99 of the link, with no note or one blaming drop-tail phase). Under ECN-driven
 * feedback the queue stands at the 60 000-B threshold: 480 us, noted below 240 us.
 */
class IntervalNoteTest {
    private static final String YAML = ThreeWeightedFloods.TOPOLOGY_AND_TENANTS + """
            scheme: %s
            durationS: 0.3
            warmupS: 0.1
            """;

    @ParameterizedTest(name = "{0}, {1} feedback, intervalUs {2}, seed {3}: note {4}")
    @CsvSource({
            "seawall, loss, 10, 1, true", "seawall, loss, 50, 1, true", "seawall, loss, 50, 2, true",
            "seawall, loss, 200, 1, true", "seawall, loss, 520, 1, true", "seawall, loss, 530, 1, false",
            "seawall, loss, 1000, 1, false", "seawall, loss, 5000, 1, false",
            "seawall, ecn, 10, 1, true", "seawall, ecn, 200, 1, true", "seawall, ecn, 250, 1, false",
            "seawall, ecn, 1000, 1, false",
            // Other schemes have no such interval.
            "drr, loss, 10, 1, false"})
    void anIntervalShorterThanTheBottlenecksFeedbackDelayIsNoted(String scheme, String feedback, int intervalUs,
            int seed, boolean noted, @TempDir Path dir) throws Exception {
        RunResult r = ScenarioRuns.run(dir, YAML.formatted(scheme), "schemeParams.seawall.feedback=" + feedback,
                "schemeParams.seawall.intervalUs=" + intervalUs, "seed=" + seed);
        java.util.List<String> intervalNotes = r.notes().stream()
                .filter(n -> n.startsWith("schemeParams.seawall.intervalUs")).toList();
        if (noted) {
            double queueUs = feedback.equals("loss") ? 131072 * 8 / 1e3 : 60000 * 8 / 1e3;
            assertThat(intervalNotes).hasSize(1).first().asString().contains("link swL->swR",
                            String.format(java.util.Locale.ROOT, "its queue holds %.4g us", queueUs),
                            String.format(java.util.Locale.ROOT, "%.3g intervals", queueUs / intervalUs),
                            String.format(java.util.Locale.ROOT, "raise intervalUs to at least %.4g us",
                                    queueUs / 2));
            // No note puts a lock-out on drop-tail phase here; one that names a lock-out names the interval.
            assertThat(r.notes()).noneMatch(n -> n.contains("fixed phase"));
            assertThat(r.notes()).filteredOn(n -> n.contains("got less than"))
                    .allMatch(n -> n.contains("see the intervalUs note"));
        } else {
            assertThat(intervalNotes).isEmpty();
        }
    }
}
