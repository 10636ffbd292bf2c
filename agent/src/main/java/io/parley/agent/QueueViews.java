package io.parley.agent;

import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvRotation;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.model.QueueInfo;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.util.ArrayList;
import java.util.List;

/** Maps a connection's queue rows to what the application may see of them. */
final class QueueViews {
  private QueueViews() {}

  static List<QueueInfo> of(ConnectionState s) {
    List<RcvQueueRow> rcv;
    List<SndQueueRow> snd;
    synchronized (s) {
      rcv = s.rcvQueues();
      snd = s.sndQueues();
    }
    List<QueueInfo> out = new ArrayList<>(rcv.size() + snd.size());
    for (RcvQueueRow q : rcv) {
      // A receive queue carries messages once its sender's confirmation gave it the e2e key.
      RcvRotation r;
      synchronized (s) {
        r = s.rotation(q.id());
      }
      QueueInfo.State state = r != null && r.state() == RcvRotation.State.DRAINING
          ? QueueInfo.State.DRAINING
          : q.e2ePeerKey() == null ? QueueInfo.State.NEW : QueueInfo.State.ACTIVE;
      out.add(new QueueInfo(QueueInfo.Direction.RECEIVE, hostPort(q.relay()), state));
    }
    for (SndQueueRow q : snd) {
      QueueInfo.State state = switch (q.status()) {
        case NEW -> QueueInfo.State.NEW;
        case SECURED, ACTIVE -> QueueInfo.State.ACTIVE;
        case FAILED -> QueueInfo.State.FAILED;
      };
      out.add(new QueueInfo(QueueInfo.Direction.SEND, hostPort(q.relay()), state));
    }
    return out;
  }

  /** {@code host:port} of a stored relay address, without its key hash. */
  static String hostPort(String relay) {
    try {
      RelayAddress a = RelayAddress.parse(relay);
      return a.host() + ":" + a.port();
    } catch (InvalidRelayAddressException e) {
      return "unknown";
    }
  }
}
