package vn.lgsp.hub.audit.record;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What a storable record looks like. A record is never refused for what a caller sent: a text
 * field longer than its column (a masked value can be longer than the value the edge accepted) or
 * holding what PostgreSQL refuses (NUL) or cannot encode (an unpaired surrogate) is stored cleaned
 * and shortened, and listed in {@link ExchangeRecord#shortened} with its original length and the
 * keyed hash of its full value. Only a record the hub built wrongly (a required field missing, an
 * unknown kind, a status or size out of range) is refused: that is a fault of the hub.
 */
public final class RecordLimits {

  /** Ends a shortened value, so that a reader of the field sees at once that it was cut. */
  static final String CUT = "…";

  private static final char REPLACEMENT = '\uFFFD';

  private static final Set<String> KINDS = Set.of(ExchangeRecord.EXCHANGE, ExchangeRecord.ADMIN, ExchangeRecord.EVENT);

  /** The characters each text column holds (V1, V2, V17 migrations); kind is checked, not shortened. */
  private static final Map<RecordField, Integer> COLUMN_CHARS = new EnumMap<>(Map.ofEntries(
      Map.entry(RecordField.MESSAGE_ID, 128),
      Map.entry(RecordField.CLIENT_ID, 300),
      Map.entry(RecordField.CLAIMED_CLIENT_ID, 300),
      Map.entry(RecordField.SERVICE_ID, 400),
      Map.entry(RecordField.USER_ID, 128),
      Map.entry(RecordField.ISSUE, 256),
      Map.entry(RecordField.METHOD, 16),
      Map.entry(RecordField.PATH, 2048),
      Map.entry(RecordField.ERROR_TYPE, 64),
      Map.entry(RecordField.REQUEST_HASH, 100),
      Map.entry(RecordField.RESPONSE_HASH, 100),
      Map.entry(RecordField.SUBJECT_HASH, 64),
      Map.entry(RecordField.TRACEPARENT, 64),
      Map.entry(RecordField.ACTOR, 128),
      Map.entry(RecordField.ACTION, 64),
      Map.entry(RecordField.REASON, 512),
      Map.entry(RecordField.REQUEST_SIGNATURE, 2048),
      Map.entry(RecordField.ANSWER_SIGNATURE, 1024),
      Map.entry(RecordField.PROVIDER_SIGNATURE, 2048)));

  private RecordLimits() {}

  /** The characters the column of {@code field} holds. */
  static int columnChars(RecordField field) {
    return COLUMN_CHARS.get(field);
  }

  /** Why the hub built a record that is not one (a fault of the hub, not of a caller), or null. */
  public static String faultIn(ExchangeRecord r) {
    if (r.id() == null || r.messageId() == null || r.method() == null || r.path() == null
        || r.requestInAt() == null || r.responseOutAt() == null) {
      return "a required field is missing";
    }
    if (!KINDS.contains(r.kind())) {
      return "unknown kind";
    }
    if (r.status() < 100 || r.status() > 599 || r.requestSize() < 0 || r.responseSize() < 0) {
      return "status or size out of range";
    }
    return null;
  }

  /**
   * The record as the log can store it: itself when every field fits whole, else a copy with the
   * misfits cleaned and shortened and listed in {@code shortened}. Applying it twice changes
   * nothing more, so a redelivered record is stored (and hashed) the same.
   */
  public static ExchangeRecord storable(ExchangeRecord r, SubjectHasher hasher) {
    StringBuilder shortened = null;
    ExchangeRecord.Builder b = null;
    for (Map.Entry<RecordField, Integer> column : COLUMN_CHARS.entrySet()) {
      String value = (String) column.getKey().get(r);
      String stored = value == null ? null : fit(value, column.getValue());
      if (stored == null || stored.equals(value)) {
        continue;
      }
      b = b == null ? r.toBuilder() : b;
      column.getKey().set(b, stored);
      shortened = shortened == null ? new StringBuilder() : shortened.append(' ');
      shortened.append(column.getKey().name).append('=').append(value.length()).append(':').append(hasher.hash(value));
    }
    if (b == null) {
      return r;
    }
    return b.shortened(r.shortened() == null ? shortened.toString() : r.shortened() + " " + shortened).build();
  }

  /** {@code value} cleaned of what PostgreSQL refuses and cut to {@code max} characters. */
  static String fit(String value, int max) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean pairHigh = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
      boolean pairLow = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
      boolean refused = c == '\0' || (Character.isSurrogate(c) && !pairHigh && !pairLow);
      if (refused && out == null) {
        out = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (out != null) {
        out.append(refused ? REPLACEMENT : c);
      }
    }
    String clean = out == null ? value : out.toString();
    if (clean.length() <= max) {
      return clean;
    }
    int end = max - CUT.length();
    if (Character.isHighSurrogate(clean.charAt(end - 1))) {
      end--; // never split a pair: half of it is what PostgreSQL cannot encode
    }
    return clean.substring(0, end) + CUT;
  }
}
