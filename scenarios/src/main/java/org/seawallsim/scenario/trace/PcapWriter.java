package org.seawallsim.scenario.trace;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The classic libpcap file format with nanosecond timestamps (magic 0xa1b23c4d, version 2.4, link type Ethernet),
 * big-endian: a 24-byte file header, then per frame a 16-byte record header (seconds, nanoseconds, captured length,
 * original length) and the captured bytes. Frames exclude the FCS, as captures do.
 */
final class PcapWriter implements Closeable {
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int LINKTYPE_ETHERNET = 1;
    private static final long NS_PER_S = 1_000_000_000L;

    private final OutputStream out;
    private final int snapBytes;
    private final byte[] recordHeader = new byte[16];

    PcapWriter(OutputStream out, int snapBytes) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.snapBytes = snapBytes;
        byte[] h = new byte[24];
        putInt(h, 0, MAGIC_NANOS);
        putShort(h, 4, 2);
        putShort(h, 6, 4);
        // thiszone 0, sigfigs 0
        putInt(h, 16, snapBytes);
        putInt(h, 20, LINKTYPE_ETHERNET);
        this.out.write(h);
    }

    /** Picoseconds to the file's nanoseconds, rounded half up. */
    static long nanos(long ps) {
        return Math.floorDiv(ps + 500, 1000);
    }

    /** Writes a frame of {@code origBytes} captured at {@code ns}, whose first {@code captured} bytes are given. */
    void write(long ns, byte[] frame, int captured, int origBytes) throws IOException {
        if (captured > snapBytes || captured > origBytes) {
            throw new IllegalArgumentException("captured " + captured + " B of a " + origBytes + "-B frame, snap length "
                    + snapBytes);
        }
        putInt(recordHeader, 0, (int) (ns / NS_PER_S));
        putInt(recordHeader, 4, (int) (ns % NS_PER_S));
        putInt(recordHeader, 8, captured);
        putInt(recordHeader, 12, origBytes);
        out.write(recordHeader);
        out.write(frame, 0, captured);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
