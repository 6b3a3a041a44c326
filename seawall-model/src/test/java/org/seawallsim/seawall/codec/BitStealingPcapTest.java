package org.seawallsim.seawall.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bit-stealing codec on every packet of a real Linux capture (TCP with options, UDP, IP fragments, IPv6, ARP;
 * checksums valid as captured). The capture is read from the project's shared data directory, found by walking up
 * from the module directory to the folder that holds {@code shared/data}.
 */
class BitStealingPcapTest {
    static final String FILE = "linux-tcp-udp-mtu1500.pcap";
    static PcapReader.Capture capture;

    @BeforeAll
    static void load() throws IOException {
        Path found = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && found == null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("data").resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                found = candidate;
            }
        }
        assumeTrue(found != null, "assumption: ../shared/data/" + FILE + " is present (looked upward from "
                + Path.of("").toAbsolutePath() + "); without it the real-bytes codec test cannot run");
        capture = PcapReader.read(found);
    }

    static int ipOffset(byte[] f) {
        int type = InternetChecksum.u16(f, 12);
        return type == 0x8100 ? 18 : 14; // one VLAN tag at most in this capture
    }

    static int etherType(byte[] f) {
        int type = InternetChecksum.u16(f, 12);
        return type == 0x8100 ? InternetChecksum.u16(f, 16) : type;
    }

    @Test
    void everyPacketIsStampedOrTakesTheFallbackAndTheGuestSeesNoDifference() {
        assertThat(capture.linkType()).isEqualTo(PcapReader.LINKTYPE_ETHERNET);
        assertThat(capture.frames()).hasSizeGreaterThan(200);
        int stamped = 0;
        int fallback = 0;
        int[] seqs = {0x0000, 0x0001, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF};
        for (PcapReader.Frame fr : capture.frames()) {
            byte[] orig = fr.data();
            assertThat(fr.originalLength()).as("frame %d captured whole", fr.index()).isEqualTo(orig.length);
            int ip = ipOffset(orig);
            int avail = orig.length - ip;
            boolean ipv4 = etherType(orig) == 0x0800;
            if (ipv4) {
                // The capture's own checksums are valid: the baseline the codec must preserve.
                assertThat(Ipv4.headerChecksumValid(orig, ip)).as("frame %d IPv4 checksum as captured", fr.index())
                        .isTrue();
                assertThat(Ipv4.transportChecksumValid(orig, ip)).as("frame %d L4 checksum as captured", fr.index())
                        .isTrue();
            }
            boolean atomic = ipv4 && Ipv4.isAtomic(orig, ip);
            for (int k = 0; k < seqs.length + 1; k++) {
                int seq = k < seqs.length ? seqs[k] : (int) ((fr.index() * 2654435761L >>> 7) & 0xFFFF);
                byte[] p = orig.clone();
                StampResult r = BitStealingCodec.stamp(p, ip, avail, seq);
                if (!atomic) {
                    assertThat(r).as("frame %d (fragment, DF=0 or not IPv4) takes the fallback", fr.index())
                            .isEqualTo(StampResult.FALLBACK);
                    assertThat(p).as("fallback leaves the bytes alone").isEqualTo(orig);
                    assertThat(BitStealingCodec.read(p, ip, avail)).isEqualTo(-1);
                    checkEncapsulationFallback(orig, seq);
                    continue;
                }
                assertThat(r).isEqualTo(StampResult.STAMPED);
                assertThat(BitStealingCodec.read(p, ip, avail)).isEqualTo(seq);
                // Incremental (RFC 1624) equals a full recomputation, and the header verifies.
                assertThat(Ipv4.checksum(p, ip)).as("frame %d seq %04x", fr.index(), seq)
                        .isEqualTo(Ipv4.computeChecksum(p, ip));
                assertThat(Ipv4.headerChecksumValid(p, ip)).isTrue();
                BitStealingCodec.restore(p, ip, avail);
                assertThat(Ipv4.headerChecksumValid(p, ip)).isTrue();
                assertThat(Ipv4.transportChecksumValid(p, ip)).isTrue();
                // Everything the guest can see is unchanged: all bytes except the ID of this atomic datagram
                // (meaningless per RFC 6864) and the header checksum that covers it.
                byte[] a = orig.clone();
                byte[] b = p.clone();
                for (int off : new int[] {ip + Ipv4.ID_OFFSET, ip + Ipv4.ID_OFFSET + 1, ip + Ipv4.CHECKSUM_OFFSET,
                        ip + Ipv4.CHECKSUM_OFFSET + 1}) {
                    a[off] = 0;
                    b[off] = 0;
                }
                assertThat(b).as("frame %d outside ID and checksum", fr.index()).isEqualTo(a);
            }
            if (atomic) {
                stamped++;
            } else {
                fallback++;
            }
        }
        System.out.printf("pcap: %d frames, %d stamped, %d took the fallback%n", capture.frames().size(), stamped,
                fallback);
        // From the capture's composition: 226 atomic IPv4 datagrams (221 TCP, 5 UDP); 3 UDP fragments, 10 IPv6,
        // 2 ARP frames must take the fallback.
        assertThat(stamped).isEqualTo(226);
        assertThat(fallback).isEqualTo(15);
    }

    /** The encapsulation fallback: outer header valid, sequence readable, original frame back exactly. */
    static void checkEncapsulationFallback(byte[] orig, int seq) {
        byte[] enc = Encapsulation.encapsulate(orig, orig.length, seq, 0x0A000001, 0x0A000002);
        assertThat(enc.length).isEqualTo(orig.length + Encapsulation.OVERHEAD_BYTES);
        assertThat(Encapsulation.isEncapsulated(enc, enc.length)).isTrue();
        assertThat(Ipv4.headerChecksumValid(enc, 14)).isTrue();
        assertThat(Encapsulation.sequence(enc)).isEqualTo(seq);
        assertThat(Encapsulation.decapsulate(enc, enc.length)).isEqualTo(orig);
    }

    @Test
    void incrementalUpdateMatchesRfc1624CornerCase() {
        // RFC 1624 section 4: a header whose sum makes the checksum 0x0000 must not come out as 0xFFFF. Build a
        // header whose checksum is 0 after changing one word and compare with a full recomputation.
        byte[] h = new byte[20];
        h[0] = 0x45;
        h[6] = 0x40;
        InternetChecksum.put16(h, 2, 20);
        for (int id = 0; id < 0x10000; id += 1) {
            InternetChecksum.put16(h, 4, id);
            InternetChecksum.put16(h, 10, 0);
            InternetChecksum.put16(h, 10, Ipv4.computeChecksum(h, 0));
            int newId = (id * 31 + 7) & 0xFFFF;
            int inc = InternetChecksum.update(Ipv4.checksum(h, 0), id, newId);
            byte[] g = Arrays.copyOf(h, 20);
            InternetChecksum.put16(g, 4, newId);
            assertThat(inc).as("id %04x -> %04x", id, newId).isEqualTo(Ipv4.computeChecksum(g, 0));
        }
    }
}
