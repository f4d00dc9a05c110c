package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
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
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.support.Browser;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The console's page of services and rights in a real browser (headless Chromium, Vietnamese): a
 * provider's submission waits for approval; the operator approves it with a reason typed in the
 * dialog and the service goes live; a consumer's pending access request shows with its legal basis;
 * the rights in force for Da Nang and the versions of the rights show; no bundle key shows.
 */
class ServicesConsoleBrowserTest extends SandboxHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BUNDLES = Path.of("src/main/resources/static/console/i18n");

  private ChromeDriver browser;
  private WebDriverWait wait;
  private String publication;

  @AfterEach
  void close() throws Exception {
    // the service goes, so that the tests sharing this hub see its catalogue as the files make it
    if (publication != null) {
      hub.adminPost("/admin/api/services/" + publication + "/withdraw", "{\"reason\": \"test over\"}");
    }
    if (browser != null) {
      Files.write(TestDataDir.create("console").resolve("services.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void theOperatorApprovesASubmissionAndSeesRequestsAndRights() throws Exception {
    String finance = hub.token(HubClient.FINANCE_ADMIN, "write:conf");
    String id = hub.post("/api/v1/services", submission()).bearer(finance).send().json().get("id").asString();
    publication = id;
    assertThat(hub.post("/api/v1/services/" + id + "/submit", "{}").bearer(finance).send().status()).isEqualTo(200);
    Response asked = hub.post("/api/v1/access-requests", "{\"service\": \"VN/GOV/BTC/THUE/taxpayer\", \"purpose\":"
        + " \"Đăng ký hộ kinh doanh\", \"legalBasis\": {\"document\": \"01/2021/NĐ-CP\", \"article\": \"Điều 87\"},"
        + " \"validUntil\": \"" + LocalDate.now().plusMonths(1) + "\"}").bearer(hub.token(HubClient.DA_NANG)).send();
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);

    browser = Browser.start("vi-VN,vi");
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    String base = "http://127.0.0.1:" + port;
    browser.get(base + "/console/services.html");
    wait.until(ExpectedConditions.urlContains("/console/login.html"));
    browser.findElement(By.id("username")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("sandbox-operator");
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/console/"));
    browser.findElement(By.id("to-services")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/console/services.html"));

    WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("publication-" + id)));
    wait.until(d -> d.findElement(By.id("publication-" + id)).getText().contains("chờ phê duyệt"));
    assertThat(row.getText()).contains("VN/GOV/BTC/THUE/tax-clearance-ui", "/r1/VN/GOV/BTC/THUE/tax-clearance-ui/v1/");
    browser.findElement(By.cssSelector("#publication-" + id + " .publication-approve")).click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-dialog")));
    dialog.findElement(By.id("reason")).sendKeys("đã kiểm tra địa chỉ và các trường");
    dialog.findElement(By.id("reason-ok")).click();
    wait.until(d -> "published".equals(d.findElement(By.id("publication-" + id)).getDomAttribute("data-state")));
    assertThat(hub.admin("/admin/api/services/" + id).json().get("publication").get("state").asString())
        .isEqualTo("published");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json()
        .get("items").findValuesAsString("reason").contains("đã kiểm tra địa chỉ và các trường"));

    String daNang = hub.token(HubClient.DA_NANG);
    assertThat(hub.get("/r1/VN/GOV/BTC/THUE/tax-clearance-ui/v1/clearances/001085000002").as(HubClient.DA_NANG, daNang)
        .send().status()).as("live, and no right to it").isEqualTo(403);
    wait.until(d -> d.findElement(By.id("publication-" + id)).getText().contains("1 lượt, 1 bị từ chối, 0 lỗi"));

    String request = asked.json().get("id").asString();
    WebElement requestRow = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("request-" + request)));
    assertThat(requestRow.getText()).contains(HubClient.DA_NANG, "01/2021/NĐ-CP · Điều 87", "chờ trả lời");

    WebElement client = browser.findElement(By.cssSelector("#rights-filter input[name=client]"));
    client.sendKeys(HubClient.DA_NANG);
    browser.findElement(By.cssSelector("#rights-filter button")).click();
    wait.until(d -> d.findElement(By.cssSelector("#rights tbody")).getText().contains("VN/GOV/BCA/DANCU/citizen-info"));
    assertThat(browser.findElement(By.cssSelector("#rights tbody")).getText()).doesNotContain(HubClient.HANOI);
    long version = hub.admin("/admin/api/access-rights").json().get("version").asLong();
    wait.until(ExpectedConditions.textToBe(By.id("rights-version"), "quyền phiên bản " + version));
    assertThat(browser.findElements(By.id("version-" + version))).hasSize(1);

    Map<String, String> vietnamese = JSON.readValue(Files.readString(BUNDLES.resolve("vi.json")),
        new TypeReference<Map<String, String>>() {});
    String shown = (String) browser.executeScript("return document.title + '\\n' + document.body.textContent;");
    assertThat(shown).contains(vietnamese.get("publications.title"), vietnamese.get("requests.title"));
    assertThat(vietnamese.keySet()).noneMatch(shown::contains);
  }

  private String submission() throws Exception {
    String openApi = hub.taxOpenApi();
    ObjectNode body = JSON.createObjectNode();
    body.put("provider", "VN/GOV/BTC/THUE");
    body.put("serviceCode", "tax-clearance-ui");
    body.put("version", "v1");
    body.put("openApi", openApi);
    body.put("backendUrl", hub.sandboxBackend("tax-register"));
    body.putArray("operations").add("getTaxClearance");
    return body.toString();
  }
}
