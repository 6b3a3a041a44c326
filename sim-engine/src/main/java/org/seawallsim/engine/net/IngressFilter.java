package org.seawallsim.engine.net;

import org.seawallsim.engine.packet.Packet;

/**
 * Runs on every packet a switch receives from a link, before forwarding: policers, ACL filters against compromised
 * hypervisors, counters. Returns false if it consumed the packet (a dropping filter reports the drop itself).
 */
public interface IngressFilter {
    boolean admit(Packet p, EgressPort inPort, Switch sw);
}
