package org.seawallsim.scenario.trace;

/** A trace names a link, port or host the topology does not have; the message lists the valid names. */
public final class TraceSelectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TraceSelectionException(String message) {
        super(message);
    }
}
