package vn.lgsp.hub.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A fenced code block: its info string ({@code sh}, {@code json} ...), the line of its opening fence, its lines. */
record CodeBlock(String info, int line, List<String> lines) {

  /** Languages whose {@code #} starts a comment that a translation may put in its own words. */
  private static final Set<String> HASH_COMMENTS = Set.of("sh", "bash", "shell", "console", "yaml", "yml", "properties");

  /**
   * The lines a reader copies and runs: blank lines and comment lines left out, a trailing comment cut off, so that
   * a translation may translate comments and nothing else.
   */
  List<String> commands() {
    boolean hashComments = HASH_COMMENTS.contains(info);
    List<String> commands = new ArrayList<>();
    for (String line : lines) {
      String command = hashComments ? withoutComment(line) : line;
      if (!command.isBlank()) {
        commands.add(command.stripTrailing());
      }
    }
    return commands;
  }

  /**
   * Cuts a shell comment: a {@code #} at the start of a word, outside quotes. Quotes are followed within one line
   * only, which the docs' commands keep to.
   */
  static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        quote = c == '\'' ? 0 : quote;
      } else if (c == '\\') {
        i++;
      } else if (quote == '"') {
        quote = c == '"' ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
