package org.seawallsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seawallsim.plots.Format;
import org.seawallsim.plots.PlotOptions;
import org.seawallsim.plots.Reports;
import org.seawallsim.plots.ResultFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Regenerates charts and report.html of a run, comparison or sweep folder from its result files alone. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw the charts and report.html of a results folder (run, comparison or sweep) from its "
                + "files alone.")
public final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "Folder written by run, compare or sweep.")
    Path dir;

    @Option(names = "--format", paramLabel = "png|svg", defaultValue = "png",
            description = "Chart file format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "" + PlotOptions.DEFAULT_WIDTH_PX,
            description = "Chart width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "" + PlotOptions.DEFAULT_HEIGHT_PX,
            description = "Chart height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlotOptions opts;
        try {
            opts = new PlotOptions(Format.parse(format), width, height);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        dir = CliSupport.followLink(dir, "RESULTS_DIR");
        List<Path> written;
        // Charts drawn while a sweep or run still writes the folder would mix its old and new files. (No folder: no
        // lock, and Reports names the problem.)
        try (FolderLock lock = java.nio.file.Files.isDirectory(dir) ? FolderLock.acquire(dir, "RESULTS_DIR") : null) {
            java.io.PrintWriter err = spec.commandLine().getErr();
            written = Reports.forAny(dir, opts, w -> err.println("warning: " + w));
            err.flush();
        } catch (ResultFileException e) {
            throw new BadInputException(e.getMessage());
        }
        for (Path p : written) {
            spec.commandLine().getOut().println(p);
        }
        return SeawallSim.EXIT_OK;
    }
}
