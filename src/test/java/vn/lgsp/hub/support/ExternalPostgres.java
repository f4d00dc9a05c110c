package vn.lgsp.hub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server of its own, outside every hub, as production has one: a separate server
 * process on a fixed port with durable commits, its data kept in {@code dir} so that a stop and a
 * start on the same directory is an outage, not a new database. Hubs reach it with the standard
 * {@code spring.datasource.*} settings ({@link #url}), as the schema's owner {@code postgres}.
 */
public final class ExternalPostgres {

  private ExternalPostgres() {}

  public static EmbeddedPostgres start(Path dir, int port) throws IOException {
    Files.createDirectories(dir.resolve("runtime"));
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("data"))
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(dir.resolve("runtime").toFile())
        .setPort(port)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("unix_socket_directories", dir.resolve("runtime").toString())
        .start();
  }

  public static String url(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }
}
