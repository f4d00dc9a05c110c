package vn.lgsp.hub.audit.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The evidence of one exchange, or of one admin action or event ({@link #kind}). Personal IDs
 * appear only as keyed hashes ({@link SubjectHasher}); payloads are not part of the record (a
 * captured payload rides along encrypted and is stored apart).
 *
 * <p>Timestamps are kept to the microsecond, the precision PostgreSQL stores, so the record read
 * back from the database hashes exactly as the record the writer chained.
 *
 * @param id unique per record, the writer's idempotency key
 * @param kind {@code exchange}, {@code admin} (an operator's action) or {@code event} (the hub's own)
 * @param messageId the {@code X-Road-Id}
 * @param clientId the authenticated client; null when the caller was not authenticated
 * @param claimedClientId the client the caller named in {@code X-Road-Client} when that is not
 *     the authenticated one (a refused call): what it claimed, not who it was
 * @param path the request path with personal IDs replaced by keyed hashes
 * @param subjectHash keyed hash of the personal ID the exchange concerns, null if none
 * @param requestInAt the hub received the request
 * @param requestOutAt the hub sent the request to the provider (null: no provider call)
 * @param responseInAt the provider's answer arrived (null: no provider call)
 * @param responseOutAt the hub answered the caller
 * @param requestHash the keyed hash ({@link SubjectHasher#keyRequestHash}) of the SHA-512 request hash
 *     the caller received in X-Road-Request-Hash; records written before it was keyed hold the plain one
 * @param responseHash SHA-512 of the response body the caller received
 * @param traceparent the W3C trace context of the exchange
 * @param covertUntil the data tracker hides this exchange until this day (covert access right)
 * @param actor who acted, for admin actions and events (an operator's name, or {@code hub})
 * @param action what was done, for admin actions and events, e.g. {@code exchange-log.export}
 * @param reason why, as the actor gave it
 * @param shortened null when every field was stored whole; else the fields the log stored
 *     shortened or cleaned ({@code RecordLimits}), each as {@code name=length:hash} with the
 *     original length and the keyed hash of the full value, separated by spaces
 * @param requestSignature the consumer's HTTP message signature (RFC 9421) of its request, as verified: the
 *     member of {@code Signature-Input} with its label, a space, and the signature's bytes ({@code :…:}); null when
 *     the request was not signed
 * @param answerSignature the hub's signature of the answer it sent, in the same form; null when unsigned
 * @param providerSignature the register's signature of its answer, as verified, in the same form; null when the
 *     register does not sign
 * @param chain the record's place in the hash chain; set by the writer, null in transit
 * @param payload the encrypted request and response, for services that capture them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExchangeRecord(
    UUID id,
    String kind,
    String messageId,
    String clientId,
    String claimedClientId,
    String serviceId,
    String userId,
    String issue,
    String method,
    String path,
    int status,
    String errorType,
    long requestSize,
    long responseSize,
    Instant requestInAt,
    Instant requestOutAt,
    Instant responseInAt,
    Instant responseOutAt,
    String requestHash,
    String responseHash,
    String subjectHash,
    String traceparent,
    LocalDate covertUntil,
    String actor,
    String action,
    String reason,
    String shortened,
    String requestSignature,
    String answerSignature,
    String providerSignature,
    ChainLink chain,
    CapturedPayload payload) {

  public static final String EXCHANGE = "exchange";
  public static final String ADMIN = "admin";
  public static final String EVENT = "event";

  public ExchangeRecord {
    kind = kind == null ? EXCHANGE : kind;
    requestInAt = micros(requestInAt);
    requestOutAt = micros(requestOutAt);
    responseInAt = micros(responseInAt);
    responseOutAt = micros(responseOutAt);
  }

  /** The position of a record in the hash chain. */
  public record ChainLink(long seq, String prevHash, String recordHash) {}

  /**
   * An encrypted copy of what was exchanged.
   *
   * @param request the request's hash preimage (method, URI, body), encrypted
   * @param response the response body, encrypted
   */
  public record CapturedPayload(String keyId, String request, String response) {}

  public ExchangeRecord withChain(ChainLink link) {
    return toBuilder().chain(link).build();
  }

  public ExchangeRecord withoutPayload() {
    return payload == null ? this : toBuilder().payload(null).build();
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  /** A builder with a new record id ({@link RecordIds}); a copy ({@link #toBuilder}) keeps the record's. */
  public static Builder builder() {
    Builder b = new Builder();
    b.id = RecordIds.next();
    return b;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.kind = kind;
    b.messageId = messageId;
    b.clientId = clientId;
    b.claimedClientId = claimedClientId;
    b.serviceId = serviceId;
    b.userId = userId;
    b.issue = issue;
    b.method = method;
    b.path = path;
    b.status = status;
    b.errorType = errorType;
    b.requestSize = requestSize;
    b.responseSize = responseSize;
    b.requestInAt = requestInAt;
    b.requestOutAt = requestOutAt;
    b.responseInAt = responseInAt;
    b.responseOutAt = responseOutAt;
    b.requestHash = requestHash;
    b.responseHash = responseHash;
    b.subjectHash = subjectHash;
    b.traceparent = traceparent;
    b.covertUntil = covertUntil;
    b.actor = actor;
    b.action = action;
    b.reason = reason;
    b.shortened = shortened;
    b.requestSignature = requestSignature;
    b.answerSignature = answerSignature;
    b.providerSignature = providerSignature;
    b.chain = chain;
    b.payload = payload;
    return b;
  }

  /** Builds records field by field: most records leave most fields empty. */
  public static final class Builder {
    private UUID id;
    private String kind = EXCHANGE;
    private String messageId;
    private String clientId;
    private String claimedClientId;
    private String serviceId;
    private String userId;
    private String issue;
    private String method;
    private String path;
    private int status;
    private String errorType;
    private long requestSize;
    private long responseSize;
    private Instant requestInAt;
    private Instant requestOutAt;
    private Instant responseInAt;
    private Instant responseOutAt;
    private String requestHash;
    private String responseHash;
    private String subjectHash;
    private String traceparent;
    private LocalDate covertUntil;
    private String actor;
    private String action;
    private String reason;
    private String shortened;
    private String requestSignature;
    private String answerSignature;
    private String providerSignature;
    private ChainLink chain;
    private CapturedPayload payload;

    public Builder id(UUID v) {
      id = v;
      return this;
    }

    public Builder kind(String v) {
      kind = v;
      return this;
    }

    public Builder messageId(String v) {
      messageId = v;
      return this;
    }

    public Builder clientId(String v) {
      clientId = v;
      return this;
    }

    public Builder claimedClientId(String v) {
      claimedClientId = v;
      return this;
    }

    public Builder serviceId(String v) {
      serviceId = v;
      return this;
    }

    public Builder userId(String v) {
      userId = v;
      return this;
    }

    public Builder issue(String v) {
      issue = v;
      return this;
    }

    public Builder method(String v) {
      method = v;
      return this;
    }

    public Builder path(String v) {
      path = v;
      return this;
    }

    public Builder status(int v) {
      status = v;
      return this;
    }

    public Builder errorType(String v) {
      errorType = v;
      return this;
    }

    public Builder requestSize(long v) {
      requestSize = v;
      return this;
    }

    public Builder responseSize(long v) {
      responseSize = v;
      return this;
    }

    public Builder requestInAt(Instant v) {
      requestInAt = v;
      return this;
    }

    public Builder requestOutAt(Instant v) {
      requestOutAt = v;
      return this;
    }

    public Builder responseInAt(Instant v) {
      responseInAt = v;
      return this;
    }

    public Builder responseOutAt(Instant v) {
      responseOutAt = v;
      return this;
    }

    public Builder requestHash(String v) {
      requestHash = v;
      return this;
    }

    public Builder responseHash(String v) {
      responseHash = v;
      return this;
    }

    public Builder subjectHash(String v) {
      subjectHash = v;
      return this;
    }

    public Builder traceparent(String v) {
      traceparent = v;
      return this;
    }

    public Builder covertUntil(LocalDate v) {
      covertUntil = v;
      return this;
    }

    public Builder actor(String v) {
      actor = v;
      return this;
    }

    public Builder action(String v) {
      action = v;
      return this;
    }

    public Builder reason(String v) {
      reason = v;
      return this;
    }

    public Builder shortened(String v) {
      shortened = v;
      return this;
    }

    public Builder requestSignature(String v) {
      requestSignature = v;
      return this;
    }

    public Builder answerSignature(String v) {
      answerSignature = v;
      return this;
    }

    public Builder providerSignature(String v) {
      providerSignature = v;
      return this;
    }

    public Builder chain(ChainLink v) {
      chain = v;
      return this;
    }

    public Builder payload(CapturedPayload v) {
      payload = v;
      return this;
    }

    public ExchangeRecord build() {
      return new ExchangeRecord(
          id, kind, messageId, clientId, claimedClientId, serviceId, userId, issue, method, path, status, errorType,
          requestSize, responseSize, requestInAt, requestOutAt, responseInAt, responseOutAt,
          requestHash, responseHash, subjectHash, traceparent, covertUntil, actor, action, reason,
          shortened, requestSignature, answerSignature, providerSignature, chain, payload);
    }
  }
}
