package org.seawallsim.scenario.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.model.Scenario;
import org.seawallsim.scenario.model.ScenarioLoader;
import org.seawallsim.scenario.run.RunResult;
import org.seawallsim.scenario.run.Runner;

/**
 * Tracing every link of a run leaves the run unchanged, event for event, whether its ports compute departures
 * (FIFO queues) or simulate each transmission (DRR): the taps add no events and no probe that would switch ports to
 * event-driven mode. The traces themselves are then read back (time order, snap length, frame sizes) and by tshark
 * (no malformed frames, every checksum valid, the scheme's own frames present).
 */
class TracedRunTest {
    @ParameterizedTest(name = "{0} under {1} {2}")
    @CsvSource({
        // Seawall feedback crosses the bottleneck from the receivers' hypervisors back to the senders'.
        "udp-flood.yaml, seawall, '', bottleneck, udp.port == 1514",
        // Congestion notifications go from the congested switch port to the flooding VM's host.
        "udp-flood.yaml, qcn, '', h0, eth.type == 0x22e9",
        "many-flows.yaml, tcp, '', bottleneck, tcp.analysis.retransmission",
        // DRR ports simulate each transmission (event-driven); the NICs compute departures: both in one file.
        "weighted-floods.yaml, drr, '', h2, ip.dst == 10.0.0.2",
        // Encapsulation adds the outer header at the sending shim and strips it at the receiving one.
        "overhead.yaml, seawall, schemeParams.seawall.stamping=encapsulation, h0, ip.proto == 253",
    })
    void tracingEveryLinkChangesNothing(String file, String scheme, String extra, String link, String schemeFrames,
            @TempDir Path dir) throws Exception {
        List<String> sets = new ArrayList<>(List.of("scheme=" + scheme, "durationS=0.25", "warmupS=0.1",
                "sampleIntervalS=0.05"));
        if (!extra.isEmpty()) {
            sets.add(extra);
        }
        Scenario sc = ScenarioLoader.load(Path.of("library", file), sets);
        RunResult plain = Runner.run(sc, null);
        Path headers = dir.resolve("headers");
        RunResult traced = Runner.run(sc, null, TraceSpec.of(List.of(Tracer.ALL), "test"), headers);
        sameRun(plain, traced);
        long frames = 0;
        for (Tracer.TraceFile tf : traced.traces()) {
            PcapFile pcap = PcapFile.read(headers.resolve(tf.file()));
            assertThat(pcap.magic()).isEqualTo(0xa1b23c4d);
            assertThat(pcap.linkType()).isEqualTo(1);
            assertThat(pcap.snapBytes()).isEqualTo(TraceSpec.DEFAULT_SNAP_BYTES);
            assertThat(pcap.frames()).hasSize((int) tf.packets());
            long last = -1;
            for (PcapFile.Frame f : pcap.frames()) {
                assertThat(f.ns()).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(Time.ofSeconds(0.25) / 1000);
                last = f.ns();
                assertThat(f.original()).isGreaterThanOrEqualTo(60).isLessThanOrEqualTo(14 + 64 + 9000);
                assertThat(f.captured()).isEqualTo(Math.min(f.original(), TraceSpec.DEFAULT_SNAP_BYTES));
            }
            frames += tf.packets();
        }
        assertThat(frames).isGreaterThan(1000);

        // Whole frames of one link after the warm-up, so that tshark can verify every checksum. (QCN sends a CNM
        // every few milliseconds at most: 40 reach h0 in this run's 0.25 s.)
        Path whole = dir.resolve("whole");
        TraceSpec window = new TraceSpec(List.of(link), "both", 0.1, 0.25, 1_000_000, 65_535, "test");
        RunResult again = Runner.run(sc, null, window, whole);
        sameRun(plain, again);
        Tshark.require();
        long own = 0;
        for (Tracer.TraceFile tf : again.traces()) {
            Path f = whole.resolve(tf.file());
            // Anything wrong shows up in one of these; checksum status 1 = good (2 = unverified, 0 = bad).
            String bad = "_ws.malformed || _ws.expert.severity >= 0x00800000 || ip.checksum.status != 1"
                    + " || tcp.checksum.status != 1 || udp.checksum.status != 1 || frame.time_epoch < 0.1"
                    + " || frame.time_epoch >= 0.25 || frame.cap_len != frame.len";
            assertThat(Tshark.fields(f, bad, "frame.number")).as("bad frames in %s", f).isEmpty();
            List<String[]> rows = Tshark.fields(f, null, "frame.number", "_ws.col.Protocol");
            assertThat((long) rows.size()).isEqualTo(tf.packets()).isPositive();
            own += Tshark.fields(f, schemeFrames, "frame.number").size();
        }
        assertThat(own).as("frames matching %s", schemeFrames).isPositive();
    }

    @Test
    void aCapKeepsTheFirstFramesOfTheWindowAndDirectionPicksOneSide(@TempDir Path dir) throws Exception {
        Scenario sc = ScenarioLoader.load(Path.of("library", "udp-flood.yaml"), List.of("scheme=seawall",
                "durationS=0.1", "warmupS=0.02", "sampleIntervalS=0.02"));
        TraceSpec window = new TraceSpec(List.of("bottleneck"), "both", 0.02, 0.06, 1_000_000, 128, "test");
        RunResult all = Runner.run(sc, null, window, dir.resolve("all"));
        RunResult capped = Runner.run(sc, null, new TraceSpec(window.links(), "both", 0.02, 0.06, 500, 128, "test"),
                dir.resolve("capped"));
        RunResult forward = Runner.run(sc, null, new TraceSpec(window.links(), "forward", 0.02, 0.06, 1_000_000,
                128, "test"), dir.resolve("forward"));
        sameRun(all, capped);
        List<PcapFile.Frame> full = PcapFile.read(dir.resolve("all/trace-bottleneck.pcap")).frames();
        List<PcapFile.Frame> first = PcapFile.read(dir.resolve("capped/trace-bottleneck.pcap")).frames();
        assertThat(all.traces().get(0).truncated()).isFalse();
        assertThat(capped.traces().get(0).truncated()).isTrue();
        assertThat(full.size()).isGreaterThan(1000);
        assertThat(first).hasSize(500);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).ns()).isEqualTo(full.get(i).ns());
            assertThat(first.get(i).bytes()).isEqualTo(full.get(i).bytes());
        }
        for (PcapFile.Frame f : full) {
            assertThat(f.ns()).isBetween(20_000_000L, 60_000_000L - 1);
        }
        // Forward: the left-to-right direction only: frames from the left VMs a and v and the left hypervisors
        // (h0, h1); the right side sends ACKs and feedback.
        java.util.Set<Long> leftIps = java.util.Set.of(0x0A000001L, 0x0A000003L, 0xAC100001L, 0xAC100002L);
        java.util.function.Predicate<PcapFile.Frame> fromLeft = f -> leftIps.contains(
                ((long) f.u16(26) << 16) | f.u16(28));
        List<PcapFile.Frame> left = PcapFile.read(dir.resolve("forward/trace-bottleneck.pcap")).frames();
        assertThat(forward.traces().get(0).ports()).containsExactly("swL->swR");
        assertThat((long) left.size()).isEqualTo(full.stream().filter(fromLeft).count()).isLessThan(full.size());
        assertThat(left).allMatch(fromLeft);
    }

    private static void sameRun(RunResult a, RunResult b) {
        assertThat(b.events()).isEqualTo(a.events()).isGreaterThan(10_000);
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(b.vmGoodputBps()).containsExactly(a.vmGoodputBps());
        assertThat(b.linkDrops()).containsExactly(a.linkDrops());
        assertThat(b.linkUtilization()).containsExactly(a.linkUtilization());
    }
}
