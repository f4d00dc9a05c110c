package vn.lgsp.hub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * The evidence of one exchange. Personal IDs appear only as keyed hashes ({@link
 * SubjectHasher}); payloads are not part of the record.
 *
 * @param id unique per record, the writer's idempotency key
 * @param messageId the {@code X-Road-Id}
 * @param path the request path with personal IDs replaced by keyed hashes
 * @param subjectHash keyed hash of the personal ID the exchange concerns, null if none
 * @param requestInAt the hub received the request
 * @param requestOutAt the hub sent the request to the provider (null: no provider call)
 * @param responseInAt the provider's answer arrived (null: no provider call)
 * @param responseOutAt the hub answered the caller
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExchangeRecord(
    UUID id,
    String messageId,
    String clientId,
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
    String subjectHash) {}
