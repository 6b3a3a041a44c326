package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result-CSV reader (Apache Commons CSV under the "# key: value" header): cells, metadata and line numbers. */
class CsvTableTest {
    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void metadataHeaderRowsAndQuotedCellsWithTheirLines() throws Exception {
        CsvTable t = CsvTable.read(file("\uFEFF# scenario: s\n# units: x = m: y\n\ntime_s,link\n0.1,\"a,b\"\n\n"
                + "0.2,\"say \"\"hi\"\"\"\n0.3,\"two\nlines\"\n0.4,c\r\n0.5,\n"), "time_s", "link");
        assertThat(t.meta()).containsEntry("scenario", "s").containsEntry("units", "x = m: y");
        assertThat(t.columns()).containsExactly("time_s", "link");
        assertThat(t.rows()).extracting(CsvTable.Row::line).containsExactly(5, 7, 8, 10, 11);
        assertThat(t.rows()).extracting(r -> r.cells()[1]).containsExactly("a,b", "say \"hi\"", "two\nlines", "c",
                "");
        assertThat(t.number(t.rows().get(3), 0)).isEqualTo(0.4);
        assertThatThrownBy(() -> t.text(t.rows().get(4), 1)).hasMessageContaining("t.csv line 11")
                .hasMessageContaining("column 'link' is empty");
    }

    @Test
    void everyKindOfDamageNamesTheLine() throws Exception {
        assertThatThrownBy(() -> CsvTable.read(file("# a: b\nx,y\n1,2\n\n3\n"), "x"))
                .isInstanceOf(ResultFileException.class).hasMessageContaining("t.csv line 5")
                .hasMessageContaining("has 1 cells but the header has 2");
        assertThatThrownBy(() -> CsvTable.read(file("# a: b\n# c: d\nx,y\n1,2\n3,\"open\n4,5\n"), "x"))
                .isInstanceOf(ResultFileException.class).hasMessageContaining("t.csv line 5")
                .hasMessageContaining("is not valid CSV");
        assertThatThrownBy(() -> CsvTable.read(file("# only: comments\n\n"), "x", "y"))
                .hasMessageContaining("has no CSV header line (expected x,y)");
        assertThatThrownBy(() -> CsvTable.read(file("x,z\n1,2\n"), "x", "y"))
                .hasMessageContaining("t.csv line 1").hasMessageContaining("lacks column 'y'");
        assertThatThrownBy(() -> CsvTable.read(dir.resolve("none.csv"), "x")).hasMessageContaining("file not found");
    }

    @Test
    void aHeaderWithNoRowsIsATableWithNoRows() throws Exception {
        CsvTable t = CsvTable.read(file("x,y\n"), "x");
        assertThat(t.rows()).isEmpty();
        assertThat(t.columns()).isEqualTo(List.of("x", "y"));
    }
}
