package org.seawallsim.scenario.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back a nanosecond pcap file for tests (independently of the writer's code). */
record PcapFile(int magic, int snapBytes, int linkType, List<Frame> frames) {
    record Frame(long ns, int captured, int original, byte[] bytes) {
        int u16(int off) {
            return ((bytes[off] & 0xFF) << 8) | (bytes[off + 1] & 0xFF);
        }
    }

    static PcapFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        int magic = b.getInt();
        b.getShort();
        b.getShort();
        b.getInt();
        b.getInt();
        int snap = b.getInt();
        int link = b.getInt();
        List<Frame> frames = new ArrayList<>();
        while (b.remaining() > 0) {
            long sec = b.getInt() & 0xFFFF_FFFFL;
            long nsec = b.getInt() & 0xFFFF_FFFFL;
            int incl = b.getInt();
            int orig = b.getInt();
            byte[] data = new byte[incl];
            b.get(data);
            frames.add(new Frame(sec * 1_000_000_000L + nsec, incl, orig, data));
        }
        return new PcapFile(magic, snap, link, frames);
    }
}
