package org.seawallsim.seawall.port;

/** Where a destination reports a source it believes ignores Seawall. */
public interface SuspectListener {
    /** Why a source was reported. */
    enum Reason { IGNORES_FEEDBACK, EXCEEDS_SHARE, INVALID_STAMPS, FALSE_ACCUSATION }

    void suspect(int srcHost, int srcVm, int accuserHost, Reason reason);
}
