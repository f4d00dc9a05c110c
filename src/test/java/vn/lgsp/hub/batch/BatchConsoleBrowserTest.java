package vn.lgsp.hub.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.lgsp.hub.support.Browser;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;
import vn.lgsp.hub.support.TestIds;

/**
 * The console's batch lookups in headless Chromium: a running job's progress bar moves while its
 * items run, and the operator cancels it with a reason that lands in the admin trail.
 */
class BatchConsoleBrowserTest extends SandboxHubTest {

  private ChromeDriver browser;

  @AfterEach
  void close() throws Exception {
    if (browser != null) {
      Path shot = TestDataDir.create("batch-console").resolve("last.png");
      Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  @Test
  void theOperatorWatchesAJobsProgressAndCancelsIt() {
    String token = hub.token(HANOI);
    // 5,000 items at the default pace (50 a second) run for minutes: long enough to watch and cancel
    Response accepted = hub.post("/batch/v1/jobs?service=VN/GOV/BCA/DANCU/citizen-info", "")
        .withBody(BatchLookupsTest.jsonLines(IntStream.range(40_000, 45_000).mapToObj(BatchLookupsTest::person).toList()))
        .as(HANOI, token).header("X-Road-Issue", TestIds.unique("BATCH-CONSOLE"))
        .header("Content-Type", "application/jsonl").send();
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String id = accepted.json().get("id").asString();

    browser = Browser.start("en-US,en");
    WebDriverWait wait = Browser.signInAsOperator(browser, "http://127.0.0.1:" + port);

    By row = By.id("batch-" + id);
    wait.until(d -> "running".equals(d.findElement(row).getDomAttribute("data-state")));
    int first = progress(row);
    wait.until(d -> progress(row) > first);
    WebElement cells = browser.findElement(row);
    assertThat(cells.getText()).contains(HANOI).contains("VN/GOV/BCA/DANCU/citizen-info").contains("of 5,000");
    assertThat(cells.findElement(By.tagName("progress")).getDomAttribute("max")).isEqualTo("5000");

    String reason = "browser test: a batch that should wait for the night";
    browser.findElement(row).findElement(By.className("batch-cancel")).click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-dialog")));
    dialog.findElement(By.id("reason")).sendKeys(reason);
    dialog.findElement(By.id("reason-ok")).click();
    wait.until(d -> "cancelled".equals(d.findElement(row).getDomAttribute("data-state")));
    assertThat(browser.findElement(row).findElements(By.className("batch-cancel"))).isEmpty();

    // the owner sees the cancel; the operator's reason is in the admin trail
    assertThat(hub.get("/batch/v1/jobs/" + id).as(HANOI, token).send().json().get("status").asString())
        .isEqualTo("cancelled");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json()
        .get("items").findValuesAsString("reason").containsAll(List.of(reason)));
  }

  private int progress(By row) {
    return Integer.parseInt(browser.findElement(row).findElement(By.tagName("progress")).getDomProperty("value"));
  }
}
