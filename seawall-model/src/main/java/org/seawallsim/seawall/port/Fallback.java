package org.seawallsim.seawall.port;

/** What the bit-stealing codec does with a packet it cannot stamp (fragment, DF=0, not IPv4). */
public enum Fallback {
    /** Carry the sequence in an encapsulation header instead. */
    ENCAPSULATE,
    /** Send it unstamped; the receiver does not track it (it still counts toward the tunnel's rate limit). */
    PASS_UNTRACKED
}
