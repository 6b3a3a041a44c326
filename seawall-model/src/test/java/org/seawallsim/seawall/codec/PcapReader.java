package org.seawallsim.seawall.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal reader for classic libpcap files (not pcapng), written by hand: the maintained Java pcap libraries
 * (pcap4j, jNetPcap) bind the native libpcap through JNA/JNI, which the build must not depend on, and the format is
 * 24 bytes of global header followed by 16-byte record headers. Handles both byte orders and the nanosecond magic.
 */
final class PcapReader {
    static final int LINKTYPE_ETHERNET = 1;

    record Frame(int index, byte[] data, int originalLength) {
    }

    record Capture(int linkType, List<Frame> frames) {
    }

    private PcapReader() {
    }

    static Capture read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 24) {
            throw new IOException(file + ": too short for a pcap global header");
        }
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic == 0xA1B2C3D4 || magic == 0xA1B23C4D) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (Integer.reverseBytes(magic) == 0xA1B2C3D4 || Integer.reverseBytes(magic) == 0xA1B23C4D) {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new IOException(file + ": not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        int linkType = b.getInt(20);
        b.position(24);
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() >= 16) {
            b.getInt(); // seconds
            b.getInt(); // micro- or nanoseconds
            int incl = b.getInt();
            int orig = b.getInt();
            if (incl < 0 || incl > b.remaining()) {
                throw new IOException(file + ": record " + frames.size() + " claims " + incl + " bytes, "
                        + b.remaining() + " left");
            }
            byte[] data = new byte[incl];
            b.get(data);
            frames.add(new Frame(frames.size(), data, orig));
        }
        return new Capture(linkType, frames);
    }
}
