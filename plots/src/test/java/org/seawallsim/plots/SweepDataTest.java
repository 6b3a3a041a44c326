package org.seawallsim.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping of sweep rows into lines: by scheme and the other axes, with the scheme axis not repeated. */
class SweepDataTest {
    @TempDir
    Path dir;

    @Test
    void schemeAsASecondAxisNamesLinesOnceAndOtherAxesSplitLines() throws IOException {
        Fixtures.write(dir.resolve("sweep.json"), "{\"scenario\": \"s\", \"version\": \"0.1.0\", \"axes\": "
                + "[\"w\", \"scheme\", \"buf\"], \"schemes\": [\"drr\", \"qcn\"], \"repetitions\": 2, "
                + "\"metrics\": [\"m\"]}");
        StringBuilder csv = new StringBuilder("# scenario: s\nrun,scheme,rep,seed,w,scheme,buf,m\n");
        int run = 0;
        for (String scheme : List.of("drr", "qcn")) {
            for (int buf : new int[] {100, 200}) {
                for (int w : new int[] {3, 1}) {
                    for (int rep = 0; rep < 2; rep++) {
                        // m = w * buf + rep: mean over reps w * buf + 0.5, sample std sqrt(0.5).
                        csv.append(Fixtures.fmt("r%d,%s,%d,%d,%d,%s,%d,%d\n", run++, scheme, rep, rep, w, scheme,
                                buf, w * buf + rep));
                    }
                }
            }
        }
        Fixtures.write(dir.resolve("sweep.csv"), csv.toString());
        List<SweepData.Line> lines = SweepData.read(dir).lines("m");
        assertThat(lines).extracting(SweepData.Line::label).containsExactly("drr, buf=100", "drr, buf=200",
                "qcn, buf=100", "qcn, buf=200");
        assertThat(lines).extracting(SweepData.Line::scheme).containsExactly("drr", "drr", "qcn", "qcn");
        SweepData.Line l = lines.get(1);
        // Points are sorted by x even though the file lists w = 3 before w = 1.
        assertThat(l.points()).extracting(SweepData.Point::x).containsExactly(1.0, 3.0);
        assertThat(l.points().get(1).mean()).isCloseTo(600.5, within(1e-12));
        assertThat(l.points().get(1).std()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(l.points().get(1).n()).isEqualTo(2);
        // The caption says what a line is: it said "one line per scheme" over these four lines.
        assertThat(SweepCharts.metric(SweepData.read(dir), "m").caption())
                .contains("one line per scheme and value of buf;");
    }

    @Test
    void nonNumericFirstAxisBecomesCategoriesInFileOrder() throws IOException {
        Fixtures.write(dir.resolve("sweep.json"), "{\"axes\": [\"topology.builder\"], \"schemes\": [\"tcp\"]}");
        Fixtures.write(dir.resolve("sweep.csv"), "run,scheme,rep,seed,topology.builder,jain_weighted\n"
                + "r0,tcp,0,1,star,0.9\nr1,tcp,0,1,fat-tree,0.7\nr2,tcp,1,2,star,0.8\n");
        SweepData s = SweepData.read(dir);
        assertThat(s.numericAxis()).isFalse();
        assertThat(s.firstAxisLabels()).containsExactly("star", "fat-tree");
        // No metrics list in sweep.json: every column after the axes is one.
        assertThat(s.metrics()).containsExactly("jain_weighted");
        List<SweepData.Point> pts = s.lines("jain_weighted").get(0).points();
        assertThat(pts).extracting(SweepData.Point::label).containsExactly("star", "fat-tree");
        assertThat(pts.get(0).mean()).isCloseTo(0.85, within(1e-12));
        assertThat(SweepCharts.metric(s, "jain_weighted").caption()).contains("one line per scheme;");
        assertThat(SweepCharts.metric(s, "jain_weighted").chart().getXYPlot().getDomainAxis())
                .isInstanceOf(org.jfree.chart.axis.SymbolAxis.class);
    }

    @Test
    void aSweepOfSchemesAndRepetitionsOnlyIsChartedPerScheme() throws IOException {
        // sweep.json's axes are empty when only the scheme (which becomes the scheme column) or the repetitions
        // vary. Before: "field 'axes' is empty", no charts, no report, and plot refused the folder.
        Fixtures.write(dir.resolve("sweep.json"), "{\"scenario\": \"reps\", \"axes\": [], \"schemes\": [\"tcp\", "
                + "\"drr\"], \"repetitions\": 2, \"metrics\": [\"jain_weighted\"]}");
        Fixtures.write(dir.resolve("sweep.csv"), "run,scheme,rep,seed,jain_weighted\n"
                + "r0,tcp,0,1,0.5\nr1,tcp,1,2,0.7\nr2,drr,0,1,0.9\nr3,drr,1,2,0.9\n");
        SweepData s = SweepData.read(dir);
        assertThat(s.xAxis()).isEqualTo("scheme");
        assertThat(s.numericAxis()).isFalse();
        List<SweepData.Line> lines = s.lines("jain_weighted");
        assertThat(lines).extracting(SweepData.Line::label).containsExactly("tcp", "drr");
        assertThat(lines.get(0).points()).singleElement().satisfies(p -> {
            assertThat(p.mean()).isCloseTo(0.6, within(1e-12));
            assertThat(p.std()).isCloseTo(Math.sqrt(0.02), within(1e-12));
            assertThat(p.n()).isEqualTo(2);
        });
        // drr's equal repetitions still get a readable axis (not a range of 1e-13).
        assertThat(SweepCharts.metric(s, "jain_weighted").chart().getXYPlot().getRangeAxis().getRange().getLength())
                .isGreaterThan(0.01);
        assertThat(Reports.forSweep(dir, PlotOptions.of(Format.PNG))).extracting(p -> p.getFileName().toString())
                .contains("sweep-jain_weighted.png", "report.html");
    }
}
