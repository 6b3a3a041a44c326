package org.seawallsim.engine.net;

/** A full-duplex link: two egress ports, one per direction, each with its own queue and pipe. */
public record Link(String name, EgressPort aToB, EgressPort bToA) {
}
