package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestIds;

/**
 * Every log event is one line, whatever text it carries: the hub's own log pattern (as the running
 * hub configures it) escapes line breaks and other control characters in messages, and keeps only a
 * stack trace's own line breaks, so that no caller's text can forge a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class OneLineLogsTest extends SandboxHubTest {

  private static final Logger log = LoggerFactory.getLogger(OneLineLogsTest.class);

  /** Each starts what would look like a log line of its own if it were written as it is. */
  private static final List<String> BREAKS = List.of("\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u000b", "\f");

  @Test
  void messagesWithLineBreaksAndControlCharactersStayOneLine(CapturedOutput output) {
    String marker = TestIds.unique("one-line");
    for (String brk : BREAKS) {
      log.warn("{} purpose {}", marker, "HS-1" + brk + "2026-12-02T00:00:00.000Z  INFO [main] forged : admin login ok");
    }
    log.warn("{} ansi \u001b[31mred\u001b[0m nul \u0000 tab \t end", marker);

    List<String> lines = output.getOut().lines().filter(l -> l.contains(marker)).toList();
    assertThat(lines).hasSize(BREAKS.size() + 1);
    assertThat(output.getOut().lines()).noneMatch(l -> l.startsWith("2026-12-02T00:00:00.000Z"));
    assertThat(lines.get(0)).contains("HS-1\\n2026-12-02T00:00:00.000Z");
    assertThat(lines.get(1)).contains("HS-1\\r2026");
    assertThat(lines.get(BREAKS.size())).contains("ansi \\c[31mred\\c[0m nul \\c tab \\t end").doesNotContain("\u001b");
  }

  @Test
  void aStackTraceKeepsItsOwnLinesButNotThoseOfItsMessages(CapturedOutput output) {
    String marker = TestIds.unique("trace");
    log.warn(marker, new IllegalStateException("bad input\n2026-12-02T00:00:00.000Z  INFO forged 001085000123",
        new IllegalArgumentException("cause\r\nforged too")));

    List<String> lines = output.getOut().lines().dropWhile(l -> !l.contains(marker)).toList();
    assertThat(lines.get(0)).endsWith(marker);
    // after the event's own line: the exception, then only frames and causes, none at column 0 but those
    List<String> trace = lines.subList(1, lines.size()).stream()
        .takeWhile(l -> !l.matches("^\\d{4}-\\d{2}-\\d{2}T.*")).filter(l -> !l.isEmpty()).toList();
    assertThat(trace.get(0)).startsWith("java.lang.IllegalStateException: bad input\\n2026-12-02T00:00:00.000Z  INFO forged")
        .doesNotContain("001085000123");
    assertThat(trace).anyMatch(l -> l.startsWith("Caused by: java.lang.IllegalArgumentException: cause\\r\\nforged too"));
    assertThat(trace.subList(1, trace.size()))
        .allMatch(l -> l.startsWith("\t") || l.startsWith("Caused by: "));
  }
}
