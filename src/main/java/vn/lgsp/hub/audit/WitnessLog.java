package vn.lgsp.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The witness's seal files, read back for verification (by the hub, or by the verification command
 * without it). One JSON line per seal, {@code {"type":"seal","seal":{...}}}, appended in the order
 * the hub sealed, and with a time-stamping authority, later, a line {@code
 * {"type":"timestamp","upToSeq":..,"headHash":..,"token":"Base64 of the RFC 3161 token"}} for it;
 * a line torn by a crash is skipped. Each hub node writes its own file, {@code
 * seals-<node>.jsonl}, so several hubs may share one witness directory without locking.
 */
public final class WitnessLog {

  static final String PREFIX = "seals-";
  static final String SUFFIX = ".jsonl";

  /**
   * The witnessed seal of the highest chain position, the file that holds it, how many seals were
   * read, and the time-stamp token the witness keeps for that seal (null: none).
   */
  public record Witnessed(Seal seal, String source, long seals, String timeStampToken) {}

  private WitnessLog() {}

  /** The seal file of a hub node: its node id made safe as a file name. */
  static String fileName(String node) {
    String safe = node.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (safe.length() > 80) {
      safe = safe.substring(0, 60) + "-" + ChainHash.sha256Hex(node.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
    return PREFIX + safe + SUFFIX;
  }

  static byte[] line(Seal seal) {
    ObjectNode line = ExportFile.JSON.createObjectNode().put("type", "seal");
    line.set("seal", ExportFile.JSON.valueToTree(seal));
    return bytes(line);
  }

  static byte[] timeStampLine(Seal seal, byte[] token) {
    return bytes(ExportFile.JSON.createObjectNode().put("type", "timestamp").put("upToSeq", seal.upToSeq())
        .put("headHash", seal.headHash()).put("token", Base64.getEncoder().encodeToString(token)));
  }

  private static byte[] bytes(ObjectNode line) {
    try {
      return (ExportFile.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The newest witnessed seal (the highest chain position) in {@code path}: a witness directory (all
   * its seal files) or one seal file. The highest, not the last: after a truncation the hub seals
   * lower positions again, and the witness must not forget what it saw before. Empty if none.
   */
  public static Optional<Witnessed> newest(Path path) {
    Witnessed newest = null;
    long seals = 0;
    for (Path file : files(path)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String text;
        while ((text = in.readLine()) != null) {
          JsonNode line = parse(text);
          Seal seal = seal(line);
          if (seal != null) {
            seals++;
            if (newest == null || seal.upToSeq() > newest.seal().upToSeq()) {
              newest = new Witnessed(seal, file.getFileName().toString(), 0, null);
            }
          } else if (newest != null && isTimeStampOf(line, newest.seal())) {
            newest = new Witnessed(newest.seal(), newest.source(), 0, line.get("token").asText());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the seal witness " + file, e);
      }
    }
    return newest == null ? Optional.empty() : Optional.of(new Witnessed(newest.seal(), newest.source(), seals,
        newest.timeStampToken()));
  }

  private static List<Path> files(Path path) {
    if (!Files.isDirectory(path)) {
      if (!Files.isRegularFile(path)) {
        throw new UncheckedIOException(new IOException("no seal witness at " + path));
      }
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the seal witness " + path, e);
    }
  }

  /** A line as JSON, or null for one that is not (torn by a crash). */
  private static JsonNode parse(String text) {
    try {
      return ExportFile.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static boolean isTimeStampOf(JsonNode line, Seal seal) {
    return line != null && "timestamp".equals(line.path("type").asText()) && line.path("token").isTextual()
        && line.path("upToSeq").asLong() == seal.upToSeq() && seal.headHash().equals(line.path("headHash").asText());
  }

  /** The seal on one line, or null for a line that is not a whole seal. */
  private static Seal seal(JsonNode line) {
    try {
      JsonNode seal = line == null ? null : line.get("seal");
      if (!"seal".equals(line == null ? null : line.path("type").asText()) || seal == null || !seal.isObject()) {
        return null;
      }
      Seal parsed = ExportFile.JSON.treeToValue(seal, Seal.class);
      return parsed.headHash() == null || parsed.sealedAt() == null ? null : parsed;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }
}
