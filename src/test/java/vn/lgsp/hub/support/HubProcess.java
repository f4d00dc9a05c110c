package vn.lgsp.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub as a child process on the test class path (sandbox included), as an operator starts
 * it: {@code java ... LgspHubApplication --server.port=0 --hub.data-dir=DIR} plus the settings
 * given, logging to {@code hub.log} in its data directory. It is ready when its log names its port
 * and its readiness group answers UP.
 */
public final class HubProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern LISTENING = Pattern.compile("Tomcat started on ports? (\\d+)");

  private final Path dataDir;
  private final Process process;

  private HubProcess(Path dataDir, Process process) {
    this.dataDir = dataDir;
    this.process = process;
  }

  /** Starts a hub on {@code dataDir} with these extra settings ({@code --name=value}); does not wait. */
  public static HubProcess start(Path dataDir, List<String> settings) throws IOException {
    // an earlier run's log is kept beside (a killed hub's last words), the new one is read for the port
    if (Files.exists(dataDir.resolve("hub.log"))) {
      Files.move(dataDir.resolve("hub.log"), dataDir.resolve("hub.log." + System.currentTimeMillis()));
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx768m",
        "-Djava.io.tmpdir=" + dataDir, "-cp", System.getProperty("java.class.path"), "vn.lgsp.hub.LgspHubApplication",
        "--server.port=0", "--hub.data-dir=" + dataDir));
    command.addAll(settings);
    Process process = new ProcessBuilder(command)
        .directory(new File("."))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("hub.log").toFile()))
        .start();
    // a test JVM that is itself killed (a surefire timeout) leaves no hub holding ports behind
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return new HubProcess(dataDir, process);
  }

  /** Waits until the hub is ready and returns its port. */
  public int awaitReady(Duration atMost) {
    return await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("the hub exited with " + process.exitValue() + "; see " + dataDir.resolve("hub.log"));
      }
      return readyPort();
    }, p -> p > 0);
  }

  public Path dataDir() {
    return dataDir;
  }

  public Process process() {
    return process;
  }

  /** The hub's threads as {@code jcmd Thread.print} shows them: what a test prints when the hub seems stuck. */
  public String threadDump() {
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
      String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return dump;
    } catch (IOException e) {
      return "no thread dump: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no thread dump: interrupted";
    }
  }

  /** SIGKILL, and the exit code (137). */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the hub did not die within 30 s of SIGKILL");
    }
    return process.exitValue();
  }

  /** A graceful stop (SIGTERM), SIGKILL if it takes longer than 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private int readyPort() {
    try {
      Matcher m = LISTENING.matcher(Files.readString(dataDir.resolve("hub.log")));
      int port = m.find() ? Integer.parseInt(m.group(1)) : 0;
      return port > 0 && ready(port) ? port : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean ready(int port) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("UP");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
