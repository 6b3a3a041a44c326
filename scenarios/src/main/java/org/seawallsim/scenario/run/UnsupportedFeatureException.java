package org.seawallsim.scenario.run;

/**
 * The scenario asks for something this build cannot simulate (a scheme or model not yet wired in). The command line
 * reports it as bad input: a message, exit code 2.
 */
public final class UnsupportedFeatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFeatureException(String message) {
        super(message);
    }
}
