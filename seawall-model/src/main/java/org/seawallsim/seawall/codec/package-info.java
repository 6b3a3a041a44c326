/**
 * Bit stealing and encapsulation on real packet bytes: the tunnel sequence number in the IPv4 ID of atomic
 * datagrams with an RFC 1624 incremental checksum update, and an encapsulation header for everything else.
 */
package org.seawallsim.seawall.codec;
