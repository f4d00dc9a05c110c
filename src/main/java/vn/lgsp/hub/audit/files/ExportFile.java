package vn.lgsp.hub.audit.files;

import static vn.lgsp.hub.audit.chain.JsonLines.JSON;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.chain.ChainVerifier;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * The exchange log as a file: JSON lines, one stretch of the chain, verifiable on its own. The
 * format is specified byte for byte in docs/EVIDENCE-FORMAT.md (section 6):
 *
 * <pre>
 * {"type":"header","format":"lgsp-hub-exchange-log/2","baseSeq":..,"baseHash":..,"exportedAt":..,
 *  "maxUnsealedRun":..,"keyId":..,"fingerprint":"sha256:..","certificates":["PEM",..],"range":{..},
 *  "verifiedBeforeSigning":"intact"}
 * {"type":"seal","seal":{...}}                               the seals of the stretch
 * {"type":"record","form":"lgsp-hub-record/1","record":{...}} the records in chain order, with their chain links
 * {"type":"footer","lastSeq":..,"lastHash":..,"records":..,"digest":..,"keyId":..,"signature":..}
 * </pre>
 *
 * The footer's digest is the SHA-256 of every byte before it and is signed with the seal key, so
 * the file as a whole is signed, and a file cut short has no valid footer. Exports and archives
 * share the format; archives follow one another, each starting where the last ended. Files of
 * format {@code /1} (one {@code certificate} in the header, no {@code form}) still verify.
 */
public final class ExportFile {

  public static final String FORMAT = "lgsp-hub-exchange-log/2";
  static final String FORMAT_1 = "lgsp-hub-exchange-log/1";

  private ExportFile() {}

  /** What the footer's signature covers. */
  static String footerText(long lastSeq, String lastHash, long records, String digest, String keyId) {
    return "lgsp-hub-export/1\nlastSeq=" + lastSeq + "\nlastHash=" + lastHash + "\nrecords=" + records
        + "\ndigest=" + digest + "\nkey=" + keyId + "\n";
  }

  /**
   * What a header says beyond the stretch's start.
   *
   * @param certificates the signing key's certificate first, then those of other keys whose seals the file holds
   * @param range the export's selection ({@code from}, {@code to}, {@code firstSeq}, {@code lastSeq}); null for archives
   * @param verifiedBeforeSigning the hub's own check of the stretch before signing: {@code intact} or a verdict
   */
  public record HeaderInfo(Instant exportedAt, long maxUnsealedRun, List<X509Certificate> certificates,
      Map<String, Object> range, String verifiedBeforeSigning) {}

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

    public void header(long baseSeq, String baseHash, HeaderInfo info) {
      lastSeq = baseSeq;
      lastHash = baseHash;
      String keyId = TrustedKeys.keyId(info.certificates().get(0));
      ObjectNode h = JSON.createObjectNode();
      h.put("type", "header").put("format", FORMAT).put("baseSeq", baseSeq).put("baseHash", baseHash)
          .put("exportedAt", info.exportedAt().toString()).put("maxUnsealedRun", info.maxUnsealedRun())
          .put("keyId", keyId).put("fingerprint", "sha256:" + keyId);
      ArrayNode pems = h.putArray("certificates");
      info.certificates().forEach(c -> pems.add(TrustedKeys.pem(c)));
      if (info.range() != null) {
        h.set("range", JSON.valueToTree(info.range()));
      }
      if (info.verifiedBeforeSigning() != null) {
        h.put("verifiedBeforeSigning", info.verifiedBeforeSigning());
      }
      line(h);
    }

    public void seal(Seal seal) {
      ObjectNode s = JSON.createObjectNode().put("type", "seal");
      s.set("seal", JSON.valueToTree(seal));
      line(s);
    }

    public void record(ExchangeRecord record) {
      ObjectNode r = JSON.createObjectNode().put("type", "record").put("form", ChainHash.form(record));
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

  /** The verification of one file (docs/EVIDENCE-FORMAT.md, section 8): the chain inside it, and the file's own signature. */
  public record Verified(long baseSeq, String baseHash, ChainVerifier.Result result, ExportCheck.Report check) {}

  /** Reads and verifies a file against the trusted keys (the trust anchors). */
  public static Verified verify(InputStream in, TrustedKeys trust) {
    ExportCheck.Outcome outcome = ExportCheck.check(in, trust);
    return new Verified(outcome.baseSeq(), outcome.baseHash(), outcome.asResult(), outcome.report());
  }
}
