package vn.lgsp.hub.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its driver for browser tests. The test command must set up a
 * fresh machine by itself, so when the packages are missing and this runs as root on Debian, they
 * are installed with apt-get (once per machine). Nothing is downloaded by Selenium itself.
 */
public final class Browser {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /**
   * A fresh browser (its own profile: nothing remembered) whose user reads these languages, as
   * Accept-Language and {@code navigator.languages} give them, such as {@code "vi-VN,vi"}.
   */
  public static ChromeDriver start(String languages) {
    ensureInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1366,900", "--user-data-dir=" + TestDataDir.create("chromium"),
        "--lang=" + languages.split(",")[0]);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Signs the sandbox operator in on the console of the hub at {@code base}, in English; waits up to 30 s for things. */
  public static org.openqa.selenium.support.ui.WebDriverWait signInAsOperator(ChromeDriver browser, String base) {
    org.openqa.selenium.support.ui.WebDriverWait wait =
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    browser.get(base + "/console/login.html");
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(org.openqa.selenium.By.id("sign-in")));
    browser.findElement(org.openqa.selenium.By.id("username")).sendKeys("operator");
    browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("sandbox-operator");
    browser.findElement(org.openqa.selenium.By.id("sign-in")).click();
    return wait;
  }

  private static synchronized void ensureInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root || !new File("/usr/bin/apt-get").canExecute()) {
      fail("the console test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
    }
    try {
      Path log = TestDataDir.create("apt").resolve("apt.log");
      Process apt = new ProcessBuilder("sh", "-c",
          "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!apt.waitFor(10, TimeUnit.MINUTES) || apt.exitValue() != 0) {
        fail("installing chromium failed; see " + log);
      }
    } catch (IOException e) {
      fail("cannot run apt-get: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while installing chromium");
    }
  }
}
