package org.seawallsim.scenario.model;

import static org.seawallsim.scenario.model.Values.locOf;

import java.util.List;
import org.seawallsim.scenario.yaml.Loc;

/** Checks that relate keys of different sections: the measured window, and where each VM's traffic goes. */
final class CrossChecks {
    private CrossChecks() {
    }

    /** The warm-up ends before the run does, and at least one sample fits in the measured interval. */
    static void runWindow(Values values, V root, double duration, double warmup, double sample) {
        if (warmup >= duration) {
            values.error(locOf(root, "warmupS"), "warmupS", "warm-up (" + warmup + " s) must be shorter than "
                    + "durationS (" + duration + " s)");
        }
        if (sample > duration - warmup && warmup < duration) {
            values.error(locOf(root, "sampleIntervalS"), "sampleIntervalS", "the sampling interval (" + sample
                    + " s) must not exceed the measured interval durationS - warmupS (" + (duration - warmup) + " s)");
        }
    }

    /** Traffic crosses the network: never to the sender itself or a VM on its host; incast has one destination. */
    static void destinations(Values values, V root, List<Scenario.Vm> vms) {
        for (Scenario.Vm vm : vms) {
            for (Scenario.Traffic tr : vm.traffic()) {
                for (String d : tr.to()) {
                    Scenario.Vm dv = null;
                    for (Scenario.Vm x : vms) {
                        if (x.name().equals(d)) {
                            dv = x;
                        }
                    }
                    if (dv != null && !d.equals(vm.name()) && dv.host().equals(vm.host())
                            && !"?".equals(vm.host())) {
                        values.error(locOfTraffic(root, vm), trafficPath(vm), "VM '" + vm.name() + "' sends to '" + d
                                + "' on the same host " + vm.host()
                                + "; traffic between VMs of one host does not cross the network");
                    }
                }
                if (tr.to().contains(vm.name())) {
                    values.error(locOfTraffic(root, vm), trafficPath(vm), "VM '" + vm.name() + "' sends to itself");
                }
                if ("incast".equals(tr.type()) && tr.to().size() != 1) {
                    values.error(locOfTraffic(root, vm), trafficPath(vm),
                            "incast needs exactly one destination VM, got " + tr.to().size());
                }
            }
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
