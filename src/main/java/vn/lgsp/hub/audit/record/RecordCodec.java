package vn.lgsp.hub.audit.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Exchange records as they travel through the broker: JSON written and read field by field with
 * Jackson's streaming API, instants as epoch microseconds. Parsing records was the largest cost of
 * the exchange-log writer with data binding (bench/README.md). Reading also accepts instants as
 * ISO 8601 text, the form other tools write. Hand-written on purpose: data binding was the measured cost.
 */
public final class RecordCodec {

  private static final JsonFactory JSON = new JsonFactory();

  private RecordCodec() {}

  public static byte[] write(ExchangeRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (RecordField f : RecordField.values()) {
        write(g, f.name, f.get(r));
      }
      if (r.payload() != null) {
        g.writeObjectPropertyStart("payload");
        write(g, "keyId", r.payload().keyId());
        write(g, "request", r.payload().request());
        write(g, "response", r.payload().response());
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
    return read(JSON.createParser(json));
  }

  /** The record in {@code json} (UTF-8, as {@link #write} makes it); fails on anything that is not a record object. */
  public static ExchangeRecord read(byte[] json) throws IOException {
    return read(JSON.createParser(json));
  }

  private static ExchangeRecord read(JsonParser parser) throws IOException {
    try (JsonParser p = parser) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a record");
      }
      ExchangeRecord.Builder b = ExchangeRecord.builder().id(null);
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        RecordField field = RecordField.named(name);
        if (field != null) {
          field.set(b, value(p, field.type));
        } else if ("payload".equals(name)) {
          b.payload(payload(p));
        } else {
          p.skipChildren();
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
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
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
    return p.getString();
  }

  private static Instant instant(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT -> {
        long micros = p.getLongValue();
        yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
      }
      case VALUE_STRING -> Instant.parse(p.getString());
      default -> throw new IOException("an instant field holds " + p.currentToken());
    };
  }

  private static Object value(JsonParser p, RecordField.Type type) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    return switch (type) {
      case TEXT -> string(p);
      case UUID -> UUID.fromString(p.getString());
      case INT -> p.getIntValue();
      case LONG -> p.getLongValue();
      case INSTANT -> instant(p);
      case DATE -> LocalDate.parse(p.getString());
    };
  }

  /** Absent values are left out; numbers are numbers, instants epoch microseconds, the rest text. */
  private static void write(JsonGenerator g, String name, Object value) throws IOException {
    if (value instanceof Instant t) {
      g.writeNumberProperty(name, t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
    } else if (value instanceof Number n) {
      g.writeNumberProperty(name, n.longValue());
    } else if (value != null) {
      g.writeStringProperty(name, value.toString());
    }
  }
}
