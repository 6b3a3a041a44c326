package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The links summary.json and the link and queue time series show. A link busy only in the warm-up was left out of
 * timeseries-links.csv (a header and no rows) while timeseries-vms.csv showed its traffic, and a bottleneck that
 * carried nothing after the warm-up was averaged into metrics.utilization but missing from summary.json's links.
 */
class ShownLinksTest {
    @TempDir
    Path dir;

    private static List<String> rows(String csv) {
        List<String> out = new ArrayList<>();
        for (String line : csv.split("\n")) {
            if (!line.startsWith("#") && !line.startsWith("time_s") && !line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void aLinkBusyOnlyInTheWarmUpHasItsTimeSeries() throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: dumbbell, hosts: 1, rateGbps: 1, delayUs: 5, bufferBytes: 131072}
                tenants:
                  a: {vms: {v: {host: h0, traffic: [{type: udp, to: r, rateMbps: 500, stopS: 0.05}]}, r: {host: h1}}}
                scheme: tcp
                durationS: 0.3
                warmupS: 0.1
                sampleIntervalS: 0.05
                """);
        Map<String, String> files = ResultsWriter.files(r, false);
        List<String> links = rows(files.get("timeseries-links.csv"));
        // 6 samples of each link the flood crossed (its NIC, the trunk, the receiver's link): 500 Mb/s of a 1 Gb/s
        // link in the first sample, none later.
        assertThat(links).hasSize(6 * 3);
        assertThat(links).filteredOn(l -> l.startsWith("0.05,")).allSatisfy(l ->
                assertThat(Double.parseDouble(l.split(",")[2])).isBetween(0.45, 0.55)); // time_s,link,utilization,...
        assertThat(rows(files.get("timeseries-queues.csv"))).isNotEmpty();
        JsonNode summary = ResultsWriter.JSON.readTree(files.get("summary.json"));
        assertThat(summary.get("links")).hasSize(3);
        for (JsonNode l : summary.get("links")) {
            assertThat(l.get("utilization").asDouble()).isZero(); // nothing after the warm-up
        }
    }

    @Test
    void everyBottleneckIsListedEvenWhenItCarriedNothing() throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072}
                tenants:
                  a: {weight: 0.000001, vms: {v: {host: h0, traffic: [{type: udp, to: r, rateMbps: 2000}]}, r: {host: h2}}}
                  b: {weight: 1000000, vms: {w: {host: h1, traffic: [{type: udp, to: s, rateMbps: 2000}]}, s: {host: h3}}}
                durationS: 0.5
                warmupS: 0.1
                """);
        JsonNode summary = ResultsWriter.JSON.readTree(ResultsWriter.files(r, false).get("summary.json"));
        List<String> listed = new ArrayList<>();
        double sum = 0;
        for (JsonNode l : summary.get("links")) {
            if (l.get("bottleneck").asBoolean()) {
                listed.add(l.get("name").asText());
                sum += l.get("utilization").asDouble();
            }
        }
        assertThat(listed).hasSize(r.bottlenecks().size());
        // metrics.utilization is the bottlenecks' mean utilization: the listed ones account for all of it.
        assertThat(sum / listed.size()).isCloseTo(summary.get("metrics").get("utilization").asDouble(),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    /**
     * QCN with 8 UDP reaction points: each limiter backlog fills its host's NIC buffer (about 999 KB), so by peak
     * occupancy the 8 NIC queues filled the 8 places and the congestion point sw0->h8, the bottleneck and the queue
     * to check against Qeq (26 KB), was missing from timeseries-queues.csv and queues.png (probe session 20). The
     * bottleneck is kept and the file still holds at most 8 queues.
     */
    @Test
    void theBottleneckQueueIsKeptWhenEightQueuesAreFuller() throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: star, hosts: 9, rateGbps: 10, delayUs: 5, bufferBytes: 300000}
                tenants:
                  t:
                    vms:
                      s: {count: 8, placement: spread, traffic: [{type: udp, to: r, pattern: poisson}]}
                      r: {host: h8}
                scheme: qcn
                schemeParams: {qcn: {jitterFraction: 0.15}}
                durationS: 0.15
                warmupS: 0.05
                sampleIntervalS: 0.001
                """);
        int cp = r.linkNames().indexOf("sw0->h8");
        assertThat(r.bottlenecks()).contains(cp);
        java.util.Set<String> queues = new java.util.TreeSet<>();
        for (String row : rows(ResultsWriter.files(r, false).get("timeseries-queues.csv"))) {
            queues.add(row.split(",")[1]);
        }
        assertThat(queues).contains("sw0->h8").hasSize(8);
        // The other 7 places go to the fullest NIC queues (any 7 of the 8, each near 999 KB).
        assertThat(queues).filteredOn(q -> q.endsWith("->sw0")).hasSize(7);
    }
}
