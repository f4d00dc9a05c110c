package vn.lgsp.hub.docs;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lgsp.hub.docs.MarkdownSections.Section;

/**
 * Checks that a Vietnamese document is written in Vietnamese: in Unicode NFC (a decomposed "ệ" looks the same but
 * is searched and compared differently), and with Vietnamese diacritics in a fair share of each section's words.
 * A share, not a single letter: an English section still holds Vietnamese names such as "Đỗ Công Sơn".
 */
final class VietnameseProse {

  /**
   * README.vi.md's sections carry diacritics on 67-86% of their words, README.md's under 5% (names); a section
   * left half in English falls below this.
   */
  static final int MIN_PERCENT = 40;

  /** Inline code, link targets, autolinks and comments are not prose; technical identifiers stay English there. */
  private static final Pattern NOT_PROSE = Pattern.compile("``.+?``|`[^`\n]*`|\\]\\([^)\n]*\\)|<https?://[^>\n]*>|<!--.*?-->");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
  /** Grave, acute, tilde, hook above, dot below (tones); circumflex, breve, horn (vowels). */
  private static final String MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031B";

  private VietnameseProse() {}

  static List<String> check(MarkdownSections doc) {
    List<String> problems = new ArrayList<>();
    List<String> lines = doc.text().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!Normalizer.isNormalized(lines.get(i), Normalizer.Form.NFC)) {
        Section s = doc.sectionAt(i + 1);
        problems.add((s == null ? "" : "section '" + s.id() + "': ") + doc.name() + " line " + (i + 1)
            + " is not in Unicode NFC (save it precomposed): " + lines.get(i).strip());
      }
    }
    for (Section s : doc.sections()) {
      int[] counts = count(s.prose());
      int percent = counts[1] == 0 ? 0 : 100 * counts[0] / counts[1];
      if (percent < MIN_PERCENT) {
        problems.add("section '" + s.id() + "': " + counts[0] + " of " + counts[1] + " words (" + percent + "%) in "
            + doc.name() + " carry Vietnamese diacritics, at least " + MIN_PERCENT + "% expected: is it translated?");
      }
    }
    return problems;
  }

  /** Words with Vietnamese diacritics, and all words, in a section's prose. */
  static int[] count(String prose) {
    Matcher words = WORD.matcher(NOT_PROSE.matcher(prose).replaceAll(" "));
    int vietnamese = 0;
    int all = 0;
    while (words.find()) {
      all++;
      if (isVietnamese(words.group())) {
        vietnamese++;
      }
    }
    return new int[] {vietnamese, all};
  }

  static boolean isVietnamese(String word) {
    String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
    return decomposed.chars().anyMatch(c -> c == 'đ' || c == 'Đ' || MARKS.indexOf(c) >= 0);
  }
}
