package vn.lgsp.hub.audit.chain;

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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
  public record Witnessed(Seal seal, String source, long seals, String timeStampToken, Path witness) {}

  /** Receives each witnessed seal's position and head hash. */
  @FunctionalInterface
  public interface SealVisitor {
    void visit(long upToSeq, String headHash, String source);
  }

  /**
   * Every seal in {@code path} (a witness directory or one file), by position and head hash, read
   * from the start of each line without parsing it whole; lines in another layout are parsed.
   */
  public static void forEachSeal(Path path, SealVisitor visitor) {
    for (Path file : files(path)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String text;
        while ((text = in.readLine()) != null) {
          long seq = number(text, SEAL_LINE);
          String quoted = seq < 0 ? null : headHash(text);
          if (quoted != null && quoted.length() == HEAD_HASH.length() + 64) {
            visitor.visit(seq, quoted.substring(HEAD_HASH.length()), file.getFileName().toString());
          } else if (number(text, STAMP_LINE) < 0) {
            Seal seal = seal(parse(text));
            if (seal != null) {
              visitor.visit(seal.upToSeq(), seal.headHash(), file.getFileName().toString());
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the seal witness " + file, e);
      }
    }
  }

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
    ObjectNode line = JsonLines.JSON.createObjectNode().put("type", "seal");
    line.set("seal", JsonLines.JSON.valueToTree(seal));
    return bytes(line);
  }

  static byte[] timeStampLine(Seal seal, byte[] token) {
    return bytes(JsonLines.JSON.createObjectNode().put("type", "timestamp").put("upToSeq", seal.upToSeq())
        .put("headHash", seal.headHash()).put("token", Base64.getEncoder().encodeToString(token)));
  }

  private static byte[] bytes(ObjectNode line) {
    try {
      return (JsonLines.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How this class writes the start of a seal line and of a time-stamp line (read without a parser). */
  private static final String SEAL_LINE = "{\"type\":\"seal\",\"seal\":{\"upToSeq\":";
  private static final String STAMP_LINE = "{\"type\":\"timestamp\",\"upToSeq\":";
  private static final String HEAD_HASH = "\"headHash\":\"";

  /** The best line so far: its position, its text, its file, and the text of its time-stamp line. */
  private record Candidate(long seq, String text, String source, String stamp) {}

  /**
   * The newest witnessed seal (the highest chain position) in {@code path}: a witness directory (all
   * its seal files) or one seal file. The highest, not the last: after a truncation the hub seals
   * lower positions again, and the witness must not forget what it saw before. Empty if none.
   * Lines are compared by the position at their start and only the winner is parsed: a year of
   * seals every 10 s is three million lines.
   */
  public static Optional<Witnessed> newest(Path path) {
    Candidate best = null;
    long seals = 0;
    for (Path file : files(path)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String text;
        while ((text = in.readLine()) != null) {
          long seq = number(text, SEAL_LINE);
          long stamped = seq < 0 ? number(text, STAMP_LINE) : -1;
          if (seq < 0 && stamped < 0) {
            // a line in another layout: read it in full
            JsonNode line = parse(text);
            Seal seal = seal(line);
            seq = seal == null ? -1 : seal.upToSeq();
            stamped = seal == null && line != null && "timestamp".equals(line.path("type").asString(""))
                ? line.path("upToSeq").asLong(-1) : -1;
          }
          if (seq >= 0) {
            seals++;
            if (best == null || seq > best.seq()) {
              best = new Candidate(seq, text, file.getFileName().toString(), null);
            }
          } else if (best != null && stamped == best.seq() && text.contains(headHash(best.text()))) {
            best = new Candidate(best.seq(), best.text(), best.source(), text);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the seal witness " + file, e);
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Seal seal = seal(parse(best.text()));
    if (seal == null) {
      // the winner was torn by a crash after its position: parse every line
      return fullyParsed(path);
    }
    JsonNode stamp = best.stamp() == null ? null : parse(best.stamp());
    return Optional.of(new Witnessed(seal, best.source(), seals,
        isTimeStampOf(stamp, seal) ? stamp.get("token").asString("") : null, path));
  }

  /** As {@link #newest(Path)}, parsing every line: for a witness with a torn line that looked newest. */
  private static Optional<Witnessed> fullyParsed(Path path) {
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
              newest = new Witnessed(seal, file.getFileName().toString(), 0, null, path);
            }
          } else if (newest != null && isTimeStampOf(line, newest.seal())) {
            newest = new Witnessed(newest.seal(), newest.source(), 0, line.get("token").asString(""), path);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the seal witness " + file, e);
      }
    }
    return newest == null ? Optional.empty() : Optional.of(new Witnessed(newest.seal(), newest.source(), seals,
        newest.timeStampToken(), path));
  }

  /** The decimal number right after {@code prefix} at the start of {@code line}; -1 if there is none. */
  private static long number(String line, String prefix) {
    if (!line.startsWith(prefix)) {
      return -1;
    }
    int from = prefix.length();
    int to = from;
    long n = 0;
    while (to < line.length() && to - from < 18 && line.charAt(to) >= '0' && line.charAt(to) <= '9') {
      n = n * 10 + (line.charAt(to++) - '0');
    }
    return to == from ? -1 : n;
  }

  /** The head hash quoted in a line, with its key, so that a time-stamp line can be matched to it. */
  private static String headHash(String line) {
    int at = line.indexOf(HEAD_HASH);
    return at < 0 || at + HEAD_HASH.length() + 64 > line.length() ? "\u0000" : line.substring(at, at + HEAD_HASH.length() + 64);
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
      return JsonLines.JSON.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static boolean isTimeStampOf(JsonNode line, Seal seal) {
    return line != null && "timestamp".equals(line.path("type").asString("")) && line.path("token").isString()
        && line.path("upToSeq").asLong(0) == seal.upToSeq() && seal.headHash().equals(line.path("headHash").asString(""));
  }

  /** The seal on one line, or null for a line that is not a whole seal. */
  private static Seal seal(JsonNode line) {
    try {
      JsonNode seal = line == null ? null : line.get("seal");
      if (!"seal".equals(line == null ? null : line.path("type").asString("")) || seal == null || !seal.isObject()) {
        return null;
      }
      Seal parsed = JsonLines.JSON.treeToValue(seal, Seal.class);
      return parsed.headHash() == null || parsed.sealedAt() == null ? null : parsed;
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }
}
