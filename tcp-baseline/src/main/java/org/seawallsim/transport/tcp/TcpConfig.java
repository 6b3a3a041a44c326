package org.seawallsim.transport.tcp;

import org.seawallsim.engine.time.Time;

/**
 * Every knob of one TCP flow, immutable. Start from {@link #defaults()} and change fields with the {@code with...}
 * methods. Defaults follow Linux where RFCs leave a choice (baselines.md section 2):
 *
 * <ul>
 *   <li>{@code variant} NEWRENO;</li>
 *   <li>{@code mssBytes} 0 = automatic: 1460 B, or 1448 B when {@code timestamps} is on (12-B option);</li>
 *   <li>{@code timestamps} false (RFC 7323 option emulated: 12 B per segment and per ACK, RTT from every ACK);</li>
 *   <li>{@code initialWindowSegments} 10 (RFC 6928);</li>
 *   <li>{@code initialSsthreshBytes} Long.MAX_VALUE ("arbitrarily high", RFC 5681; htsim uses 100 MSS);</li>
 *   <li>{@code minRtoPs} 200 ms (Linux TCP_RTO_MIN; datacenter studies use 1 ms down to 200 us);</li>
 *   <li>{@code initialRtoPs} 1 s (RFC 6298, Linux TCP_TIMEOUT_INIT); {@code maxRtoPs} 120 s (Linux);</li>
 *   <li>{@code delayedAcks} false; when on, RFC 1122: ACK every 2nd full segment or after
 *       {@code delayedAckTimeoutPs} (default 40 ms, Linux's minimum delayed-ACK time), immediately on out-of-order
 *       data and gap fills;</li>
 *   <li>{@code receiveWindowBytes} 6 MiB (Linux tcp_rmem maximum; large enough that cwnd binds);</li>
 *   <li>{@code dctcpG} 1/16, {@code dctcpInitialAlpha} 1.0 (RFC 8257's conservative start);</li>
 *   <li>{@code cubicC} 0.4, {@code cubicBeta} 0.7 (RFC 8312);</li>
 *   <li>{@code handshake} true: a SYN / SYN-ACK exchange (header-only packets, no sequence space) precedes the
 *       data, so the first RTT sample comes from it as in Linux, a lost SYN waits the initial RTO, and a flow's
 *       completion time includes the extra RTT. Off: data leaves at start time (htsim's convention);</li>
 *   <li>{@code sendJitterPs} 0: when positive, the transmissions an ACK releases leave after a uniform random host
 *       processing delay in [0, sendJitterPs) (ns-2's "overhead"), which breaks the deterministic phase locking of
 *       identical flows at a drop-tail queue (Floyd and Jacobson, 1991). Use about one bottleneck packet time;</li>
 *   <li>{@code sack} false: when on, the receiver reports up to 3 out-of-order blocks per ACK (4 without
 *       timestamps; the option's bytes count on the wire) and the sender recovers losses by RFC 6675 instead of
 *       RFC 6582's one hole per round trip;</li>
 *   <li>{@code ecn} false: classic ECN (RFC 3168) for NewReno and CUBIC (DCTCP always uses ECN).</li>
 * </ul>
 */
public record TcpConfig(TcpVariant variant, int mssBytes, boolean timestamps, int initialWindowSegments,
        long initialSsthreshBytes, long minRtoPs, long initialRtoPs, long maxRtoPs, boolean delayedAcks,
        long delayedAckTimeoutPs, long receiveWindowBytes, double dctcpG, double dctcpInitialAlpha, double cubicC,
        double cubicBeta, boolean handshake, long sendJitterPs, boolean sack, boolean ecn) {

    /** IPv4 + TCP headers without options. */
    public static final int HEADER_BYTES = 40;
    /** The RFC 7323 timestamp option as Linux pads it. */
    public static final int TIMESTAMP_OPTION_BYTES = 12;

    public TcpConfig {
        if (variant == null) {
            throw new IllegalArgumentException("variant must be one of NEWRENO, CUBIC, DCTCP, got null");
        }
        if (mssBytes != 0 && (mssBytes < 64 || mssBytes > 9000)) {
            throw new IllegalArgumentException("mssBytes must be 0 (automatic) or in [64, 9000], got " + mssBytes);
        }
        if (initialWindowSegments < 1 || initialWindowSegments > 1000) {
            throw new IllegalArgumentException(
                    "initialWindowSegments must be in [1, 1000], got " + initialWindowSegments);
        }
        if (initialSsthreshBytes < 2L * 64) {
            throw new IllegalArgumentException(
                    "initialSsthreshBytes must be at least 2 segments, got " + initialSsthreshBytes);
        }
        if (minRtoPs <= 0) {
            throw new IllegalArgumentException("minRtoPs must be > 0, got " + minRtoPs);
        }
        if (initialRtoPs <= 0 || maxRtoPs < minRtoPs) {
            throw new IllegalArgumentException("need initialRtoPs > 0 and maxRtoPs >= minRtoPs, got initialRtoPs="
                    + initialRtoPs + " minRtoPs=" + minRtoPs + " maxRtoPs=" + maxRtoPs);
        }
        if (delayedAckTimeoutPs <= 0) {
            throw new IllegalArgumentException("delayedAckTimeoutPs must be > 0, got " + delayedAckTimeoutPs);
        }
        if (receiveWindowBytes < 2L * 1460) {
            throw new IllegalArgumentException(
                    "receiveWindowBytes must be at least 2 full segments (2920), got " + receiveWindowBytes);
        }
        if (!(dctcpG > 0 && dctcpG <= 1)) {
            throw new IllegalArgumentException("dctcpG must be in (0, 1], got " + dctcpG);
        }
        if (!(dctcpInitialAlpha >= 0 && dctcpInitialAlpha <= 1)) {
            throw new IllegalArgumentException("dctcpInitialAlpha must be in [0, 1], got " + dctcpInitialAlpha);
        }
        if (sendJitterPs < 0) {
            throw new IllegalArgumentException("sendJitterPs must be >= 0, got " + sendJitterPs);
        }
        if (!(cubicC > 0)) {
            throw new IllegalArgumentException("cubicC must be > 0, got " + cubicC);
        }
        if (!(cubicBeta > 0 && cubicBeta < 1)) {
            throw new IllegalArgumentException("cubicBeta must be in (0, 1), got " + cubicBeta);
        }
    }

    public static TcpConfig defaults() {
        return new TcpConfig(TcpVariant.NEWRENO, 0, false, 10, Long.MAX_VALUE, Time.ofMillis(200), Time.ofSeconds(1),
                Time.ofSeconds(120), false, Time.ofMillis(40), 6L << 20, 1.0 / 16, 1.0, 0.4, 0.7, true, 0, false, false);
    }

    /**
     * Defaults plus what a Linux host adds and sharing experiments need: timestamps (MSS 1448, an RTT sample per
     * ACK, so RTO backoff ends as soon as data flows again) and 12 us of host send jitter, about one packet time at
     * 1 Gb/s, which breaks the phase locking of perfectly clocked flows at drop-tail queues.
     */
    public static TcpConfig linuxLike() {
        return defaults().withTimestamps(true).withSendJitter(Time.ofMicros(12));
    }

    public static TcpConfig of(TcpVariant variant) {
        return defaults().withVariant(variant);
    }

    /** The segment payload size in use: {@code mssBytes}, or 1460/1448 B automatically. */
    public int effectiveMss() {
        if (mssBytes != 0) {
            return mssBytes;
        }
        return timestamps ? 1448 : 1460;
    }

    /** IP bytes of a segment header (IP + TCP + options). */
    public int headerBytes() {
        return timestamps ? HEADER_BYTES + TIMESTAMP_OPTION_BYTES : HEADER_BYTES;
    }

    public TcpConfig withVariant(TcpVariant v) {
        return new TcpConfig(v, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withMss(int mss) {
        return new TcpConfig(variant, mss, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withTimestamps(boolean on) {
        return new TcpConfig(variant, mssBytes, on, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withInitialWindow(int segments) {
        return new TcpConfig(variant, mssBytes, timestamps, segments, initialSsthreshBytes, minRtoPs, initialRtoPs,
                maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG, dctcpInitialAlpha, cubicC,
                cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withInitialSsthresh(long bytes) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, bytes, minRtoPs, initialRtoPs,
                maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG, dctcpInitialAlpha, cubicC,
                cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withMinRto(long ps) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, ps,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withInitialRto(long ps) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                ps, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG, dctcpInitialAlpha,
                cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withMaxRto(long ps) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, ps, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG, dctcpInitialAlpha,
                cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withDelayedAcks(boolean on) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, on, delayedAckTimeoutPs, receiveWindowBytes, dctcpG, dctcpInitialAlpha,
                cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withDelayedAckTimeout(long ps) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, ps, receiveWindowBytes, dctcpG, dctcpInitialAlpha, cubicC,
                cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withReceiveWindow(long bytes) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, bytes, dctcpG, dctcpInitialAlpha, cubicC,
                cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withDctcp(double g, double initialAlpha) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, g, initialAlpha,
                cubicC, cubicBeta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withCubic(double c, double beta) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, c, beta, handshake, sendJitterPs, sack, ecn);
    }

    public TcpConfig withHandshake(boolean on) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, on, sendJitterPs, sack, ecn);
    }

    /**
     * Classic ECN (RFC 3168) for NewReno and CUBIC: data is ECN-capable, the receiver echoes a CE mark in every ACK
     * until the sender's CWR, and the sender treats an echo as a loss (at most once per window) without resending
     * anything. DCTCP always uses ECN, its own way (RFC 8257).
     */
    public TcpConfig withEcn(boolean on) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, handshake, sendJitterPs, sack, on);
    }

    /** Selective acknowledgments (RFC 2018) with RFC 6675 loss recovery, as Linux guests negotiate them. */
    public TcpConfig withSack(boolean on) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, handshake, sendJitterPs, on, ecn);
    }

    public TcpConfig withSendJitter(long ps) {
        return new TcpConfig(variant, mssBytes, timestamps, initialWindowSegments, initialSsthreshBytes, minRtoPs,
                initialRtoPs, maxRtoPs, delayedAcks, delayedAckTimeoutPs, receiveWindowBytes, dctcpG,
                dctcpInitialAlpha, cubicC, cubicBeta, handshake, ps, sack, ecn);
    }
}
