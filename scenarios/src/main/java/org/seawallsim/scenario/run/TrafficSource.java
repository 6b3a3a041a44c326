package org.seawallsim.scenario.run;

/** Something a VM runs that can be started and stopped by the timeline. */
interface TrafficSource {
    void start();

    void stop();
}
