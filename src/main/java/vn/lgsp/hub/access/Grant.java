package vn.lgsp.hub.access;

import java.time.LocalDate;
import java.util.Set;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * An access right in force for one exchange.
 *
 * @param allowedFields field paths the client may receive; empty means the whole answer
 * @param covertUntil the client's queries are covert (hidden from the data tracker) until this
 *     day; null when they are not
 */
public record Grant(SubsystemId client, ServiceId service, Set<String> allowedFields, LocalDate covertUntil) {

  public boolean restrictsFields() {
    return !allowedFields.isEmpty();
  }
}
