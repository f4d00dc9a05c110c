package vn.lgsp.hub.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The passwords an embedded hub generated for its database roles, as an auditor or tamperer finds them. */
public final class EmbeddedDatabaseLogins {

  private EmbeddedDatabaseLogins() {}

  public static Path file(Path dataDir) {
    return dataDir.toAbsolutePath().resolve("postgres/credentials.properties");
  }

  public static String password(Path dataDir, String role) {
    Properties roles = new Properties();
    try (Reader in = Files.newBufferedReader(file(dataDir))) {
      roles.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return roles.getProperty(role);
  }
}
