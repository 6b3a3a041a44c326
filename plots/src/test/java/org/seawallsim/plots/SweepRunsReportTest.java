package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's report leads to every run: each run folder gets its own report and a link from the runs table. */
class SweepRunsReportTest {
    @TempDir
    Path dir;

    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]+)\">([^<]+)</a>");

    @Test
    void everyRunWithAFolderIsDrawnAndLinkedAndOnlyThose() throws Exception {
        Fixtures.sweep(dir);
        // The fixture's sweep.csv lists 2 schemes x FLOWS_AXIS x REPS runs; the first few get a folder (drawing
        // a run's report takes a good part of a second, so not all of them).
        int rows = 2 * Fixtures.FLOWS_AXIS.length * Fixtures.REPS;
        int withFolder = 3;
        for (int i = 0; i < withFolder; i++) {
            Fixtures.run(dir.resolve(String.format("runs/r%04d", i)), "tcp", 1, false);
        }
        List<Path> written = Reports.forSweep(dir, PlotOptions.defaults());
        assertThat(written.get(written.size() - 1)).isEqualTo(dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        List<String> hrefs = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo("runs/" + m.group(2) + "/report.html");
            hrefs.add(m.group(1));
        }
        assertThat(hrefs).containsExactly("runs/r0000/report.html", "runs/r0001/report.html",
                "runs/r0002/report.html");
        for (String h : hrefs) {
            assertThat(dir.resolve(h)).isRegularFile();
            assertThat(written).contains(dir.resolve(h));
        }
        for (int i = withFolder; i < rows; i++) {
            String run = String.format("r%04d", i);
            assertThat(html).as("a run without a folder is listed, unlinked").contains("<td>" + run + "</td>");
        }
    }

    @Test
    void aCorruptRunFolderIsNamed() throws Exception {
        Fixtures.sweep(dir);
        Fixtures.run(dir.resolve("runs/r0000"), "tcp", 1, false);
        Fixtures.run(dir.resolve("runs/r0001"), "tcp", 1, false);
        Files.writeString(dir.resolve("runs/r0001/timeseries-vms.csv"), "time_s,vm\n0.1\n");
        assertThatThrownBy(() -> Reports.forSweep(dir, PlotOptions.defaults()))
                .isInstanceOf(ResultFileException.class).hasMessageContaining("r0001")
                .hasMessageContaining("timeseries-vms.csv");
    }

    /**
     * Runs are drawn in parallel. When some fail, every other run's report is still finished before the error
     * reaches the caller, and the error named is the first failing run in run order. Before this, the first failure
     * to happen was rethrown while the others' charts were still being written: that left files appearing after the
     * error, and now and then a temporary folder that could not be deleted (this class's other test, in CI).
     */
    @Test
    void aFailureLeavesNoRunHalfDrawnAndNamesTheFirstFailingRun() throws Exception {
        Fixtures.sweep(dir);
        int runs = 6;
        for (int i = 0; i < runs; i++) {
            Fixtures.run(dir.resolve(String.format("runs/r%04d", i)), "tcp", 1, false);
        }
        // r0000 and r0004 are unreadable; r0000 fails at once, before any chart of the others is drawn.
        for (String bad : new String[] {"r0000", "r0004"}) {
            Files.writeString(dir.resolve("runs/" + bad + "/timeseries-vms.csv"), "time_s,vm\n0.1\n");
        }
        assertThatThrownBy(() -> Reports.forSweep(dir, PlotOptions.defaults()))
                .isInstanceOf(ResultFileException.class).hasMessageContaining("r0000");
        for (String good : new String[] {"r0001", "r0002", "r0003", "r0005"}) {
            assertThat(dir.resolve("runs/" + good + "/report.html")).as(good).isRegularFile();
        }
    }
}
