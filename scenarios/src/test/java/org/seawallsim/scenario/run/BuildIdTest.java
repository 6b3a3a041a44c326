package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build id in every output's version: the same for the same classes, another when one of ours changes. */
class BuildIdTest {
    @TempDir
    Path dir;

    private Path jar(String name, Map<String, byte[]> entries) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return p;
    }

    private static Map<String, byte[]> entries(String... nameThenText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            m.put(nameThenText[i], nameThenText[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void sameClassesInAnyOrderGiveTheSameIdAndAChangedClassAnother() throws IOException {
        String a = BuildId.of(jar("a.jar", entries("org/seawallsim/A.class", "aaa", "org/seawallsim/x/B.class", "bbb",
                "META-INF/MANIFEST.MF", "Implementation-Version: 0.1.0\n")));
        String reordered = BuildId.of(jar("b.jar", entries("META-INF/MANIFEST.MF", "Built-By: someone else\n",
                "org/seawallsim/x/B.class", "bbb", "org/seawallsim/A.class", "aaa")));
        // Libraries and resources are not the project's code: pinned by the pom, left out of the hash.
        String otherLibrary = BuildId.of(jar("c.jar", entries("org/seawallsim/A.class", "aaa",
                "org/seawallsim/x/B.class", "bbb", "org/apache/Lib.class", "lib 2", "org/seawallsim/notes.txt", "x")));
        String changed = BuildId.of(jar("d.jar", entries("org/seawallsim/A.class", "aaa",
                "org/seawallsim/x/B.class", "bbc")));
        String renamed = BuildId.of(jar("e.jar", entries("org/seawallsim/A.class", "aaa",
                "org/seawallsim/x/C.class", "bbb")));
        // The same bytes split differently between two classes are another build too.
        String resplit = BuildId.of(jar("f.jar", entries("org/seawallsim/A.class", "aaab",
                "org/seawallsim/x/B.class", "bb")));
        String added = BuildId.of(jar("g.jar", entries("org/seawallsim/A.class", "aaa",
                "org/seawallsim/x/B.class", "bbb", "org/seawallsim/x/B$1.class", "")));
        assertThat(a).matches("[0-9a-f]{" + BuildId.DIGITS + "}");
        assertThat(reordered).isEqualTo(a);
        assertThat(otherLibrary).isEqualTo(a);
        assertThat(List.of(changed, renamed, resplit, added)).doesNotContain(a).doesNotHaveDuplicates();
    }

    @Test
    void theVersionCarriesTheBuildAsSemVerMetadata() {
        assertThat(ResultsWriter.compose("0.1.0", "09ec3ba2ddf1")).isEqualTo("0.1.0+09ec3ba2ddf1");
        assertThat(ResultsWriter.compose("0.1.0", null)).isEqualTo("0.1.0");
        assertThat(ResultsWriter.compose(null, null)).isEqualTo("dev");
        // Run from classes, as here: no jar, no release version.
        assertThat(BuildId.ofRunningJar()).isNull();
        assertThat(ResultsWriter.version()).isEqualTo("dev");
    }
}
