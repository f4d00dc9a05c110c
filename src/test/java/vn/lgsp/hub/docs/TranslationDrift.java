package vn.lgsp.hub.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.lgsp.hub.docs.MarkdownSections.Section;

/**
 * Where a translation no longer matches its original: sections paired by anchor (same ids, once each, same order,
 * same heading levels), code blocks per section (same number, same language, same command lines), and the
 * language switch at the top of each file. Every difference names its section.
 */
final class TranslationDrift {

  private TranslationDrift() {}

  static List<String> between(MarkdownSections original, MarkdownSections translation) {
    List<String> differences = new ArrayList<>();
    for (MarkdownSections doc : List.of(original, translation)) {
      doc.problems().forEach(p -> differences.add(doc.name() + ": " + p));
      duplicates(doc, differences);
    }
    languageSwitch(original, translation, differences);
    languageSwitch(translation, original, differences);
    Map<String, Section> originals = firstById(original);
    Map<String, Section> translations = firstById(translation);
    missing(originals, translations, original.name(), translation.name(), differences);
    missing(translations, originals, translation.name(), original.name(), differences);
    order(originals, translations, original.name(), translation.name(), differences);
    for (Section o : originals.values()) {
      Section t = translations.get(o.id());
      if (t != null) {
        pair(o, t, original.name(), translation.name(), differences);
      }
    }
    return differences;
  }

  private static void duplicates(MarkdownSections doc, List<String> differences) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    doc.sections().forEach(s -> counts.merge(s.id(), 1, Integer::sum));
    counts.forEach((id, n) -> {
      if (n > 1) {
        differences.add("section '" + id + "': its anchor appears " + n + " times in " + doc.name() + " (once expected)");
      }
    });
  }

  /** Each file links to the other before its first section ("English: [README.md](README.md)"). */
  private static void languageSwitch(MarkdownSections from, MarkdownSections to, List<String> differences) {
    String target = to.name().substring(to.name().lastIndexOf('/') + 1);
    if (!from.preamble().contains("](" + target + ")")) {
      differences.add(from.name() + ": no language switch to " + target + " above the first section");
    }
  }

  private static void missing(
      Map<String, Section> in, Map<String, Section> other, String inName, String otherName, List<String> differences) {
    in.values().stream()
        .filter(s -> !other.containsKey(s.id()))
        .forEach(s -> differences.add(
            "section '" + s.id() + "': in " + inName + " (line " + s.line() + ", '" + s.heading() + "'), missing in " + otherName));
  }

  /** Reports the first section out of place only: one moved section would otherwise shift all that follow. */
  private static void order(
      Map<String, Section> originals, Map<String, Section> translations, String oName, String tName, List<String> differences) {
    List<String> o = originals.keySet().stream().filter(translations::containsKey).toList();
    List<String> t = translations.keySet().stream().filter(originals::containsKey).toList();
    for (int i = 0; i < o.size(); i++) {
      if (!o.get(i).equals(t.get(i))) {
        differences.add("section '" + o.get(i) + "': comes " + after(o, i) + " in " + oName + " but "
            + after(t, t.indexOf(o.get(i))) + " in " + tName + " (same order expected)");
        return;
      }
    }
  }

  private static String after(List<String> ids, int i) {
    return i == 0 ? "first" : "after '" + ids.get(i - 1) + "'";
  }

  private static void pair(Section o, Section t, String oName, String tName, List<String> differences) {
    String id = "section '" + o.id() + "'";
    if (o.level() != t.level()) {
      differences.add(id + ": heading level " + o.level() + " in " + oName + ", " + t.level() + " in " + tName);
    }
    if (o.codeBlocks().size() != t.codeBlocks().size()) {
      differences.add(id + ": " + o.codeBlocks().size() + " code blocks in " + oName + ", " + t.codeBlocks().size() + " in " + tName);
      return;
    }
    for (int k = 0; k < o.codeBlocks().size(); k++) {
      CodeBlock ob = o.codeBlocks().get(k);
      CodeBlock tb = t.codeBlocks().get(k);
      String block = id + ", code block " + (k + 1) + " (" + oName + " line " + ob.line() + ", " + tName + " line " + tb.line() + ")";
      if (!ob.info().equals(tb.info())) {
        differences.add(block + ": language '" + ob.info() + "' vs '" + tb.info() + "'");
      } else {
        commands(ob.commands(), tb.commands(), block, oName, tName, differences);
      }
    }
  }

  private static void commands(
      List<String> o, List<String> t, String block, String oName, String tName, List<String> differences) {
    for (int i = 0; i < Math.max(o.size(), t.size()); i++) {
      String ol = i < o.size() ? o.get(i) : "(nothing)";
      String tl = i < t.size() ? t.get(i) : "(nothing)";
      if (!ol.equals(tl)) {
        differences.add(block + ": command line " + (i + 1) + " differs (only comments may be translated)\n    "
            + oName + ": " + ol + "\n    " + tName + ": " + tl);
        return;
      }
    }
  }

  private static Map<String, Section> firstById(MarkdownSections doc) {
    Map<String, Section> byId = new LinkedHashMap<>();
    doc.sections().forEach(s -> byId.putIfAbsent(s.id(), s));
    return byId;
  }
}
