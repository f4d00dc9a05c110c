package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.support.Browser;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The agency desk in a real browser (headless Chromium, Vietnamese), with no operator session: the finance
 * ministry's administrator signs in with its own client credentials, grants Da Nang's request narrowed to
 * two fields (Da Nang then receives exactly those), cannot refuse the other without a legal basis, refuses
 * it in writing, and revokes the grant (Da Nang's next call is 403). Da Nang signs in and sees the refusal
 * with its reason and legal basis, and the rights it holds.
 */
class AgencyDeskBrowserTest extends RightsChangingHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BUNDLES = Path.of("src/main/resources/static/console/i18n");
  private static final String OBLIGATION = "/r1/VN/GOV/BTC/THUE/tax-obligation/001085000002";

  private ChromeDriver browser;
  private WebDriverWait wait;

  @AfterEach
  void close() throws Exception {
    if (browser != null) {
      Files.write(TestDataDir.create("console").resolve("desk.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void theMinistryGrantsNarrowedRefusesInWritingAndRevokesAndDaNangSeesItAll() throws Exception {
    String daNang = hub.token(HubClient.DA_NANG);
    String granted = ask(daNang, "VN/GOV/BTC/THUE/tax-obligation",
        "[\"personalId\", \"hasOutstandingDebt\", \"outstandingAmount\"]");
    String refused = ask(daNang, "VN/GOV/BTC/THUE/taxpayer", "[]");

    browser = Browser.start("vi-VN,vi");
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    browser.get("http://127.0.0.1:" + port + "/console/desk.html");
    signIn(HubClient.FINANCE_ADMIN, "not-the-secret");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("desk-error")));
    assertThat(browser.findElement(By.id("queue-section")).isDisplayed()).isFalse();
    signIn(HubClient.FINANCE_ADMIN, HubClient.SANDBOX_SECRET);

    decide(granted, "grant", Map.of("decision-fields", "personalId, hasOutstandingDebt",
        "decision-reason", "đúng chức năng được giao"));
    wait.until(d -> "granted".equals(d.findElement(By.id("queue-" + granted)).getDomAttribute("data-state")));
    Response answer = hub.get(OBLIGATION).as(HubClient.DA_NANG, daNang).send();
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(fieldNames(answer.json())).containsExactlyInAnyOrder("personalId", "hasOutstandingDebt");

    decide(refused, "refuse", Map.of("decision-reason", "không thuộc chức năng của bên yêu cầu"));
    assertThat(browser.findElement(By.id("decision-dialog")).isDisplayed())
        .as("a refusal without its legal basis is not sent").isTrue();
    type("decision-document", "86/2015/QH13");
    type("decision-article", "Điều 4");
    browser.findElement(By.id("decision-ok")).click();
    wait.until(d -> "refused".equals(d.findElement(By.id("queue-" + refused)).getDomAttribute("data-state")));
    JsonNode refusal = hub.get("/api/v1/access-requests/" + refused).bearer(daNang).send().json().get("decision");
    assertThat(refusal.get("legalBasis").get("document").asString()).isEqualTo("86/2015/QH13");
    assertThat(refusal.get("by").asString()).isEqualTo(HubClient.FINANCE_ADMIN);

    decide(granted, "revoke", Map.of("decision-reason", "hồ sơ đã xử lý xong"));
    wait.until(d -> "revoked".equals(d.findElement(By.id("queue-" + granted)).getDomAttribute("data-state")));
    assertThat(hub.get(OBLIGATION).as(HubClient.DA_NANG, daNang).send().status()).isEqualTo(403);

    browser.navigate().refresh();
    signIn(HubClient.DA_NANG, HubClient.SANDBOX_SECRET);
    WebElement mine = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mine-" + refused)));
    assertThat(mine.getText()).contains("bị từ chối", "không thuộc chức năng của bên yêu cầu", "86/2015/QH13 · Điều 4");
    assertThat(browser.findElement(By.id("mine-" + granted)).getText()).contains("đã thu hồi", "hồ sơ đã xử lý xong");
    wait.until(d -> !d.findElements(By.cssSelector("#my-rights tbody tr")).isEmpty());
    String held = browser.findElement(By.cssSelector("#my-rights tbody")).getText();
    assertThat(held).contains("VN/GOV/BCA/DANCU/citizen-info", "cấu hình").doesNotContain("tax-obligation");
    assertThat(browser.findElement(By.id("queue-section")).isDisplayed()).as("Da Nang answers no one").isFalse();
    assertThat(browser.findElement(By.id("desk-sign-in")).isDisplayed()).as("signed in").isFalse();

    Map<String, String> vietnamese = JSON.readValue(Files.readString(BUNDLES.resolve("vi.json")),
        new TypeReference<Map<String, String>>() {});
    String shown = (String) browser.executeScript("return document.title + '\\n' + document.body.textContent;");
    assertThat(shown).contains(vietnamese.get("desk.mineTitle"), vietnamese.get("desk.rightsTitle"));
    assertThat(vietnamese.keySet()).noneMatch(shown::contains);
  }

  private String ask(String token, String service, String fields) {
    Response asked = hub.post("/api/v1/access-requests", "{\"service\": \"" + service + "\", \"fields\": " + fields
        + ", \"purpose\": \"Tiếp nhận hồ sơ trợ cấp xã hội\", \"legalBasis\": {\"document\": \"47/2020/NĐ-CP\","
        + " \"article\": \"Điều 14\"}, \"validUntil\": \"" + LocalDate.now().plusMonths(6) + "\"}").bearer(token).send();
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    return asked.json().get("id").asString();
  }

  private void signIn(String client, String secret) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("desk-sign-in")));
    type("desk-client-id", client);
    type("desk-secret", secret);
    browser.findElement(By.id("desk-sign-in-button")).click();
  }

  /** Opens the decision dialog of a request, fills in what is given and confirms. */
  private void decide(String request, String action, Map<String, String> typed) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#queue-" + request + " .request-" + action)))
        .click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-dialog")));
    typed.forEach(this::type);
    browser.findElement(By.id("decision-ok")).click();
  }

  private void type(String id, String text) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }
}
