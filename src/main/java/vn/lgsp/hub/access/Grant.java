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
 * @param limits the client's request limits for this service; null when unlimited
 * @param clientLimits the client's request limits over all its services; null when unlimited
 * @param validUntil the right's last day; null when it does not end
 * @param signedRequests the right accepts only requests the client signed (RFC 9421)
 */
public record Grant(SubsystemId client, ServiceId service, Set<String> allowedFields, LocalDate covertUntil,
    AccessProperties.Limits limits, AccessProperties.Limits clientLimits, LocalDate validUntil, boolean signedRequests) {

  /** A right that takes unsigned requests. */
  public Grant(SubsystemId client, ServiceId service, Set<String> allowedFields, LocalDate covertUntil,
      AccessProperties.Limits limits, AccessProperties.Limits clientLimits, LocalDate validUntil) {
    this(client, service, allowedFields, covertUntil, limits, clientLimits, validUntil, false);
  }

  /** A right that does not end. */
  public Grant(SubsystemId client, ServiceId service, Set<String> allowedFields, LocalDate covertUntil,
      AccessProperties.Limits limits, AccessProperties.Limits clientLimits) {
    this(client, service, allowedFields, covertUntil, limits, clientLimits, null, false);
  }

  public boolean restrictsFields() {
    return !allowedFields.isEmpty();
  }
}
