package vn.lgsp.hub.access;

import java.util.Set;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * An access right in force for one exchange.
 *
 * @param allowedFields field paths the client may receive; empty means the whole answer
 */
public record Grant(SubsystemId client, ServiceId service, Set<String> allowedFields) {

  public boolean restrictsFields() {
    return !allowedFields.isEmpty();
  }
}
