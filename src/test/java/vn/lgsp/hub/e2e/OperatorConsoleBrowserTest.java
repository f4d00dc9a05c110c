package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.lgsp.hub.support.Browser;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The operator console in a real browser (headless Chromium), in both its languages: sign in, see
 * the routes, suspend a route with a reason, see its calls refused and the table say so, resume it.
 * A Vietnamese browser gets Vietnamese; the switch turns it to English, and the choice survives a
 * reload. No bundle key and no word of the other language shows.
 */
class OperatorConsoleBrowserTest extends SandboxHubTest {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final Path BUNDLES = Path.of("src/main/resources/static/console/i18n");

  /** What each language must read: written here, not taken from the bundles, so a wrong word fails. */
  private record Words(String language, String signIn, String wrongPassword, String hubRunning, String suspend,
      String resume, String suspended, String down, String intact, String reason, DateTimeFormatter dateTime,
      String rate) {}

  private static final Words VIETNAMESE = new Words("vi", "Đăng nhập", "Sai tên đăng nhập hoặc mật khẩu.",
      "Trục LGSP đang hoạt động", "Tạm dừng", "Tiếp tục", "tạm dừng", "gián đoạn", "toàn vẹn",
      "kiểm thử trình duyệt: bảo trì sổ đăng ký", DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss"), "\\d+,\\d{2}");
  private static final Words ENGLISH = new Words("en", "Sign in", "Wrong name or password.", "hub running", "Suspend",
      "Resume", "suspended", "DOWN", "intact", "browser test: register maintenance",
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a 'GMT+7'", Locale.US), "\\d+\\.\\d{2}");

  private ChromeDriver browser;
  private WebDriverWait wait;

  private void open(String languages) {
    browser = Browser.start(languages);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void close() throws Exception {
    if (browser != null) {
      Path shot = TestDataDir.create("console").resolve("last.png");
      Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void aVietnameseBrowserGetsTheConsoleInVietnamese() throws IOException {
    open("vi-VN,vi");
    signIn(VIETNAMESE);
    runTheConsole(VIETNAMESE);
  }

  @Test
  void theOperatorSwitchesToEnglishAndTheConsoleRemembersIt() throws IOException {
    open("vi-VN,vi");
    browser.get(base() + "/console");
    wait.until(ExpectedConditions.urlContains("/console/login.html"));
    speaks(VIETNAMESE);
    browser.findElement(By.id("lang-en")).click();
    speaks(ENGLISH);
    assertThat(browser.findElement(By.id("lang-en")).getDomAttribute("aria-pressed")).isEqualTo("true");

    signIn(ENGLISH);
    runTheConsole(ENGLISH);
    browser.navigate().refresh();
    wait.until(d -> "started".equals(row("citizen-info").getDomAttribute("data-state")));
    speaks(ENGLISH);
    assertThat(action("citizen-info").getText()).isEqualTo(ENGLISH.suspend());

    // and back, in place: the rows are re-worded without a reload
    browser.findElement(By.id("lang-vi")).click();
    speaks(VIETNAMESE);
    wait.until(d -> VIETNAMESE.suspend().equals(action("citizen-info").getText()));
  }

  @Test
  void anEnglishBrowserGetsEnglishWithoutAsking() {
    open("en-US,en");
    browser.get(base() + "/console/login.html");
    speaks(ENGLISH);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("lgsp-hub operator console");
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The page is in this language: its html lang, and the sign-in button or the hub's state in its words. */
  private void speaks(Words words) {
    wait.until(d -> words.language().equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
    By sample = browser.getCurrentUrl().contains("login") ? By.id("sign-in") : By.id("hub-state");
    String expected = browser.getCurrentUrl().contains("login") ? words.signIn() : words.hubRunning();
    wait.until(ExpectedConditions.textToBe(sample, expected));
  }

  private void signIn(Words words) {
    browser.get(base() + "/console");
    wait.until(ExpectedConditions.urlContains("/console/login.html"));
    speaks(words);
    browser.findElement(By.id("username")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("wrong");
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo(words.wrongPassword());
    speaks(words);

    browser.findElement(By.id("username")).clear();
    browser.findElement(By.id("username")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("sandbox-operator");
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlToBe(base() + "/console/"));
  }

  private void runTheConsole(Words words) throws IOException {
    wait.until(d -> "started".equals(row("citizen-info").getDomAttribute("data-state")));
    wait.until(d -> row("tax-obligation").getText().contains("VN/GOV/BTC/THUE/tax-obligation"));
    speaks(words);
    assertThat(row("citizen-info").findElements(By.tagName("td")).get(5).getText()).matches(words.rate());

    String suspendReason = "suspend: " + words.reason();
    act("citizen-info", words.suspend(), suspendReason);
    wait.until(d -> "suspended".equals(row("citizen-info").getDomAttribute("data-state")));
    wait.until(d -> words.suspended().equals(row("citizen-info").findElement(By.className("state")).getText()));
    String refusedId = "console-" + words.language() + "-" + UUID.randomUUID();
    Response refused = callCitizenInfo().header("X-Road-Id", refusedId).send();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().get("type").asText()).isEqualTo("Server.Hub.Maintenance");

    String resumeReason = "resume: " + words.reason();
    act("citizen-info", words.resume(), resumeReason);
    wait.until(d -> "started".equals(row("citizen-info").getDomAttribute("data-state")));
    assertThat(callCitizenInfo().send().status()).isEqualTo(200);
    // both actions are in the admin trail, with the reasons typed in the dialog
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json()
        .get("items").findValuesAsString("reason").containsAll(List.of(suspendReason, resumeReason)));

    // the refused call's time, stored in UTC, reads in Vietnam's time and the language's format
    Instant refusedAt = Instant.parse(hub.awaitRecord(refusedId).get("requestInAt").asString());
    WebElement status = browser.findElement(By.name("status"));
    status.clear();
    status.sendKeys("503");
    browser.findElement(By.cssSelector("#exchange-filter button")).click();
    String shown = words.dateTime().format(refusedAt.atZone(VIETNAM));
    wait.until(d -> d.findElements(By.cssSelector("#exchanges tbody tr td:first-child")).stream()
        .anyMatch(cell -> shown.equals(cell.getText().replace('\u202f', ' ').replace('\u00a0', ' '))));

    // a register that goes away turns its rows red within seconds; the others stay green
    assertThat(hub.adminPost("/admin/api/sandbox/backends/social-insurance/stop", "").status()).isEqualTo(200);
    try {
      wait.until(d -> "down".equals(row("health-card").getDomAttribute("class")));
      assertThat(row("health-card").findElement(By.className("health")).getText()).isEqualTo(words.down());
      assertThat(row("citizen-info").getDomAttribute("class")).isEqualTo("up");
    } finally {
      hub.adminPost("/admin/api/sandbox/backends/social-insurance/start", "");
    }
    wait.until(d -> "up".equals(row("health-card").getDomAttribute("class")));

    // the route view draws the last hour; the page loaded nothing from outside the hub
    row("citizen-info").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("route-detail")));
    wait.until(d -> !d.findElements(By.cssSelector("#chart-throughput polyline")).isEmpty());
    wait.until(d -> !d.findElements(By.cssSelector("#exchanges tbody tr")).isEmpty());
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) browser.executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(resources).isNotEmpty().allMatch(url -> url.startsWith(base() + "/"));
    browser.findElement(By.id("verify")).click();
    wait.until(ExpectedConditions.textMatches(By.id("verify-result"), Pattern.compile("^" + words.intact() + ": ")));
    // the trust anchor an auditor verifies exports with is shown where the operator looks
    String fingerprint = hub.admin("/admin/api/exchange-log/status").json().get("sealFingerprint").asText();
    assertThat(fingerprint).matches("sha256:[0-9a-f]{64}");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log-seal-fingerprint"), fingerprint));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log-verification"), words.intact()));

    noKeyNorOtherLanguageShows(words);
  }

  /**
   * Everything a reader sees or hears (text, title, placeholders, labels), but the exchanges' own
   * data, holds no bundle key and no phrase that only the other language has.
   */
  private void noKeyNorOtherLanguageShows(Words words) throws IOException {
    Map<String, String> own = bundle(words.language());
    Map<String, String> other = bundle(words.language().equals("vi") ? "en" : "vi");
    String shown = (String) browser.executeScript("""
        const body = document.body.cloneNode(true);
        body.querySelectorAll('#exchanges tbody').forEach((e) => e.remove());
        // identifiers, not words: route ids and service ids (batch-job-status), subsystems, event types, problem types
        body.querySelectorAll('#routes tbody td:nth-child(-n+2), #batch-jobs tbody td:nth-child(2),'
          + ' #batch-jobs tbody td:nth-child(3), #subscriptions tbody td:nth-child(-n+3),'
          + ' #subscriptions tbody td:nth-child(8)').forEach((e) => e.remove());
        const named = ['title', 'placeholder', 'aria-label', 'alt'];
        const attributes = [...document.querySelectorAll(named.map((a) => '[' + a + ']').join(','))]
          .flatMap((e) => named.map((a) => e.getAttribute(a)).filter(Boolean));
        return [document.title, body.textContent, ...attributes].join('\\n');
        """);
    assertThat(shown).contains(own.get("routes.title"), own.get("log.title"), own.get("verify.button"));
    assertThat(own.keySet()).noneMatch(shown::contains);
    List<String> foreign = other.entrySet().stream()
        .filter(e -> !e.getValue().equals(own.get(e.getKey())) && !e.getValue().contains("{") && e.getValue().length() > 3)
        .map(Map.Entry::getValue).collect(Collectors.toList());
    assertThat(foreign).isNotEmpty().noneMatch(shown::contains);
  }

  private static Map<String, String> bundle(String language) throws IOException {
    return JsonMapper.builder().build().readValue(Files.readString(BUNDLES.resolve(language + ".json")),
        new TypeReference<Map<String, String>>() {});
  }

  private WebElement row(String routeId) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("route-" + routeId)));
  }

  private WebElement action(String routeId) {
    return row(routeId).findElement(By.className("route-action"));
  }

  private void act(String routeId, String button, String reason) {
    wait.until(d -> button.equals(action(routeId).getText()));
    action(routeId).click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-dialog")));
    dialog.findElement(By.id("reason")).sendKeys(reason);
    dialog.findElement(By.id("reason-ok")).click();
  }

  private HubClient.Request callCitizenInfo() {
    return hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, hub.token(HANOI));
  }
}
