package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of issue 16 and later validation gaps (src/test/resources/bad-input, one file each, the field named in
 * its "# expect:" line): validate and run both refuse each one with exit 2, naming the file and the field (or the run
 * estimate), within a few seconds, and saying what each "# says:" line says (what is allowed). Before the fixes these
 * passed validate and failed later, ran silently wrong, or hung.
 */
class BadInputCorpusTest {
    static Stream<Path> corpus() throws Exception {
        return Files.list(Path.of("src/test/resources/bad-input")).sorted();
    }

    private static String expected(Path f) throws Exception {
        return Files.readAllLines(f).stream().filter(l -> l.startsWith("# expect: ")).findFirst().orElseThrow()
                .substring("# expect: ".length()).trim();
    }

    private static List<String> says(Path f) throws Exception {
        return Files.readAllLines(f).stream().filter(l -> l.startsWith("# says: "))
                .map(l -> l.substring("# says: ".length()).trim()).toList();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void validateAndRunRefuseItWithFileAndField(Path f, @TempDir Path tmp) throws Exception {
        String field = expected(f);
        for (String command : List.of("validate", "run")) {
            // Generous: each case answers in well under a second; the old behaviour was no answer in 60 s.
            String[] args = command.equals("run")
                    ? new String[] {"run", f.toString(), "--quiet", "--no-plots", "--out",
                        tmp.resolve("out").toString()}
                    : new String[] {"validate", f.toString()};
            CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of(args), command + " " + f);
            assertThat(r.code()).as(command + " " + f + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(command + " " + f).doesNotContain("\tat ", "Exception");
            switch (field) {
                case "estimate" -> assertThat(r.err()).contains(f.toString(), "events", "--max-events",
                        "--ignore-limits");
                case "yaml" -> assertThat(r.err()).containsPattern(f.getFileName() + ":\\d+:\\d+: ")
                        .contains("expands to more than");
                default -> {
                    String at = f.getFileName() + ":\\d+:\\d+: " + Pattern.quote(field) + ": ";
                    assertThat(r.err()).containsPattern(at);
                    // On the field's own line, not anywhere in the output.
                    for (String text : says(f)) {
                        assertThat(r.err()).as(command + " " + f).containsPattern(at + ".*" + Pattern.quote(text));
                    }
                }
            }
        }
    }
}
