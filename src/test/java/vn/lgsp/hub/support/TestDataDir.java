package vn.lgsp.hub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh hub data directory under target/, so test hubs never share a database or journal. */
public final class TestDataDir {

  private TestDataDir() {}

  public static Path create(String name) {
    try {
      Path root = Path.of("target", "test-data");
      Files.createDirectories(root);
      return Files.createTempDirectory(root, name + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
