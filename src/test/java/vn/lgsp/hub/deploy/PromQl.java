package vn.lgsp.hub.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana query) reads. Label matchers, grouping
 * labels, ranges, strings and Grafana's variables are cut away first; what remains is functions
 * (followed by a parenthesis), keywords, numbers and metric names.
 */
final class PromQl {

  /** Operators, and the aggregations (written "sum by (x) (...)", so not always before a parenthesis). */
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "sum", "min", "max", "avg", "group", "stddev",
      "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private PromQl() {}

  static Set<String> metricNames(String expr) {
    String rest = expr
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", "")
        .replaceAll("\\[[^]]*]", "")
        .replaceAll("\\$\\{[^}]*}|\\$[a-zA-Z_]+", "")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1");
    // Grafana's label_values(metric, label): only its first argument is a metric
    rest = rest.replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,[^)]*\\)", "$1");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(rest);
    while (m.find()) {
      String word = m.group();
      boolean function = rest.substring(m.end()).stripLeading().startsWith("(");
      boolean partOfNumber = m.start() > 0 && Character.isDigit(rest.charAt(m.start() - 1));
      if (!function && !partOfNumber && !KEYWORDS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }
}
