package org.seawallsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A result folder that appears complete or not at all. Everything is written into a hidden sibling
 * ({@code .NAME.partial-PID}), which {@link #commit()} renames onto the folder in one step (an earlier folder of the
 * same name is moved aside first and deleted after). A shutdown hook (Ctrl-C, SIGTERM) waits for a rename in
 * progress, removes the partial folder, and says on stderr which of the two states the folder is in.
 */
final class ResultFolder implements AutoCloseable {
    private final Path dir;
    private final Path staging;
    private final PrintStream err;
    private final Thread hook;
    private boolean committed;

    ResultFolder(Path dir, PrintStream err) {
        this.dir = dir.toAbsolutePath().normalize();
        this.staging = this.dir.resolveSibling("." + this.dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
        this.err = err;
        deleteTree(staging);
        removeAbandoned();
        this.hook = new Thread(this::interrupted, "result-folder-" + this.dir.getFileName());
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create " + staging + ": " + e.getMessage(), e);
        }
    }

    /**
     * A write refused in the staging folder, in the folder's own terms: the message named the hidden staging folder,
     * which is deleted before the user reads it ("cannot write .../.out.partial-29863/summary.json").
     */
    UncheckedIOException inFolderTerms(UncheckedIOException e) {
        String message = e.getMessage();
        if (message == null) {
            return e;
        }
        String told = message.replace(staging.toAbsolutePath().normalize().toString(), dir.toString())
                .replace(staging.toString(), dir.toString());
        if (told.equals(message)) {
            return e;
        }
        return new UncheckedIOException(told + " (" + (Files.exists(dir) ? dir + " still holds the earlier results"
                : "nothing was written; " + dir + " was not created") + ")", e.getCause());
    }

    /** Where the run writes its files until {@link #commit()}. */
    Path staging() {
        return staging;
    }

    /** Puts the staged folder in place of {@code dir}. */
    synchronized void commit() {
        try {
            Path old = null;
            if (Files.exists(dir)) {
                old = dir.resolveSibling("." + dir.getFileName() + ".old-" + ProcessHandle.current().pid());
                deleteTree(old);
                move(dir, old);
            }
            move(staging, dir);
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the results into " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; it reports.
        }
        if (!committed) {
            deleteTree(staging);
        }
    }

    private synchronized void interrupted() {
        if (committed) {
            err.println("seawall-sim: interrupted; the results in " + dir + " are complete");
        } else {
            deleteTree(staging);
            err.println("seawall-sim: interrupted before the run finished; no results written, "
                    + (Files.exists(dir) ? dir + " still holds the earlier results" : dir + " was not created"));
        }
        err.flush();
    }

    /** Partial folders of runs whose process is gone (killed with SIGKILL, or a hook raced a late write). */
    private void removeAbandoned() {
        String prefix = "." + dir.getFileName() + ".partial-";
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix)) {
                    try {
                        long pid = Long.parseLong(name.substring(prefix.length()));
                        if (ProcessHandle.of(pid).isEmpty()) {
                            deleteTree(p);
                        }
                    } catch (NumberFormatException e) {
                        // Not one of ours.
                    }
                }
            }
        } catch (IOException e) {
            // Best effort.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a partial folder left behind is removed by the next run into the same folder.
        }
    }
}
