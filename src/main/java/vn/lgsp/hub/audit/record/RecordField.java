package vn.lgsp.hub.audit.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields of an exchange record in the one order its stored forms share: the broker's JSON
 * ({@link RecordCodec}), the table columns ({@link vn.lgsp.hub.audit.chain.RecordRows}, the writer's COPY) and the CSV
 * export. A new field is added here once. {@link vn.lgsp.hub.audit.chain.ChainHash} keeps its own list on purpose: the
 * canonical form is frozen per version, and a field joins it only with a new version.
 */
public enum RecordField {
  ID("id", Type.UUID, ExchangeRecord::id, (b, v) -> b.id((UUID) v)),
  KIND("kind", Type.TEXT, ExchangeRecord::kind, (b, v) -> b.kind((String) v)),
  MESSAGE_ID("messageId", Type.TEXT, ExchangeRecord::messageId, (b, v) -> b.messageId((String) v)),
  CLIENT_ID("clientId", Type.TEXT, ExchangeRecord::clientId, (b, v) -> b.clientId((String) v)),
  CLAIMED_CLIENT_ID("claimedClientId", Type.TEXT, ExchangeRecord::claimedClientId,
      (b, v) -> b.claimedClientId((String) v)),
  SERVICE_ID("serviceId", Type.TEXT, ExchangeRecord::serviceId, (b, v) -> b.serviceId((String) v)),
  USER_ID("userId", Type.TEXT, ExchangeRecord::userId, (b, v) -> b.userId((String) v)),
  ISSUE("issue", Type.TEXT, ExchangeRecord::issue, (b, v) -> b.issue((String) v)),
  METHOD("method", Type.TEXT, ExchangeRecord::method, (b, v) -> b.method((String) v)),
  PATH("path", Type.TEXT, ExchangeRecord::path, (b, v) -> b.path((String) v)),
  STATUS("status", Type.INT, ExchangeRecord::status, (b, v) -> b.status((Integer) v)),
  ERROR_TYPE("errorType", Type.TEXT, ExchangeRecord::errorType, (b, v) -> b.errorType((String) v)),
  REQUEST_SIZE("requestSize", Type.LONG, ExchangeRecord::requestSize, (b, v) -> b.requestSize((Long) v)),
  RESPONSE_SIZE("responseSize", Type.LONG, ExchangeRecord::responseSize, (b, v) -> b.responseSize((Long) v)),
  REQUEST_IN_AT("requestInAt", Type.INSTANT, ExchangeRecord::requestInAt,
      (b, v) -> b.requestInAt((Instant) v)),
  REQUEST_OUT_AT("requestOutAt", Type.INSTANT, ExchangeRecord::requestOutAt,
      (b, v) -> b.requestOutAt((Instant) v)),
  RESPONSE_IN_AT("responseInAt", Type.INSTANT, ExchangeRecord::responseInAt,
      (b, v) -> b.responseInAt((Instant) v)),
  RESPONSE_OUT_AT("responseOutAt", Type.INSTANT, ExchangeRecord::responseOutAt,
      (b, v) -> b.responseOutAt((Instant) v)),
  REQUEST_HASH("requestHash", Type.TEXT, ExchangeRecord::requestHash, (b, v) -> b.requestHash((String) v)),
  RESPONSE_HASH("responseHash", Type.TEXT, ExchangeRecord::responseHash, (b, v) -> b.responseHash((String) v)),
  SUBJECT_HASH("subjectHash", Type.TEXT, ExchangeRecord::subjectHash, (b, v) -> b.subjectHash((String) v)),
  TRACEPARENT("traceparent", Type.TEXT, ExchangeRecord::traceparent, (b, v) -> b.traceparent((String) v)),
  COVERT_UNTIL("covertUntil", Type.DATE, ExchangeRecord::covertUntil,
      (b, v) -> b.covertUntil((LocalDate) v)),
  ACTOR("actor", Type.TEXT, ExchangeRecord::actor, (b, v) -> b.actor((String) v)),
  ACTION("action", Type.TEXT, ExchangeRecord::action, (b, v) -> b.action((String) v)),
  REASON("reason", Type.TEXT, ExchangeRecord::reason, (b, v) -> b.reason((String) v)),
  SHORTENED("shortened", Type.TEXT, ExchangeRecord::shortened, (b, v) -> b.shortened((String) v)),
  REQUEST_SIGNATURE("requestSignature", Type.TEXT, ExchangeRecord::requestSignature,
      (b, v) -> b.requestSignature((String) v)),
  ANSWER_SIGNATURE("answerSignature", Type.TEXT, ExchangeRecord::answerSignature,
      (b, v) -> b.answerSignature((String) v)),
  PROVIDER_SIGNATURE("providerSignature", Type.TEXT, ExchangeRecord::providerSignature,
      (b, v) -> b.providerSignature((String) v));

  /** How a field's value is held: decides its JSON, SQL and text forms. */
  public enum Type {
    TEXT, UUID, INT, LONG, INSTANT, DATE
  }

  private static final Map<String, RecordField> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(f -> f.name, f -> f));

  /** The JSON and CSV name. */
  public final String name;

  /** The column of {@code exchange_record}: the name in snake case. */
  public final String column;

  public final Type type;
  private final Function<ExchangeRecord, Object> getter;
  private final BiConsumer<ExchangeRecord.Builder, Object> setter;

  RecordField(String name, Type type, Function<ExchangeRecord, Object> getter,
      BiConsumer<ExchangeRecord.Builder, Object> setter) {
    this.name = name;
    this.column = name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    this.type = type;
    this.getter = getter;
    this.setter = setter;
  }

  /** The field named {@code name} in JSON, or null. */
  static RecordField named(String name) {
    return BY_NAME.get(name);
  }

  /** The value in {@code record}; numbers boxed, absent values null. */
  public Object get(ExchangeRecord record) {
    return getter.apply(record);
  }

  /** Sets the value on {@code builder}; the value must be of the field's {@link #type}. */
  public void set(ExchangeRecord.Builder builder, Object value) {
    setter.accept(builder, value);
  }
}
