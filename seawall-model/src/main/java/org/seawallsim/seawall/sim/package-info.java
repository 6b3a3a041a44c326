/**
 * Adapters that run the plain-Java controller and SW-ports inside the simulator: a
 * {@link org.seawallsim.seawall.sim.SeawallShim} per host (clock and timers on the event loop, feedback as real
 * control packets), the {@link org.seawallsim.seawall.sim.SeawallScheme} isolation scheme ("seawall") and the
 * {@link org.seawallsim.seawall.sim.NetworkController} that filters compromised sources at their edge switch.
 */
package org.seawallsim.seawall.sim;
