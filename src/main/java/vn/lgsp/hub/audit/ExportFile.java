package vn.lgsp.hub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exchange log as a file: JSON lines, one stretch of the chain, verifiable on its own.
 *
 * <pre>
 * {"type":"header","format":"lgsp-hub-exchange-log/1","baseSeq":..,"baseHash":..,"exportedAt":..,
 *  "maxUnsealedRun":..,"certificate":"PEM"}
 * {"type":"seal","seal":{...}}          the seals of the stretch
 * {"type":"record","record":{...}}      the records in chain order, with their chain links
 * {"type":"footer","lastSeq":..,"lastHash":..,"records":..,"digest":..,"keyId":..,"signature":..}
 * </pre>
 *
 * The footer's digest is the SHA-256 of every byte before it and is signed with the seal key, so
 * the file as a whole is signed, and a file cut short has no valid footer. Exports and archives
 * share the format; archives follow one another, each starting where the last ended.
 */
public final class ExportFile {

  public static final String FORMAT = "lgsp-hub-exchange-log/1";

  // java.time values are ISO 8601 text by default in Jackson 3
  static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .changeDefaultPropertyInclusion(incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
      .build();

  private ExportFile() {}

  /** What the footer's signature covers. */
  static String footerText(long lastSeq, String lastHash, long records, String digest, String keyId) {
    return "lgsp-hub-export/1\nlastSeq=" + lastSeq + "\nlastHash=" + lastHash + "\nrecords=" + records
        + "\ndigest=" + digest + "\nkey=" + keyId + "\n";
  }

  /** Writes one stretch; the caller writes the header, the seals, the records, then the footer. */
  public static final class Writer {
    private final OutputStream out;
    private final MessageDigest digest;
    private long records;
    private long lastSeq;
    private String lastHash;

    public Writer(OutputStream out) {
      this.out = out;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** @param maxUnsealedRun the longest run of records the hub leaves without a seal */
    public void header(long baseSeq, String baseHash, Instant exportedAt, String certificatePem, long maxUnsealedRun) {
      lastSeq = baseSeq;
      lastHash = baseHash;
      ObjectNode h = JSON.createObjectNode();
      h.put("type", "header").put("format", FORMAT).put("baseSeq", baseSeq).put("baseHash", baseHash)
          .put("exportedAt", exportedAt.toString()).put("maxUnsealedRun", maxUnsealedRun)
          .put("certificate", certificatePem);
      line(h);
    }

    public void seal(Seal seal) {
      ObjectNode s = JSON.createObjectNode().put("type", "seal");
      s.set("seal", JSON.valueToTree(seal));
      line(s);
    }

    public void record(ExchangeRecord record) {
      ObjectNode r = JSON.createObjectNode().put("type", "record");
      r.set("record", JSON.valueToTree(record.withoutPayload()));
      line(r);
      records++;
      lastSeq = record.chain().seq();
      lastHash = record.chain().recordHash();
    }

    public long records() {
      return records;
    }

    public void footer(SealKey key) {
      String hex = HexFormat.of().formatHex(digest.digest());
      ObjectNode f = JSON.createObjectNode();
      f.put("type", "footer").put("lastSeq", lastSeq).put("lastHash", lastHash).put("records", records)
          .put("digest", hex).put("keyId", key.keyId())
          .put("signature", key.sign(footerText(lastSeq, lastHash, records, hex, key.keyId())));
      line(f);
    }

    private void line(JsonNode node) {
      try {
        byte[] bytes = JSON.writeValueAsBytes(node);
        digest.update(bytes);
        digest.update((byte) '\n');
        out.write(bytes);
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The verification of one file: the chain inside it, and the file's own signature. */
  public record Verified(long baseSeq, String baseHash, String certificate, ChainVerifier.Result result) {}

  /** Reads and verifies a file against the trusted keys. */
  public static Verified verify(InputStream in, TrustedKeys trust) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    JsonNode header = line == null ? null : JSON.readTree(line);
    if (header == null || !"header".equals(header.path("type").asString("")) || !FORMAT.equals(header.path("format").asString(""))) {
      throw new IOException("not an lgsp-hub exchange-log file (no " + FORMAT + " header)");
    }
    digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    long baseSeq = header.path("baseSeq").asLong(0);
    String baseHash = header.path("baseHash").asString("");
    // the header is covered by the footer's signed digest: a changed limit breaks the file
    ChainVerifier verifier = new ChainVerifier(baseSeq, baseHash, trust, header.path("maxUnsealedRun").asLong(0));
    JsonNode footer = null;
    while ((line = reader.readLine()) != null) {
      JsonNode node = JSON.readTree(line);
      String type = node.path("type").asString("");
      if ("footer".equals(type)) {
        footer = node;
        break;
      }
      digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
      if ("seal".equals(type)) {
        verifier.seal(JSON.treeToValue(node.get("seal"), Seal.class));
      } else if ("record".equals(type)) {
        verifier.record(JSON.treeToValue(node.get("record"), ExchangeRecord.class));
      } else {
        throw new IOException("unknown line type '" + type + "'");
      }
    }
    String certificate = header.path("certificate").asString(null);
    if (footer == null || reader.readLine() != null) {
      ChainVerifier.Result unfinished = verifier.finish(null, null);
      return new Verified(baseSeq, baseHash, certificate, unfinished.intact()
          ? broken(unfinished, "truncated", "the file has no footer where it ends: it was cut or extended")
          : unfinished);
    }
    ChainVerifier.Result result = verifier.finish(footer.path("lastSeq").asLong(0), footer.path("lastHash").asString(""));
    String hex = HexFormat.of().formatHex(digest.digest());
    if (result.intact() && !hex.equals(footer.path("digest").asString(""))) {
      result = broken(result, "altered", "the file's bytes differ from the digest its footer signs");
    } else if (result.intact() && !trust.verify(footer.path("keyId").asString(""), footerText(footer.path("lastSeq").asLong(0),
        footer.path("lastHash").asString(""), footer.path("records").asLong(0), hex, footer.path("keyId").asString("")),
        footer.path("signature").asString(""))) {
      result = broken(result, "seal-forged", "the file's footer is not signed by a trusted key");
    }
    return new Verified(baseSeq, baseHash, certificate, result);
  }

  private static ChainVerifier.Result broken(ChainVerifier.Result r, String problem, String detail) {
    return new ChainVerifier.Result(false, r.firstSeq(), r.lastSeq(), r.lastHash(), r.records(), r.seals(),
        r.unsealedRecords(), new ChainVerifier.Break(problem, null, null, null, detail));
  }
}
