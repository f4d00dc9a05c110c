package vn.lgsp.hub.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Streams the log for a time range: as JSON lines with the chain (an {@link ExportFile}, verifiable
 * on its own: the smallest stretch of the chain that holds every record of the range), or as CSV
 * for spreadsheets.
 */
@Component
public class ExchangeLogExport {

  private static final List<String> CSV_COLUMNS = List.of(
      "chainSeq", "recordHash", "id", "kind", "messageId", "clientId", "claimedClientId", "serviceId", "userId", "issue", "method",
      "path", "status", "errorType", "requestSize", "responseSize", "requestInAt", "requestOutAt", "responseInAt",
      "responseOutAt", "requestHash", "responseHash", "subjectHash", "traceparent", "covertUntil", "actor",
      "action", "reason");

  private final ChainReader reader;
  private final ExchangeLogQuery query;
  private final SealKey sealKey;
  private final long maxUnsealedRun;
  private final Clock clock;

  public ExchangeLogExport(ChainReader reader, ExchangeLogQuery query, SealKey sealKey, AuditProperties audit,
      Clock clock) {
    this.reader = reader;
    this.query = query;
    this.sealKey = sealKey;
    this.maxUnsealedRun = audit.maxUnsealedRun();
    this.clock = clock;
  }

  /** Writes the chain stretch of {@code [from, to)} as JSON lines; answers the number of records. */
  public long jsonLines(Instant from, Instant to, OutputStream out) {
    ExportFile.Writer writer = new ExportFile.Writer(out);
    long[] count = new long[1];
    reader.inSnapshot(s -> {
      long[] stretch = s.stretchFor(from, to);
      long base = stretch == null ? s.head().lastSeq() : stretch[0] - 1;
      long last = stretch == null ? base : stretch[1];
      String baseHash = base == s.head().baseSeq() ? s.head().baseHash() : s.hashAt(base);
      writer.header(base, baseHash, clock.instant(), sealKey.certificatePem(), maxUnsealedRun);
      s.seals(base, last).forEach(writer::seal);
      s.records(base, last, r -> {
        writer.record(r);
        count[0]++;
      });
      writer.footer(sealKey);
      return null;
    });
    return count[0];
  }

  /** Writes the records received in {@code [from, to)} as CSV, in chain order. */
  public void csv(Instant from, Instant to, Writer out) {
    line(out, CSV_COLUMNS);
    query.stream(new ExchangeLogQuery.Filter(null, null, null, null, null, null, null, null, from, to), r -> line(out,
        Arrays.asList(r.chain() == null ? "" : Long.toString(r.chain().seq()), r.chain() == null ? "" : r.chain().recordHash(),
            str(r.id()), r.kind(), r.messageId(), r.clientId(), r.claimedClientId(), r.serviceId(), r.userId(), r.issue(), r.method(),
            r.path(), str(r.status()), r.errorType(), str(r.requestSize()), str(r.responseSize()), str(r.requestInAt()),
            str(r.requestOutAt()), str(r.responseInAt()), str(r.responseOutAt()), r.requestHash(), r.responseHash(),
            r.subjectHash(), r.traceparent(), str(r.covertUntil()), r.actor(), r.action(), r.reason())));
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }

  private static void line(Writer out, List<String> values) {
    try {
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(csvField(Objects.requireNonNullElse(values.get(i), "")));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180 quoting; a leading formula character is defused for spreadsheet programs. */
  static String csvField(String value) {
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.equals("-") ? "'" + value : value;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
