package org.seawallsim.scenario.run;

/** A bad {@code schemeParams.<scheme>.<key>} value; carries the key so that callers can say where it was set. */
public final class SchemeParamException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String scheme;
    private final String key;

    SchemeParamException(String scheme, String key, String detail) {
        this(scheme, key, "schemeParams." + scheme + "." + key + ": " + detail, true);
    }

    private SchemeParamException(String scheme, String key, String message, boolean whole) {
        super(message);
        this.scheme = scheme;
        this.key = key;
    }

    /** The same problem with a location put in front of it. */
    SchemeParamException(String scheme, String key, String message, SchemeParamException cause) {
        super(message, cause);
        this.scheme = scheme;
        this.key = key;
    }

    /** With a message that already says everything (an unknown key). */
    static SchemeParamException whole(String scheme, String key, String message) {
        return new SchemeParamException(scheme, key, message, true);
    }

    public String scheme() {
        return scheme;
    }

    public String key() {
        return key;
    }
}
