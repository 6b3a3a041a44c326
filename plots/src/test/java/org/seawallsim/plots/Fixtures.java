package org.seawallsim.plots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Synthetic result folders written exactly as RESULTS-FORMAT.md describes, with values from simple closed forms so
 * tests can recompute what each chart must show.
 */
final class Fixtures {
    static final List<String> VMS = List.of("v2", "a1", "v1");
    static final double T_END = 4.0;
    static final double DT = 0.1;

    private Fixtures() {
    }

    static String header(String scheme) {
        return "# scenario: synthetic\n# scheme: " + scheme + "\n# seed: 7\n# version: 0.1.0\n"
                + "# units: time_s = simulated seconds at the end of the sample interval; goodput_bps = bit/s; "
                + "bytes = bytes\n";
    }

    static String tenantOf(String vm) {
        return vm.startsWith("a") ? "attacker" : "victim";
    }

    /** Goodput of a VM at time t: a ramp plus a per-VM offset, so series differ and vary (bit/s). */
    static double goodput(String vm, double t, double scale) {
        int k = VMS.indexOf(vm);
        return scale * (1e8 * (k + 1) + 2e7 * Math.sin(t * (k + 2)));
    }

    static double ideal(String vm) {
        return vm.startsWith("a") ? 3.3e8 : 3.35e8;
    }

    static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    static int samples() {
        return (int) Math.round(T_END / DT);
    }

    /** A full run folder; scale changes goodputs so different schemes give different bars. */
    static Path run(Path dir, String scheme, double scale, boolean withFct) throws IOException {
        StringBuilder vms = new StringBuilder(header(scheme)).append("time_s,vm,tenant,goodput_bps,ideal_bps\n");
        StringBuilder ten = new StringBuilder(header(scheme)).append("time_s,tenant,goodput_bps\n");
        StringBuilder links = new StringBuilder(header(scheme)).append("time_s,link,utilization\n");
        StringBuilder queues = new StringBuilder(header(scheme)).append("time_s,queue,bytes\n");
        for (int i = 1; i <= samples(); i++) {
            double t = i * DT;
            double att = 0;
            double vic = 0;
            for (String vm : VMS) {
                double g = goodput(vm, t, scale);
                vms.append(fmt("%s,%s,%s,%s,%s\n", num(t), vm, tenantOf(vm), num(g), num(ideal(vm))));
                if (tenantOf(vm).equals("attacker")) {
                    att += g;
                } else {
                    vic += g;
                }
            }
            ten.append(fmt("%s,attacker,%s\n%s,victim,%s\n", num(t), num(att), num(t), num(vic)));
            links.append(fmt("%s,tor0->h9,%s\n%s,agg0->tor0,%s\n", num(t), num(0.9 + 0.1 * Math.sin(t) * 0.5),
                    num(t), num(0.3 + 0.05 * Math.cos(t))));
            queues.append(fmt("%s,tor0->h9,%s\n%s,agg0->tor0,%s\n%s,h1->tor0,%s\n", num(t), num(150000 + 50000
                    * Math.sin(3 * t)), num(t), num(20000 + 10000 * Math.cos(2 * t)), num(t), num(1500.0 * (i % 4))));
        }
        write(dir.resolve("timeseries-vms.csv"), vms.toString());
        write(dir.resolve("timeseries-tenants.csv"), ten.toString());
        write(dir.resolve("timeseries-links.csv"), links.toString());
        write(dir.resolve("timeseries-queues.csv"), queues.toString());
        int flows = 0;
        if (withFct) {
            StringBuilder fct = new StringBuilder(header(scheme)).append("flow,vm,tenant,size_bytes,start_s,fct_s\n");
            for (int i = 0; i < 40; i++) {
                String vm = VMS.get(i % 3);
                fct.append(fmt("f%d,%s,%s,%d,%s,%s\n", i, vm, tenantOf(vm), 100000 * (i + 1), num(0.05 * i),
                        num(0.001 * (1 + (i * 7) % 13) * (tenantOf(vm).equals("attacker") ? 3 : 1))));
                flows++;
            }
            write(dir.resolve("fct.csv"), fct.toString());
        }
        StringBuilder vmJson = new StringBuilder();
        for (String vm : VMS) {
            double mean = 0;
            for (int i = 1; i <= samples(); i++) {
                mean += goodput(vm, i * DT, scale) / samples();
            }
            vmJson.append(vmJson.length() == 0 ? "" : ",\n").append(fmt(
                    "    {\"name\": \"%s\", \"tenant\": \"%s\", \"weight\": 1.0, \"goodput_bps\": %s, \"ideal_bps\": "
                            + "%s}", vm, tenantOf(vm), num(mean), num(ideal(vm))));
        }
        write(dir.resolve("summary.json"), "{\n  \"scenario\": \"synthetic\",\n"
                + "  \"scenario_file\": \"scenarios/library/synthetic.yaml\",\n"
                + "  \"scheme\": \"" + scheme + "\", \"seed\": 7, \"version\": \"0.1.0\",\n"
                + "  \"duration_s\": 4.0, \"warmup_s\": 1.0, \"sample_interval_s\": 0.1,\n"
                + "  \"parameters\": {\"traffic.attacker.flows\": \"8\"},\n"
                + "  \"vms\": [\n" + vmJson + "\n  ],\n"
                + "  \"tenants\": [{\"name\": \"attacker\", \"goodput_bps\": 2.0e8}, {\"name\": \"victim\", "
                + "\"goodput_bps\": 4.1e8}],\n"
                + "  \"links\": [{\"name\": \"tor0->h9\", \"utilization\": 0.93, \"drops\": 1234}],\n"
                + "  \"metrics\": {\"jain_weighted\": 0.97, \"isolation_error\": 0.05, \"utilization\": 0.93, "
                + "\"drops\": 1234},\n"
                + "  \"flows\": {\"count\": " + flows + ", \"fct_p50_s\": " + (withFct ? "0.004" : "null")
                + ", \"fct_p99_s\": " + (withFct ? "0.03" : "null") + "},\n"
                + "  \"engine\": {\"events\": 123456, \"wall_s\": 1.5, \"fingerprint\": \"0123abcd\"}\n}\n");
        return dir;
    }

    static final List<String> SCHEMES = List.of("tcp", "seawall", "drr");

    static Path comparison(Path dir) throws IOException {
        StringBuilder c = new StringBuilder(header("*")).append("scheme,jain_weighted,isolation_error,utilization,"
                + "drops\n");
        for (int i = 0; i < SCHEMES.size(); i++) {
            run(dir.resolve(SCHEMES.get(i)), SCHEMES.get(i), 0.6 + 0.2 * i, false);
            c.append(fmt("%s,%s,%s,%s,%d\n", SCHEMES.get(i), num(0.7 + 0.1 * i), num(0.4 - 0.1 * i),
                    num(0.9 + 0.02 * i), 1000 * (3 - i)));
        }
        write(dir.resolve("comparison.csv"), c.toString());
        return dir;
    }

    static final int[] FLOWS_AXIS = {1, 2, 4, 8, 16};
    static final int REPS = 3;

    /** Victim share of a sweep row: decreasing with attacker flows for tcp, flat for seawall, plus rep noise. */
    static double share(String scheme, int flows, int rep) {
        double base = scheme.equals("tcp") ? 0.5 * 2.0 / (1 + flows) + 0.05 : 0.48;
        return base + 0.01 * (rep - 1);
    }

    static Path sweep(Path dir) throws IOException {
        write(dir.resolve("sweep.json"), "{\"scenario\": \"many-flows\", \"version\": \"0.1.0\", "
                + "\"axes\": [\"traffic.attacker.flows\"], \"schemes\": [\"tcp\", \"seawall\"], \"repetitions\": 3, "
                + "\"metrics\": [\"jain_weighted\", \"tenant:victim:share\", \"vm:v1:goodput_bps\"]}\n");
        StringBuilder c = new StringBuilder(header("*")).append("run,scheme,rep,seed,traffic.attacker.flows,"
                + "jain_weighted,isolation_error,utilization,drops,tenant:victim:share,vm:v1:goodput_bps\n");
        int run = 0;
        for (String scheme : List.of("tcp", "seawall")) {
            for (int f : FLOWS_AXIS) {
                for (int rep = 0; rep < REPS; rep++) {
                    double share = share(scheme, f, rep);
                    c.append(fmt("r%04d,%s,%d,%d,%d,%s,%s,%s,%d,%s,%s\n", run, scheme, rep, 100 + rep, f,
                            num(1 - Math.abs(0.5 - share)), num(Math.abs(0.5 - share)), num(0.95), 10 * f,
                            num(share), num(share * 1e9)));
                    run++;
                }
            }
        }
        write(dir.resolve("sweep.csv"), c.toString());
        return dir;
    }

    static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }

    /** Shortest round-trip form, as a writer using Double.toString would produce. */
    static String num(double d) {
        return Double.toString(d);
    }
}
