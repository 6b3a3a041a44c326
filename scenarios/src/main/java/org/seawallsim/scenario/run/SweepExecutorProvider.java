package org.seawallsim.scenario.run;

/**
 * Makes a {@link SweepExecutor} from a command-line value (for example a Spark master). Found with
 * {@link java.util.ServiceLoader}, so the command line reaches a module such as sweep-spark only when it is on the
 * class path, and a plain run never loads it.
 */
public interface SweepExecutorProvider {
    /** The engine's name, "spark". */
    String name();

    /** An executor for {@code spec}; throws IllegalArgumentException, with a message for the user, on a bad one. */
    SweepExecutor create(String spec);
}
