package org.seawallsim.transport.app;

import java.util.List;
import org.seawallsim.transport.VmAddress;
import org.seawallsim.transport.tcp.TcpConfig;

/**
 * Synchronized reads (partition/aggregate, cluster storage): the client asks every server for {@code blockBytes},
 * waits until all blocks have arrived, then asks again.
 *
 * @param requestBytes size of each request message (client to server, over TCP)
 * @param rounds number of rounds, 0 for unlimited (until stopped)
 */
public record IncastConfig(VmAddress client, List<VmAddress> servers, TcpConfig tcp, long blockBytes,
        int requestBytes, int rounds, String label) {
    public IncastConfig {
        if (client == null || servers == null || servers.isEmpty()) {
            throw new IllegalArgumentException("incast needs a client and at least one server");
        }
        for (VmAddress s : servers) {
            if (s.host() == client.host()) {
                throw new IllegalArgumentException("server on the client's own host " + s.host().name());
            }
        }
        if (tcp == null) {
            throw new IllegalArgumentException("tcp config must not be null");
        }
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("blockBytes must be > 0, got " + blockBytes);
        }
        if (requestBytes <= 0) {
            throw new IllegalArgumentException("requestBytes must be > 0, got " + requestBytes);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be >= 0 (0 = unlimited), got " + rounds);
        }
        servers = List.copyOf(servers);
        label = label == null ? "" : label;
    }
}
