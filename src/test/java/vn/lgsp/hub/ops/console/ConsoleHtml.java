package vn.lgsp.hub.ops.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one of the console's pages for its words: the keys it names ({@code data-i18n},
 * {@code data-i18n-attr}) and any visible text or attribute a reader would see that no key covers.
 * A tokenizer enough for the console's own pages (no inline scripts: the CSP forbids them), not a
 * general HTML parser; jsoup is not a dependency and one page check does not justify it.
 */
final class ConsoleHtml {

  record Scan(List<String> keys, List<String> findings) {}

  private static final Pattern TOKEN = Pattern.compile(
      "<!--.*?-->|<![^>]*>|</\\s*([a-zA-Z][a-zA-Z0-9-]*)\\s*>"
          + "|<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=>/]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'>]+))?)*)\\s*/?>"
          + "|([^<]+|<)",
      Pattern.DOTALL);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([^\\s=>/]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
  private static final Pattern ENTITY = Pattern.compile("&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("([a-z-]+):(\\S+)");
  private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
      "meta", "source", "track", "wbr");
  private static final Set<String> RAW_TEXT = Set.of("script", "style");
  /** Attributes a reader sees or hears (tooltips, placeholders, screen readers, buttons' labels). */
  private static final Set<String> SHOWN = Set.of("title", "placeholder", "aria-label", "alt");

  private record Element(String name, String key) {}

  private final String file;
  private final String html;
  private final Deque<Element> open = new ArrayDeque<>();
  private final List<String> keys = new ArrayList<>();
  private final List<String> findings = new ArrayList<>();

  private ConsoleHtml(String file, String html) {
    this.file = file;
    this.html = html;
  }

  static Scan scan(String file, String html) {
    ConsoleHtml page = new ConsoleHtml(file, html);
    page.read();
    return new Scan(List.copyOf(page.keys), List.copyOf(page.findings));
  }

  private void read() {
    Matcher token = TOKEN.matcher(html);
    int position = 0;
    while (position < html.length() && token.find(position)) {
      position = token.end();
      if (token.group(1) != null) {
        close(token.group(1).toLowerCase(Locale.ROOT));
      } else if (token.group(2) != null) {
        String name = token.group(2).toLowerCase(Locale.ROOT);
        boolean selfClosed = token.group().endsWith("/>");
        startTag(name, attributes(token.group(3)), token.start(), selfClosed);
        if (RAW_TEXT.contains(name)) {
          // a script's or style's content is not text a reader sees
          int end = html.toLowerCase(Locale.ROOT).indexOf("</" + name, position);
          position = end < 0 ? html.length() : end;
        }
      } else if (token.group(4) != null) {
        text(token.group(4), token.start());
      }
    }
  }

  private void startTag(String name, Map<String, String> attributes, int at, boolean selfClosed) {
    Element parent = open.peek();
    if (parent != null && parent.key() != null) {
      finding(at, "<" + name + "> inside <" + parent.name() + " data-i18n=\"" + parent.key()
          + "\">: the bundle's text replaces it; give it its own element");
    }
    String key = attributes.get("data-i18n");
    if (key != null) {
      keys.add(key);
    }
    Set<String> covered = attributeKeys(attributes.get("data-i18n-attr"), at);
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (shown(name, attribute.getKey(), attributes) && hasLetters(attribute.getValue())
          && !covered.contains(attribute.getKey())) {
        finding(at, attribute.getKey() + "=\"" + attribute.getValue() + "\" on <" + name
            + "> is shown to the reader but not in data-i18n-attr");
      }
    }
    if (!VOID.contains(name) && !selfClosed) {
      open.push(new Element(name, key));
    }
  }

  private static boolean shown(String element, String attribute, Map<String, String> attributes) {
    return SHOWN.contains(attribute) || "value".equals(attribute) && "input".equals(element)
        && Set.of("button", "submit", "reset").contains(attributes.getOrDefault("type", ""));
  }

  /** The attributes named in {@code data-i18n-attr="placeholder:key title:key"}; their keys are used keys. */
  private Set<String> attributeKeys(String declaration, int at) {
    if (declaration == null) {
      return Set.of();
    }
    Set<String> covered = new HashSet<>();
    for (String pair : declaration.trim().split("\\s+")) {
      Matcher m = ATTRIBUTE_KEY.matcher(pair);
      if (m.matches()) {
        covered.add(m.group(1));
        keys.add(m.group(2));
      } else {
        finding(at, "data-i18n-attr \"" + pair + "\" is not attribute:key");
      }
    }
    return covered;
  }

  private void close(String name) {
    if (open.stream().anyMatch(e -> e.name().equals(name))) {
      // elements closed implicitly (such as <p> or <li>) end with their parent
      Element closed;
      do {
        closed = open.pop();
      } while (!closed.name().equals(name));
    }
  }

  private void text(String text, int at) {
    String visible = ENTITY.matcher(text).replaceAll(" ").strip();
    if (!hasLetters(visible)) {
      return; // whitespace, symbols and numbers need no translation
    }
    Element parent = open.peek();
    String where = parent == null ? "the page" : "<" + parent.name() + ">";
    if (parent != null && parent.key() != null) {
      finding(at, "text \"" + visible + "\" in " + where + " is replaced by the bundle's \"" + parent.key()
          + "\": leave it empty");
    } else {
      finding(at, "visible text \"" + visible + "\" in " + where + " is in no bundle: give it a data-i18n key");
    }
  }

  private static boolean hasLetters(String text) {
    return text != null && LETTER.matcher(text).find();
  }

  private static Map<String, String> attributes(String source) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(source == null ? "" : source);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      attributes.put(m.group(1).toLowerCase(Locale.ROOT), value == null ? "" : value);
    }
    return attributes;
  }

  private void finding(int offset, String message) {
    int line = 1 + (int) html.substring(0, offset).chars().filter(c -> c == '\n').count();
    findings.add(file + ":" + line + ": " + message);
  }
}
