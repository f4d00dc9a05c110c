package vn.lgsp.hub.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HCMC;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.lgsp.hub.support.Browser;
import vn.lgsp.hub.support.FreePort;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Dead letters in the console (headless Chromium): a subscriber that refuses every push until its
 * attempts are used up shows a dead letter in red; once it is mended the operator replays the last day
 * with a reason, and the event arrives under its own id.
 */
class SubscriptionsConsoleBrowserTest extends SandboxHubTest {

  private ChromeDriver browser;
  private WireMockServer receiver;

  @AfterEach
  void close() throws Exception {
    if (browser != null) {
      Files.write(TestDataDir.create("events-console").resolve("last.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
    if (receiver != null) {
      receiver.stop();
    }
    hub.delete(PubSubTest.ROOM + "/api/v1/subs/" + PubSubTest.DIED).as(HCMC, hub.token(HCMC)).send();
  }

  @Test
  void aDeadLetterShowsAndTheOperatorReplaysIt() {
    receiver = new WireMockServer(options().port(FreePort.pick()));
    receiver.start();
    receiver.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(500)));
    Response sub = hub.post(PubSubTest.ROOM + "/api/v1/subs/" + PubSubTest.DIED, "{\"delivery\":\"PUSH\",\"endpoint\":\""
        + receiver.baseUrl() + "/events\",\"retry\":{\"maxAttempts\":2,\"firstRetrySeconds\":1,\"maxRetrySeconds\":1}}")
        .as(HCMC, hub.token(HCMC)).send();
    assertThat(sub.status()).as(sub.body()).isEqualTo(200);
    String id = sub.json().get("id").asString();
    Response published = hub.post(PubSubTest.ROOM + "/pub/v1/" + PubSubTest.DIED,
        "{\"event\":{\"personalId\":\"001085660001\",\"diedOn\":\"2026-11-20\"}}")
        .as(PubSubTest.POPULATION, hub.token(PubSubTest.POPULATION)).send();
    assertThat(published.status()).as(published.body()).isEqualTo(201);
    String eventId = published.json().get("id").asString();

    browser = Browser.start("en-US,en");
    WebDriverWait wait = Browser.signInAsOperator(browser, "http://127.0.0.1:" + port);

    By row = By.id("subscription-" + id);
    wait.until(d -> "1".equals(d.findElement(row).findElement(By.className("dead")).getText()));
    WebElement cells = browser.findElement(row);
    assertThat(cells.getDomAttribute("class")).contains("down");
    assertThat(cells.getText()).contains(HCMC).contains("citizen.deceased").contains("Subscriber.Refused");
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/events")))).hasSize(2);

    receiver.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(204)));
    String reason = "browser test: the city's receiver is mended";
    browser.findElement(row).findElement(By.className("subscription-replay")).click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-dialog")));
    dialog.findElement(By.id("reason")).sendKeys(reason);
    dialog.findElement(By.id("reason-ok")).click();
    wait.until(d -> "0".equals(d.findElement(row).findElement(By.className("dead")).getText()));
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/events"))).size() == 3);
    assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/events"))).get(2).getHeader("webhook-id")).isEqualTo(eventId);
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json()
        .get("items").findValuesAsString("reason").containsAll(List.of(reason)));
  }
}
