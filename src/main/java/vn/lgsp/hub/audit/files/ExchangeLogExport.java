package vn.lgsp.hub.audit.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordField;

/**
 * Streams the log for a time range: as JSON lines with the chain (an {@link ExportFile}, verifiable
 * on its own: the smallest stretch of the chain that holds every record of the range, carried on to
 * the first seal after it; docs/EVIDENCE-FORMAT.md, section 7), or as CSV for spreadsheets.
 */
@Component
public class ExchangeLogExport {

  /** What makes a spreadsheet read a cell as a formula (OWASP: = + - @ tab carriage return). */
  private static final String FORMULA_START = "=+-@\t\r";

  /** Where a reader that splits on either separator, or on lines, may start a new cell. */
  private static final String CELL_BREAK = ",;\n\r";

  private static final List<String> CSV_COLUMNS = Stream.concat(Stream.of("chainSeq", "recordHash"),
      Arrays.stream(RecordField.values()).map(f -> f.name)).toList();

  private final ChainReader reader;
  private final StretchExporter stretches;
  private final ExchangeChain chain;

  public ExchangeLogExport(ChainReader reader, StretchExporter stretches, ExchangeChain chain) {
    this.reader = reader;
    this.stretches = stretches;
    this.chain = chain;
  }

  /**
   * Writes the chain stretch of {@code [from, to)} as JSON lines; answers the number of records. The
   * chain head is sealed first if anything is unsealed, and the stretch runs on to the first seal at
   * or after its last selected record, so that every selected record is covered by a seal in the file.
   */
  public long jsonLines(Instant from, Instant to, OutputStream out) {
    chain.sealNow();
    return reader.inSnapshot(s -> {
      ExchangeChain.Head head = s.head();
      long[] stretch = s.stretchFor(from, to);
      long base = stretch == null ? head.lastSeq() : stretch[0] - 1;
      long last = stretch == null ? base : stretch[1];
      Long seal = stretch == null ? null : s.firstSealFrom(last);
      if (seal != null && seal <= head.lastSeq()) {
        last = seal;
      }
      String baseHash = base == head.baseSeq() ? head.baseHash() : s.hashAt(base);
      Map<String, Object> range = new LinkedHashMap<>();
      range.put("from", from.toString());
      range.put("to", to.toString());
      range.put("firstSeq", stretch == null ? null : stretch[0]);
      range.put("lastSeq", stretch == null ? null : stretch[1]);
      return stretches.write(s, base, baseHash, last, range, out);
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

  /**
   * RFC 4180 quoting, defused for spreadsheet programs (OWASP CSV injection rules): a cell that
   * starts with a formula character gets a leading apostrophe, and so does every part after a
   * {@code ,}, {@code ;} or line break, because readers in locales that split on {@code ;} (the Vietnamese one)
   * or ignore quotes would start a new cell there. A field holding either separator is quoted.
   * Hand-written on purpose: Commons CSV and Jackson CSV quote only on their own delimiter, not on {@code ;}.
   */
  static String csvField(String value) {
    StringBuilder v = new StringBuilder(value.length() + 4);
    boolean cellStart = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (cellStart && FORMULA_START.indexOf(c) >= 0 && !value.equals("-")) {
        v.append('\'');
      }
      v.append(c);
      cellStart = CELL_BREAK.indexOf(c) >= 0 || (cellStart && (c == ' ' || c == '"'));
    }
    String defused = v.toString();
    if (defused.chars().anyMatch(c -> ",;\"\n\r\t".indexOf(c) >= 0)) {
      return '"' + defused.replace("\"", "\"\"") + '"';
    }
    return defused;
  }
}
