package org.seawallsim.scenario.trace;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real Wireshark reader, tshark. CI installs it (.ci/run) and sets CI=true: there a missing tshark fails
 * the test; on a developer machine without it the test is skipped with a message.
 */
public final class Tshark {
    private Tshark() {
    }

    public static void require() {
        if (available()) {
            return;
        }
        String msg = "tshark is not installed (apt-get install -y tshark); the pcap traces cannot be checked";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg + " and CI=true requires it");
        }
        Assumptions.assumeTrue(false, msg);
    }

    private static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * One pass over {@code file} with every checksum verified, printing {@code fields} per frame (tab separated,
     * presence fields print 1 when present, empty otherwise).
     */
    public static List<String[]> fields(Path file, String filter, String... fields) throws IOException, InterruptedException {
        return fieldsWithArgs(file, List.of(), filter, fields);
    }

    /** As {@link #fields(Path, String, String...)} with extra arguments ({@code -o name:value}, {@code -X ...}). */
    public static List<String[]> fieldsWithArgs(Path file, List<String> args, String filter, String... fields)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        cmd.addAll(args);
        if (filter != null) {
            cmd.add("-Y");
            cmd.add(filter);
        }
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("tshark failed on " + file + " (exit " + p.exitValue() + ")");
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
