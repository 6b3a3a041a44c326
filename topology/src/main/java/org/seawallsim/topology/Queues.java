package org.seawallsim.topology;

import java.util.Objects;
import org.seawallsim.engine.net.QueueFactory;
import org.seawallsim.engine.scheme.IsolationScheme;

/**
 * The queue disciplines a builder installs: one factory for host NICs (the host's side of its access link) and one
 * for every switch egress port. Kept separate so an isolation scheme can substitute either (per-tenant DRR on switch
 * ports, a shaper on NICs).
 */
public record Queues(QueueFactory nic, QueueFactory switchPort) {
    public Queues {
        Objects.requireNonNull(nic, "nic queue factory");
        Objects.requireNonNull(switchPort, "switch queue factory");
    }

    /** Drop-tail FIFOs: {@code nicBytes} per NIC, {@code switchPortBytes} per switch egress port (both &gt; 0). */
    public static Queues dropTail(long nicBytes, long switchPortBytes) {
        if (nicBytes <= 0) {
            throw new IllegalArgumentException("NIC buffer must be > 0 bytes, got " + nicBytes);
        }
        if (switchPortBytes <= 0) {
            throw new IllegalArgumentException("switch port buffer must be > 0 bytes, got " + switchPortBytes);
        }
        return new Queues(QueueFactory.dropTail(nicBytes), QueueFactory.dropTail(switchPortBytes));
    }

    /** The queues {@code scheme} wants, given what the scenario asked for. */
    public static Queues forScheme(IsolationScheme scheme, QueueFactory nicBase, QueueFactory switchBase) {
        return new Queues(scheme.nicQueues(nicBase), scheme.switchQueues(switchBase));
    }

    /** The same queues with the scheme's substitutions applied. */
    public Queues with(IsolationScheme scheme) {
        return forScheme(scheme, nic, switchPort);
    }
}
