package org.seawallsim.transport.tcp;

/** RFC 5681: slow start below ssthresh, +MSS*MSS/cwnd per ACK above it, ssthresh = FlightSize/2 on loss. */
class NewRenoControl extends CongestionControl {
    NewRenoControl(TcpSender sender) {
        super(sender);
    }

    @Override
    void onNewAck(long ackedBytes) {
        if (s.cwnd < s.ssthresh) {
            slowStart(ackedBytes);
        } else {
            s.cwnd += (double) s.mss * s.mss / s.cwnd;
        }
    }

    @Override
    long ssthreshOnLoss() {
        return halfFlight();
    }
}
