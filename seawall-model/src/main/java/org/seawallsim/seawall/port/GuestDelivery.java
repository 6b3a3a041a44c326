package org.seawallsim.seawall.port;

/** Hands a restored packet to the guest. */
@FunctionalInterface
public interface GuestDelivery<P> {
    void deliver(P p);
}
