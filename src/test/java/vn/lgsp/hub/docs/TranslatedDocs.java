package vn.lgsp.hub.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's translated documents: every {@code X.vi.md} beside its {@code X.md}, in the repository root or
 * under {@code docs/}. A new translation is checked as soon as it is added there.
 */
final class TranslatedDocs {

  static final String VIETNAMESE = ".vi.md";

  /** An original and its translation, as paths from the repository root. */
  record Pair(Path original, Path translation) {
    @Override
    public String toString() {
      return original + " <-> " + translation;
    }
  }

  private TranslatedDocs() {}

  static List<Pair> find(Path root) {
    List<Path> translations = new ArrayList<>();
    try (Stream<Path> top = Files.list(root)) {
      top.filter(TranslatedDocs::isTranslation).forEach(translations::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> all = Files.walk(docs)) {
        all.filter(TranslatedDocs::isTranslation).forEach(translations::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return translations.stream()
        .sorted()
        .map(t -> new Pair(originalOf(root.relativize(t)), root.relativize(t)))
        .toList();
  }

  static MarkdownSections read(Path root, Path file) {
    try {
      String name = file.toString().replace('\\', '/');
      return MarkdownSections.parse(name, strictUtf8(name, Files.readAllBytes(root.resolve(file))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes UTF-8 and refuses anything else, naming the byte and line (a lenient decoder would hide it as U+FFFD). */
  static String strictUtf8(String name, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      long line = 1 + newlinesBefore(bytes, at);
      throw new IllegalArgumentException(name + " is not valid UTF-8 at byte " + at + " (line " + line + ")");
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static boolean isTranslation(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().endsWith(VIETNAMESE);
  }

  private static Path originalOf(Path translation) {
    String fileName = translation.getFileName().toString();
    return translation.resolveSibling(fileName.substring(0, fileName.length() - VIETNAMESE.length()) + ".md");
  }

  private static long newlinesBefore(byte[] bytes, int end) {
    long n = 0;
    for (int i = 0; i < end; i++) {
      n += bytes[i] == '\n' ? 1 : 0;
    }
    return n;
  }
}
