package org.seawallsim.scenario.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.seawallsim.engine.SimContext;
import org.seawallsim.engine.event.EventLoop;
import org.seawallsim.engine.net.EgressPort;
import org.seawallsim.engine.net.Host;
import org.seawallsim.engine.net.Link;
import org.seawallsim.engine.net.Network;
import org.seawallsim.engine.packet.Packet;
import org.seawallsim.engine.net.Switch;
import org.seawallsim.engine.time.Time;
import org.seawallsim.topology.Topology;

/**
 * Records the packets entering the selected links as pcap files (one per link, both directions merged in time
 * order), through {@link org.seawallsim.engine.net.WireTap}s on the links' pipes: no probe, no event, no change to
 * how ports run, so a traced run is the same run (same fingerprint). Each frame is stamped with the instant its
 * last bit leaves the sending port. A port that computes departures reports a packet when it admits it, ahead of
 * that instant; records wait in a small heap until the simulated clock passes their time, since the other
 * direction may still report an earlier frame. Files are written under a temporary name and renamed into place
 * by {@link #finish}.
 */
public final class Tracer {
    /** One file written: its name in the result folder, the ports it records, frames written, whether capped. */
    public record TraceFile(String file, List<String> ports, long packets, boolean truncated) {
    }

    private final List<FileTrace> files = new ArrayList<>();
    private final Path dir;
    private final List<String> vmNames;
    private final int hosts;

    private Tracer(Path dir, List<String> vmNames, int hosts) {
        this.dir = dir;
        this.vmNames = vmNames;
        this.hosts = hosts;
    }

    /**
     * Resolves {@code spec}'s names in {@code topo} and taps the selected ports.
     *
     * @param vmNames VM names by VM id, for the names file that maps trace addresses to VMs
     * @throws TraceSelectionException if a name is not a link group, link, port or host of the topology
     */
    public static Tracer install(Topology topo, TraceSpec spec, Path dir, List<String> vmNames) {
        Network net = topo.network();
        Map<String, List<EgressPort[]>> selected = select(topo, spec);
        Tracer t = new Tracer(dir, vmNames, net.hosts().size());
        FrameEncoder.CongestionPoints cps = congestionPoints(net);
        SimContext ctx = net.context();
        long startPs = Time.ofSeconds(spec.startS());
        long stopPs = spec.stopS() == null ? Long.MAX_VALUE : Time.ofSeconds(spec.stopS());
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, List<EgressPort[]>> e : selected.entrySet()) {
                for (EgressPort[] ports : e.getValue()) {
                    FileTrace f = new FileTrace(ctx.loop(), dir.resolve(e.getKey()), ports, spec, startPs, stopPs,
                            new FrameEncoder(cps, spec.snapBytes()));
                    t.files.add(f);
                    for (EgressPort p : ports) {
                        p.pipe().setTap((packet, lastBitPs) -> f.record(packet, lastBitPs));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create trace files in " + dir + ": " + e.getMessage(), e);
        }
        return t;
    }

    /**
     * Writes every frame whose last bit left by {@code endPs} (frames still queued then never reached the wire),
     * closes the files, renames them into place and writes the names file. Returns what was written.
     */
    public List<TraceFile> finish(long endPs) {
        List<TraceFile> out = new ArrayList<>();
        try {
            for (FileTrace f : files) {
                out.add(f.finish(endPs));
            }
            if (!files.isEmpty()) {
                writeNames();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace files in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The names file in /etc/hosts format (tshark -H FILE -N n, or Wireshark's name resolution). */
    /**
     * Closes and deletes the unfinished files of a run that stopped early (it failed or was cancelled), so that no
     * file stays open and no partial trace is left under its temporary name.
     */
    public void abandon() {
        for (FileTrace f : files) {
            f.abandon();
        }
    }

    public static final String NAMES_FILE = "trace-hosts.txt";

    private void writeNames() throws IOException {
        StringBuilder sb = new StringBuilder("# seawall-sim trace addresses: VMs, then hypervisors (hosts)\n");
        for (int v = 0; v < vmNames.size(); v++) {
            sb.append(ip(FrameEncoder.vmIp(v))).append(' ').append(vmNames.get(v)).append('\n');
        }
        for (int h = 0; h < hosts; h++) {
            sb.append(ip(FrameEncoder.hostIp(h))).append(" h").append(h).append('\n');
        }
        Path file = dir.resolve(NAMES_FILE);
        Path tmp = dir.resolve("." + NAMES_FILE + ".tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String ip(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    private static FrameEncoder.CongestionPoints congestionPoints(Network net) {
        Map<String, int[]> byName = new LinkedHashMap<>();
        for (Switch s : net.switches()) {
            List<EgressPort> ports = s.ports();
            for (int i = 0; i < ports.size(); i++) {
                byName.put(ports.get(i).name(), new int[] {s.id(), i});
            }
        }
        return new FrameEncoder.CongestionPoints() {
            @Override
            public int switchId(String portName) {
                int[] v = byName.get(portName);
                return v == null ? 0 : v[0];
            }

            @Override
            public int portIndex(String portName) {
                int[] v = byName.get(portName);
                return v == null ? 0 : v[1];
            }
        };
    }

    /** Selects every link of the topology, one file each. */
    public static final String ALL = "all";

    /** Throws {@link TraceSelectionException} if {@code spec} names a link {@code topo} lacks; records nothing. */
    public static void check(Topology topo, TraceSpec spec) {
        select(topo, spec);
    }

    /** File name to the port groups recorded in it (each group one file). */
    static Map<String, List<EgressPort[]>> select(Topology topo, TraceSpec spec) {
        Network net = topo.network();
        Map<String, Link> links = new LinkedHashMap<>();
        Map<String, EgressPort> ports = new LinkedHashMap<>();
        for (Link l : net.links()) {
            links.put(l.name(), l);
            ports.put(l.aToB().name(), l.aToB());
            ports.put(l.bToA().name(), l.bToA());
        }
        Map<String, List<EgressPort[]>> out = new LinkedHashMap<>();
        Map<EgressPort, Boolean> taken = new IdentityHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : spec.links()) {
            List<Link> chosen;
            if (name.equals(ALL)) {
                chosen = net.links();
                for (Link l : chosen) {
                    addLink(out, taken, spec, fileName(l.name(), null), l);
                }
                continue;
            } else if (topo.linkGroupNames().contains(name)) {
                chosen = topo.linkGroup(name);
            } else if (links.containsKey(name)) {
                chosen = List.of(links.get(name));
            } else if (ports.containsKey(name)) {
                EgressPort p = ports.get(name);
                if (taken.put(p, Boolean.TRUE) == null) {
                    out.computeIfAbsent(fileName(name, null), k -> new ArrayList<>()).add(new EgressPort[] {p});
                }
                continue;
            } else if (isHost(net, name)) {
                EgressPort nic = net.host(name).nic();
                chosen = List.of(linkOf(net, nic));
            } else {
                unknown.add(name);
                continue;
            }
            for (Link l : chosen) {
                addLink(out, taken, spec, fileName(name, chosen.size() == 1 ? null : l.name()), l);
            }
        }
        if (!unknown.isEmpty()) {
            throw new TraceSelectionException(spec.origin() + ": unknown link" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList()) + " in " + topo.kind()
                    + ". Valid names: " + ALL + " (every link); link groups " + (topo.linkGroupNames().isEmpty() ? "(none)"
                            : String.join(", ", topo.linkGroupNames()))
                    + "; hosts (their access link) " + hostRange(net) + "; links " + sample(links.keySet())
                    + "; or one direction, as a port: " + sample(ports.keySet()));
        }
        return out;
    }

    private static void addLink(Map<String, List<EgressPort[]>> out, Map<EgressPort, Boolean> taken, TraceSpec spec,
            String file, Link l) {
        List<EgressPort> dirs = new ArrayList<>(2);
        if (!spec.direction().equals("reverse")) {
            dirs.add(l.aToB());
        }
        if (!spec.direction().equals("forward")) {
            dirs.add(l.bToA());
        }
        dirs.removeIf(p -> taken.put(p, Boolean.TRUE) != null);
        if (!dirs.isEmpty()) {
            out.computeIfAbsent(file, k -> new ArrayList<>()).add(dirs.toArray(new EgressPort[0]));
        }
    }

    private static boolean isHost(Network net, String name) {
        for (Host h : net.hosts()) {
            if (h.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Link linkOf(Network net, EgressPort p) {
        for (Link l : net.links()) {
            if (l.aToB() == p || l.bToA() == p) {
                return l;
            }
        }
        throw new IllegalStateException(p.name() + " belongs to no link");
    }

    private static String hostRange(Network net) {
        List<Host> h = net.hosts();
        return h.isEmpty() ? "(none)" : h.size() == 1 ? h.get(0).name()
                : h.get(0).name() + ".." + h.get(h.size() - 1).name();
    }

    private static String sample(java.util.Collection<String> names) {
        List<String> l = new ArrayList<>(names);
        if (l.size() <= 12) {
            return String.join(", ", l);
        }
        return String.join(", ", l.subList(0, 10)) + ", ... (" + l.size() + ")";
    }

    static String fileName(String selector, String linkName) {
        String base = linkName == null ? selector : selector + "-" + linkName;
        return "trace-" + base.replace("<->", "--").replace("->", "-to-").replaceAll("[^A-Za-z0-9._-]", "_")
                + ".pcap";
    }

    /** One pcap file: the frames of one link (one or both directions), in time order. */
    private static final class FileTrace {
        private record Frame(long lastBitPs, long seq, byte[] bytes, int origBytes) {
        }

        private final EventLoop loop;
        private final Path file;
        private final Path tmp;
        private final List<String> portNames = new ArrayList<>();
        private final PcapWriter writer;
        private final FrameEncoder encoder;
        private final int snapBytes;
        private final long maxPackets;
        private final long startPs;
        private final long stopPs;
        private final PriorityQueue<Frame> pending = new PriorityQueue<>((a, b) -> a.lastBitPs != b.lastBitPs
                ? Long.compare(a.lastBitPs, b.lastBitPs) : Long.compare(a.seq, b.seq));
        private long seq;
        private long written;
        private boolean truncated;

        FileTrace(EventLoop loop, Path file, EgressPort[] ports, TraceSpec spec, long startPs, long stopPs,
                FrameEncoder encoder) throws IOException {
            this.loop = loop;
            this.file = file;
            this.tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            for (EgressPort p : ports) {
                portNames.add(p.name());
            }
            this.snapBytes = spec.snapBytes();
            this.maxPackets = spec.maxPackets();
            this.startPs = startPs;
            this.stopPs = stopPs;
            this.encoder = encoder;
            OutputStream os = Files.newOutputStream(tmp);
            this.writer = new PcapWriter(os, snapBytes);
        }

        void record(Packet p, long lastBitPs) {
            if (truncated) {
                return;
            }
            long now = loop.nowPs();
            flush(now);
            if (lastBitPs < startPs || lastBitPs >= stopPs) {
                return;
            }
            byte[] bytes = encoder.encode(p, snapBytes);
            int orig = FrameEncoder.frameBytes(p);
            if (lastBitPs <= now) {
                // Every frame still pending ends later (those at or before now were just written): this one is next.
                write(lastBitPs, bytes, orig);
            } else {
                pending.add(new Frame(lastBitPs, seq++, bytes, orig));
            }
        }

        private void flush(long upToPs) {
            while (!pending.isEmpty() && pending.peek().lastBitPs <= upToPs) {
                Frame f = pending.poll();
                write(f.lastBitPs, f.bytes, f.origBytes);
            }
        }

        private void write(long ps, byte[] bytes, int orig) {
            if (written >= maxPackets) {
                truncated = true;
                pending.clear();
                return;
            }
            try {
                writer.write(PcapWriter.nanos(ps), bytes, bytes.length, orig);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
            }
            written++;
        }

        void abandon() {
            pending.clear();
            try {
                writer.close();
            } catch (IOException e) {
                // The run already failed; its error is the one to report.
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Left under its hidden temporary name, which no reader takes for a trace.
            }
        }

        TraceFile finish(long endPs) throws IOException {
            flush(endPs);
            pending.clear();
            writer.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new TraceFile(file.getFileName().toString(), List.copyOf(portNames), written, truncated);
        }
    }
}
