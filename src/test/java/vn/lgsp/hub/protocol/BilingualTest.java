package vn.lgsp.hub.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.lgsp.hub.protocol.Bilingual.Language;

/** Vietnamese unless the caller's Accept-Language ranks English above it. */
class BilingualTest {

  private static final Bilingual TITLE = new Bilingual("Tra cứu thông tin công dân", "Citizen information lookup");

  @Test
  void vietnameseByDefault() {
    for (String header : new String[] {null, "", " ", "*", "vi", "vi-VN", "fr-FR", "en;q=0", "vi, en;q=0.9", "x;;;"}) {
      assertThat(Language.of(header)).as(String.valueOf(header)).isEqualTo(Language.VI);
    }
    assertThat(TITLE.in(Language.of(null))).isEqualTo("Tra cứu thông tin công dân");
  }

  @Test
  void englishWhenRankedAboveVietnamese() {
    for (String header : new String[] {"en", "EN", "en-US", "en-US,en;q=0.9", "fr-FR, en;q=0.5", "vi;q=0.3, en-GB;q=0.8"}) {
      assertThat(Language.of(header)).as(header).isEqualTo(Language.EN);
    }
    assertThat(TITLE.in(Language.EN)).isEqualTo("Citizen information lookup");
    assertThat(Language.EN.tag()).isEqualTo("en");
  }
}
