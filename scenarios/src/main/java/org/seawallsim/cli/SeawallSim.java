package org.seawallsim.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.seawallsim.scenario.run.ResultsWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code seawall-sim} command line. Exit codes: 0 success, 2 bad input (a message, never a stack trace; also
 * a run that ran out of heap, as one refused up front for its estimated heap),
 * 1 internal error, 3 a result outside what is expected (run and compare: a failed expectation; regress: a
 * regression), 4 the file system refused (disk full, read-only; a message, no stack trace), 130 (or 128 + the
 * signal) interrupted.
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
    /** 128 + SIGINT, the shell's status for Ctrl-C (what the JVM exits with after the signal in any case). */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Set by a command whose interruption fails a call it waits in (a Spark job): a shutdown hook then gives it up to
     * 3 s to report the interruption, which otherwise raced the JVM's halt and was lost half the time.
     */
    static volatile boolean reportsInterruption;
    private static final java.util.concurrent.CountDownLatch COMMAND_ENDED = new java.util.concurrent.CountDownLatch(1);

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (reportsInterruption) {
                try {
                    COMMAND_ENDED.await(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "seawall-sim-interrupted"));
        int code;
        try {
            code = run(args);
        } finally {
            COMMAND_ENDED.countDown();
        }
        System.exit(code);
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
        String unreadable = unreadableName(args);
        if (unreadable != null) {
            cl.getErr().println(cl.getColorScheme().errorText("error: " + unreadable));
            cl.getErr().flush();
            return EXIT_BAD_INPUT;
        }
        // A path the locale's character set cannot encode (InvalidPathException): one line naming it and the
        // locale, not picocli's "cannot convert ... to interface java.nio.file.Path" with Java's text and the usage.
        cl.registerConverter(java.nio.file.Path.class, s -> {
            try {
                return java.nio.file.Path.of(s);
            } catch (java.nio.file.InvalidPathException e) {
                throw new CommandLine.TypeConversionException(notInLocale("the path '" + s + "'"));
            }
        });
        // Whole numbers in scientific notation as well (--max-events 2e5: the README writes its default as 2e9), for
        // every integer option of every command; picocli's own converters refused "'2e5' is not a long".
        cl.registerConverter(Long.class, s -> wholeNumber(s, Long.MIN_VALUE, Long.MAX_VALUE));
        cl.registerConverter(long.class, s -> wholeNumber(s, Long.MIN_VALUE, Long.MAX_VALUE));
        cl.registerConverter(Integer.class, s -> (int) wholeNumber(s, Integer.MIN_VALUE, Integer.MAX_VALUE));
        cl.registerConverter(int.class, s -> (int) wholeNumber(s, Integer.MIN_VALUE, Integer.MAX_VALUE));
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args2) -> {
            // A value of the wrong form (a number, a path): one line naming the option and what it takes. The whole
            // usage text after it buried the line, and says nothing about the value.
            if (ex.getCause() instanceof CommandLine.TypeConversionException) {
                CommandLine cmd = ex.getCommandLine();
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage() + " (see '"
                        + cmd.getCommandSpec().qualifiedName() + " --help')"));
                cmd.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            return usage.handleParseException(ex, args2);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            OutOfMemoryError oom = oomCause(ex);
            if (oom != null) {
                // A run in a pool thread (sweep, compare) arrives wrapped; the run's objects are garbage by now.
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + outOfMemory(oom)));
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof java.nio.file.InvalidPathException ip) {
                cmd.getErr().println(cmd.getColorScheme().errorText("error: " + notInLocale("the path '"
                        + ip.getInput() + "'")));
                return EXIT_BAD_INPUT;
            }
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
            if (shuttingDown()) {
                // Ctrl-C or a kill while Spark ran a sweep: Spark's own shutdown hook stops its context, and the
                // waiting job fails ("cancelled because SparkContext was shut down"). An interruption, not a bug;
                // the JVM's exit status is the signal's (130 for Ctrl-C) whatever is returned here.
                cmd.getErr().println("interrupted: finished runs are kept; the same command resumes the rest");
                cmd.getErr().flush();
                return EXIT_INTERRUPTED;
            }
            cmd.getErr().println("internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_INTERNAL;
        });
        cl.setExitCodeExceptionMapper(ex -> EXIT_BAD_INPUT);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through: a run too large for the heap ended in a JVM stack trace after minutes.
            // Unwound to here, the run's objects are unreachable, so there is room to say so.
            cl.getErr().println("error: " + outOfMemory(e));
            cl.getErr().flush();
            return EXIT_BAD_INPUT;
        }
    }

    /**
     * An integer option's value: decimal digits, or any decimal or scientific form of a whole number (2e5, 2.5e3,
     * 1000.0), within [min, max]; a fraction or a value out of range is refused with what is allowed.
     */
    static long wholeNumber(String s, long min, long max) {
        java.math.BigDecimal d;
        try {
            d = new java.math.BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number (write it in digits, "
                    + "or as 2e5)");
        }
        // Judged on the stripped form before any BigInteger is made: 1e999999999 would be a billion digits.
        d = d.stripTrailingZeros();
        if (d.scale() > 0) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number (it has a fraction)");
        }
        java.math.BigInteger whole = d.precision() - d.scale() > 19 ? java.math.BigInteger.TEN.pow(19)
                .multiply(java.math.BigInteger.valueOf(d.signum())) : d.toBigIntegerExact();
        if (whole.compareTo(java.math.BigInteger.valueOf(min)) < 0
                || whole.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new CommandLine.TypeConversionException("'" + s + "' is out of range: at most " + max
                    + (min < 0 ? " and at least " + min : ""));
        }
        return whole.longValueExact();
    }

    /** The commands that read or write files named on the command line or relative to the working folder. */
    private static final java.util.Set<String> FILE_COMMANDS = java.util.Set.of("run", "compare", "sweep", "validate",
            "plot", "regress");

    /**
     * Why a name on this command line cannot be read in the locale's character set, or null. Java decodes arguments
     * and the working folder's name with it (sun.jnu.encoding; ASCII under the C/POSIX locale): an argument's
     * other bytes become U+FFFD, and the working folder "ñx" became "??x", so relative paths were resolved in a
     * folder of that name (results written into a new one, reads "no such file"). ./seawall-sim runs Java under a
     * UTF-8 locale when the system has one; this is for a system without, or Java started directly.
     */
    static String unreadableName(String... args) {
        if (java.nio.charset.StandardCharsets.UTF_8.name().equalsIgnoreCase(jnuEncoding())) {
            return null;
        }
        for (String a : args) {
            if (a.indexOf('\uFFFD') >= 0) {
                return notInLocale("the argument '" + a + "'");
            }
        }
        if (args.length > 0 && FILE_COMMANDS.contains(args[0])) {
            java.nio.file.Path seen = java.nio.file.Path.of("").toAbsolutePath();
            boolean same;
            try {
                // The OS resolves "." in the real working folder; toAbsolutePath() uses Java's decoded name.
                same = java.nio.file.Files.isSameFile(seen, java.nio.file.Path.of("."));
            } catch (java.io.IOException e) {
                same = false;
            }
            if (!same) {
                return notInLocale("the name of the working folder (read as '" + seen + "')");
            }
        }
        return null;
    }

    private static String jnuEncoding() {
        return System.getProperty("sun.jnu.encoding", java.nio.charset.Charset.defaultCharset().name());
    }

    /** What cannot be read, the locale at fault and the fix, as one line. */
    static String notInLocale(String what) {
        String locale = null;
        for (String v : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = System.getenv(v);
            if (value != null && !value.isEmpty()) {
                locale = v + "=" + value;
                break;
            }
        }
        return what + " cannot be represented in the character set of this locale (" + jnuEncoding() + ", "
                + (locale == null ? "no LC_ALL, LC_CTYPE or LANG set: the C/POSIX locale" : locale) + "): run with "
                + "a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (./seawall-sim switches to one itself when the system has "
                + "one; 'locale -a' lists them)";
    }

    /** The first OutOfMemoryError in {@code ex}'s chain of causes, or null. */
    static OutOfMemoryError oomCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /** An OutOfMemoryError as one line: what ran out, the heap this JVM had, and how to get more. */
    static String outOfMemory(OutOfMemoryError e) {
        return String.format(Locale.ROOT, "out of memory (%s) with the %.0f MB of heap this JVM may use: the "
                + "scenario is too large for it. Raise the heap with SEAWALL_SIM_JAVA_OPTS=-Xmx... (the default "
                + "is -Xmx8g), or make the scenario smaller; 'validate --explain' prints its estimate", e.getMessage() == null ? "Java heap" : e.getMessage(),
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** Whether the JVM has begun to shut down (a signal, or System.exit elsewhere): no hook can be added then. */
    static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
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
