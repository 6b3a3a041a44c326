package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or corrupt file is reported with its name, the line for CSVs, and what is wrong. */
class ResultFileErrorsTest {
    @TempDir
    Path dir;

    private static void replaceLine(Path f, int lineNo, String text) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        lines.set(lineNo - 1, text);
        Files.write(f, lines);
    }

    @Test
    void missingSummaryNamesTheFile() throws IOException {
        Fixtures.run(dir, "tcp", 1, false);
        Files.delete(dir.resolve("summary.json"));
        Files.writeString(dir.resolve("comparison.csv.bak"), "x");
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("summary.json").hasMessageContaining("file not found");
        assertThatThrownBy(() -> Reports.forAny(dir, Format.PNG)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("summary.json").hasMessageContaining("not a results folder");
    }

    @Test
    void truncatedJsonNamesTheFileAndLine() throws IOException {
        Fixtures.run(dir, "tcp", 1, false);
        String s = Files.readString(dir.resolve("summary.json"));
        Files.writeString(dir.resolve("summary.json"), s.substring(0, s.length() / 2));
        assertThatThrownBy(() -> Reports.forAny(dir, Format.PNG)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("summary.json").hasMessageContaining("invalid JSON at line");
    }

    @Test
    void summaryWithAMissingOrWrongFieldNamesTheField() throws IOException {
        Fixtures.run(dir, "tcp", 1, false);
        Path f = dir.resolve("summary.json");
        String s = Files.readString(f);
        Files.writeString(f, s.replace("\"scheme\": \"tcp\", ", ""));
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG)).hasMessageContaining("summary.json")
                .hasMessageContaining("missing field 'scheme'");
        Files.writeString(f, s.replace("\"goodput_bps\": 2.0e8", "\"goodput_bps\": \"fast\""));
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG)).hasMessageContaining("summary.json")
                .hasMessageContaining("tenants[0].goodput_bps").hasMessageContaining("must be a number");
    }

    @Test
    void missingTimeSeriesFileIsNamed() throws IOException {
        Fixtures.run(dir, "tcp", 1, false);
        Files.delete(dir.resolve("timeseries-queues.csv"));
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("timeseries-queues.csv: file not found");
    }

    @Test
    void badNumberInCsvNamesFileLineAndColumn() throws IOException {
        Fixtures.run(dir, "tcp", 1, false);
        Path f = dir.resolve("timeseries-vms.csv");
        // Lines 1-5 are comments, 6 the header, so line 9 is the third data row.
        replaceLine(f, 9, "0.1,a1,attacker,12abc,3.3E8");
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("timeseries-vms.csv line 9").hasMessageContaining("goodput_bps")
                .hasMessageContaining("'12abc' is not a number");
    }

    @Test
    void shortRowMissingColumnAndTimeGoingBackAreReported() throws IOException {
        Fixtures.run(dir, "tcp", 1, false);
        Path f = dir.resolve("timeseries-links.csv");
        replaceLine(f, 7, "0.1,tor0->h9");
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG))
                .hasMessageContaining("timeseries-links.csv line 7").hasMessageContaining("has 2 cells but the "
                        + "header has 3");
        replaceLine(f, 7, "0.1,tor0->h9,1.7");
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG))
                .hasMessageContaining("timeseries-links.csv line 7").hasMessageContaining("exceeds 1");
        replaceLine(f, 7, "9.1,tor0->h9,0.5");
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG))
                .hasMessageContaining("timeseries-links.csv line 9").hasMessageContaining("earlier than the previous");
        replaceLine(f, 6, "time_s,link,util");
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG))
                .hasMessageContaining("timeseries-links.csv line 6").hasMessageContaining("lacks column "
                        + "'utilization'");
    }

    @Test
    void binaryGarbageInCsvIsReportedNotRendered() throws IOException {
        Fixtures.run(dir, "tcp", 1, false);
        Files.write(dir.resolve("timeseries-tenants.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3});
        assertThatThrownBy(() -> Reports.forRun(dir, Format.PNG))
                .hasMessageContaining("timeseries-tenants.csv");
    }

    @Test
    void comparisonWithAMissingSchemeFolderNamesItsSummary() throws IOException {
        Fixtures.comparison(dir);
        Files.delete(dir.resolve("drr").resolve("summary.json"));
        assertThatThrownBy(() -> Reports.forAny(dir, Format.PNG)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining(dir.resolve("drr").resolve("summary.json").toString())
                .hasMessageContaining("file not found");
    }

    @Test
    void sweepWithAMissingMetricColumnNamesCsvAndMetric() throws IOException {
        Fixtures.sweep(dir);
        Path f = dir.resolve("sweep.csv");
        String s = Files.readString(f);
        Files.writeString(f, s.replace(",tenant:victim:share,", ",victim_share,"));
        assertThatThrownBy(() -> Reports.forAny(dir, Format.PNG)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("sweep.csv").hasMessageContaining("tenant:victim:share");
        Files.delete(dir.resolve("sweep.csv"));
        assertThatThrownBy(() -> Reports.forAny(dir, Format.PNG)).hasMessageContaining("sweep.csv: file not found");
    }

    @Test
    void notAFolderIsReported() {
        assertThatThrownBy(() -> Reports.forAny(dir.resolve("nope"), Format.PNG))
                .isInstanceOf(ResultFileException.class).hasMessageContaining("nope: folder not found");
    }

    @Test
    void badOptionsAreRejectedWithTheParameterName() {
        assertThatThrownBy(() -> new PlotOptions(Format.PNG, 10, 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width: 10");
        assertThatThrownBy(() -> Format.parse("gif")).hasMessageContaining("format: 'gif'")
                .hasMessageContaining("png, svg");
    }
}
