package org.seawallsim.scenario.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.time.Time;
import org.seawallsim.topology.LinkConfig;
import org.seawallsim.topology.Queues;
import org.seawallsim.topology.Topologies;
import org.seawallsim.topology.Topology;
import org.seawallsim.transport.FlowInfo;
import org.seawallsim.transport.TransportProbe;
import org.seawallsim.transport.stack.Transports;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.tcp.TcpConfig;
import org.seawallsim.transport.tcp.TcpFlow;
import org.seawallsim.transport.tcp.TcpFlowConfig;

/**
 * Wireshark's own TCP analysis, run by tshark on traces of the senders' access links, must agree with the TCP
 * senders' counters. Sized flows from the left hosts of a dumbbell cross a 1 Gb/s bottleneck with a small drop-tail
 * buffer, so slow start overshoots and losses are recovered by fast retransmit (NewReno, or RFC 6675 with SACK) and
 * timeouts. The flows finish well before the end, so no packet is in flight when the trace closes.
 *
 * <p>A sender's access link is upstream of every drop (its NIC is 10x the bottleneck and never fills) and is one
 * FIFO path, so its trace holds every transmission in sending order: each segment Wireshark sees below the highest
 * sequence number already seen is a resend, whichever name its timing heuristics give it (retransmission, fast
 * retransmission, spurious retransmission, out-of-order). SYNs are left out: the model counts a resent SYN as a
 * timeout, not a retransmission. The reverse direction of the same link carries exactly the ACKs the sender
 * receives, in order, so Wireshark's duplicate ACKs there are the ACKs the sender found to acknowledge nothing new.
 * (Wireshark does not ask RFC 5681's question whether data was outstanding; after a timeout's go-back-N resends,
 * the receiver repeats its ACK for data it already had, sometimes after everything is acknowledged.)
 */
class TcpTraceTsharkTest {
    private static final String[] FIELDS = {"ip.src", "tcp.flags.syn", "tcp.nxtseq", "tcp.analysis.retransmission",
        "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission", "tcp.analysis.out_of_order",
        "tcp.analysis.duplicate_ack", "ip.checksum.status", "tcp.checksum.status", "tcp.srcport", "ip.dst",
        "tcp.dstport"};

    @ParameterizedTest(name = "{0} flows, sack {1}, {2} B each")
    @CsvSource({
        "1, false, 3000000",
        "2, false, 2000000",
        "4, false, 600000",
        "2, true, 2000000",
        "4, true, 600000",
    })
    void tsharkCountsTheSendersRetransmissionsAndDuplicateAcks(int flows, boolean sack, long sizeBytes,
            @TempDir Path dir) throws Exception {
        Tshark.require();
        SimContext ctx = new SimContext(7);
        ctx.packets().setRecycling(true);
        Topology topo = Topologies.dumbbell(ctx, flows, new LinkConfig(10_000_000_000L, Time.ofMicros(5)),
                new LinkConfig(1_000_000_000L, Time.ofMicros(5)), Queues.dropTail(1_000_000, 30_000));
        List<String> traced = new ArrayList<>();
        List<String> vmNames = new ArrayList<>();
        for (int i = 0; i < 2 * flows; i++) {
            vmNames.add("vm" + i);
            if (i < flows) {
                traced.add("h" + i);
            }
        }
        Tracer tracer = Tracer.install(topo, new TraceSpec(traced, "both", 0, null, 10_000_000, 65_535, "test"), dir,
                vmNames);
        Transports transports = new Transports(ctx);
        long[] retransmits = new long[flows];
        long[] dupAcks = new long[flows];
        long[] idleRepeats = new long[flows];
        transports.probes().attach(new TransportProbe() {
            @Override
            public void onRetransmit(FlowInfo flow, long seq, int payloadBytes, boolean afterTimeout) {
                retransmits[flow.flowId()]++;
            }

            @Override
            public void onDuplicateAck(FlowInfo flow, long ack, boolean dataOutstanding) {
                dupAcks[flow.flowId()]++;
                if (!dataOutstanding) {
                    idleRepeats[flow.flowId()]++;
                }
            }
        });
        List<TcpFlow> tcp = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            TcpFlow f = transports.tcpFlow(TcpFlowConfig.sized(new VmAddress(topo.host(i), i, 0),
                    new VmAddress(topo.host(flows + i), flows + i, 0), TcpConfig.linuxLike().withSack(sack),
                    sizeBytes));
            assertThat(f.info().flowId()).isEqualTo(i);
            f.startAt(Time.ofMicros(3 * i));
            tcp.add(f);
        }
        long endPs = Time.ofSeconds(3);
        ctx.loop().runUntil(endPs);
        for (TcpFlow f : tcp) {
            assertThat(f.bytesAcked()).as("flow %d finished", f.info().flowId()).isEqualTo(sizeBytes);
        }
        List<Tracer.TraceFile> files = tracer.finish(endPs);
        assertThat(files).hasSize(flows);
        long totalRetransmits = 0;
        long totalDupAcks = 0;
        for (int i = 0; i < flows; i++) {
            Tracer.TraceFile tf = files.get(i);
            assertThat(tf.file()).isEqualTo("trace-h" + i + ".pcap");
            Path file = dir.resolve(tf.file());
            assertThat(Tshark.fields(file, "_ws.malformed || _ws.expert.severity >= 0x00800000", "frame.number"))
                    .as("malformed frames or expert errors in %s", file).isEmpty();
            List<String[]> rows = Tshark.fields(file, null, FIELDS);
            // Every frame that left either port of the link is in the file, once.
            long tx = topo.host(i).nic().txPackets() + topo.host(i).nic().reverse().txPackets();
            assertThat((long) rows.size()).isEqualTo(tf.packets()).isEqualTo(tx);
            String senderIp = "10.0.0." + (i + 1);
            String receiverIp = "10.0.0." + (flows + i + 1);
            long seenRetransmits = 0;
            long seenDupAcks = 0;
            long maxNextSeq = 0;
            for (String[] r : rows) {
                assertThat(r[8]).as("IPv4 checksum status (1 = good)").isEqualTo("1");
                assertThat(r[9]).as("TCP checksum status (1 = good)").isEqualTo("1");
                boolean fromSender = r[0].equals(senderIp);
                // One conversation: the flow's own addresses and ports, in one direction or the other.
                assertThat(fromSender ? r[11] : r[0]).isEqualTo(receiverIp);
                if (fromSender) {
                    if (!r[1].equals("1") && (!r[3].isEmpty() || !r[4].isEmpty() || !r[5].isEmpty()
                            || !r[6].isEmpty())) {
                        seenRetransmits++;
                    }
                    if (!r[2].isEmpty()) {
                        maxNextSeq = Math.max(maxNextSeq, Long.parseLong(r[2]));
                    }
                } else if (!r[7].isEmpty()) {
                    seenDupAcks++;
                }
            }
            assertThat(seenRetransmits).as("retransmissions of flow %d", i).isEqualTo(retransmits[i]);
            assertThat(seenDupAcks).as("duplicate ACKs of flow %d", i).isEqualTo(dupAcks[i]);
            // Relative sequence numbers: the SYN is 0, the flow's bytes are 1..size.
            assertThat(maxNextSeq).isEqualTo(sizeBytes + 1);
            // Timestamps (RFC 7323): every data segment echoes the TSval of an ACK that reached the sender before
            // it left, so its TSecr is one of the receiver's TSvals and never later than its own TSval.
            java.util.Set<Long> ackTsVals = new java.util.HashSet<>();
            long dataSegments = 0;
            for (String[] t : Tshark.fields(file, "tcp", "ip.src", "tcp.len", "tcp.options.timestamp.tsval",
                    "tcp.options.timestamp.tsecr")) {
                if (t[2].isEmpty()) {
                    continue;
                }
                long val = Long.parseLong(t[2]);
                long ecr = Long.parseLong(t[3]);
                if (!t[0].equals(senderIp)) {
                    ackTsVals.add(val);
                } else if (Long.parseLong(t[1]) > 0) {
                    dataSegments++;
                    assertThat(ackTsVals).as("data segment TSecr %d of flow %d", ecr, i).contains(ecr);
                    assertThat(ecr).isLessThanOrEqualTo(val);
                }
            }
            assertThat(dataSegments).isPositive();
            totalRetransmits += retransmits[i];
            totalDupAcks += dupAcks[i];
        }
        // The case must exercise what it checks.
        assertThat(totalRetransmits).isPositive();
        assertThat(totalDupAcks).isPositive();
        System.out.printf("trace check, %d flows, sack %s: %d retransmissions, %d duplicate ACKs (%d with nothing"
                + " outstanding), all matched by tshark%n", flows, sack, totalRetransmits, totalDupAcks,
                java.util.Arrays.stream(idleRepeats).sum());
    }
}
