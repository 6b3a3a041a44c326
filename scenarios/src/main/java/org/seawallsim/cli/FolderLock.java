package org.seawallsim.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on a results folder for the whole of one command writing into it (run, compare, sweep). Two
 * sweeps started at once into one folder both passed the folder checks and then wrote runs over each other's, and
 * the folder ended with one sweep's runs. The lock is taken on {@code .NAME.lock} beside the folder, not inside it:
 * run and compare replace the folder by renaming a new one into place.
 *
 * <p>Only the OS lock counts, never the file's existence: the file is left behind on purpose (deleting it on release
 * would let two later commands lock two different files of the same name), and a killed process's lock is released
 * by the OS, so a stale file never blocks a later command.
 */
final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a results folder. */
    static Path fileFor(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Locks {@code dir} (given as {@code option}) for this command, or refuses with bad input when another command
     * holds it; the folder's parent must exist.
     */
    static FolderLock acquire(Path dir, String option) {
        Path file = fileFor(dir);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BadInputException(option + " " + dir + ": cannot create the lock file " + file + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        FileLock l = null;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by another command in this JVM (tests run commands in-process): as busy as another process.
        } catch (IOException e) {
            close(ch);
            throw new BadInputException(option + " " + dir + ": cannot lock " + file + " (" + e.getMessage() + ")");
        }
        if (l == null) {
            close(ch);
            throw new BadInputException(option + " " + dir + ": another seawall-sim command is writing this folder "
                    + "(it holds " + file + "); wait for it to finish or choose another " + option
                    + " (nothing was changed)");
        }
        return new FolderLock(ch, l);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases it too.
        }
        close(channel);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
