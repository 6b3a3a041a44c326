package org.seawallsim.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.run.ResultsWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code seawall-sim} command line. Exit codes: 0 success, 2 bad input (a message, never a stack trace),
 * 1 internal error, 3 a result outside what is expected (run and compare: a failed expectation; regress: a
 * regression), 4 the file system refused (disk full, read-only; a message, no stack trace).
 */
@Command(name = "seawall-sim", mixinStandardHelpOptions = true, versionProvider = SeawallSim.Version.class,
        description = "Packet-level simulator of datacenter networks: Seawall against TCP, in-network rate limiting, "
                + "DRR and QCN.",
        subcommands = {RunCommand.class, CompareCommand.class, SweepCommand.class, ValidateCommand.class,
                DescribeCommand.class, PlotCommand.class, BenchCommand.class,
                RegressCommand.class})
public final class SeawallSim implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_EXPECTATION_FAILED = 3;
    /** The file system refused a read or write (disk full, read-only, permissions). */
    public static final int EXIT_FILE_SYSTEM = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting (tests call this), in {@link Locale#ROOT}: chart tick labels and other
     * numbers the libraries format with the default locale came out as "0,04" under a German JVM, while the result
     * formats promise Locale.ROOT. The caller's default locale is restored afterwards.
     */
    public static int run(String... args) {
        Locale was = Locale.getDefault();
        Locale wasFormat = Locale.getDefault(Locale.Category.FORMAT);
        Locale wasDisplay = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(Locale.ROOT);
        try {
            return runInRoot(args);
        } finally {
            Locale.setDefault(was);
            Locale.setDefault(Locale.Category.FORMAT, wasFormat);
            Locale.setDefault(Locale.Category.DISPLAY, wasDisplay);
        }
    }

    private static int runInRoot(String... args) {
        CommandLine cl = new CommandLine(new SeawallSim());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
                return EXIT_BAD_INPUT;
            }
            java.io.IOException io = ioCause(ex);
            if (io != null) {
                // The file system refused (disk full, read-only, permissions): the user's to fix, not a bug, so a
                // message without a stack trace. What was finished is already in place (results are renamed into
                // place whole), and a sweep resumes from it.
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + fileMessage(ex, io)));
                return EXIT_FILE_SYSTEM;
            }
            cmd.getErr().println("internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_INTERNAL;
        });
        cl.setExitCodeExceptionMapper(ex -> EXIT_BAD_INPUT);
        return cl.execute(args);
    }

    /** The first I/O failure in {@code ex}'s chain of causes, or null. */
    static java.io.IOException ioCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException io) {
                return io;
            }
        }
        return null;
    }

    /**
     * The failure as one line naming the file: a writer's own wrapper says which file it was writing ("cannot write
     * X: No space left on device"); a bare stream error ("No space left on device") does not, so it is preferred.
     */
    static String fileMessage(Throwable ex, java.io.IOException io) {
        for (Throwable t = ex; t != null && t != io; t = t.getCause()) {
            if (t instanceof java.io.UncheckedIOException && t.getMessage() != null
                    && !t.getMessage().equals(String.valueOf(t.getCause()))) {
                return t.getMessage();
            }
        }
        return "cannot write or read a file: " + describe(io);
    }

    /** An I/O failure as one line: the file and the system's reason ("No space left on device"). */
    private static String describe(java.io.IOException io) {
        if (io instanceof java.nio.file.FileSystemException fs) {
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + (fs.getReason() == null ? fs.getClass()
                    .getSimpleName() : fs.getReason());
        }
        return io.getMessage() == null ? io.toString() : io.getMessage();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return EXIT_OK;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seawall-sim " + ResultsWriter.version(), "Java " + System.getProperty("java.version")};
        }
    }
}
