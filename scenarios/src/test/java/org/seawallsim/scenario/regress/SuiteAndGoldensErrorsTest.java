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

    /**
     * Damaged values were coerced instead of refused (probe session 20): a string or a list metric read as 0 (a FAIL
     * against 0), true as 1.0 (an OK), a number as fingerprint accepted, an unknown status made every metric NEW.
     * Each is refused naming the file, the run, the field and what is allowed; what save() writes still loads
     * (null is a metric that was NaN).
     */
    @Test
    void malformedGoldenValuesAreRefusedNamingRunAndField() throws Exception {
        Path g = dir.resolve("g.json");
        String good = "{\"status\": \"ok\", \"fingerprint\": \"02f2e11578bf84b0\", \"metrics\": "
                + "{\"jain_weighted\": 0.998863, \"drops\": 12, \"share:vm:a\": null}}";
        Files.writeString(g, "{\"runs\": {\"E1/seawall\": " + good + ", \"E1/drr\": {\"status\": \"unsupported\", "
                + "\"reason\": \"no model\"}}}");
        Goldens ok = Goldens.load(g);
        assertThat(ok.get("E1/seawall").metrics()).containsEntry("jain_weighted", 0.998863).containsEntry("drops", 12.0);
        assertThat(ok.get("E1/seawall").metrics().get("share:vm:a")).isNaN();
        assertThat(ok.get("E1/drr").ok()).isFalse();
        String[][] cases = {
            {"\"jain_weighted\": \"high\"", "metric 'jain_weighted': expected a finite number", "got a string \"high\""},
            {"\"jain_weighted\": [1]", "metric 'jain_weighted': expected a finite number", "got a list [1]"},
            {"\"jain_weighted\": true", "metric 'jain_weighted': expected a finite number", "got a boolean true"},
            {"\"jain_weighted\": \"0.998863\"", "metric 'jain_weighted': expected a finite number", "got a string"},
            {"\"fingerprint\": 12345", "field 'fingerprint': expected a string of 16 hex digits", "got a number 12345"},
            // Found by a second probe: Infinity compared (and lost report.html), a short fingerprint turned the
            // fingerprint check into a non-failing FINGERPRINT-CHANGED.
            {"\"jain_weighted\": 1e400", "metric 'jain_weighted': expected a finite number", "Infinity"},
            {"\"fingerprint\": \"02f2\"", "field 'fingerprint': expected a string of 16 hex digits", "got \"02f2\""},
            {"\"fingerprint\": \"02f2e11578bf84b0ff\"", "expected a string of 16 hex digits", "got \"02f2e11578bf84b0ff\""},
            {"\"status\": \"banana\"", "field 'status': expected \"ok\" or \"unsupported\"", "got \"banana\""},
            {"\"metrics\": 3", "field 'metrics': expected an object", "got a number 3"},
        };
        for (String[] c : cases) {
            String key = c[0].substring(0, c[0].indexOf(':'));
            String run = key.equals("\"jain_weighted\"")
                    ? good.replace("\"jain_weighted\": 0.998863", c[0])
                    : good.replaceAll(java.util.regex.Pattern.quote(key) + ": (\"[^\"]*\"|\\{[^}]*\\})", c[0]);
            assertThat(run).as(c[0]).contains(c[0]);
            Files.writeString(g, "{\"runs\": {\"E1/seawall\": " + run + "}}");
            String m = catchThrowableOfType(IllegalArgumentException.class, () -> Goldens.load(g)).getMessage();
            assertThat(m).as(c[0]).startsWith("golden file " + g + ": run 'E1/seawall'").contains(c[1], c[2]);
        }
        // A run or a metric written twice (a merge that kept both sides): the last one used to win silently.
        Files.writeString(g, "{\"runs\": {\"E1/seawall\": " + good + ", \"E1/seawall\": " + good + "}}");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Goldens.load(g)).getMessage())
                .startsWith("golden file " + g).contains("Duplicate field 'E1/seawall'");
        Files.writeString(g, "{\"runs\": {\"E1/seawall\": " + good.replace("\"drops\": 12", "\"drops\": 12, \"drops\": 3")
                + "}}");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Goldens.load(g)).getMessage())
                .contains("Duplicate field 'drops'");
        Files.writeString(g, "{\"runs\": {\"E1/seawall\": 7}}");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Goldens.load(g)).getMessage())
                .contains("run 'E1/seawall': expected an object");
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
