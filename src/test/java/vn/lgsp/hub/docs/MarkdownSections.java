package vn.lgsp.hub.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown document cut into sections at the anchors {@code <!-- section: id -->} that stand on the line right
 * before each heading. The anchors, not the headings' words, pair a document with its translation: a heading may
 * be translated, its anchor may not.
 */
record MarkdownSections(String name, String text, String preamble, List<Section> sections, List<String> problems) {

  private static final Pattern ANCHOR = Pattern.compile("<!-- section: ([a-z0-9]+(?:-[a-z0-9]+)*) -->");
  private static final Pattern ANY_ANCHOR = Pattern.compile("<!--\\s*section\\b.*");
  private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(\\S.*)");
  private static final Pattern FENCE = Pattern.compile(" {0,3}(`{3,}|~{3,})\\s*([^`\\s]*).*");

  /** One heading and what follows it up to the next anchor; {@code line} is the heading's line number. */
  record Section(String id, int level, String heading, int line, String prose, List<CodeBlock> codeBlocks) {}

  static MarkdownSections parse(String name, String text) {
    return new Parser(name, text).parse();
  }

  /** The section that holds a line, or null for the preamble. */
  Section sectionAt(int line) {
    Section found = null;
    for (Section s : sections) {
      if (s.line() - 1 <= line) {
        found = s;
      }
    }
    return found;
  }

  private static final class Parser {
    private final String name;
    private final String text;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final StringBuilder preamble = new StringBuilder();
    private String id;
    private int level;
    private String heading;
    private int headingLine;
    private StringBuilder prose;
    private List<CodeBlock> blocks;
    private String pendingAnchor;
    private String fence;
    private String fenceInfo;
    private int fenceLine;
    private List<String> fenceLines;

    Parser(String name, String text) {
      this.name = name;
      this.text = text;
    }

    MarkdownSections parse() {
      List<String> lines = text.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        read(lines.get(i), i + 1);
      }
      if (fence != null) {
        problems.add(where() + "the code block opened at line " + fenceLine + " is never closed");
      }
      if (pendingAnchor != null) {
        problems.add("section '" + pendingAnchor + "': the anchor has no heading after it");
      }
      endSection();
      return new MarkdownSections(name, text, preamble.toString(), List.copyOf(sections), List.copyOf(problems));
    }

    private void read(String line, int number) {
      if (fence != null) {
        readInFence(line);
        return;
      }
      Matcher heading = HEADING.matcher(line);
      if (pendingAnchor != null) {
        if (heading.matches()) {
          startSection(pendingAnchor, heading, number);
          pendingAnchor = null;
          return;
        }
        problems.add("section '" + pendingAnchor + "': the anchor at line " + (number - 1) + " is not right before a heading");
        pendingAnchor = null;
      }
      Matcher open = FENCE.matcher(line);
      if (open.matches()) {
        fence = open.group(1);
        fenceInfo = open.group(2);
        fenceLine = number;
        fenceLines = new ArrayList<>();
        return;
      }
      Matcher anchor = ANCHOR.matcher(line.strip());
      if (anchor.matches()) {
        pendingAnchor = anchor.group(1);
        return;
      }
      if (ANY_ANCHOR.matcher(line.strip()).matches()) {
        problems.add(where() + "line " + number + " looks like an anchor but is not '<!-- section: lower-case-id -->': " + line);
      } else if (heading.matches()) {
        problems.add(where() + "the heading '" + line + "' (line " + number + ") has no anchor '<!-- section: id -->' on the line before");
      }
      (prose == null ? preamble : prose).append(line).append('\n');
    }

    private void readInFence(String line) {
      String s = line.strip();
      boolean closes = s.length() >= fence.length() && s.chars().allMatch(c -> c == fence.charAt(0));
      if (!closes) {
        fenceLines.add(line);
        return;
      }
      if (blocks == null) {
        problems.add("the code block at line " + fenceLine + " stands before the first section");
      } else {
        blocks.add(new CodeBlock(fenceInfo, fenceLine, List.copyOf(fenceLines)));
      }
      fence = null;
    }

    private void startSection(String anchorId, Matcher heading, int number) {
      endSection();
      id = anchorId;
      level = heading.group(1).length();
      this.heading = heading.group(2).strip();
      headingLine = number;
      prose = new StringBuilder(this.heading).append('\n');
      blocks = new ArrayList<>();
    }

    private void endSection() {
      if (id != null) {
        sections.add(new Section(id, level, heading, headingLine, prose.toString(), List.copyOf(blocks)));
      }
    }

    private String where() {
      return id == null ? "" : "section '" + id + "': ";
    }
  }
}
