package org.seawallsim.transport.tcp;

/** The receiving application: told each time in-order data reaches it. Implemented by applications, not lambdas. */
public interface DeliveryListener {
    /** {@code newBytes} more in-order bytes arrived; {@code totalBytes} have arrived since the flow started. */
    void onDelivered(TcpFlow flow, long newBytes, long totalBytes);
}
