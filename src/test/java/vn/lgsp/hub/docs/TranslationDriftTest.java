package vn.lgsp.hub.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check behind TranslatedDocsTest fails when it should: two small documents in memory, made to drift. */
class TranslationDriftTest {

  private static final String ENGLISH = """
      Tiếng Việt: [X.vi.md](X.vi.md)

      <!-- section: intro -->
      # Tool

      Run it from the root of the repository.

      ```sh
      # start it
      ./run --port=8080 --name='a # b'   # the default port
      ```

      <!-- section: data -->
      ## Data

      The sandbox holds synthetic people only: Đỗ Công Sơn, born in Hà Nội, is one of them.

      <!-- section: usage -->
      ## Usage

      Call the `lookup` service with a personal ID.
      """;

  private static final String VIETNAMESE = """
      English: [X.md](X.md)

      <!-- section: intro -->
      # Công cụ

      Chạy công cụ từ thư mục gốc của kho mã.

      ```sh
      # khởi động
      ./run --port=8080 --name='a # b'   # cổng mặc định
      ```

      <!-- section: data -->
      ## Dữ liệu

      Sandbox chỉ chứa người giả lập: Đỗ Công Sơn, sinh tại Hà Nội, là một trong số đó.

      <!-- section: usage -->
      ## Cách dùng

      Gọi dịch vụ `lookup` với mã định danh cá nhân.
      """;

  @Test
  void aFaithfulTranslationWithTranslatedCommentsPasses() {
    assertThat(differences(ENGLISH, VIETNAMESE)).isEmpty();
  }

  @Test
  void missingExtraAndDuplicatedSectionsAreNamed() {
    String vi = VIETNAMESE
        .replace("<!-- section: usage -->\n## Cách dùng", "<!-- section: faq -->\n## Hỏi đáp")
        .replace("<!-- section: data -->", "<!-- section: intro -->");

    assertThat(differences(ENGLISH, vi)).containsExactlyInAnyOrder(
        "section 'intro': its anchor appears 2 times in X.vi.md (once expected)",
        "section 'data': in X.md (line 14, 'Data'), missing in X.vi.md",
        "section 'usage': in X.md (line 19, 'Usage'), missing in X.vi.md",
        "section 'faq': in X.vi.md (line 19, 'Hỏi đáp'), missing in X.md");
  }

  @Test
  void sectionsOutOfOrderOrAtAnotherLevelAreNamed() {
    String vi = VIETNAMESE
        .replace("<!-- section: data -->\n## Dữ liệu", "<!-- section: usage -->\n### Cách dùng")
        .replace("<!-- section: usage -->\n## Cách dùng", "<!-- section: data -->\n## Dữ liệu");

    assertThat(differences(ENGLISH, vi)).containsExactly(
        "section 'data': comes after 'intro' in X.md but after 'usage' in X.vi.md (same order expected)",
        "section 'usage': heading level 2 in X.md, 3 in X.vi.md");
  }

  @Test
  void aChangedCommandOrAMissingCodeBlockIsNamed() {
    String changed = VIETNAMESE.replace("./run --port=8080", "./run --port=8081");
    assertThat(differences(ENGLISH, changed)).containsExactly(
        "section 'intro', code block 1 (X.md line 8, X.vi.md line 8): command line 1 differs (only comments may be translated)\n"
            + "    X.md: ./run --port=8080 --name='a # b'\n"
            + "    X.vi.md: ./run --port=8081 --name='a # b'");

    String english = ENGLISH.replace("personal ID.", "personal ID.\n\n```json\n{}\n```");
    assertThat(differences(english, VIETNAMESE)).containsExactly("section 'usage': 1 code blocks in X.md, 0 in X.vi.md");
  }

  @Test
  void aHeadingWithoutAnchorAndAMissingLanguageSwitchAreNamed() {
    String vi = VIETNAMESE.replace("English: [X.md](X.md)", "English").replace("Gọi dịch vụ", "## Ví dụ\n\nGọi dịch vụ");

    assertThat(differences(ENGLISH, vi)).containsExactly(
        "X.vi.md: section 'usage': the heading '## Ví dụ' (line 21) has no anchor '<!-- section: id -->' on the line before",
        "X.vi.md: no language switch to X.md above the first section");
  }

  @Test
  void anUntranslatedSectionFailsEvenWithVietnameseNamesInIt() {
    String vi = VIETNAMESE.replace("Sandbox chỉ chứa người giả lập: Đỗ Công Sơn, sinh tại Hà Nội, là một trong số đó.",
        "The sandbox holds synthetic people only: Đỗ Công Sơn, born in Hà Nội, is one of them.");

    assertThat(differences(ENGLISH, vi)).containsExactly(
        "section 'data': 7 of 19 words (36%) in X.vi.md carry Vietnamese diacritics, at least 40% expected: is it translated?");
  }

  @Test
  void decomposedDiacriticsAreNotNfc() {
    String vi = VIETNAMESE.replace("Gọi dịch vụ", "Go\u0323i dịch vụ");

    assertThat(differences(ENGLISH, vi)).containsExactly(
        "section 'usage': X.vi.md line 21 is not in Unicode NFC (save it precomposed): "
            + "Go\u0323i dịch vụ `lookup` với mã định danh cá nhân.");
  }

  @Test
  void invalidUtf8IsRefusedWithItsPlace() {
    byte[] latin1 = "English\n\nDé!".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> TranslatedDocs.strictUtf8("X.vi.md", latin1))
        .hasMessage("X.vi.md is not valid UTF-8 at byte 10 (line 3)");
  }

  @Test
  void commentsAreCutOnlyOutsideQuotesAndAtTheStartOfAWord() {
    assertThat(CodeBlock.withoutComment("curl 'a#b' \"c # d\" x#y \\# z   # note")).isEqualTo("curl 'a#b' \"c # d\" x#y \\# z   ");
    assertThat(CodeBlock.withoutComment("# whole line")).isEmpty();
  }

  private static List<String> differences(String english, String vietnamese) {
    MarkdownSections en = MarkdownSections.parse("X.md", english);
    MarkdownSections vi = MarkdownSections.parse("X.vi.md", vietnamese);
    List<String> differences = new ArrayList<>(TranslationDrift.between(en, vi));
    differences.addAll(VietnameseProse.check(vi));
    return differences;
  }
}
