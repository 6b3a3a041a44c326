package org.seawallsim.cli;

import picocli.CommandLine.Command;

/** Performance benchmarks of the simulator itself; each case prints one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: engine (event loop), fabric (k=8 fat-tree UDP), dumbbell (TCP flows).",
        subcommands = {BenchEngineCommand.class, BenchFabricCommand.class, DumbbellBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new BadInputException("bench needs a case: engine, fabric or dumbbell (see 'seawall-sim bench --help')");
    }
}
