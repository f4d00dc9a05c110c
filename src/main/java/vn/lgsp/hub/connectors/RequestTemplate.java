package vn.lgsp.hub.connectors;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {name}} placeholders of a request template with XML-escaped input values. */
final class RequestTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  private RequestTemplate() {}

  static String render(String template, Map<String, String> inputs) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    while (m.find()) {
      String value = inputs.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("template input '" + m.group(1) + "' is not declared");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
