package org.seawallsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An on/off source on a real host (send jitter) averages its rate times its duty cycle whatever its periods against
 * the jitter: a slot whose jittered send fell after the off edge restarted the slots at the next on edge, so 5-us
 * periods at 900 Mb/s with 20 us of jitter delivered 259.4 Mb/s for 430.69 (0.60), and 0.935 with 5 us.
 */
class OnOffWithSendJitterTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} Mb/s, {1}/{2} us, jitter {3} us")
    @CsvSource({"900, 5, 5, 20", "900, 5, 5, 5", "300, 50, 50, 20", "500, 100, 300, 5", "50, 3, 7, 20"})
    void deliversRateTimesDutyCycle(double mbps, double onUs, double offUs, double jitterUs) throws Exception {
        RunResult r = ScenarioRuns.run(dir, """
                topology: {builder: star, hosts: 2, rateGbps: 1, delayUs: 5, hostTiming: {sendJitterUs: %s}}
                tenants:
                  t1: {vms: {a: {host: h0, traffic: [{type: onoff, to: b, rateMbps: %s, onS: %s, offS: %s}]},
                             b: {host: h1}}}
                scheme: tcp
                durationS: 0.6
                warmupS: 0.1
                """.formatted(jitterUs, mbps, onUs * 1e-6, offUs * 1e-6));
        double expected = mbps * 1e6 * onUs / (onUs + offUs) * 1472 / 1538;
        double got = r.vmGoodputBps()[r.scenario().vm("a").id()];
        // 0.5 s of measurement holds over 10^4 periods; within 0.5 % (a datagram per 0.5 s is 0.0025 %).
        assertThat(got).isCloseTo(expected, within(0.005 * expected));
    }
}
