package vn.lgsp.hub.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the hub is killed (SIGKILL), its PostgreSQL child lives on holding the data directory,
 * and the next start would wait and fail. The caller holds the data-directory lock, so a
 * postgres serving this very directory can only be such an orphan: stop it.
 */
final class OrphanPostgres {

  private static final Logger log = LoggerFactory.getLogger(OrphanPostgres.class);

  private OrphanPostgres() {}

  static void stopIfRunning(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    Path servedDirectory = Path.of(lines.get(1).trim());
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()
        || !isPostgres(process.get())
        || !Files.isSameFile(servedDirectory, dataDirectory)) {
      return;
    }
    log.warn("stopping an orphaned PostgreSQL (pid {}) left by an earlier hub process", pid);
    process.get().destroy();
    try {
      process.get().onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.get().destroyForcibly();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
  }
}
