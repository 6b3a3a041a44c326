package org.seawallsim.scenario.run;

import java.util.ArrayList;
import java.util.List;

/** The sampled time series of one run, in memory until the results are written. */
final class SeriesData {
    final List<Double> times = new ArrayList<>();
    final List<double[]> vmGoodput = new ArrayList<>();
    final List<double[]> vmIdeal = new ArrayList<>();
    final List<double[]> linkUtil = new ArrayList<>();
    final List<long[]> queueBytes = new ArrayList<>();

    void add(double t, double[] good, double[] ideal, double[] util, long[] q) {
        times.add(t);
        vmGoodput.add(good);
        vmIdeal.add(ideal);
        linkUtil.add(util);
        queueBytes.add(q);
    }
}
