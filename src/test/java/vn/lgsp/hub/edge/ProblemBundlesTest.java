package vn.lgsp.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The problem bundles stay complete: every key in Vietnamese and in English, every problem type
 * titled in both, every detail key the code names present, the same arguments on both sides, and
 * the Vietnamese actually Vietnamese (not an English line copied over).
 */
class ProblemBundlesTest {

  /** Detail keys as the code names them: ProblemText.of("k" ...), new ...Exception/Refusal(type, "k"), invalid(name, "rule"). */
  private static final Pattern DETAIL_KEY = Pattern.compile(
      "ProblemText\\.of\\(\\s*\"([^\"]+)\"\\s*[,)]"
          + "|(?:HubProblemException|SoapRefusal)\\(\\s*ProblemType\\.[A-Z_]+,\\s*\"([^\"]+)\"\\s*[,)]");
  private static final Pattern PARAMETER_RULE = Pattern.compile("invalid\\(\\s*(?:\"[^\"]+\"|name),\\s*\"([^\"]+)\"");
  private static final Pattern UNAUTHENTICATED = Pattern.compile("unauthenticated\\(\\s*\"([^\"]+)\"");
  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)[,}]");

  private static Properties bundle(String language) throws IOException {
    Properties p = new Properties();
    try (InputStream in = ProblemBundlesTest.class.getResourceAsStream("/i18n/problems_" + language + ".properties")) {
      assertThat(in).as("bundle %s", language).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyKeyIsInBothLanguagesWithTheSameArguments() throws IOException {
    Properties vi = bundle("vi");
    Properties en = bundle("en");
    assertThat(vi.stringPropertyNames()).as("keys only in Vietnamese or only in English")
        .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    for (String key : vi.stringPropertyNames()) {
      assertThat(vi.getProperty(key)).as(key).isNotBlank();
      assertThat(en.getProperty(key)).as(key).isNotBlank();
      assertThat(arguments(vi.getProperty(key))).as("arguments of %s", key).isEqualTo(arguments(en.getProperty(key)));
      // both parse as the MessageFormat patterns the writer renders them with
      new MessageFormat(vi.getProperty(key), Locale.forLanguageTag("vi"));
      new MessageFormat(en.getProperty(key), Locale.ENGLISH);
    }
  }

  @Test
  void theVietnameseIsVietnamese() throws IOException {
    Properties vi = bundle("vi");
    for (String key : vi.stringPropertyNames()) {
      if (!vi.getProperty(key).replaceAll("\\{[^}]*}", "").matches("(?s).*\\p{L}.*")) {
        continue; // only arguments and punctuation: nothing to translate
      }
      assertThat(vi.getProperty(key)).as("%s has no Vietnamese letter: untranslated?", key)
          .matches("(?s).*[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ].*");
    }
  }

  @Test
  void everyProblemTypeHasATitle() throws IOException {
    Properties vi = bundle("vi");
    for (ProblemType type : ProblemType.values()) {
      assertThat(vi.getProperty(type.titleKey())).as(type.code()).isNotBlank();
      assertThat(type.title()).as(type.code()).isNotBlank().doesNotContain("''");
    }
  }

  @Test
  void everyDetailTheCodeNamesIsInTheBundles() throws IOException {
    Properties en = bundle("en");
    Set<String> named = namedDetailKeys(Path.of("src/main/java"));
    assertThat(named).as("the scan finds the code's details").hasSizeGreaterThan(50);
    Set<String> missing = new TreeSet<>();
    for (String key : named) {
      if (en.getProperty("detail." + key) == null) {
        missing.add(key);
      }
    }
    assertThat(missing).as("detail keys named in the code but in no bundle").isEmpty();
  }

  static Set<String> namedDetailKeys(Path sources) throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code = Files.readString(file);
        Matcher m = DETAIL_KEY.matcher(code);
        while (m.find()) {
          keys.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        Matcher rule = PARAMETER_RULE.matcher(code);
        while (rule.find()) {
          keys.add("parameter." + rule.group(1));
        }
        Matcher token = UNAUTHENTICATED.matcher(code);
        while (token.find()) {
          keys.add(token.group(1));
        }
      }
    }
    return keys;
  }

  private static Set<String> arguments(String pattern) {
    Set<String> found = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(pattern);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
