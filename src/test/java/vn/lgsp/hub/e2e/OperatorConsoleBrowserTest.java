package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.lgsp.hub.support.Browser;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The operator console in a real browser (headless Chromium): sign in, see the routes, suspend a
 * route with a reason, see its calls refused and the table say so, resume it.
 */
class OperatorConsoleBrowserTest extends SandboxHubTest {

  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void open() {
    browser = Browser.start();
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

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private WebElement row(String routeId) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("route-" + routeId)));
  }

  private void act(String routeId, String button, String reason) {
    WebElement action = row(routeId).findElement(By.className("route-action"));
    assertThat(action.getText()).isEqualTo(button);
    action.click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-dialog")));
    dialog.findElement(By.id("reason")).sendKeys(reason);
    dialog.findElement(By.id("reason-ok")).click();
  }

  private Response callCitizenInfo() {
    return hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, hub.token(HANOI)).send();
  }

  @Test
  void anOperatorSuspendsAndResumesARouteFromTheConsole() {
    browser.get(base() + "/console");
    wait.until(ExpectedConditions.urlContains("/console/login.html"));
    browser.findElement(By.id("username")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("wrong");
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));

    browser.findElement(By.id("username")).clear();
    browser.findElement(By.id("username")).sendKeys("operator");
    browser.findElement(By.id("password")).sendKeys("sandbox-operator");
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlToBe(base() + "/console/"));

    wait.until(d -> "started".equals(row("citizen-info").getDomAttribute("data-state")));
    wait.until(d -> row("tax-obligation").getText().contains("VN/GOV/BTC/THUE/tax-obligation"));
    assertThat(browser.findElement(By.id("hub-state")).getText()).isEqualTo("hub running");

    act("citizen-info", "Suspend", "browser test: register maintenance");
    wait.until(d -> "suspended".equals(row("citizen-info").getDomAttribute("data-state")));
    wait.until(d -> "suspended".equals(row("citizen-info").findElement(By.className("state")).getText()));
    Response refused = callCitizenInfo();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().get("type").asText()).isEqualTo("Server.Hub.Maintenance");

    act("citizen-info", "Resume", "browser test: done");
    wait.until(d -> "started".equals(row("citizen-info").getDomAttribute("data-state")));
    assertThat(callCitizenInfo().status()).isEqualTo(200);
    // both actions are in the admin trail, with the reasons typed in the dialog
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json()
        .get("items").findValuesAsString("reason").containsAll(List.of("browser test: register maintenance",
            "browser test: done")));

    // a register that goes away turns its rows red within seconds; the others stay green
    assertThat(hub.adminPost("/admin/api/sandbox/backends/social-insurance/stop", "").status()).isEqualTo(200);
    try {
      wait.until(d -> "down".equals(row("health-card").getDomAttribute("class")));
      assertThat(row("health-card").findElement(By.className("health")).getText()).isEqualTo("DOWN");
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
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "intact"));
    // the trust anchor an auditor verifies exports with is shown where the operator looks
    String fingerprint = hub.admin("/admin/api/exchange-log/status").json().get("sealFingerprint").asText();
    assertThat(fingerprint).matches("sha256:[0-9a-f]{64}");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log-seal-fingerprint"), fingerprint));
  }
}
