package vn.lgsp.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One broker of a live/backup pair with replication, from the Apache Artemis distribution the
 * build unpacks into {@code target/artemis} ({@code org.apache.artemis:apache-artemis:bin}): an
 * instance made with the distribution's own {@code artemis create}, run with {@code artemis run} as
 * a child process. Nothing of the hub is in it: it is the broker an operator installs.
 */
public final class StandaloneArtemis implements AutoCloseable {

  /** Where the build unpacks the distribution. */
  private static final Path DISTRIBUTION = Path.of("target", "artemis");

  public static final String USER = "hub";
  public static final String PASSWORD = "broker-pair-test";

  private final String name;
  private final Path instance;
  private final int port;
  private Process process;

  private StandaloneArtemis(String name, Path instance, int port) {
    this.name = name;
    this.instance = instance;
    this.port = port;
  }

  /** The live broker and its backup, on free loopback ports, created (not started) under {@code dir}. */
  public static List<StandaloneArtemis> createPair(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int livePort = FreePort.pick();
    int backupPort = FreePort.pick();
    return List.of(create(dir, "live", livePort, backupPort, false), create(dir, "backup", backupPort, livePort, true));
  }

  private static StandaloneArtemis create(Path dir, String name, int port, int peerPort, boolean backup)
      throws IOException, InterruptedException {
    Path instance = dir.resolve(name).toAbsolutePath();
    List<String> command = new ArrayList<>(List.of("sh", artemis().toString(), "create", instance.toString(),
        "--silent", "--force", "--name", name, "--user", USER, "--password", PASSWORD, "--require-login",
        "--host", "127.0.0.1", "--default-port", String.valueOf(port), "--no-web", "--no-autotune",
        "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
        "--clustered", "--replicated", "--cluster-user", "hub-cluster", "--cluster-password", PASSWORD,
        "--staticCluster", "tcp://127.0.0.1:" + peerPort, "--failover-on-shutdown",
        "--java-options", "-Xms128m -Xmx384m -XX:TieredStopAtLevel=1"));
    if (backup) {
      command.add("--backup");
    }
    Process create = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + "-create.log").toFile()))
        .start();
    if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
      throw new AssertionError("artemis create " + name + " failed; see " + dir.resolve(name + "-create.log"));
    }
    return new StandaloneArtemis(name, instance, port);
  }

  private static Path artemis() throws IOException {
    try (var entries = Files.list(DISTRIBUTION)) {
      Path home = entries.filter(p -> p.getFileName().toString().startsWith("apache-artemis-")).findFirst()
          .orElseThrow(() -> new AssertionError("no Artemis distribution in " + DISTRIBUTION.toAbsolutePath()
              + ": the build unpacks it in process-test-resources"));
      return home.resolve("bin").resolve("artemis").toAbsolutePath();
    }
  }

  /** Runs the broker (its output in {@code broker.log} of the instance). */
  public StandaloneArtemis start() throws IOException {
    process = new ProcessBuilder("sh", instance.resolve("bin").resolve("artemis").toString(), "run")
        .directory(instance.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("broker.log").toFile()))
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return this;
  }

  /** Waits until the broker's log shows {@code text} (an AMQ message code, say). */
  public void awaitLog(String text, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
      if (process != null && !process.isAlive()) {
        throw new AssertionError("broker " + name + " exited; see " + instance.resolve("broker.log"));
      }
      return log().contains(text);
    });
  }

  public String log() throws IOException {
    File file = instance.resolve("broker.log").toFile();
    return file.exists() ? Files.readString(file.toPath()) : "";
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** SIGKILL: the broker's process dies at once, as on a lost node. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("broker " + name + " did not die within 30 s of SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
