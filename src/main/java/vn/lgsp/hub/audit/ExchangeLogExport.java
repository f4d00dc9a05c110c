package vn.lgsp.hub.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Streams the log for a time range: as JSON lines with the chain (an {@link ExportFile}, verifiable
 * on its own: the smallest stretch of the chain that holds every record of the range), or as CSV
 * for spreadsheets.
 */
@Component
public class ExchangeLogExport {

  private static final List<String> CSV_COLUMNS = Stream.concat(Stream.of("chainSeq", "recordHash"),
      Arrays.stream(RecordField.values()).map(f -> f.name)).toList();

  private final ChainReader reader;
  private final StretchExporter stretches;

  public ExchangeLogExport(ChainReader reader, StretchExporter stretches) {
    this.reader = reader;
    this.stretches = stretches;
  }

  /** Writes the chain stretch of {@code [from, to)} as JSON lines; answers the number of records. */
  public long jsonLines(Instant from, Instant to, OutputStream out) {
    return reader.inSnapshot(s -> {
      ExchangeChain.Head head = s.head();
      long[] stretch = s.stretchFor(from, to);
      long base = stretch == null ? head.lastSeq() : stretch[0] - 1;
      long last = stretch == null ? base : stretch[1];
      String baseHash = base == head.baseSeq() ? head.baseHash() : s.hashAt(base);
      return stretches.write(s, base, baseHash, last, out);
    });
  }

  /** Writes the records received in {@code [from, to)} as CSV, in chain order. */
  public void csv(Instant from, Instant to, Writer out) {
    line(out, CSV_COLUMNS);
    reader.inSnapshot(s -> {
      s.received(from, to, r -> line(out, csvValues(r)));
      return null;
    });
  }

  private static List<String> csvValues(ExchangeRecord r) {
    List<String> values = new ArrayList<>(CSV_COLUMNS.size());
    values.add(r.chain() == null ? "" : Long.toString(r.chain().seq()));
    values.add(r.chain() == null ? "" : r.chain().recordHash());
    for (RecordField f : RecordField.values()) {
      values.add(str(f.get(r)));
    }
    return values;
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
        out.write(csvField(values.get(i)));
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
