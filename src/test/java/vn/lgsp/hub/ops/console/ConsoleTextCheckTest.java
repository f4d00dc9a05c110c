package vn.lgsp.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's text check finds each kind of drift, in sources made up here; clean ones pass. */
class ConsoleTextCheckTest {

  private static final String VI = "{\"page.title\": \"Tiêu đề\", \"route.suspend\": \"Tạm dừng {route}\"}";
  private static final String EN = "{\"page.title\": \"Title\", \"route.suspend\": \"Suspend {route}\"}";
  private static final String PAGE = """
      <!DOCTYPE html>
      <html lang="vi"><head><meta charset="utf-8"><title data-i18n="page.title"></title></head>
      <body><span id="state">…</span> <table><tr><td>42 %</td></tr></table> <!-- a comment says anything -->
      <input name="q" data-i18n-attr="placeholder:page.title">
      <script src="/console/x.js"></script></body></html>
      """;
  private static final String SCRIPT = """
      // a comment may say t('anything')
      el.textContent = t('route.suspend', { route: id }) + ' · ' + 42;
      """;

  private static List<String> check(String vi, String en, String page, String script) {
    return ConsoleTextCheck.findings(Map.of("vi", vi, "en", en), Map.of("page.html", page), Map.of("page.js", script));
  }

  @Test
  void cleanSourcesPassAndSymbolsOrNumbersNeedNoKey() {
    assertThat(check(VI, EN, PAGE, SCRIPT)).isEmpty();
  }

  @Test
  void aKeyInOneLanguageOnlyFails() {
    String vi = VI.replace("\"}", "\", \"route.resume\": \"Tiếp tục\"}");
    assertThat(check(vi, EN, PAGE, SCRIPT + "t('route.resume');"))
        .containsExactly("en: route.resume is missing (it is in another language's bundle)");
  }

  @Test
  void anEmptyTextFails() {
    assertThat(check(VI, EN.replace("\"Title\"", "\" \""), PAGE, SCRIPT)).containsExactly("en: page.title is empty or not text");
  }

  @Test
  void aKeyUsedByAPageOrAScriptButInNoBundleFails() {
    assertThat(check(VI, EN, PAGE.replace("<span id=\"state\">…</span>", "<span data-i18n=\"hub.running\"></span>"),
        SCRIPT + "alert(t(\"action.failed\"));"))
        .containsExactly("action.failed (used in page.js) is in no bundle", "hub.running (used in page.html) is in no bundle");
  }

  @Test
  void aKeyComputedAtRunTimeFails() {
    assertThat(check(VI, EN, PAGE, SCRIPT + "t('route.' + action);"))
        .containsExactly("page.js: t('route.' + action) computes its key; name it: t('some.key')");
  }

  @Test
  void visibleTextOutsideTheBundlesFails() {
    String page = PAGE.replace("<td>42 %</td>", "<td>42 requests</td>")
        .replace("<span id=\"state\">…</span>", "<span id=\"state\" title=\"hub state\">…</span>")
        .replace("<title data-i18n=\"page.title\"></title>", "<title data-i18n=\"page.title\">Console</title>");
    assertThat(check(VI, EN, page, SCRIPT)).containsExactly(
        "page.html:2: text \"Console\" in <title> is replaced by the bundle's \"page.title\": leave it empty",
        "page.html:3: title=\"hub state\" on <span> is shown to the reader but not in data-i18n-attr",
        "page.html:3: visible text \"42 requests\" in <td> is in no bundle: give it a data-i18n key");
  }

  @Test
  void markupInsideAKeyedElementFails() {
    String page = PAGE.replace("<span id=\"state\">…</span>", "<h2 data-i18n=\"page.title\"><small></small></h2>");
    assertThat(check(VI, EN, page, SCRIPT)).singleElement().asString()
        .startsWith("page.html:3: <small> inside <h2 data-i18n=\"page.title\">");
  }

  @Test
  void aDuplicateKeyAnUnusedKeyDecomposedDiacriticsAndDifferentPlaceholdersFail() {
    String decomposed = Normalizer.normalize("Tiêu đề", Normalizer.Form.NFD);
    assertThat(check(VI.replace("\"}", "\", \"page.title\": \"Lặp lại\"}"), EN, PAGE, SCRIPT)).singleElement().asString()
        .startsWith("vi: not a JSON bundle: Duplicate Object property \"page.title\"");
    assertThat(check(VI.replace("Tiêu đề", decomposed), EN, PAGE, SCRIPT))
        .containsExactly("vi: page.title is not in NFC: its diacritics are decomposed");
    assertThat(check(VI, EN.replace("Suspend {route}", "Suspend {routeId}"), PAGE, SCRIPT))
        .containsExactly("route.suspend: the languages differ in their placeholders {en=[routeId], vi=[route]}");
    assertThat(check(VI, EN, PAGE, SCRIPT.replace("t('route.suspend', { route: id })", "id")))
        .containsExactly("route.suspend is used by no page or script");
  }
}
