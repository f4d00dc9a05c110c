package vn.lgsp.hub.ops.console;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the console's words in its bundles: the same keys in every language, no empty or
 * decomposed (NFD) text, every key the pages and scripts use present, every key present used, and
 * no visible text in a page that no key covers. Reads sources as given, so a test can feed it bad ones.
 */
final class ConsoleTextCheck {

  /** Keys name their place: at least one dot, so a raw key on screen never passes for a word. */
  private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]*(\\.[a-zA-Z0-9]+)+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
  /** t('key') or t("key"); anything else after t( is a key computed at run time, which no check can follow. */
  private static final Pattern T_CALL =
      Pattern.compile("(?<![\\w$.])t\\(\\s*(?:(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")\\s*[,)]|([^)]{0,40}))");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|(?m)(?:^|(?<=\\s))//[^\n]*$", Pattern.DOTALL);
  private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final List<String> findings = new ArrayList<>();
  private final Map<String, Map<String, String>> bundles = new TreeMap<>();
  private final Map<String, Set<String>> usedBy = new TreeMap<>();

  private ConsoleTextCheck() {}

  /**
   * @param bundles language to its bundle's JSON
   * @param pages file name to HTML
   * @param scripts file name to JavaScript
   */
  static List<String> findings(Map<String, String> bundles, Map<String, String> pages, Map<String, String> scripts) {
    ConsoleTextCheck check = new ConsoleTextCheck();
    bundles.forEach(check::readBundle);
    check.compareLanguages();
    pages.forEach((file, html) -> {
      ConsoleHtml.Scan scan = ConsoleHtml.scan(file, html);
      scan.keys().forEach(key -> check.use(key, file));
      check.findings.addAll(scan.findings());
    });
    scripts.forEach(check::readScript);
    check.checkUses();
    return List.copyOf(check.findings);
  }

  private void readBundle(String language, String json) {
    JsonNode tree;
    try {
      tree = STRICT.readTree(json);
    } catch (JacksonException e) {
      findings.add(language + ": not a JSON bundle: " + e.getOriginalMessage());
      return;
    }
    if (!tree.isObject()) {
      findings.add(language + ": a bundle is one JSON object of key: text");
      return;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    bundles.put(language, texts);
    for (Map.Entry<String, JsonNode> entry : tree.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (!KEY.matcher(key).matches()) {
        findings.add(language + ": key \"" + key + "\" is not dotted lower camel case (such as route.suspend)");
      }
      String text = value.isString() ? value.asString() : "";
      texts.put(key, text);
      if (text.isBlank()) {
        findings.add(language + ": " + key + " is empty or not text");
      } else if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
        findings.add(language + ": " + key + " is not in NFC: its diacritics are decomposed");
      }
    }
  }

  private void compareLanguages() {
    Set<String> all = new TreeSet<>();
    bundles.values().forEach(texts -> all.addAll(texts.keySet()));
    for (String key : all) {
      Map<String, Set<String>> placeholders = new TreeMap<>();
      bundles.forEach((language, texts) -> {
        if (texts.containsKey(key)) {
          placeholders.put(language, placeholders(texts.get(key)));
        } else {
          findings.add(language + ": " + key + " is missing (it is in another language's bundle)");
        }
      });
      if (placeholders.values().stream().distinct().count() > 1) {
        findings.add(key + ": the languages differ in their placeholders " + placeholders);
      }
    }
  }

  private void readScript(String file, String script) {
    Matcher call = T_CALL.matcher(COMMENT.matcher(script).replaceAll(""));
    while (call.find()) {
      if (call.group(3) != null) {
        findings.add(file + ": t(" + call.group(3) + ") computes its key; name it: t('some.key')");
      } else {
        use(call.group(1) != null ? call.group(1) : call.group(2), file);
      }
    }
  }

  private void use(String key, String file) {
    usedBy.computeIfAbsent(key, k -> new TreeSet<>()).add(file);
  }

  private void checkUses() {
    usedBy.forEach((key, files) -> {
      if (bundles.values().stream().noneMatch(texts -> texts.containsKey(key))) {
        findings.add(key + " (used in " + String.join(", ", files) + ") is in no bundle");
      }
    });
    Set<String> unused = new TreeSet<>();
    bundles.values().forEach(texts -> unused.addAll(texts.keySet()));
    unused.removeAll(usedBy.keySet());
    unused.forEach(key -> findings.add(key + " is used by no page or script"));
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
