package vn.lgsp.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's own files, as served: every word in both bundles, no page text outside them (no
 * Spring, no browser). Files are read as strict UTF-8: a byte that is not fails here.
 */
class ConsoleTextsTest {

  private static final Path CONSOLE = Path.of("src/main/resources/static/console");

  @Test
  void everyWordOfTheConsoleIsInBothLanguagesAndNowhereElse() throws IOException {
    Map<String, String> bundles = new TreeMap<>();
    read(CONSOLE.resolve("i18n"), ".json").forEach((file, json) -> bundles.put(file.replace(".json", ""), json));
    Map<String, String> pages = read(CONSOLE, ".html");
    Map<String, String> scripts = read(CONSOLE, ".js");
    // the check below must have something to check
    assertThat(bundles).containsOnlyKeys("vi", "en");
    assertThat(pages).containsKeys("index.html", "login.html");
    assertThat(scripts).containsKeys("console.js", "login.js", "i18n/i18n.js");

    assertThat(ConsoleTextCheck.findings(bundles, pages, scripts)).isEmpty();
  }

  private static Map<String, String> read(Path folder, String extension) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(extension)).toList()) {
        files.put(folder.relativize(path).toString().replace('\\', '/'), Files.readString(path));
      }
    }
    return files;
  }
}
