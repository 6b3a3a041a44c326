package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seawallsim.cli.CompareRecordsNotesAndExpectationsTest.esc;
import static org.seawallsim.cli.CompareRecordsNotesAndExpectationsTest.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's files carry each run's notes and failed expectations, as a comparison's do: a VM locked out in one seed
 * of five (0.0 Mb/s beside 263-268) pulled the sweep's mean to 213, std 119, while sweep.csv, sweep.json, the
 * sweep's report.html and its console output said nothing; only the run's own summary.json had the note.
 */
class SweepRecordsNotesAndExpectationsTest {
    /**
     * A UDP flood at twice the link against one TCP flow into one receiver host, swept over two schemes: plain TCP
     * locks the victim out (the locked-out note, and its tcp expectation of 0-0.1 holds), DRR gives it half the link
     * and no note, so the drr expectation of 0.9-1.0 fails (the scenario of CompareRecordsNotesAndExpectationsTest).
     */
    private static final String SCENARIO = String.join("\n",
            "topology: {builder: star, hosts: 3, rateGbps: 1, delayUs: 5, bufferBytes: 131072, hostTiming: {}}",
            "tenants:",
            "  attacker: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}}}",
            "  victim: {vms: {v: {host: h1, traffic: [{type: bulk, to: vr, flows: 1}]}, vr: {host: h2}}}",
            "scheme: [tcp, drr]",
            "durationS: 0.4",
            "warmupS: 0.1",
            "sampleIntervalS: 0.1",
            "seed: 1",
            "expect:",
            "  - {scheme: drr, vm: v, share: [0.9, 1.0]}",
            "  - {scheme: tcp, vm: v, share: [0.0, 0.1]}",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of("sweep.csv", "sweep-vms.csv", "sweep.json");

    private static Path file;
    private static Path out;
    private static CliRun sweep;

    /** One sweep for the checks below (two runs of 0.4 s, about 6 s on a loaded core). */
    @BeforeAll
    static void sweepOnce(@TempDir Path tmp) throws Exception {
        file = tmp.resolve("sw.yaml");
        Files.writeString(file, SCENARIO);
        out = tmp.resolve("s");
        sweep = CliRun.of("sweep", file.toString(), "--jobs", "1", "--quiet", "--out", out.toString());
    }

    private static JsonNode summary(String run) throws IOException {
        return JSON.readTree(out.resolve("runs").resolve(run).resolve("summary.json").toFile());
    }

    private static List<String> lastCells(Path csv) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(csv)) {
            if (!l.startsWith("#")) {
                out.add(l.substring(l.lastIndexOf(',') + 1));
            }
        }
        return out;
    }

    @Test
    void everySweepFileCarriesTheNotesOfExactlyTheRunsThatHaveThem() throws Exception {
        assertThat(sweep.code()).as(sweep.err()).isZero();
        JsonNode tcp = summary("r0000");
        JsonNode drr = summary("r0001");
        assertThat(tcp.get("scheme").asText()).isEqualTo("tcp");
        assertThat(drr.get("scheme").asText()).isEqualTo("drr");
        // The premise: one run with a note (tcp's lock-out), one without.
        assertThat(notes(tcp)).anySatisfy(n -> assertThat(n).startsWith("VM v ").contains("locked out"));
        assertThat(notes(drr)).isEmpty();

        // sweep.csv and sweep-vms.csv: a last column notes, each run's count (as comparison.csv's).
        assertThat(lastCells(out.resolve("sweep.csv"))).containsExactly("notes", "" + notes(tcp).size(), "0");
        List<String> vmNotes = lastCells(out.resolve("sweep-vms.csv"));
        assertThat(vmNotes.get(0)).isEqualTo("notes");
        // Four VMs a run, in run order.
        assertThat(vmNotes.subList(1, vmNotes.size())).containsExactly("" + notes(tcp).size(),
                "" + notes(tcp).size(), "" + notes(tcp).size(), "" + notes(tcp).size(), "0", "0", "0", "0");

        // sweep.json: per run its notes' text and its failed expectations, as its summary.json has them.
        JsonNode runs = JSON.readTree(out.resolve("sweep.json").toFile()).get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("run").asText()).isEqualTo("r0000");
        assertThat(notes(runs.get(0))).isEqualTo(notes(tcp));
        assertThat(runs.get(0).get("expectations")).isEmpty(); // tcp's 0-0.1 holds
        assertThat(tcp.get("expectations").get(0).get("ok").asBoolean()).isTrue();
        assertThat(runs.get(1).get("run").asText()).isEqualTo("r0001");
        assertThat(notes(runs.get(1))).isEmpty();
        assertThat(runs.get(1).get("expectations")).hasSize(1);
        assertThat(runs.get(1).get("expectations").get(0)).isEqualTo(drr.get("expectations").get(0));
        assertThat(runs.get(1).get("expectations").get(0).get("ok").asBoolean()).isFalse();

        // The report: the note's text under its run, the run named beside every mean it is part of, the failed
        // expectation under its run; nothing under the run without notes.
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("Notes under r0000 (tcp, seed 1)", "r0000 (1 note)",
                "Failed expectations (expect:) under r0001 (drr, seed 1)", "r0001 (expect: FAIL)", "FAIL");
        for (String n : notes(tcp)) {
            assertThat(report).contains(esc(n));
        }
        assertThat(report).doesNotContain("Notes under r0001");

        // The console says how many runs have notes and where to read them.
        assertThat(sweep.out()).contains("notes: 1 of 2 runs has notes (r0000): read them in "
                + out.resolve("sweep.json") + " (runs[].notes)");
        assertThat(sweep.out()).contains("expect: 1 of 2 runs failed an expectation (r0001): read them in "
                + out.resolve("sweep.json") + " (runs[].expectations)");
    }

    @Test
    void aResumedSweepWritesTheSameFiles(@TempDir Path tmp) throws Exception {
        assertThat(sweep.code()).as(sweep.err()).isZero();
        // The sweep's runs, the noted one removed: the resumed sweep runs it again and reuses the other.
        Path again = tmp.resolve("again");
        copy(out.resolve("runs"), again.resolve("runs"));
        deleteTree(again.resolve("runs").resolve("r0000"));
        CliRun resumed = CliRun.of("sweep", file.toString(), "--jobs", "1", "--quiet", "--no-plots", "--out",
                again.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("1 run now, 1 reused");
        for (String t : TABLES) {
            assertThat(Files.readString(again.resolve(t))).as(t).isEqualTo(Files.readString(out.resolve(t)));
        }
        // Every run reused: the notes are read back from the runs' summary.json alone.
        for (String t : TABLES) {
            Files.delete(again.resolve(t));
        }
        CliRun reused = CliRun.of("sweep", file.toString(), "--jobs", "1", "--quiet", "--no-plots", "--out",
                again.toString());
        assertThat(reused.code()).as(reused.err()).isZero();
        assertThat(reused.out()).contains("0 run now, 2 reused", "notes: 1 of 2 runs has notes (r0000)");
        for (String t : TABLES) {
            assertThat(Files.readString(again.resolve(t))).as(t).isEqualTo(Files.readString(out.resolve(t)));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(q);
            }
        }
    }
}
