package org.seawallsim.scenario.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression suite's and goldens' errors in the words scenario files get: a damaged goldens file printed
 * Jackson's text ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column:
 * 1]", twice), and suite problems had no line ("name: unknown key; allowed: entries, tolerances").
 */
class SuiteAndGoldensErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedGoldensFileSaysInvalidJsonWithItsLineAndColumn() throws Exception {
        Path g = dir.resolve("g.json");
        Files.writeString(g, "{\"runs\": {\"a/tcp\": {\"status\": \"ok\",}}}\n");
        String m = catchThrowableOfType(IllegalArgumentException.class, () -> Goldens.load(g)).getMessage();
        assertThat(m).startsWith("golden file " + g + ": invalid JSON at line 1 column 36: ")
                .doesNotContain("Source", "REDACTED", "StreamReadFeature", "`");
        Files.writeString(g, "{");
        m = catchThrowableOfType(IllegalArgumentException.class, () -> Goldens.load(g)).getMessage();
        assertThat(m).contains("invalid JSON at line 1 column 2", "(start marker at line 1 column 1)")
                .doesNotContain("Source", "REDACTED", "StreamReadFeature");
    }

    @Test
    void suiteProblemsNameTheFileLineAndColumn() throws Exception {
        Path s = dir.resolve("suite.yaml");
        Files.writeString(s, String.join("\n",
                "name: x",                                  // 1
                "tolerances:",                              // 2
                "  share: {abs: 0.03, bogus: 1}",           // 3
                "  jain.weighted: {rel: high}",             // 4
                "entries:",                                 // 5
                "  - name: a",                              // 6
                "    scenario: nofile.yaml",                // 7
                "    schemes: [tcp]",                       // 8
                "  - {name: b, scenario: nofile.yaml, schemes: tcp, colour: red}", // 9
                ""));
        String m = catchThrowableOfType(IllegalArgumentException.class, () -> Suite.load(s)).getMessage();
        assertThat(m).startsWith("regression suite " + s + ":\n").contains(
                s + ":1:1: name: unknown key; allowed: entries, tolerances",
                s + ":3:22: tolerances.share.bogus: unknown key",
                s + ":4:3: tolerances.jain.weighted: expected a number, got \"high\"",
                s + ":7:5: entries[0].scenario: no such file",
                s + ":9:52: entries[1].colour: unknown key",
                s + ":9:38: entries[1].schemes: expected a list");
        // A YAML error has its place too.
        Files.writeString(s, "entries:\n\t- name: a\n");
        m = catchThrowableOfType(IllegalArgumentException.class, () -> Suite.load(s)).getMessage();
        assertThat(m).startsWith("regression suite " + s + ":2:1: malformed YAML").contains("tab");
    }
}
