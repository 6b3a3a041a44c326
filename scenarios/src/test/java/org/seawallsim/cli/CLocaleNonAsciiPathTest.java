package org.seawallsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C/POSIX locale (the default of many containers, cron jobs and CI) with a working folder and paths whose names
 * are not ASCII. Java decodes names with the locale's character set, ASCII there: from a folder "ñx", {@code run}
 * wrote its results into a new folder "??x", {@code validate base.yaml} said "no such file", and a non-ASCII argument
 * was refused with Java's InvalidPathException text. The real launcher script runs here in its own process (on this
 * build's classes, through a jar that only names them), and the JVM directly for a system without a UTF-8 locale.
 *
 * <p>Everything non-ASCII is made and checked by bash from printf escapes: the test JVM itself may run under the C
 * locale, and then could not name those files.
 */
class CLocaleNonAsciiPathTest {
    /** "ñx" and "oü" as printf escapes of their UTF-8 bytes. */
    private static final String N_X = "$(printf '\\303\\261x')";
    private static final String O_U = "$(printf 'o\\303\\274')";

    @TempDir
    Path tmp;

    /** A copy of ./seawall-sim whose jar is a manifest naming this build's classes; nothing to build. */
    private Path launcherRoot() throws Exception {
        Path root = tmp.resolve("root");
        Path launcher = Path.of("..", "seawall-sim").toAbsolutePath().normalize();
        assertThat(launcher).exists();
        Files.createDirectories(root.resolve("scenarios/target"));
        Files.createDirectories(root.resolve("sweep-spark/target"));
        Files.copy(launcher, root.resolve("seawall-sim"));
        root.resolve("seawall-sim").toFile().setExecutable(true);
        Files.writeString(root.resolve("sweep-spark/target/sweep-spark.jar"), "");
        Files.writeString(root.resolve("sweep-spark/target/spark.classpath"), "");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SeawallSim.class.getName());
        List<String> urls = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(Path.of(e).toAbsolutePath().toUri().toString());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(root.resolve("scenarios/target/seawall-sim.jar"));
                JarOutputStream jar = new JarOutputStream(out, m)) {
            // The manifest is the whole jar.
        }
        return root;
    }

    private record Result(int exit, String out) {
    }

    /** Runs a bash script (ASCII text) in tmp with the given environment additions; stdout and stderr together. */
    private Result bash(String script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static final Map<String, String> C_LOCALE = Map.of("LC_ALL", "C", "LANG", "C", "SEAWALL_SIM_CDS", "0",
            "SEAWALL_SIM_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC");

    private static String scenario() {
        return "name: base\n"
                + "topology: {builder: dumbbell, hosts: 2, rateGbps: 1, delayUs: 5, bufferBytes: 131072}\n"
                + "tenants:\n"
                + "  attacker: {vms: {a: {host: h0, traffic: [{type: udp, to: ar, rateMbps: 2000}]}, ar: {host: h2}}}\n"
                + "  victim: {vms: {v: {host: h1, traffic: [{type: bulk, to: vr, flows: 1}]}, vr: {host: h3}}}\n"
                + "scheme: seawall\ndurationS: 0.04\nwarmupS: 0.02\nsampleIntervalS: 0.01\nseed: 1\n";
    }

    @Test
    void theLauncherRunsValidatesAndPlotsInANonAsciiFolderUnderTheCLocale() throws Exception {
        assumeThat(bash("locale -a 2>/dev/null | grep -iE '\\.utf-?8$' | head -n 1", Map.of()).out().trim())
                .as("the system has a UTF-8 locale for the launcher to use").isNotEmpty();
        Path root = launcherRoot();
        Files.writeString(tmp.resolve("base.yaml"), scenario());
        String s = "set -u; S=" + root.resolve("seawall-sim") + "; d=\"$PWD/" + N_X + "\"; mkdir -p \"$d\"; "
                + "cp base.yaml \"$d/\"; cd \"$d\"; "
                + "$S validate base.yaml; echo \"validate=$?\"; "
                + "$S validate ./base.yaml; echo \"validate2=$?\"; "
                + "$S run base.yaml --out rel_out --quiet --no-expect; echo \"run=$?\"; "
                + "test -f rel_out/summary.json && echo run-here; test -f rel_out/report.html && echo report-here; "
                + "$S run base.yaml --out \"" + O_U + "\" --quiet --no-plots --no-expect; echo \"run2=$?\"; "
                + "test -f \"" + O_U + "/summary.json\" && echo run2-here; "
                + "$S plot \"" + O_U + "\" > /dev/null; echo \"plot=$?\"; "
                + "test -f \"" + O_U + "/report.html\" && echo plot-here; "
                // Nothing written beside the real folder under a mis-decoded name ("??x").
                + "cd ..; ls | grep -F '?' || echo no-question-marks";
        Result r = bash(s, C_LOCALE);
        assertThat(r.out()).as(r.out()).contains("validate=0", "validate2=0", "run=0", "run-here", "report-here",
                "run2=0", "run2-here", "plot=0", "plot-here", "no-question-marks");
    }

    /** Java started directly (or no UTF-8 locale on the system): one line naming what and the locale, exit 2. */
    @Test
    void withoutAUtf8LocaleTheCliRefusesNamesItCannotReadWithOneLine() throws Exception {
        Files.writeString(tmp.resolve("base.yaml"), scenario());
        String java = Path.of(System.getProperty("java.home"), "bin", "java") + " -Xmx256m -cp "
                + System.getProperty("java.class.path") + " " + SeawallSim.class.getName();
        String s = "d=\"$PWD/" + N_X + "\"; mkdir -p \"$d\"; cp base.yaml \"$d/\"; cd \"$d\"; "
                + java + " validate base.yaml; echo \"validate=$?\"; "
                + java + " run base.yaml --out rel_out --quiet --no-plots; echo \"run=$?\"; "
                + "cd ..; " + java + " validate \"" + N_X + "/base.yaml\"; echo \"validate2=$?\"; "
                + java + " plot \"" + O_U + "\"; echo \"plot=$?\"; "
                + "ls | grep -F '?' || echo no-question-marks";
        Result r = bash(s, Map.of("LC_ALL", "C", "LANG", "C"));
        String folder = "error: the name of the working folder (read as '" + tmp + "/??x') cannot be represented in "
                + "the character set of this locale (ANSI_X3.4-1968, LC_ALL=C): run with a UTF-8 locale, e.g. "
                + "LC_ALL=C.UTF-8";
        assertThat(r.out()).as(r.out()).contains(folder, "validate=2", "run=2", "validate2=2", "plot=2",
                "error: the argument '", "no-question-marks")
                .doesNotContain("InvalidPathException", "java.nio", "Usage:", "no such file");
        assertThat(r.out().lines().filter(l -> l.startsWith("error: ")).count()).isEqualTo(4);
        assertThat(r.out().lines().count()).as(r.out()).isEqualTo(9);
    }
}
