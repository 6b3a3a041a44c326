package org.seawallsim.seawall.codec;

/** Outcome of trying to steal bits from a packet. */
public enum StampResult {
    /** The sequence number is in the IPv4 ID; checksum updated incrementally. */
    STAMPED,
    /** Not an atomic IPv4 datagram (fragment, DF clear, or not IPv4): the configured fallback applies. */
    FALLBACK
}
