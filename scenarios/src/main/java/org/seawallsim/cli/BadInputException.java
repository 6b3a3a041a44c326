package org.seawallsim.cli;

/** Bad user input: reported as a one-line message with exit code 2, never with a stack trace. */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
