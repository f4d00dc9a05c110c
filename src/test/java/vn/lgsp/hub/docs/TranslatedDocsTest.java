package vn.lgsp.hub.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lgsp.hub.docs.TranslatedDocs.Pair;

/**
 * The Vietnamese docs stay in step with the English ones (issue 21): each section of one has its counterpart in the
 * other, with the same commands, and the Vietnamese is Vietnamese. When this fails after an edit of README.md,
 * make the same change in README.vi.md (the failure names the section).
 */
class TranslatedDocsTest {

  private static final Path ROOT = Path.of("");

  static List<Pair> pairs() {
    return TranslatedDocs.find(ROOT);
  }

  @Test
  void theReadmeHasItsVietnameseTwin() {
    assertThat(pairs()).contains(new Pair(Path.of("README.md"), Path.of("README.vi.md")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void translationKeepsInStepWithItsOriginal(Pair pair) {
    assertThat(ROOT.resolve(pair.original())).as("the original of " + pair.translation()).isRegularFile();
    MarkdownSections original = TranslatedDocs.read(ROOT, pair.original());
    MarkdownSections translation = TranslatedDocs.read(ROOT, pair.translation());

    List<String> differences = new ArrayList<>(TranslationDrift.between(original, translation));
    differences.addAll(VietnameseProse.check(translation));

    assertThat(original.sections()).as("sections of " + pair.original()).isNotEmpty();
    assertThat(differences)
        .withFailMessage(() -> pair + " have drifted apart:\n  " + String.join("\n  ", differences))
        .isEmpty();
  }
}
