package org.seawallsim.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seawallsim.engine.packet.Ethernet;
import org.seawallsim.engine.time.Time;
import org.seawallsim.scenario.run.ResultsWriter;
import org.seawallsim.transport.testbed.DumbbellBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench dumbbell}: n long-lived NewReno flows through one drop-tail bottleneck; prints one JSON line.
 * {@code max_heap_bytes} is the sum of the heap pools' peak usage (garbage included, so it depends on the collector
 * and -Xmx); {@code live_heap_bytes} is the heap in use after a full GC at the end, with the simulation still
 * reachable.
 */
@Command(name = "dumbbell", mixinStandardHelpOptions = true,
        description = "N long-lived NewReno flows, each from its own host NIC, through one drop-tail bottleneck.")
public final class DumbbellBenchCommand implements Callable<Integer> {
    @Option(names = "--flows", defaultValue = "100", description = "Number of flows (and sender hosts). Default: ${DEFAULT-VALUE}.")
    int flows;

    @Option(names = "--bottleneck", defaultValue = "10Gbps",
            description = "Bottleneck and NIC rate, e.g. 1Gbps, 10Gbps, 400Mbps. Default: ${DEFAULT-VALUE}.")
    String bottleneck;

    @Option(names = "--buffer-packets", defaultValue = "100",
            description = "Bottleneck buffer in 1500-B packets. Default: ${DEFAULT-VALUE}.")
    int bufferPackets;

    @Option(names = "--one-way-delay", defaultValue = "50us",
            description = "Total one-way propagation delay, e.g. 50us, 1ms. Default: ${DEFAULT-VALUE}.")
    String oneWayDelay;

    @Option(names = "--duration", defaultValue = "10s", description = "Simulated time, e.g. 10s, 500ms. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--seed", defaultValue = "1", description = "Master seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--warmup", defaultValue = "auto",
            description = "Simulated time of unmeasured runs of the same setup first (two, half each), so that the"
                    + " measured run is JIT-compiled from its start; auto = long enough for about 4 million bottleneck"
                    + " packets (under a second of wall time); 0s measures a cold start. Default: ${DEFAULT-VALUE}.")
    String warmup;

    /** Bottleneck packets in an automatic warm-up: enough for C2 to have compiled the whole packet path. */
    private static final long WARMUP_PACKETS = 4_000_000;

    private static final Pattern RATE = Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(bps|kbps|mbps|gbps|tbps)\\s*");
    private static final Pattern TIME = Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ps|ns|us|ms|s)\\s*");

    @Override
    public Integer call() {
        if (flows < 1 || flows > 1_000_000) {
            throw new BadInputException("--flows must be in [1, 1000000], got " + flows);
        }
        if (bufferPackets < 1) {
            throw new BadInputException("--buffer-packets must be >= 1, got " + bufferPackets);
        }
        long rateBps = parseRate("--bottleneck", bottleneck);
        long delayPs = parseTime("--one-way-delay", oneWayDelay, true);
        long durationPs = parseTime("--duration", duration, false);
        long warmupPs = warmup.trim().equalsIgnoreCase("auto")
                ? Time.serializationPs(Ethernet.wireBytes(Ethernet.MTU_BYTES), rateBps) * WARMUP_PACKETS
                : parseTime("--warmup", warmup, true);
        double warmupWallS = 0;
        if (warmupPs > 0) {
            // Separate runs with other seeds: the JIT sees the same code paths and the measured run starts fresh.
            // Two of them, because starting a second simulation in a JVM hits paths the first one's compiled code
            // never saw (the setup's uncommon traps), and the recompilation would otherwise fall in the measured run.
            for (int i = 1; i <= 2; i++) {
                warmupWallS += DumbbellBench.run(flows, rateBps, bufferPackets, delayPs, warmupPs / 2, seed + i)
                        .wallSeconds();
            }
        }
        DumbbellBench.Result r = DumbbellBench.run(flows, rateBps, bufferPackets, delayPs, durationPs, seed);
        long peak = HeapUse.peakBytes();
        long live = HeapUse.liveBytesAfterGc();
        System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"dumbbell\",\"flows\":%d,\"bottleneck_bps\":%d,\"buffer_packets\":%d,"
                        + "\"one_way_delay_ps\":%d,\"duration_ps\":%d,\"seed\":%d,\"events\":%d,\"data_packets\":%d,"
                        + "\"goodput_bps\":%.0f,\"wall_s\":%.6f,\"data_packets_per_s\":%.0f,\"events_per_s\":%.0f,"
                        + "\"cpu_s\":%.6f,\"data_packets_per_cpu_s\":%.0f,\"max_heap_bytes\":%d,\"live_heap_bytes\":%d,"
                        + "\"fingerprint\":\"%016x\",\"warmup_ps\":%d,\"warmup_wall_s\":%.6f,\"java\":\"%s\",\"version\":\"%s\"}",
                flows, rateBps, bufferPackets, delayPs, durationPs, seed, r.events(), r.dataPackets(), r.goodputBps(),
                r.wallSeconds(), r.dataPacketsPerSecond(), r.events() / r.wallSeconds(), r.cpuSeconds(),
                r.dataPacketsPerCpuSecond(), peak, live, r.fingerprint(), warmupPs, warmupWallS, System.getProperty("java.version"),
                ResultsWriter.version()));
        return 0;
    }

    static long parseRate(String option, String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw new BadInputException(option + ": cannot read rate '" + text + "' (use e.g. 1Gbps, 10Gbps, 400Mbps)");
        }
        String unit = m.group(2);
        if (unit.charAt(unit.length() - 3) == 'B') {
            // Units match in any case, so 1GBps (gigabytes) was read as 1 Gbit/s, a factor of 8 off.
            String bits = unit.substring(0, unit.length() - 3) + "bps";
            throw new BadInputException(option + ": '" + text.trim() + "' is in bytes per second (B); rates are in "
                    + "bits per second (b): write " + new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(8))
                    .stripTrailingZeros().toPlainString() + bits
                    + " for " + text.trim() + ", or " + m.group(1) + bits + " for " + m.group(1) + " " + bits);
        }
        double v = Double.parseDouble(m.group(1));
        double mult = switch (unit.toLowerCase(Locale.ROOT)) {
            case "kbps" -> 1e3;
            case "mbps" -> 1e6;
            case "gbps" -> 1e9;
            case "tbps" -> 1e12;
            default -> 1;
        };
        double bps = v * mult;
        // The scenario format's range, as `bench fabric --rate-gbps`: the schemes' rate floors below 10 Mbit/s, and
        // above 8 Tbit/s a byte would serialize in less than the clock's picosecond. 1Kbps ran, and reported 13 "data
        // packets" in 10 s where no data byte arrived.
        if (!(bps >= 1e7) || bps > 8e12) {
            throw new BadInputException(option + ": rate must be in [10Mbps, 8Tbps] (the schemes' rate floors "
                    + "below, and above it a byte would serialize in less than a picosecond), got '" + text.trim()
                    + "'");
        }
        return Math.round(bps);
    }

    static long parseTime(String option, String text, boolean zeroAllowed) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw new BadInputException(option + ": cannot read time '" + text + "' (use e.g. 50us, 1ms, 10s)");
        }
        double v = Double.parseDouble(m.group(1));
        double mult = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ns" -> 1e3;
            case "us" -> 1e6;
            case "ms" -> 1e9;
            case "s" -> 1e12;
            default -> 1;
        };
        double ps = v * mult;
        if ((!zeroAllowed && ps < 1) || ps > 9e18) {
            throw new BadInputException(option + ": time must be " + (zeroAllowed ? ">= 0" : "> 0")
                    + " and below 100 days, got '" + text + "'");
        }
        return Math.round(ps);
    }
}
