package vn.lgsp.hub.audit;

import java.util.Set;

/** What a storable record looks like: the required fields and the column sizes of the schema. */
final class RecordLimits {

  private static final Set<String> KINDS = Set.of(ExchangeRecord.EXCHANGE, ExchangeRecord.ADMIN, ExchangeRecord.EVENT);

  private RecordLimits() {}

  /** Why the record cannot be stored, or null if it can. */
  static String problemWith(ExchangeRecord r) {
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
    boolean fits = fits(r.messageId(), 128) && fits(r.clientId(), 300) && fits(r.claimedClientId(), 300) && fits(r.serviceId(), 400)
        && fits(r.userId(), 128) && fits(r.issue(), 256) && fits(r.method(), 16) && fits(r.path(), 2048)
        && fits(r.errorType(), 64) && fits(r.requestHash(), 100) && fits(r.responseHash(), 100)
        && fits(r.subjectHash(), 64) && fits(r.traceparent(), 64) && fits(r.actor(), 128)
        && fits(r.action(), 64) && fits(r.reason(), 512);
    return fits ? null : "a field is longer than the log allows";
  }

  private static boolean fits(String value, int max) {
    return value == null || value.length() <= max;
  }
}
