package vn.lgsp.hub.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Exchange records as they travel through the broker: JSON written and read field by field with
 * Jackson's streaming API, instants as epoch microseconds. Parsing records was the largest cost of
 * the exchange-log writer with data binding (bench/README.md). Reading also accepts instants as
 * ISO 8601 text, the form other tools write.
 */
public final class RecordCodec {

  private static final JsonFactory JSON = new JsonFactory();

  private RecordCodec() {}

  public static byte[] write(ExchangeRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      text(g, "id", r.id() == null ? null : r.id().toString());
      text(g, "kind", r.kind());
      text(g, "messageId", r.messageId());
      text(g, "clientId", r.clientId());
      text(g, "claimedClientId", r.claimedClientId());
      text(g, "serviceId", r.serviceId());
      text(g, "userId", r.userId());
      text(g, "issue", r.issue());
      text(g, "method", r.method());
      text(g, "path", r.path());
      g.writeNumberField("status", r.status());
      text(g, "errorType", r.errorType());
      g.writeNumberField("requestSize", r.requestSize());
      g.writeNumberField("responseSize", r.responseSize());
      instant(g, "requestInAt", r.requestInAt());
      instant(g, "requestOutAt", r.requestOutAt());
      instant(g, "responseInAt", r.responseInAt());
      instant(g, "responseOutAt", r.responseOutAt());
      text(g, "requestHash", r.requestHash());
      text(g, "responseHash", r.responseHash());
      text(g, "subjectHash", r.subjectHash());
      text(g, "traceparent", r.traceparent());
      text(g, "covertUntil", r.covertUntil() == null ? null : r.covertUntil().toString());
      text(g, "actor", r.actor());
      text(g, "action", r.action());
      text(g, "reason", r.reason());
      if (r.payload() != null) {
        g.writeObjectFieldStart("payload");
        text(g, "keyId", r.payload().keyId());
        text(g, "request", r.payload().request());
        text(g, "response", r.payload().response());
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The record in {@code json}; fails on anything that is not a record object. */
  public static ExchangeRecord read(String json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a record");
      }
      ExchangeRecord.Builder b = ExchangeRecord.builder().id(null);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "id" -> b.id(value == JsonToken.VALUE_NULL ? null : UUID.fromString(p.getText()));
          case "kind" -> b.kind(string(p));
          case "messageId" -> b.messageId(string(p));
          case "clientId" -> b.clientId(string(p));
          case "claimedClientId" -> b.claimedClientId(string(p));
          case "serviceId" -> b.serviceId(string(p));
          case "userId" -> b.userId(string(p));
          case "issue" -> b.issue(string(p));
          case "method" -> b.method(string(p));
          case "path" -> b.path(string(p));
          case "status" -> b.status(p.getIntValue());
          case "errorType" -> b.errorType(string(p));
          case "requestSize" -> b.requestSize(p.getLongValue());
          case "responseSize" -> b.responseSize(p.getLongValue());
          case "requestInAt" -> b.requestInAt(instant(p));
          case "requestOutAt" -> b.requestOutAt(instant(p));
          case "responseInAt" -> b.responseInAt(instant(p));
          case "responseOutAt" -> b.responseOutAt(instant(p));
          case "requestHash" -> b.requestHash(string(p));
          case "responseHash" -> b.responseHash(string(p));
          case "subjectHash" -> b.subjectHash(string(p));
          case "traceparent" -> b.traceparent(string(p));
          case "covertUntil" -> b.covertUntil(value == JsonToken.VALUE_NULL ? null : LocalDate.parse(p.getText()));
          case "actor" -> b.actor(string(p));
          case "action" -> b.action(string(p));
          case "reason" -> b.reason(string(p));
          case "payload" -> b.payload(payload(p));
          default -> p.skipChildren();
        }
      }
      return b.build();
    } catch (RuntimeException e) {
      throw new IOException("not a valid record", e);
    }
  }

  private static ExchangeRecord.CapturedPayload payload(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String keyId = null;
    String request = null;
    String response = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "keyId" -> keyId = string(p);
        case "request" -> request = string(p);
        case "response" -> response = string(p);
        default -> p.skipChildren();
      }
    }
    return new ExchangeRecord.CapturedPayload(keyId, request, response);
  }

  private static String string(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new IOException("a text field holds " + p.currentToken());
    }
    return p.getText();
  }

  private static Instant instant(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT -> {
        long micros = p.getLongValue();
        yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
      }
      case VALUE_STRING -> Instant.parse(p.getText());
      default -> throw new IOException("an instant field holds " + p.currentToken());
    };
  }

  private static void text(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value.getEpochSecond() * 1_000_000L + value.getNano() / 1000);
    }
  }
}
