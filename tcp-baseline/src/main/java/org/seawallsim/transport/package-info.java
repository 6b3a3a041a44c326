/**
 * Transports that tenants run inside their VMs: TCP (NewReno, CUBIC, DCTCP), UDP sources, and applications on top
 * (bulk, sized flows with Poisson arrivals, synchronized incast), plus random loss injection.
 *
 * <p>Layers, each importing only those before it: this package (addresses, {@code FlowInfo}, the transport probes),
 * {@code tcp} and {@code udp} (the protocols), {@code stack} ({@code Transports}, the factory of one run), {@code app}
 * (applications built on the flows the factory makes). One {@link org.seawallsim.transport.stack.Transports} per run
 * is the factory; each flow is described by an immutable record and created with one call, then started explicitly
 * (an application takes the factory in its constructor):
 *
 * <pre>{@code
 * Transports tp = new Transports(ctx);
 * tp.probes().attach(recorder);                                  // TransportProbe: goodput, cwnd, RTT, FCT, ...
 * VmAddress a = new VmAddress(hostA, vmA, tenantA), b = new VmAddress(hostB, vmB, tenantB);
 * TcpFlow bulk = tp.tcpFlow(TcpFlowConfig.bulk(a, b, TcpConfig.of(TcpVariant.CUBIC)));
 * bulk.startAt(Time.ofMillis(10));  ...  bulk.stop();
 * UdpFlow flood = tp.udpFlow(UdpFlowConfig.flood(a, b));          // line rate of hostA's NIC, never backs off
 * UdpFlow onoff = tp.udpFlow(new UdpFlowConfig(a, b,
 *         new UdpPattern.OnOff(Rate.mbps(500), Time.ofMillis(5), Time.ofMillis(5), true), 1472, "burst"));
 * PoissonFlowArrivals web = new PoissonFlowArrivals(tp, new PoissonArrivalsConfig(List.of(a), List.of(b),
 *         TcpConfig.defaults(), 1000, FlowSizeDistribution.exponential(100_000), "web"));
 * IncastApp incast = new IncastApp(tp, new IncastConfig(client, servers, TcpConfig.defaults(), 256 << 10, 64, 0,
 *         "io"));
 * }</pre>
 *
 * <p>Every packet leaves through {@code Host.sendFromVm} and arrives through the destination host's shim, so a
 * hypervisor shim sees all of it; packets carry srcVm, dstVm, tenant and flowId, and {@code endpoint} is the peer.
 * Models keep no reporting statistics: recorders implement {@link org.seawallsim.transport.TransportProbe}
 * ({@link org.seawallsim.transport.FlowBytesRecorder} is a ready-made per-flow byte counter).
 *
 * <p>For sharing experiments prefer {@link org.seawallsim.transport.tcp.TcpConfig#linuxLike()}: perfectly clocked
 * identical flows phase-lock at drop-tail queues (one flow can be locked out), which 12 us of host jitter prevents.
 */
package org.seawallsim.transport;
