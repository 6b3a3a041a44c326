package org.seawallsim.scenario.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Identifies the code a result came from: a hash of the project's own compiled classes in the jar that runs. The
 * project's version alone (0.1.0) named every build alike, so two builds whose Seawall controllers differ wrote the
 * same version into their outputs, and a resumed sweep mixed their runs. javac writes the same class files for the
 * same sources, so rebuilding unchanged code keeps the id; the libraries' classes are left out (their versions are
 * pinned in the pom).
 */
final class BuildId {
    static final String OWN_CLASSES = "org/seawallsim/";
    /** Hex digits kept: 48 bits, ample to tell builds apart. */
    static final int DIGITS = 12;

    private BuildId() {
    }

    /** The id of the jar holding this class, or null when the classes are not in a jar (tests, an IDE). */
    static String ofRunningJar() {
        try {
            var source = BuildId.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? of(p) : null;
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * SHA-256 over the name, size and CRC-32 of every class under {@link #OWN_CLASSES} in {@code jar}, in name order
     * (a jar's entry order is the packager's business), its first {@link #DIGITS} hex digits.
     */
    static String of(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> own = new ArrayList<>();
            zip.stream().filter(e -> e.getName().startsWith(OWN_CLASSES) && e.getName().endsWith(".class"))
                    .forEach(own::add);
            own.sort((a, b) -> a.getName().compareTo(b.getName()));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ZipEntry e : own) {
                byte[] name = e.getName().getBytes(StandardCharsets.UTF_8);
                // Each class by its name, size and CRC-32, all in the jar's directory: inflating and hashing the
                // 1.6 MB of classes on every command cost about 0.07 s of a 1.1 s run. The size and CRC-32 are the
                // bytes' (the zip checks them on reading); a recompiled class that kept both would be a
                // 2^-32 chance per class.
                long crc = e.getCrc();
                long size = e.getSize();
                if (crc < 0 || size < 0) { // not in the directory (a jar written by a stream): read the bytes
                    try (InputStream in = zip.getInputStream(e)) {
                        byte[] bytes = in.readAllBytes();
                        java.util.zip.CRC32 c = new java.util.zip.CRC32();
                        c.update(bytes);
                        crc = c.getValue();
                        size = bytes.length;
                    }
                }
                // Each part behind its length, so that no two different jars feed the digest the same stream.
                sha.update(ByteBuffer.allocate(20).putInt(name.length).putLong(size).putLong(crc).array());
                sha.update(name);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
