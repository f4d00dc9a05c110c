package vn.lgsp.hub.audit.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.RequestHash;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.SubjectHasher;

/**
 * Records what operators and the hub itself do (suspend a route, export or archive the log, read a
 * captured payload, hide covert usages from a citizen) in the same chain as the exchanges, with
 * who acted, why, and the outcome. The record is durable before the call returns.
 */
@Component
public class AuditTrail {

  /** The actor of what the hub does on its own (scheduled archiving, data-tracker filtering). */
  public static final String HUB = "hub";

  private final ExchangeLogPublisher publisher;
  private final SubjectHasher hasher;
  private final Clock clock;

  public AuditTrail(ExchangeLogPublisher publisher, SubjectHasher hasher, Clock clock) {
    this.publisher = publisher;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * An exchange the hub itself starts with a client, not answering one: a push of a register event to a
   * subscriber. Recorded like a served exchange (the subscriber is its client, the event type its service),
   * so that searches, the data tracker and the chain treat both alike.
   *
   * @param messageId the key the receiver dedupes by (the event's id: the same for every attempt)
   * @param status the receiver's HTTP status, or the hub's (502, 504) when it answered nothing
   * @param subjectHash the keyed hash of the person the exchange is about, or null
   * @param covertUntil the client's right is covert until this day (the data tracker hides the exchange), or null
   */
  public record OutboundExchange(String messageId, String clientId, String serviceId, String issue, String method,
      String path, int status, String errorType, long requestSize, long responseSize, Instant startedAt,
      byte[] requestBody, byte[] responseBody, String subjectHash, java.time.LocalDate covertUntil) {}

  public void outbound(OutboundExchange x) {
    String requestHash = RequestHash.ofRequest(x.method(), x.path(), x.messageId(), x.requestBody());
    publisher.publish(ExchangeRecord.builder()
        .messageId(x.messageId())
        .clientId(x.clientId())
        .serviceId(x.serviceId())
        .issue(hasher.maskIds(x.issue()))
        .method(x.method())
        .path(hasher.maskIds(x.path()))
        .status(x.status())
        .errorType(x.errorType())
        .requestSize(x.requestSize())
        .responseSize(x.responseSize())
        .requestInAt(x.startedAt())
        .requestOutAt(x.startedAt())
        .responseInAt(clock.instant())
        .responseOutAt(clock.instant())
        .requestHash(hasher.keyRequestHash(requestHash))
        .responseHash(RequestHash.of(x.responseBody()))
        .subjectHash(x.subjectHash())
        .covertUntil(x.covertUntil())
        .build());
  }

  /** An operator's action through the admin API, with its HTTP outcome. */
  public void adminAction(
      String operator, String action, String reason, String method, String path, int status, String errorType,
      Instant startedAt) {
    adminAction(operator, action, reason, null, null, method, path, status, errorType, startedAt);
  }

  /**
   * An action on the rights of a client to a service (an access request, a grant, a revocation), so
   * that a search by client or by service finds it beside the exchanges.
   */
  public void adminAction(
      String actor, String action, String reason, String client, String service, String method, String path,
      int status, String errorType, Instant startedAt) {
    publisher.publish(ExchangeRecord.builder()
        .kind(ExchangeRecord.ADMIN)
        // as a caller sent them (a request may name a service that does not exist): masked like free text
        .clientId(hasher.maskIds(client))
        .serviceId(hasher.maskIds(service))
        .messageId(UUID.randomUUID().toString())
        .actor(actor)
        .action(action)
        .reason(clip(reason))
        .method(method)
        .path(hasher.maskIds(path))
        .status(status)
        .errorType(errorType)
        .requestInAt(startedAt)
        .responseOutAt(clock.instant())
        .build());
  }

  /** Something the hub did on its own account or on behalf of a client. */
  public void event(String actor, String action, String reason, String subjectHash) {
    Instant now = clock.instant();
    publisher.publish(ExchangeRecord.builder()
        .kind(ExchangeRecord.EVENT)
        .messageId(UUID.randomUUID().toString())
        .actor(actor)
        .action(action)
        .reason(clip(reason))
        .method("-")
        .path("-")
        .status(200)
        .subjectHash(subjectHash)
        .requestInAt(now)
        .responseOutAt(now)
        .build());
  }

  /** Operators write free text: it may hold a personal ID, which the chain must never keep in plain text. */
  private String clip(String reason) {
    String masked = hasher.maskIds(reason);
    return masked == null || masked.length() <= 512 ? masked : masked.substring(0, 512);
  }
}
