package org.seawallsim.scenario.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.seawallsim.baseline.qcn.Cnm;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.packet.PacketFactory;
import org.seawallsim.engine.random.RandomStreams;
import org.seawallsim.engine.time.Time;
import org.seawallsim.seawall.controller.FeedbackReport;
import org.seawallsim.topology.LinkConfig;
import org.seawallsim.topology.Queues;
import org.seawallsim.topology.Topologies;
import org.seawallsim.topology.Topology;

/**
 * Each field of a hand-made packet reaches the frame where a reader expects it: tshark decodes the TCP and IPv4
 * fields, the bytes of the formats it has no dissector for (CNM, Seawall header, feedback) are read back here.
 */
class FrameEncoderTest {
    private static final FrameEncoder.CongestionPoints CPS = new FrameEncoder.CongestionPoints() {
        @Override
        public int switchId(String portName) {
            return 4;
        }

        @Override
        public int portIndex(String portName) {
            return 9;
        }
    };
    private final PacketFactory packets = new PacketFactory(new RandomStreams(1));

    private Packet tcp(int kind, int sizeBytes, int payloadBytes) {
        Packet p = packets.acquire();
        p.kind = kind;
        p.protocol = Packet.PROTO_TCP;
        p.srcHost = 0;
        p.dstHost = 1;
        p.srcVm = 2;
        p.dstVm = 5;
        p.srcPort = 10001;
        p.dstPort = 5018;
        p.sizeBytes = sizeBytes;
        p.payloadBytes = payloadBytes;
        return p;
    }

    @Test
    void tsharkReadsTheTcpAndIpFieldsThePacketCarries(@TempDir Path dir) throws Exception {
        Tshark.require();
        List<Packet> ps = new ArrayList<>();
        Packet data = tcp(Packet.KIND_DATA, 52 + 1448, 1448);
        data.seq = 4_294_967_000L; // the 32-bit sequence number wraps within this segment
        data.ecn = Packet.ECN_CE;
        data.flags = Packet.FLAG_CWR;
        data.ipId = 0x1234;
        data.createdPs = Time.ofMicros(777);
        ps.add(data);
        Packet ack = tcp(Packet.KIND_ACK, 52 + 28, 0);
        ack.srcVm = 5;
        ack.dstVm = 2;
        ack.srcPort = 5018;
        ack.dstPort = 10001;
        ack.ack = 3000;
        ack.flags = Packet.FLAG_ECE;
        ack.sackBlocks = new long[] {6000, 7448, 9000, 10448, 12000, 13448};
        ack.windowBytes = 6L << 20;
        ack.tsEcrPs = Time.ofMicros(777);
        ack.createdPs = Time.ofMicros(800);
        ack.dontFragment = false;
        ps.add(ack);
        Path f = write(dir, ps, 65_535);
        List<String[]> rows = Tshark.fieldsWithArgs(f, List.of("-o", "tcp.relative_sequence_numbers:FALSE"), null, "ip.src", "ip.dst", "ip.dsfield.ecn", "ip.id", "ip.flags.df",
                "ip.len", "tcp.seq_raw", "tcp.ack_raw", "tcp.flags.cwr", "tcp.flags.ece", "tcp.len",
                "tcp.options.timestamp.tsval", "tcp.options.timestamp.tsecr", "tcp.window_size_value",
                "tcp.options.sack_le", "tcp.options.sack_re", "ip.checksum.status", "tcp.checksum.status",
                "eth.src", "tcp.srcport");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("10.0.0.3", "10.0.0.6", "3", "0x1234", "1", "1500",
                Long.toString((data.seq + 1) & 0xFFFF_FFFFL), "1", "1", "0", "1448", "777", "0", "65535", "", "",
                "1", "1", "06:00:00:00:00:03", "10001");
        assertThat(rows.get(1)).containsExactly("10.0.0.6", "10.0.0.3", "0", "0x0000", "0", "80", "1", "3001", "0",
                "1", "0", "800", "777", Integer.toString((6 << 20) >> 7), "6001,9001,12001", "7449,10449,13449",
                "1", "1", "06:00:00:00:00:06", "5018");
    }

    @Test
    void controlFramesAndTheEncapsulationHeaderCarryTheirFields(@TempDir Path dir) throws Exception {
        Packet fb = packets.acquire();
        fb.kind = Packet.KIND_CONTROL;
        packets.setFiveTuple(fb, 3, 1, 1514, 1514, Packet.PROTO_UDP);
        fb.sizeBytes = FeedbackReport.IP_DATAGRAM_BYTES;
        fb.payloadBytes = FeedbackReport.WIRE_PAYLOAD_BYTES;
        fb.control = new FeedbackReport(7, 1, 3, 42, Time.ofMillis(1), 900, 1_350_000, 3, 2, 0xBEEF, 0xBF00, true);
        byte[] b = new FrameEncoder(CPS, 128).encode(fb, 128);
        PcapFile.Frame f = new PcapFile.Frame(0, b.length, b.length, b);
        assertThat(f.u16(12)).isEqualTo(0x0800);
        assertThat(f.u16(14 + 12)).isEqualTo(0xAC10); // 172.16.0.4: host 3's hypervisor
        assertThat(b[14 + 15]).isEqualTo((byte) 4);
        int pl = 14 + 20 + 8;
        assertThat(f.u16(pl + 2)).isEqualTo(7);
        assertThat(f.u16(pl + 4)).isEqualTo(FrameEncoder.FEEDBACK_MAGIC);
        assertThat(f.u16(pl + 6)).isEqualTo(3); // shared congestion, congested
        assertThat(f.u16(pl + 18)).isEqualTo(42);
        assertThat(f.u16(pl + 22)).isEqualTo(1000); // interval in microseconds
        assertThat(f.u16(pl + 26)).isEqualTo(900);
        assertThat(f.u16(pl + 32)).isEqualTo(1_350_000 & 0xFFFF);
        assertThat(f.u16(pl + 42)).isEqualTo(0xBEEF);
        assertThat(f.u16(pl + 44)).isEqualTo(0xBF00);

        Packet cnm = packets.acquire();
        cnm.kind = Packet.KIND_CNM;
        cnm.srcHost = -1;
        cnm.dstHost = 2;
        cnm.sizeBytes = 46;
        cnm.control = new Cnm(0x0102030405060708L, 3, 63, -64 * 100, 64 * 5, "swL->swR");
        b = new FrameEncoder(CPS, 128).encode(cnm, 128);
        f = new PcapFile.Frame(0, b.length, b.length, b);
        assertThat(b).hasSize(60);
        assertThat(f.u16(12)).isEqualTo(0x22E9);
        assertThat(f.u16(14) & 0x3F).isEqualTo(63);
        assertThat(f.u16(14 + 6)).isEqualTo(0x0005); // CPID: switch 4's MAC (06:02:00:00:00:05), ...
        assertThat(f.u16(14 + 8)).isEqualTo(9); // ... then the port number
        assertThat((short) f.u16(14 + 10)).isEqualTo((short) -100); // queue offset, 64-byte units
        assertThat(f.u16(14 + 12)).isEqualTo(5); // queue delta
        assertThat(f.u16(14 + 22)).isEqualTo(8); // MSDU length
        assertThat(f.u16(14 + 24)).isEqualTo(0x0102); // the sampled flow's hash
        assertThat(f.u16(14 + 30)).isEqualTo(0x0708);

        Packet enc = tcp(Packet.KIND_DATA, 40 + 100, 100);
        enc.encapBytes = 28;
        enc.ipId = (0xABCD << 16) | 0x0042;
        enc.ecn = Packet.ECN_CE;
        b = new FrameEncoder(CPS, 256).encode(enc, 256);
        f = new PcapFile.Frame(0, b.length, b.length, b);
        assertThat(b).hasSize(14 + 28 + 140);
        // Between hypervisors: the outer MACs are hosts 1 (destination) and 0 (source), 06:01:..., not the VMs'.
        assertThat(java.util.Arrays.copyOfRange(b, 0, 12)).containsExactly(6, 1, 0, 0, 0, 2, 6, 1, 0, 0, 0, 1);
        // A queue's CE mark shows in the outer header, the one switches and tools read (it was Not-ECT there).
        assertThat(b[14 + 1] & 3).isEqualTo(Packet.ECN_CE);
        assertThat(b[14 + 9]).isEqualTo((byte) 253);
        assertThat(f.u16(14 + 2)).isEqualTo(28 + 140);
        assertThat(f.u16(34)).isEqualTo(0x5357);
        assertThat(f.u16(36)).isEqualTo(0xABCD);
        assertThat(f.u16(38)).isEqualTo(0x0800);
        assertThat(f.u16(42 + 4)).isEqualTo(0x0042); // the inner IPv4 ID keeps the low half
    }

    @Test
    void feedbackReportsAreNeverTakenForRpcCalls(@TempDir Path dir) throws Exception {
        Tshark.require();
        // Host 2 reporting to host 0 at interval 2112 (KADM5's RPC program number): without the magic word these
        // fields line up as an ONC RPC call (message type 0, RPC version 2) and Wireshark flagged it malformed.
        List<Packet> ps = new ArrayList<>();
        for (long interval : new long[] {2112, 100000, 100003, 0, 1}) {
            Packet fb = packets.acquire();
            fb.kind = Packet.KIND_CONTROL;
            packets.setFiveTuple(fb, 2, 0, 1514, 1514, Packet.PROTO_UDP);
            fb.sizeBytes = FeedbackReport.IP_DATAGRAM_BYTES;
            fb.payloadBytes = FeedbackReport.WIRE_PAYLOAD_BYTES;
            fb.control = new FeedbackReport(0, 0, 2, interval, Time.ofMillis(1), 2, 1, 0, 0, -1, -1, false);
            ps.add(fb);
        }
        Path f = write(dir, ps, 128);
        assertThat(Tshark.fields(f, "_ws.malformed || rpc", "frame.number")).isEmpty();
        assertThat(Tshark.fields(f, "udp.port == 1514 && data.len == 46", "frame.number")).hasSize(5);
    }

    @Test
    void theLuaDissectorsShowTheModelsOwnFrames(@TempDir Path dir) throws Exception {
        Tshark.require();
        Packet enc = tcp(Packet.KIND_DATA, 52 + 100, 100);
        enc.encapBytes = 32; // 4 bytes of padding after the codec's 28
        enc.ipId = (0xABCD << 16) | 0x0042;
        Packet fb = packets.acquire();
        fb.kind = Packet.KIND_CONTROL;
        packets.setFiveTuple(fb, 3, 1, 1514, 1514, Packet.PROTO_UDP);
        fb.sizeBytes = FeedbackReport.IP_DATAGRAM_BYTES;
        fb.payloadBytes = FeedbackReport.WIRE_PAYLOAD_BYTES;
        fb.control = new FeedbackReport(7, 1, 3, 42, Time.ofMillis(1), 900, 5_000_000_000L, 3, 2, 10, 20, false);
        Packet cnm = packets.acquire();
        cnm.kind = Packet.KIND_CNM;
        cnm.dstHost = 2;
        cnm.sizeBytes = 46;
        cnm.control = new Cnm(0x0102030405060708L, 3, 17, -64 * 100, 64 * 5, "swL->swR");
        Path f = write(dir, List.of(enc, fb, cnm), 128);
        List<String> lua = List.of("-X", "lua_script:" + Path.of("..", "docs", "wireshark", "seawall-sim.lua"));
        assertThat(Tshark.fieldsWithArgs(f, lua, "_ws.malformed || _ws.expert.severity >= 0x00800000",
                "frame.number")).isEmpty();
        List<String[]> rows = Tshark.fieldsWithArgs(f, lua, null, "seawall.seq", "ip.src", "tcp.srcport",
                "tcp.len", "swfb.src_vm", "swfb.interval_index", "swfb.bytes", "swfb.lost", "cnm.qntzfb",
                "cnm.qoffset", "cnm.flow_hash");
        assertThat(rows).hasSize(3);
        // The encapsulated frame: the outer (hypervisor) and then the inner (VM) source, the inner TCP header.
        assertThat(rows.get(0)).startsWith("43981", "172.16.0.1,10.0.0.3", "10001", "100");
        assertThat(rows.get(1)).containsSequence("7", "42", "5000000000", "3");
        assertThat(rows.get(2)).endsWith("17", "-100", "0x0102030405060708");
    }

    /**
     * An encapsulated frame cut inside its inner headers stays cut: the dissector rebuilt every cut inner packet with
     * zeros past the snap length, headers too, so at snapBytes 54-70 tshark reported "Bogus TCP header length (0)"
     * and "Bad length value 0 < 8" on nearly every frame. Zeros stand only for payload now.
     */
    @ParameterizedTest(name = "snap {0}")
    @ValueSource(ints = {54, 70, 93, 94, 128})
    void theLuaDissectorLeavesInnerHeadersCutByTheSnapLengthCut(int snap, @TempDir Path dir) throws Exception {
        Tshark.require();
        Packet data = tcp(Packet.KIND_DATA, 1500, 1448);
        data.encapBytes = 28;
        Packet syn = tcp(Packet.KIND_DATA, 52, 0);
        syn.encapBytes = 28;
        syn.flags = Packet.FLAG_SYN;
        Packet udp = packets.acquire();
        udp.kind = Packet.KIND_UDP;
        packets.setFiveTuple(udp, 0, 1, 7001, 7001, Packet.PROTO_UDP);
        udp.sizeBytes = 1500;
        udp.payloadBytes = 1472;
        udp.encapBytes = 28;
        Path f = write(dir, List.of(data, syn, udp), snap);
        List<String> lua = List.of("-X", "lua_script:" + Path.of("..", "docs", "wireshark", "seawall-sim.lua"));
        assertThat(Tshark.fieldsWithArgs(f, lua, "_ws.malformed || _ws.expert.severity >= 0x00800000",
                "frame.number", "_ws.expert.message")).isEmpty();
        // Every frame is still read as Seawall's; the inner packet is decoded once its headers are captured (42
        // bytes of outer headers, 20 of inner IPv4, then 32 of TCP with timestamps or 8 of UDP), and otherwise
        // shown as cut.
        assertThat(Tshark.fieldsWithArgs(f, lua, "seawall", "frame.number")).hasSize(3);
        assertThat(Tshark.fieldsWithArgs(f, lua, "tcp.srcport == 10001", "frame.number"))
                .hasSize(snap >= 42 + 20 + 32 ? 2 : 0);
        assertThat(Tshark.fieldsWithArgs(f, lua, "udp.srcport == 7001", "frame.number"))
                .hasSize(snap >= 42 + 20 + 8 ? 1 : 0);
        assertThat(Tshark.fieldsWithArgs(f, lua, "seawall.inner_cut", "frame.number"))
                .hasSize((snap < 42 + 20 + 32 ? 2 : 0) + (snap < 42 + 20 + 8 ? 1 : 0));
    }

    @Test
    void timestampsRoundPicosecondsToTheNearestNanosecond() {
        assertThat(PcapWriter.nanos(0)).isZero();
        assertThat(PcapWriter.nanos(499)).isZero();
        assertThat(PcapWriter.nanos(500)).isEqualTo(1);
        assertThat(PcapWriter.nanos(1_499)).isEqualTo(1);
        assertThat(PcapWriter.nanos(Time.ofSeconds(3) + 1_500)).isEqualTo(3_000_000_002L);
    }

    @Test
    void snapLengthCapAndWindowLimitWhatIsWritten(@TempDir Path dir) throws Exception {
        Packet p = tcp(Packet.KIND_DATA, 1500, 1460);
        byte[] b = new FrameEncoder(CPS, 64).encode(p, 64);
        assertThat(b).hasSize(64);
        assertThat(FrameEncoder.frameBytes(p)).isEqualTo(1514);
        Packet tiny = tcp(Packet.KIND_ACK, 40, 0);
        assertThat(FrameEncoder.frameBytes(tiny)).isEqualTo(60);
        assertThatThrownBy(() -> {
            try (PcapWriter w = new PcapWriter(OutputStream.nullOutputStream(), 64)) {
                w.write(0, new byte[100], 100, 1514);
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownNamesAreRejectedWithTheValidOnes(@TempDir Path dir) {
        SimContext ctx = new SimContext(1);
        Topology topo = Topologies.dumbbell(ctx, 2, new LinkConfig(1_000_000_000L, 1000),
                new LinkConfig(1_000_000_000L, 1000), Queues.dropTail(100_000, 100_000));
        assertThatThrownBy(() -> Tracer.install(topo, TraceSpec.of(List.of("h0", "bottlenek", "h9"), "--pcap"), dir,
                List.of())).isInstanceOf(TraceSelectionException.class)
                .hasMessageStartingWith("--pcap: unknown links 'bottlenek', 'h9' in dumbbell n=2")
                .hasMessageContaining("link groups bottleneck").hasMessageContaining("h0..h3")
                .hasMessageContaining("swL<->swR").hasMessageContaining("swL->swR");
        var files = Tracer.select(topo, new TraceSpec(List.of("bottleneck", "h1", "swR->h2", "h1"), "forward", 0,
                null, 10, 128, "test"));
        assertThat(files.keySet()).containsExactly("trace-bottleneck.pcap", "trace-h1.pcap", "trace-swR-to-h2.pcap");
        assertThat(files.get("trace-bottleneck.pcap").get(0)).extracting(p -> p.name()).containsExactly("swL->swR");
        assertThat(files.get("trace-h1.pcap").get(0)).extracting(p -> p.name()).containsExactly("h1->swL");
        assertThat(Tracer.select(topo, TraceSpec.of(List.of(Tracer.ALL), "t"))).hasSize(5);
    }

    private static Path write(Path dir, List<Packet> ps, int snap) throws Exception {
        Path f = dir.resolve("t.pcap");
        FrameEncoder enc = new FrameEncoder(CPS, snap);
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(f), snap)) {
            long t = 0;
            for (Packet p : ps) {
                byte[] b = enc.encode(p, snap);
                w.write(t += 1000, b, b.length, FrameEncoder.frameBytes(p));
            }
        }
        return f;
    }
}
