package org.seawallsim.seawall.port;

/** Hypervisor CPU time one packet costs on the SW-port path; the port serves no faster than this. */
@FunctionalInterface
public interface ServiceCost<P> {
    long costPs(P p);

    ServiceCost<Object> FREE = p -> 0L;
}
