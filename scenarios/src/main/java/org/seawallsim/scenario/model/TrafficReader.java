package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.lng;
import static org.seawallsim.scenario.model.Values.locOf;
import static org.seawallsim.scenario.model.Values.num;
import static org.seawallsim.scenario.model.Values.str;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seawallsim.engine.packet.Ethernet;

/** A VM group's {@code traffic:} items as records, with destinations resolved to VM names. */
final class TrafficReader {
    private final Values values;
    private final VmRefs refs;
    private final Path file;
    private final double durationS;
    private final Scenario.Topology topo;

    /** {@code topo} is null when the topology section failed validation. */
    TrafficReader(Values values, VmRefs refs, Path file, double durationS, Scenario.Topology topo) {
        this.values = values;
        this.refs = refs;
        this.file = file;
        this.durationS = durationS;
        this.topo = topo;
    }

    List<Scenario.Traffic> read(V g, String gPath) {
        List<Scenario.Traffic> out = new ArrayList<>();
        V tl = g.get("traffic");
        if (tl == null || tl.value() == null) {
            return out;
        }
        List<V> items = tl.list();
        for (int i = 0; i < items.size(); i++) {
            V t = items.get(i);
            if (t.value() == null) {
                continue;
            }
            String p = gPath + ".traffic[" + i + "]";
            String type = str(t, "type");
            List<String> to = refs.resolve(t, "to", p);
            double start = num(t, "startS", 0);
            Double stop = t.has("stopS") ? num(t, "stopS", durationS) : null;
            if (stop != null && stop <= start) {
                values.error(locOf(t, "stopS"), p + ".stopS", "stopS (" + stop + ") must be after startS (" + start
                        + ")");
            }
            if (start >= durationS) {
                values.error(locOf(t, "startS"), p + ".startS", "startS (" + start + ") is not before the end of the "
                        + "run (" + durationS + " s)");
            }
            double rateMbps = num(t, "rateMbps", 0);
            if (rateMbps > 0 && Math.round(rateMbps * 1e6) < 1) {
                // Rounded to whole bit/s this would be 0, which means "the NIC rate": the opposite of what was asked.
                values.error(locOf(t, "rateMbps"), p + ".rateMbps", "rateMbps " + rateMbps + " is below 1 bit/s; "
                        + "use 0 for the NIC rate or at least 1e-6");
            }
            if (t.has("packetBytes")) {
                frameFitsBuffers(t, p + ".packetBytes", lng(t, "packetBytes", 1500));
            }
            Scenario.SizeDist size = null;
            if ("flows".equals(type)) {
                size = size(t.get("size"), p + ".size");
            }
            String variant = str(t, "variant") == null ? "newreno" : str(t, "variant");
            boolean ecn = t.has("ecn") && t.bool("ecn");
            if (variant.equals("dctcp") && Values.given(t, "ecn") && !ecn) {
                // DCTCP always uses ECN (describe says so): 'ecn: false' beside it was accepted and ignored.
                values.error(locOf(t, "ecn"), p + ".ecn", "variant: dctcp always uses ECN, so ecn: false contradicts "
                        + "it: remove ecn, or use variant newreno or cubic for a flow without ECN");
            }
            if ((variant.equals("dctcp") || ecn) && topo != null && topo.ecnThresholdBytes() == 0) {
                // Without marking switches DCTCP never sees a mark and runs as NewReno, and an ECN-capable flow as
                // a plain one: the results would carry a label they did not earn.
                String key = variant.equals("dctcp") ? "variant" : "ecn";
                values.error(locOf(t, key), p + "." + key, (key.equals("ecn") ? "ecn: true" : "variant: dctcp")
                        + " needs switches that mark ECN: set topology.ecnThresholdBytes (the library uses 60000 "
                        + "with 131072-byte port buffers); without it no packet is marked and the flow behaves as "
                        + "plain NewReno or CUBIC");
            }
            out.add(new Scenario.Traffic(type, List.copyOf(to), start, stop, variant, (int) lng(t, "flows", 1),
                    num(t, "rateMbps", 0), (int) lng(t, "packetBytes", 1500), num(t, "onS", 0.5),
                    num(t, "offS", 0.5), t.has("exponential") && t.bool("exponential"),
                    num(t, "arrivalsPerS", 100), size, lng(t, "sizeBytes", 0), (int) lng(t, "rounds", 10),
                    "poisson".equals(str(t, "pattern")), !t.has("sack") || t.bool("sack"), ecn));
        }
        return List.copyOf(out);
    }

    /**
     * A datagram travels as one frame, and a NIC or switch queue that cannot hold the frame drops every one: the VM
     * would send with no goodput. Buffers below a 1500-byte frame are reported by the topology check instead.
     */
    private void frameFitsBuffers(V t, String path, long packetBytes) {
        if (topo == null || Math.min(topo.bufferBytes(), topo.nicBufferBytes()) < TopologyReader.FULL_FRAME_BYTES) {
            return;
        }
        long frame = Ethernet.wireBytes((int) packetBytes);
        List<String> small = new ArrayList<>();
        if (topo.nicBufferBytes() < frame) {
            small.add("topology.nicBufferBytes (" + topo.nicBufferBytes() + ")");
        }
        if (topo.bufferBytes() < frame) {
            small.add("topology.bufferBytes (" + topo.bufferBytes() + ")");
        }
        if (!small.isEmpty()) {
            long fits = Math.min(topo.bufferBytes(), topo.nicBufferBytes()) - TopologyReader.FRAMING_BYTES;
            values.error(locOf(t, "packetBytes"), path, "a " + packetBytes + "-byte datagram is a " + frame
                    + "-byte frame, larger than " + String.join(" and ", small) + ", which would drop every one: "
                    + "use packetBytes <= " + fits + " or buffers of at least " + frame + " bytes");
        }
    }

    private Scenario.SizeDist size(V s, String path) {
        if (s == null || s.value() == null) {
            return new Scenario.SizeDist("exponential", 100_000, 1.5, 1.0, null, null);
        }
        String dist = str(s, "distribution") == null ? "exponential" : str(s, "distribution");
        if (!"pareto".equals(dist)) {
            values.notApplicable(s, path, "distribution 'pareto'", "shape");
        }
        if (!"lognormal".equals(dist)) {
            values.notApplicable(s, path, "distribution 'lognormal'", "sigma");
        }
        if (!"cdf".equals(dist)) {
            values.notApplicable(s, path, "distribution 'cdf'", "cdfFile");
        } else {
            // A cdf's mean is its file's: meanBytes beside it was accepted and ignored.
            values.notApplicable(s, path, "distributions other than 'cdf' (a cdf's sizes, and so its mean, "
                    + "come from its cdfFile)", "meanBytes");
        }
        double mean = num(s, "meanBytes", 100_000);
        double shape = num(s, "shape", 1.5);
        Path cdfFile = null;
        double[][] cdf = null;
        if ("cdf".equals(dist)) {
            String f = str(s, "cdfFile");
            if (f == null) {
                values.error(s.loc(), path + ".cdfFile", "distribution 'cdf' needs cdfFile (a file of 'sizeBytes "
                        + "probability' lines)");
            } else {
                Path base = file.toAbsolutePath().getParent();
                cdfFile = base == null ? Path.of(f) : base.resolve(f).normalize();
                cdf = CdfFile.read(values, cdfFile, locOf(s, "cdfFile"), path + ".cdfFile");
                if (cdf != null) {
                    mean = CdfFile.mean(cdf);
                }
            }
        }
        return new Scenario.SizeDist(dist, mean, shape, num(s, "sigma", 1), cdfFile, cdf);
    }
}
