package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.seawallsim.scenario.model.Scenario;

/**
 * The scenario's intended state as a pure function of time: which VMs have joined, whose traffic is enabled and the
 * weights. The runner drives sources from it and the oracle computes ideal shares from it, so both always agree.
 */
final class Timeline {
    private final Scenario sc;

    Timeline(Scenario sc) {
        this.sc = sc;
    }

    record State(boolean[] joined, boolean[] enabled, double[] weight, double durationS) {
        boolean running(Scenario.Vm vm, int item, double t) {
            Scenario.Traffic tr = vm.traffic().get(item);
            double stop = tr.stopS() == null ? Double.POSITIVE_INFINITY : tr.stopS();
            return joined[vm.id()] && enabled[vm.id()] && t >= tr.startS() && t < stop;
        }
    }

    /** State after every event at or before {@code t}. */
    State stateAt(double t) {
        return state(t, true);
    }

    private State state(double t, boolean inclusive) {
        int n = sc.vms().size();
        boolean[] joined = new boolean[n];
        boolean[] enabled = new boolean[n];
        double[] weight = new double[n];
        for (Scenario.Vm vm : sc.vms()) {
            joined[vm.id()] = vm.active();
            enabled[vm.id()] = true;
            weight[vm.id()] = vm.weight();
        }
        for (Scenario.Event e : sc.timeline()) {
            if (inclusive ? e.atS() > t : e.atS() >= t) {
                break;
            }
            for (String name : e.vms()) {
                int id = sc.vm(name).id();
                switch (e.action()) {
                    case "start" -> enabled[id] = true;
                    case "stop" -> enabled[id] = false;
                    case "join" -> joined[id] = true;
                    case "leave" -> joined[id] = false;
                    case "setWeight" -> weight[id] = e.weight();
                    default -> {
                    }
                }
            }
        }
        return new State(joined, enabled, weight, sc.durationS());
    }

    /** The state just before {@code t} (events at {@code t} not yet applied). */
    State stateBefore(double t) {
        return state(t, false);
    }

    boolean joinedBefore(int vm, double t) {
        return state(t, false).joined()[vm];
    }

    double weightBefore(int vm, double t) {
        return state(t, false).weight()[vm];
    }

    List<Scenario.Event> compromisedAt(double t) {
        List<Scenario.Event> out = new ArrayList<>();
        for (Scenario.Event e : sc.timeline()) {
            if (e.atS() == t && "compromise".equals(e.action())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Each VM's weight averaged over [fromS, toS] while it is joined (its weight at toS if it never is): the weight
     * its measured goodput was earned under, when a timeline changes weights or membership.
     */
    double[] meanWeights(double fromS, double toS) {
        int n = sc.vms().size();
        double[] weighted = new double[n];
        double[] joinedS = new double[n];
        // A weight that never changes is itself: the time-weighted sum over several segments made 3 into
        // 2.9999999999999996 in summary.json.
        double[] only = new double[n];
        java.util.Arrays.fill(only, Double.NaN);
        boolean[] varies = new boolean[n];
        List<Double> cuts = new ArrayList<>();
        cuts.add(fromS);
        for (double c : changeTimes()) {
            if (c > fromS && c < toS) {
                cuts.add(c);
            }
        }
        cuts.add(toS);
        for (int i = 0; i + 1 < cuts.size(); i++) {
            double len = cuts.get(i + 1) - cuts.get(i);
            State s = stateAt(cuts.get(i));
            for (int v = 0; v < n; v++) {
                if (s.joined()[v]) {
                    weighted[v] += s.weight()[v] * len;
                    joinedS[v] += len;
                    varies[v] |= !Double.isNaN(only[v]) && only[v] != s.weight()[v];
                    only[v] = s.weight()[v];
                }
            }
        }
        double[] mean = new double[n];
        State end = stateAt(toS);
        for (int v = 0; v < n; v++) {
            mean[v] = joinedS[v] > 0 ? (varies[v] ? weighted[v] / joinedS[v] : only[v]) : end.weight()[v];
        }
        return mean;
    }

    /** Every time at which some source may start or stop, or an event happens (within the run). */
    List<Double> changeTimes() {
        TreeSet<Double> times = new TreeSet<>();
        times.add(0.0);
        for (Scenario.Vm vm : sc.vms()) {
            for (Scenario.Traffic tr : vm.traffic()) {
                times.add(tr.startS());
                if (tr.stopS() != null) {
                    times.add(tr.stopS());
                }
            }
        }
        for (Scenario.Event e : sc.timeline()) {
            times.add(e.atS());
        }
        times.removeIf(x -> x >= sc.durationS());
        return new ArrayList<>(times);
    }
}
