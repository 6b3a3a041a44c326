package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.locOf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seawallsim.scenario.yaml.Loc;

/** Checks that relate keys of different sections: the measured window, and where each VM's traffic goes. */
final class CrossChecks {
    /** Most flows a scenario may ask for: a TCP flow holds a few kilobytes of state, so 10 million fill 10s of GB. */
    static final long MAX_FLOWS = 10_000_000;
    /** Most samples of the time series in one run: each sample records every VM, link and queue. */
    static final long MAX_SAMPLES = 1_000_000;

    /** Most runs of one sweep. */
    static final long MAX_SWEEP_RUNS = 10_000;

    private CrossChecks() {
    }

    /**
     * ECN-driven Seawall feedback needs switches that mark: without {@code topology.ecnThresholdBytes} no packet is
     * ever marked, and the run would silently be loss-driven Seawall with ECN's constants (a 2-hop parking lot under
     * ecn-bottleneck without it: the long VM at 0.48 of its share, the others at 1.52). A threshold at or above the
     * port buffer, which marks nothing either, is refused for every scenario by TopologyReader.
     */
    static void ecnFeedback(Values values, V root, Scenario.Topology topo) {
        V params = root.get("schemeParams");
        V seawall = params == null || params.value() == null ? null : params.get("seawall");
        V feedback = seawall == null || seawall.value() == null ? null : seawall.get("feedback");
        // Compared as the scheme reads it, whatever the case: 'ECN' ran loss-driven Seawall with ECN's constants.
        String mode = feedback == null || feedback.value() == null ? null
                : feedback.value().toString().toLowerCase(java.util.Locale.ROOT);
        if (topo == null || !("ecn".equals(mode) || "ecn-bottleneck".equals(mode))) {
            return;
        }
        long threshold = topo.ecnThresholdBytes();
        if (threshold == 0) {
            values.error(feedback.loc(), "schemeParams.seawall.feedback", "feedback '" + feedback.value()
                    + "' needs switches that mark ECN: set topology.ecnThresholdBytes (the library uses 60000 with "
                    + "131072-byte port buffers); without it no packet is marked and Seawall hears only of losses (or "
                    + "use feedback: loss)");
        }
    }

    /** Seconds to the clock's picoseconds, as the run converts them (the schema bounds times to 1e6 s). */
    private static long picoseconds(double s) {
        return Math.round(s * 1e12);
    }

    /** The warm-up ends before the run does, and at least one sample fits in the measured interval. */
    static void runWindow(Values values, V root, double duration, double warmup, double sample) {
        if (Values.refused(root, "durationS", "warmupS", "sampleIntervalS")) {
            return; // reported; the defaults standing in would be compared ("shorter than durationS (10.0 s)")
        }
        // A defaulted warm-up has no line of its own: the error pointed at 1:1; the durationS that is too short has.
        boolean warmupGiven = root.get("warmupS") != null && !root.get("warmupS").loc().equals(root.loc());
        if (warmup >= duration) {
            values.error(warmupGiven ? locOf(root, "warmupS") : locOf(root, "durationS"), "warmupS", "warm-up ("
                    + warmup + " s" + (warmupGiven ? "" : ", the default") + ") must be shorter than durationS ("
                    + duration + " s)" + (warmupGiven ? "" : ": give a warmupS below it, or a longer durationS"));
        }
        // Compared in picoseconds, the simulator's clock: in doubles 0.3 - 0.2 is 0.09999999999999998, and a 0.1 s
        // interval that fits the 0.1 s window exactly was refused.
        if (picoseconds(sample) > picoseconds(duration) - picoseconds(warmup) && warmup < duration) {
            // Reported where the window was narrowed when a sweep point or --set did it and the interval is the
            // file's: the file's line, whose own window was wide enough, did not say which point failed.
            Loc at = locOf(root, "sampleIntervalS");
            for (String k : new String[] {"warmupS", "durationS"}) {
                if (!at.commandLine() && locOf(root, k).commandLine()) {
                    at = locOf(root, k);
                }
            }
            values.error(at, "sampleIntervalS", "the sampling interval (" + sample
                    + " s) must not exceed the measured interval durationS - warmupS ("
                    + (picoseconds(duration) - picoseconds(warmup)) / 1e12 + " s)");
        }
        if (duration / sample > MAX_SAMPLES) {
            values.error(locOf(root, "sampleIntervalS"), "sampleIntervalS", "sampling every " + RunEstimate.num(sample)
                    + " s over durationS = " + RunEstimate.num(duration) + " s takes " + RunEstimate.num(duration / sample)
                    + " samples; a run records every VM, link and queue at each sample and allows at most "
                    + MAX_SAMPLES + ": use sampleIntervalS >= " + RunEstimate.num(duration / MAX_SAMPLES));
        }
    }

    /**
     * Traffic crosses the network: never to the sender itself or a VM on its host; incast has one destination.
     * Returns the number of flows the traffic asks for (TCP flows and UDP sources, one per destination), or -1 when
     * that exceeds {@link #MAX_FLOWS} (reported, and the per-destination checks are skipped: they would take as long).
     */
    static long destinations(Values values, V root, List<Scenario.Vm> vms) {
        long flows = 0;
        for (Scenario.Vm vm : vms) {
            for (Scenario.Traffic tr : vm.traffic()) {
                flows += (long) tr.to().size() * ("bulk".equals(tr.type()) ? tr.flows() : 1);
            }
            if (flows > MAX_FLOWS) {
                values.error(locOfTraffic(root, vm), trafficPath(vm), "with this group the scenario asks for more "
                        + "than " + MAX_FLOWS + " flows (VMs x destinations x flows); a run holds state for each flow, "
                        + "and this many do not fit in memory");
                return -1;
            }
        }
        Map<String, Scenario.Vm> byName = new HashMap<>();
        for (Scenario.Vm vm : vms) {
            byName.put(vm.name(), vm);
        }
        for (Scenario.Vm vm : vms) {
            for (Scenario.Traffic tr : vm.traffic()) {
                boolean self = false;
                for (String d : tr.to()) {
                    Scenario.Vm dv = byName.get(d);
                    self |= d.equals(vm.name());
                    if (dv != null && !d.equals(vm.name()) && dv.host().equals(vm.host())
                            && !"?".equals(vm.host())) {
                        values.error(locOfTraffic(root, vm), trafficPath(vm), "VM '" + vm.name() + "' sends to '" + d
                                + "' on the same host " + vm.host()
                                + "; traffic between VMs of one host does not cross the network");
                    }
                }
                if (self) {
                    values.error(locOfTraffic(root, vm), trafficPath(vm), "VM '" + vm.name() + "' sends to itself");
                }
                if ("incast".equals(tr.type()) && tr.to().size() != 1) {
                    values.error(locOfTraffic(root, vm), trafficPath(vm),
                            "incast needs exactly one destination VM, got " + tr.to().size());
                }
            }
        }
        return flows;
    }

    /** A sweep's runs (the product of its axes' lengths times repetitions) stay few enough to list and finish. */
    static void sweepSize(Values values, List<Binder.Axis> axes, int repetitions) {
        double runs = repetitions;
        for (Binder.Axis a : axes) {
            runs *= a.values().size();
        }
        if (runs > MAX_SWEEP_RUNS) {
            Binder.Axis first = axes.get(0);
            values.error(first.loc(), first.path(), "the sweep axes and repetitions make "
                    + RunEstimate.num(runs) + " runs, more than " + MAX_SWEEP_RUNS + ": split the sweep into several "
                    + "files");
        }
    }

    private static String trafficPath(Scenario.Vm vm) {
        return "tenants." + vm.tenant() + ".vms." + vm.group() + ".traffic";
    }

    private static Loc locOfTraffic(V root, Scenario.Vm vm) {
        try {
            return root.get("tenants").get(vm.tenant()).get("vms").get(vm.group()).get("traffic").loc();
        } catch (RuntimeException e) {
            return root.loc();
        }
    }
}
