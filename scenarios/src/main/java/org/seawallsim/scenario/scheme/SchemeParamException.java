package org.seawallsim.scenario.scheme;

/** A bad {@code schemeParams.<scheme>.<key>} value; carries the key so that callers can say where it was set. */
public final class SchemeParamException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String scheme;
    private final String key;
    private final String detail;

    SchemeParamException(String scheme, String key, String detail) {
        super("schemeParams." + scheme + "." + key + ": " + detail);
        this.scheme = scheme;
        this.key = key;
        this.detail = detail;
    }

    /** The same problem with a location put in front of it. */
    public SchemeParamException(String scheme, String key, String message, SchemeParamException cause) {
        super(message, cause);
        this.scheme = scheme;
        this.key = key;
        this.detail = cause.detail;
    }

    public String scheme() {
        return scheme;
    }

    public String key() {
        return key;
    }

    /** What is wrong and what is allowed, without the parameter's path. */
    public String detail() {
        return detail;
    }
}
