package org.seawallsim.seawall.port;

/** Where the SW-port carries its per-tunnel sequence number. */
public enum HeaderMode {
    /** In the IPv4 Identification of DF, non-fragment packets; no extra bytes, NIC offloads keep working. */
    BIT_STEALING,
    /** In an added header: extra bytes on the wire, and the NIC can no longer parse the guest's TCP header. */
    ENCAPSULATION
}
