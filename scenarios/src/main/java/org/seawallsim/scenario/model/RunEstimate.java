package org.seawallsim.scenario.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seawallsim.baseline.qcn.QcnScheme;
import org.seawallsim.engine.scheme.IsolationScheme;
import org.seawallsim.scenario.scheme.SchemeConfigs;
import org.seawallsim.scenario.trace.TraceSpec;
import org.seawallsim.scenario.trace.Tracer;
import org.seawallsim.seawall.sim.SeawallScheme;

/**
 * What a run of a scenario will cost, from the scenario alone, before anything is built: events (rates x duration x
 * hops, flow arrivals, samples) and heap (hosts, switch routes, VMs, flows, queued packets, time series). Both are
 * upper-end estimates: every sender is taken to send at its demand up to its NIC rate (and a dumbbell or tree's
 * core links to be full), every port to be event-driven, and every queue on a path to be full. The library's runs use
 * 1.4-7 times fewer events than estimated, 18 times for a policer dropping a flood at its first switch
 * ({@code RunEstimateTest}).
 *
 * @param events simulated events of the whole run
 * @param heapBytes peak Java heap the run needs
 * @param lines the estimate's terms, one per line, for {@code validate --explain}
 * @param largest the field path of the traffic item that contributes the most events ("" if none)
 * @param outputS wall seconds of writing the results (CSVs, charts, report, packet traces), beside the events' time
 * @param heapCause what most of the heap goes to, as a refusal names it ("" when no one term stands out)
 * @param eventsCause what most of the events go to, as a refusal names it ("" when no one term stands out)
 */
public record RunEstimate(double events, double heapBytes, List<String> lines, String largest, double outputS,
        String heapCause, String eventsCause) {
    /** Default event budget of a run: about 5 minutes at the 7 million events/s measured on a 2-core VM. */
    public static final long DEFAULT_MAX_EVENTS = 2_000_000_000L;
    /** Events a run does per wall second, conservatively, to turn the estimate into a time. */
    public static final double EVENTS_PER_WALL_S = 7e6;

    // Events per packet and hop when a port simulates each transmission (computed FIFO ports need half of that).
    private static final double EVENTS_PER_HOP = 2;
    private static final double ETHERNET_OVERHEAD_BYTES = 38; // preamble, header, FCS, inter-frame gap
    private static final double TCP_FRAME_BYTES = 1500 + ETHERNET_OVERHEAD_BYTES;
    private static final double VM_WORK_EVENTS = 1000;
    private static final double HOST_EVENTS_PER_PACKET = 4; // send service and jitter, receive interrupt and service
    private static final double ACK_PER_DATA = 1; // one ACK per data packet (no delayed ACKs in the model)
    // Heap per element, measured as live heap on `bench dumbbell` (4 KB per TCP flow) and doubled for garbage.
    private static final double BYTES_PER_TCP_FLOW = 8192;
    private static final double BYTES_PER_VM = 2048;
    private static final double BYTES_PER_HOST = 4096;
    private static final double BYTES_PER_PORT = 1024;
    private static final double BYTES_PER_ROUTE = 16; // one switch's next hops to one host
    private static final double BYTES_PER_QUEUED_PACKET = 200; // packet object plus queue slot
    // The time series, per sample and row, up to the charts: the run's series (a double per VM and port and
    // sample, kept until the run ends) and, after it, the larger of writing the CSVs (each file's text, its builder
    // and its encoded copy) and drawing them: the parsed series (16 B a point, Builder slack up to twice that) and
    // the charts' points of every sending VM's goodput and ideal, every tenant's, and the 8 busiest links and queues
    // (counted at 92 B a point, an XYSeries item and two boxed Doubles; the charts now hold primitive arrays, 16 B,
    // so a charted VM or tenant is over-counted by about 150 B a sample: the least heap that completed the 40-VM
    // star below fell from 89 to 66 MB, a 120-VM star at 2 501 samples from 129 to 115 MB). Counted from those
    // structures (Runner.Sampler, ResultsWriter, CsvTable/RunData, RunCharts); checked by running at the estimate
    // (TooLargeForHeapTest#aSampleHeavyRunCompletesInItsEstimatedHeap). A 240-VM fat-tree at 5 001 samples was
    // estimated at 196 MB with 16 B a value and ran out of heap at 419 MB while reading its CSVs for the charts.
    private static final double BYTES_PER_VM_SAMPLE = 190;
    private static final double BYTES_PER_SENDING_VM_SAMPLE = 250;
    private static final double BYTES_PER_TENANT_SAMPLE = 220;
    private static final double BYTES_PER_PORT_SAMPLE = 120;
    private static final double BYTES_PER_SAMPLE = 2048; // 8 busiest links and queues charted, array headers
    /**
     * Sampling, in events: 1 event (about 0.14 us at 7 M/s) a VM or port row of a sample (the oracle's allocation
     * at every cut, goodput and utilization per row). Measured on this 2-core VM at a load average of 11-15, where
     * `bench dumbbell` ran 0.57 M events/s (12 times slower than quiet): 2.7 us a row on a 40-VM star at 5 001
     * samples, 12 us on a 1 200-VM star at 2 501 (the oracle's cuts grow with VMs), so about 1 us quiet, 7 events.
     * 0.1 event a row undercounted the latter 40-fold.
     */
    private static final double EVENTS_PER_SAMPLED_ROW = 7;
    /**
     * Writing the results, per output row (a CSV line of a VM, tenant, link or busiest queue at a sample), with the
     * charts and report drawn from them: 42 us a row measured on the 40-VM star (22.6 s for 540 000 rows) and 26 us
     * on the 1 200-VM one (106 s for 4 million) at the load above, so about 3.5 us on a quiet core.
     */
    static final double OUTPUT_S_PER_ROW = 3.5e-6;
    /**
     * Tracing, per frame written: a k = 4 fat-tree traced on every link wrote 187 MB (about 1.3 million frames at
     * the default 128-B snap) in 3.1 s more than the same run untraced, on an idle machine.
     */
    static final double TRACE_S_PER_FRAME = 2.4e-6;
    private static final double PCAP_RECORD_HEADER_BYTES = 16;
    /** A full frame as a capture holds it: without preamble, inter-frame gap and FCS (1514 of 1538 bytes). */
    private static final double CAPTURED_FRAME_BYTES = TCP_FRAME_BYTES - 24;
    /** A logged phase change: a long and an int, in arrays that double (the old copy is garbage until collected). */
    private static final double BYTES_PER_PHASE_CHANGE = 36;
    private static final double BASE_HEAP_BYTES = 64e6; // JVM, classes, plots

    /** Estimates the run of {@code sc} (its scheme, its duration). */
    public static RunEstimate of(Scenario sc) {
        Scenario.Topology t = sc.topology();
        double duration = sc.durationS();
        double nicBps = t.rateGbps() * 1e9;
        double coreBps = t.coreRateGbps() * 1e9;
        int hosts = sc.hostNames().size();
        double[] shape = shape(t, hosts);
        double switches = shape[0];
        double ports = shape[1];
        Map<String, String> hostOf = new HashMap<>();
        for (Scenario.Vm vm : sc.vms()) {
            hostOf.put(vm.name(), vm.host());
        }
        int hops = "parkinglot".equals(t.builder()) ? parkingLotHops(sc, hostOf) : (int) shape[2];
        double bottleneckBps = shape[3] * coreBps;

        Map<String, double[]> perHost = new HashMap<>(); // host -> {udp wire bps, tcp wire bps, udp frames/s}
        double generatedPps = 0;
        // On/off phase changes: each is an event and an entry in the oracle's activity log (SourceActivity), so
        // periods far below the gap between datagrams cost events and heap that no datagram accounts for (1-ps
        // periods in a 0.05-s run ran out of heap after an estimate of 16 200 events).
        double phaseChanges = 0;
        double arrivals = 0;
        double tcpFlows = 0;
        String largest = "";
        // Ranked by frames on the wire, which is what costs events: by bit rate, a 1 Gb/s bulk flow outranked a
        // 900 Mb/s UDP stream of 200-byte datagrams that put 3 times its frames (ACKs included) on the wire and made
        // most of its run's 3.9e5 events.
        double largestFps = -1;
        for (Scenario.Vm vm : sc.vms()) {
            // UDP bits/s, TCP bits/s, UDP frames/s (datagrams of any size) a host's VMs offer.
            double[] h = perHost.computeIfAbsent(vm.host(), k -> new double[3]);
            for (int i = 0; i < vm.traffic().size(); i++) {
                Scenario.Traffic tr = vm.traffic().get(i);
                int n = tr.to().size();
                double active = Math.max(0, (tr.stopS() == null ? duration : Math.min(duration, tr.stopS()))
                        - tr.startS()) / duration;
                double bps;
                double frameBytes = TCP_FRAME_BYTES;
                double framesPerPacket = 1 + ACK_PER_DATA;
                switch (tr.type()) {
                    case "udp", "onoff" -> {
                        double rate = tr.rateMbps() > 0 ? tr.rateMbps() * 1e6 : nicBps;
                        double on = "onoff".equals(tr.type()) ? tr.onS() / (tr.onS() + tr.offS()) : 1;
                        bps = rate * n * on * active;
                        frameBytes = tr.packetBytes() + ETHERNET_OVERHEAD_BYTES;
                        framesPerPacket = 1;
                        double pps = bps / (8 * frameBytes);
                        generatedPps += pps;
                        if ("onoff".equals(tr.type())) {
                            phaseChanges += 2 * duration * active / (tr.onS() + tr.offS()) * n;
                        }
                        h[0] += bps;
                        h[2] += pps;
                    }
                    case "flows" -> {
                        arrivals += tr.arrivalsPerS() * duration * active;
                        // Flows alive at once, taken as one second's arrivals (short flows finish well within it).
                        tcpFlows += Math.min(tr.arrivalsPerS() * duration * active, tr.arrivalsPerS() + 1) * n;
                        bps = tr.arrivalsPerS() * tr.size().meanBytes() * 8 * n * active;
                        h[1] += bps;
                    }
                    case "incast" -> {
                        tcpFlows += n;
                        bps = (double) tr.rounds() * tr.sizeBytes() * 8 / duration;
                        h[1] += bps;
                    }
                    default -> { // bulk, shuffle: backlogged TCP
                        double flows = (double) n * ("bulk".equals(tr.type()) ? tr.flows() : 1);
                        tcpFlows += flows;
                        bps = nicBps * flows * active;
                        h[1] += bps;
                    }
                }
                double fps = bps / (8 * frameBytes) * framesPerPacket;
                if (fps > largestFps) {
                    largestFps = fps;
                    largest = "tenants." + vm.tenant() + ".vms." + vm.group() + ".traffic[" + i + "]";
                }
            }
        }
        // What leaves each host: its demand, capped by its NIC (UDP beyond that is dropped at the NIC queue).
        double sentUdpPps = 0;
        double sentUdpBps = 0;
        double sentTcpPps = 0;
        int sendingHosts = 0;
        for (double[] h : perHost.values()) {
            double demand = h[0] + h[1];
            if (demand <= 0) {
                continue;
            }
            sendingHosts++;
            double scale = Math.min(1, nicBps / demand);
            // UDP frames at their own size: counted as full frames, 900 Mb/s of 64-byte datagrams was estimated at
            // 2.5e5 events and ran 5.4e5.
            sentUdpPps += h[2] * scale;
            sentUdpBps += h[0] * scale;
            sentTcpPps += h[1] * scale / (8 * TCP_FRAME_BYTES);
        }
        // What the network delivers: no more than the receivers' NICs take, nor a dumbbell's or tree's core links
        // carry (both directions). TCP sends no faster than that on any hop; UDP fills its first hop regardless.
        Set<String> receivers = new HashSet<>();
        Set<List<String>> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // VMs of a group share lists
        for (Scenario.Vm vm : sc.vms()) {
            for (Scenario.Traffic tr : vm.traffic()) {
                if (seen.add(tr.to())) {
                    for (String d : tr.to()) {
                        receivers.add(hostOf.get(d));
                    }
                }
            }
        }
        double deliverBps = receivers.size() * nicBps;
        if (bottleneckBps > 0) {
            deliverBps = Math.min(deliverBps, 2 * bottleneckBps);
        }
        double deliverPps = deliverBps / (8 * TCP_FRAME_BYTES);
        double udpFrameBytes = sentUdpPps == 0 ? TCP_FRAME_BYTES : sentUdpBps / (8 * sentUdpPps);
        double udpCorePps = Math.min(sentUdpPps, deliverBps / (8 * udpFrameBytes));
        double tcpPps = Math.min(sentTcpPps, deliverPps);
        double sentPps = sentUdpPps + tcpPps;
        double corePps = udpCorePps + tcpPps;
        double tcpShare = sentPps == 0 ? 0 : tcpPps / sentPps;
        double packetEvents = duration * EVENTS_PER_HOP * (sentUdpPps + udpCorePps * (hops - 1)
                + tcpPps * hops * (1 + ACK_PER_DATA));
        // Real-host timing (hypervisor service, send jitter, interrupt coalescing) adds wake-ups at both ends of
        // every packet, ACKs included.
        boolean hostTimed = t.hostTiming() != null && t.hostTiming().enabled();
        double hostEvents = hostTimed ? duration * HOST_EVENTS_PER_PACKET * (sentPps + tcpPps * ACK_PER_DATA) : 0;
        packetEvents += hostEvents;
        double[] timers = schemeTimers(sc, hosts, hops);
        double schemeEvents = duration * timers[0];
        double generationEvents = duration * generatedPps;
        double samples = Math.ceil(duration / sc.sampleIntervalS()) + 1;
        double sampleWork = samples * (sc.vms().size() + ports) * EVENTS_PER_SAMPLED_ROW;
        double outputRows = samples * (sc.vms().size() + sc.tenants().size() + ports + 8);
        double rowsS = outputRows * OUTPUT_S_PER_ROW;
        double outputS = rowsS;
        String traceLine = null;
        TraceSpec trace = sc.trace();
        if (trace != null && !trace.links().isEmpty()) {
            // Frames crossing links in the trace window: every link's when all are traced, else no more than the
            // whole network's nor the files' caps (a group name may stand for several links: an upper end).
            double windowS = Math.max(0, (trace.stopS() == null ? duration : Math.min(duration, trace.stopS()))
                    - trace.startS());
            // Seawall's reports cross the network too: one per tunnel and interval (a few per cent of a fabric's).
            double reportPps = "seawall".equals(sc.scheme()) && timers[1] > 0 ? timers[2] / timers[1] * hops : 0;
            double hopFrames = windowS * (sentUdpPps + udpCorePps * (hops - 1) + tcpPps * hops * (1 + ACK_PER_DATA)
                    + reportPps);
            boolean all = trace.links().contains(Tracer.ALL);
            double files = all ? ports / 2 : trace.links().size();
            double frames = Math.min(hopFrames, files * trace.maxPackets());
            double recordBytes = PCAP_RECORD_HEADER_BYTES + Math.min(trace.snapBytes(), CAPTURED_FRAME_BYTES);
            double traceS = frames * TRACE_S_PER_FRAME;
            outputS += traceS;
            traceLine = String.format(Locale.ROOT, "  trace of %s: up to %s frames (%s) of up to %.0f B: up to %s on "
                    + "disk, about %s to write", all ? "every link" : String.join(", ", trace.links()), num(frames),
                    all ? "the network's frames in the trace window" : "at most the network's frames in the window "
                            + "and " + num(trace.maxPackets()) + " a file", recordBytes, bytes(frames * recordBytes),
                    wall(traceS));
        }
        // Per-VM work outside the event loop (transport stacks, paths, ideal shares, result rows): measured 18 s for
        // 100 000 idle VMs on a loaded 2-core VM, about 1 000 events' worth each.
        double vmWork = sc.vms().size() * VM_WORK_EVENTS;
        double events = packetEvents + schemeEvents + generationEvents + phaseChanges + arrivals + sampleWork + vmWork;

        double topologyHeap = hosts * BYTES_PER_HOST + ports * BYTES_PER_PORT + switches * hosts * BYTES_PER_ROUTE;
        double vmHeap = sc.vms().size() * (BYTES_PER_VM + hops * 8.0);
        double flowHeap = tcpFlows * BYTES_PER_TCP_FLOW;
        double queueBytes = sendingHosts * (double) t.nicBufferBytes() + (ports - 2.0 * hosts) * t.bufferBytes()
                + hosts * (double) t.bufferBytes();
        // A queue only fills with what arrives in the run: cap by the bytes the senders put on the wire.
        queueBytes = Math.min(queueBytes, (sentPps + generatedPps) * duration * TCP_FRAME_BYTES);
        double queueHeap = queueBytes / TCP_FRAME_BYTES * BYTES_PER_QUEUED_PACKET;
        int sendingVms = 0;
        for (Scenario.Vm vm : sc.vms()) {
            sendingVms += vm.traffic().isEmpty() ? 0 : 1;
        }
        double seriesHeap = samples * (BYTES_PER_SAMPLE + (sc.vms().size() - sendingVms) * BYTES_PER_VM_SAMPLE
                + sendingVms * BYTES_PER_SENDING_VM_SAMPLE + sc.tenants().size() * BYTES_PER_TENANT_SAMPLE
                + ports * BYTES_PER_PORT_SAMPLE);
        double activityHeap = phaseChanges * BYTES_PER_PHASE_CHANGE;
        double heap = BASE_HEAP_BYTES + topologyHeap + vmHeap + flowHeap + queueHeap + seriesHeap + activityHeap;

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "events %s (about %s at %.0f million events/s, writing the results "
                + "included)", num(events), wall(events / EVENTS_PER_WALL_S + outputS), EVENTS_PER_WALL_S / 1e6));
        lines.add(String.format(Locale.ROOT, "  packets: %s packets/s leave %d sending hosts (%.0f %% TCP, plus "
                + "ACKs), %s packets/s reach the receivers, up to %d hops%s, over %s s: %s events",
                num(sentPps), sendingHosts, 100 * tcpShare, num(corePps), hops, hostTimed ? " and host timing" : "",
                num(duration), num(packetEvents)));
        if (schemeEvents > 0) {
            lines.add(String.format(Locale.ROOT, "  %s timers and feedback: %s/s (%s): %s events", sc.scheme(),
                    num(timers[0]), timerWhat(sc.scheme(), hosts, timers), num(schemeEvents)));
        }
        lines.add(String.format(Locale.ROOT, "  UDP datagrams generated: %s/s: %s events", num(generatedPps),
                num(generationEvents)));
        if (phaseChanges > 0) {
            lines.add(String.format(Locale.ROOT, "  on/off phase changes: %s events, %s of activity log",
                    num(phaseChanges), bytes(activityHeap)));
        }
        lines.add(String.format(Locale.ROOT, "  flow arrivals: %s; samples: %s x (%d VMs + %s ports): %s event "
                + "equivalents; setting up and writing %d VMs: %s", num(arrivals), num(samples), sc.vms().size(),
                num(ports), num(sampleWork), sc.vms().size(), num(vmWork)));
        lines.add(String.format(Locale.ROOT, "  writing the results: %s rows of time series (samples x (VMs + "
                + "tenants + ports + 8 queues)), CSVs and charts: about %s", num(outputRows), wall(rowsS)));
        if (traceLine != null) {
            lines.add(traceLine);
        }
        if (!largest.isEmpty()) {
            lines.add("  largest sender: " + largest);
        }
        lines.add(String.format(Locale.ROOT, "heap %s", bytes(heap)));
        lines.add(String.format(Locale.ROOT, "  topology %s (%d hosts, %s switches, %s ports, %s routes); VMs %s "
                + "(%d); TCP flows %s (%s); queued packets %s; time series %s", bytes(topologyHeap), hosts,
                num(switches), num(ports), num(switches * hosts), bytes(vmHeap), sc.vms().size(), bytes(flowHeap), num(tcpFlows),
                bytes(queueHeap), bytes(seriesHeap)));
        // What dominates the heap and the events, for a refusal: the time series when they are the largest part,
        // else the largest sender.
        String senderCause = largest.isEmpty() ? "" : "; the largest sender is " + largest;
        String sampled = String.format(Locale.ROOT, "%s samples (sampleIntervalS = %s s over durationS = %s s)",
                num(samples), num(sc.sampleIntervalS()), num(duration));
        String heapCause = seriesHeap >= heap - BASE_HEAP_BYTES - seriesHeap ? String.format(Locale.ROOT, "; most of "
                + "it is the time series: %s of %d VMs, %d tenants and %s ports, kept until the CSVs and charts are "
                + "written (a larger sampleIntervalS needs less)", sampled, sc.vms().size(), sc.tenants().size(),
                num(ports)) : senderCause;
        double seriesWork = sampleWork + rowsS * EVENTS_PER_WALL_S;
        String eventsCause = seriesWork >= events - sampleWork ? String.format(Locale.ROOT, "; most of it is "
                + "sampling and writing the time series: %s of %d VMs and %s ports (a larger sampleIntervalS needs "
                + "less)", sampled, sc.vms().size(), num(ports)) : senderCause;
        return new RunEstimate(events, heap, List.copyOf(lines), largest, outputS, heapCause, eventsCause);
    }

    /**
     * The reason this run should not start, or null: it needs more than {@code maxHeapBytes} of heap or more than
     * {@code maxEvents} events.
     */
    public String refusal(long maxEvents, long maxHeapBytes) {
        Refusal r = refusalOf(maxEvents, maxHeapBytes);
        return r == null ? null : r.reason() + " (" + r.remedy() + ")";
    }

    /** The end of every remedy: where the estimate is printed (a comparison names the scheme to give instead). */
    public static final String EXPLAIN_HINT = "'validate --explain' prints the estimate";

    /** Why a run should not start ({@code reason}) and what the user can do about it ({@code remedy}). */
    public record Refusal(String reason, String remedy) {
    }

    /** As {@link #refusal}, in parts: a sweep lists the reason of each point it refuses and the remedy once. */
    public Refusal refusalOf(long maxEvents, long maxHeapBytes) {
        if (heapBytes > maxHeapBytes) {
            return new Refusal(String.format(Locale.ROOT, "the run would need about %s of heap, more than the %s "
                    + "this JVM may use%s", bytes(heapBytes), bytes(maxHeapBytes), heapCause),
                    "raise the heap with SEAWALL_SIM_JAVA_OPTS=-Xmx..., or start anyway with --ignore-limits; "
                    + EXPLAIN_HINT);
        }
        if (events > maxEvents) {
            return new Refusal(String.format(Locale.ROOT, "the run would take about %s events (%s at %.0f million "
                    + "events/s, writing the results included), more than the budget of %s%s", numAbove(events,
                    maxEvents), wall(events / EVENTS_PER_WALL_S + outputS), EVENTS_PER_WALL_S / 1e6, num(maxEvents),
                    eventsCause), "--max-events N raises the budget, --ignore-limits skips the check; " + EXPLAIN_HINT);
        }
        return null;
    }

    /**
     * {@code d} with as many significant digits as show it above {@code limit}: 200 412 events against a budget of
     * 200 000 read "about 2e+5 events ..., more than the budget of 200000" at num's 3 digits.
     */
    static String numAbove(double d, double limit) {
        String s = num(d);
        for (int digits = 4; digits <= 17 && !(Double.parseDouble(s.replace("e+", "e")) > limit); digits++) {
            s = new java.math.BigDecimal(d).round(new java.math.MathContext(digits)).stripTrailingZeros()
                    .toPlainString();
        }
        return s;
    }

    /**
     * Events per simulated second of the scheme's own clocks, which run whatever the traffic: {events/s, timer
     * period in s, limiters or tunnels}. Seawall: every host's controller and receiver tick each interval (two events
     * per host, hosts without VMs included: 10 000 hosts at 1 ms made 4e7 events in 2 s, estimated 5.2e4), and each
     * tunnel's report crosses the network each interval; ecn-bottleneck's telemetry adds two per telemetry interval.
     * QCN: each NIC rate limiter, one per flow (ACK flows included), runs a timer of timerMs, halved in hyperactive
     * increase. Parameters that fail to read are reported elsewhere; the defaults stand in for them here.
     */
    private static double[] schemeTimers(Scenario sc, int hosts, int hops) {
        String scheme = sc.scheme();
        if (!"seawall".equals(scheme) && !"qcn".equals(scheme)) {
            return new double[] {0, 0, 0};
        }
        // Seawall's tunnels: one per pair of VMs that talk, both ways for TCP (its ACKs); QCN's limiters: one per
        // flow, so a bulk's parallel flows each count.
        double tunnels = 0;
        double flows = 0;
        for (Scenario.Vm vm : sc.vms()) {
            for (Scenario.Traffic tr : vm.traffic()) {
                int ways = "udp".equals(tr.type()) || "onoff".equals(tr.type()) ? 1 : 2;
                tunnels += (double) tr.to().size() * ways;
                flows += (double) tr.to().size() * ways * ("bulk".equals(tr.type()) ? tr.flows() : 1);
            }
        }
        IsolationScheme built = SchemeConfigs.build(
                scheme, sc.schemeParams().get(scheme), null).scheme();
        if (built instanceof SeawallScheme sw) {
            double interval = sw.params().controller().intervalPs() / 1e12;
            double perS = 2.0 * hosts / interval
                    + tunnels / interval * (EVENTS_PER_HOP * hops + HOST_EVENTS_PER_PACKET);
            if (sw.params().telemetry().enabled()) {
                perS += 2 / (sw.params().telemetry().intervalPs() / 1e12);
            }
            return new double[] {perS, interval, tunnels};
        }
        if (built instanceof QcnScheme q) {
            double timer = q.config().rp().timerPs() / 1e12;
            return new double[] {2 * flows / timer, timer, flows};
        }
        return new double[] {0, 0, 0};
    }

    /**
     * The most links a parking lot's traffic crosses: two access links and the trunks between its racks. The whole
     * chain's length (racks + 1) made `racks: 1000` with the VMs on the first two racks an estimate of 2.98e9 events
     * (refused) for a run of 1.7e6.
     */
    private static int parkingLotHops(Scenario sc, Map<String, String> hostOf) {
        int perRack = Math.max(1, sc.topology().hostsPerRack());
        int most = 0;
        for (Scenario.Vm vm : sc.vms()) {
            for (Scenario.Traffic tr : vm.traffic()) {
                for (String d : tr.to()) {
                    int a = hostIndex(vm.host());
                    int b = hostIndex(hostOf.get(d));
                    most = Math.max(most, Math.abs(a / perRack - b / perRack));
                }
            }
        }
        return most + 2;
    }

    /** N of host hN: the loader names hosts so, in builder order ({@link TopologyReader#hostNames}). */
    private static int hostIndex(String host) {
        return Integer.parseInt(host.substring(1));
    }

    private static String timerWhat(String scheme, int hosts, double[] timers) {
        return "seawall".equals(scheme)
                ? String.format(Locale.ROOT, "%d hosts ticking and %s tunnels reporting every %s s", hosts,
                        num(timers[2]), num(timers[1]))
                : String.format(Locale.ROOT, "up to %s rate limiters, timer %s s", num(timers[2]), num(timers[1]));
    }

    /** A number in at most 3 significant digits, without trailing zeros: 2.6e+09, 0.1, 41. */
    static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e6) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(3)).stripTrailingZeros().toString()
                .replace("E", "e");
    }

    /** {switches, directed ports, most hops on a path, number of core links a dumbbell or tree funnels into}. */
    private static double[] shape(Scenario.Topology t, int hosts) {
        return switch (t.builder()) {
            case "dumbbell" -> new double[] {2, 2.0 * hosts + 2, 3, 1};
            case "tree" -> new double[] {t.racks() + 1, 2.0 * hosts + 2.0 * t.racks(), 4, t.racks()};
            case "leafspine" -> new double[] {t.leaves() + t.spines(), 2.0 * hosts + 2.0 * t.leaves() * t.spines(),
                    4, 0};
            case "fattree" -> new double[] {5.0 * t.k() * t.k() / 4, 6.0 * hosts, 6, 0};
            // A chain of racks switches joined by racks - 1 trunks; end to end a path crosses every trunk. Counted as
            // a star before, a 100 000-rack chain (1e10 routes) passed the heap check and ran out of memory.
            case "parkinglot" -> new double[] {t.racks(), 2.0 * hosts + 2.0 * (t.racks() - 1), t.racks() + 1.0, 0};
            default -> new double[] {1, 2.0 * hosts, 2, 0};
        };
    }

    static String bytes(double b) {
        if (b >= 1e9) {
            return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
        }
        return String.format(Locale.ROOT, "%.0f MB", Math.ceil(b / 1e6));
    }

    static String wall(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0f s", Math.ceil(s));
        }
        if (s < 3 * 3600) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.3g hours", s / 3600);
    }
}
