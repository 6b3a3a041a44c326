package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts are written atomically, and what a killed writer left behind goes with the next write of the chart. */
class ChartWriterTest {
    @TempDir
    Path dir;

    @Test
    void aKilledWritersTemporaryFileIsRemovedByTheNextWriteOfThatChart() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long deadPid = ended.pid();
        long livePid = ProcessHandle.current().pid();
        Path stale = Files.writeString(dir.resolve(".goodput.png." + deadPid + "-13.tmp"), "half a chart");
        Path otherChart = Files.writeString(dir.resolve(".queues.png." + deadPid + "-13.tmp"), "half a chart");
        Path live = Files.writeString(dir.resolve(".goodput.png." + livePid + "-99999.tmp"), "being written");
        Path foreign = Files.writeString(dir.resolve(".goodput.png.notes.tmp"), "someone else's");

        ChartWriter.atomically(dir.resolve("goodput.png"),
                out -> out.write("chart".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(dir.resolve("goodput.png"))).isEqualTo("chart");
        assertThat(stale).doesNotExist();
        // Only the chart being written is tidied: another chart's leftover waits for that chart's next write, and a
        // file of a live process or of another naming scheme is never touched.
        assertThat(otherChart).exists();
        assertThat(live).exists();
        assertThat(foreign).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("goodput.png", otherChart.getFileName().toString(),
                            live.getFileName().toString(), foreign.getFileName().toString());
        }
    }

    @Test
    void aChartDrawnInTheOtherFormatReplacesTheOlderOne() throws Exception {
        Fixtures.run(dir, "seawall", 1.0, false);
        Reports.forRun(dir, Format.PNG);
        assertThat(dir.resolve("goodput-vms.png")).exists();
        Reports.forRun(dir, Format.SVG);
        // Before: the PNGs stayed beside the SVGs, older than the report that no longer showed them.
        assertThat(dir.resolve("goodput-vms.svg")).exists();
        assertThat(dir.resolve("goodput-vms.png")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".png"));
        }
    }
}
