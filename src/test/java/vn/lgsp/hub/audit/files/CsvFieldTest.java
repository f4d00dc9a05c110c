package vn.lgsp.hub.audit.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV export against formula injection, read as spreadsheets in `,` and `;` locales would. */
class CsvFieldTest {

  private static final String FORMULA_START = "=+-@\t\r";

  @ParameterizedTest
  @ValueSource(strings = {
      "HS-4;=HYPERLINK(\"http://x\",\"y\")", "=1+1", "+1", "-1+2", "@SUM(A1)", "a,=b", "a; =b", "a;\"=b",
      "\t=1", "HS-2026-99", "Hồ sơ; @x", ";;=;;+"})
  void noCellStartsAFormulaForEitherSeparator(String value) {
    String field = ExchangeLogExport.csvField(value);
    for (char separator : new char[] {',', ';'}) {
      for (String cell : naiveSplit(field, separator)) {
        assertThat(startsFormula(cell)).as("cell %s of %s split on %s", cell, field, separator).isFalse();
      }
      for (String cell : quoteAwareSplit(field, separator)) {
        assertThat(startsFormula(cell)).as("cell %s of %s split on %s", cell, field, separator).isFalse();
      }
    }
  }

  @Test
  void plainValuesStayAsTheyAre() {
    assertThat(ExchangeLogExport.csvField("VN/GOV/UBND-HN/MOTCUA")).isEqualTo("VN/GOV/UBND-HN/MOTCUA");
    assertThat(ExchangeLogExport.csvField("2026-12-02T10:00:00Z")).isEqualTo("2026-12-02T10:00:00Z");
    assertThat(ExchangeLogExport.csvField("-")).isEqualTo("-");
    assertThat(ExchangeLogExport.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
  }

  @Test
  void randomTextNeverYieldsAFormulaCell() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String alphabet = "=+-@;,\"' \tab1\r\n";
    for (int n = 0; n < 5_000; n++) {
      StringBuilder value = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (value.toString().equals("-")) {
        continue;
      }
      String field = ExchangeLogExport.csvField(value.toString());
      for (char separator : new char[] {',', ';'}) {
        for (String cell : quoteAwareSplit(field, separator)) {
          assertThat(startsFormula(cell)).as("seed %d: %s -> %s", seed, value, field).isFalse();
        }
        for (String cell : naiveSplit(field, separator)) {
          assertThat(startsFormula(cell)).as("seed %d: %s -> %s", seed, value, field).isFalse();
        }
      }
    }
  }

  /** A spreadsheet trims blanks and quotes before deciding a cell is a formula. */
  private static boolean startsFormula(String cell) {
    String trimmed = cell.replaceFirst("^[ \"]+", "");
    return !trimmed.isEmpty() && FORMULA_START.indexOf(trimmed.charAt(0)) >= 0 && !trimmed.equals("-");
  }

  private static List<String> naiveSplit(String line, char separator) {
    return List.of(line.split("[\\r\\n" + separator + "]", -1));
  }

  private static List<String> quoteAwareSplit(String line, char separator) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == separator && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
