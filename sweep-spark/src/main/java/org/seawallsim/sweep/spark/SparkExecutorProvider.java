package org.seawallsim.sweep.spark;

import org.seawallsim.scenario.run.SweepExecutor;
import org.seawallsim.scenario.run.SweepExecutorProvider;

/** Registers the Spark executor for {@code sweep --spark MASTER} ("submit": the master spark-submit was given). */
public final class SparkExecutorProvider implements SweepExecutorProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepExecutor create(String spec) {
        return new SparkSweepExecutor(spec.equals("submit") ? null : spec);
    }
}
