package vn.lgsp.hub.audit.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.chain.ChainVerifier;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * Verifies one export or archive file exactly as docs/EVIDENCE-FORMAT.md, section 8, says, so that
 * a verifier written from that page gives the same verdict and counts: every line is checked and
 * counted (a break does not stop it), every fault is a finding, and the verdict is the finding
 * highest in {@link #VERDICTS}.
 */
public final class ExportCheck {

  public static final String INTACT = "intact";
  public static final String UNUSABLE = "unusable";

  /** The verdicts of a broken file, the one that wins first (section 8). */
  public static final List<String> VERDICTS = List.of("altered", "broken-link", "inserted", "removed", "reordered",
      "seal-mismatch", "seal-forged", "seal-missing", "truncated", "footer-mismatch", "footer-forged");

  /** One fault, where it was found ({@code line} 1-based). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Finding(String verdict, long line, Long chainSeq, String detail) {}

  /** The report of section 9. On {@code unusable} only verdict, exit and detail are set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Report(
      String verdict,
      int exit,
      String detail,
      String format,
      Long baseSeq,
      Long lastSeq,
      String signedBy,
      String verifiedBeforeSigning,
      Long records,
      Long checked,
      Long unchecked,
      Long failed,
      Long missing,
      Long seals,
      Long sealsValid,
      Long sealsFailed,
      Long sealsUnchecked,
      Long sealed,
      Long exportSignatureOnly,
      List<long[]> exportSignatureOnlyRanges,
      List<Finding> findings) {

    public boolean intact() {
      return INTACT.equals(verdict);
    }

    public boolean unusable() {
      return UNUSABLE.equals(verdict);
    }
  }

  /** The report, and where the file's stretch starts and ends in the chain (for archives that follow one another). */
  public record Outcome(Report report, long baseSeq, String baseHash, long lastSeq, String lastHash) {

    /** The outcome as a part of a whole-log verification. */
    public ChainVerifier.Result asResult() {
      Finding first = report.findings() == null ? null : report.findings().stream()
          .filter(f -> f.verdict().equals(report.verdict())).findFirst().orElse(null);
      ChainVerifier.Break problem = report.intact() ? null : new ChainVerifier.Break(
          report.unusable() ? "unreadable" : report.verdict(), first == null ? null : first.chainSeq(), null, null,
          first == null ? report.detail() : first.detail());
      return new ChainVerifier.Result(report.intact(), baseSeq + 1, lastSeq, lastHash,
          report.records() == null ? 0 : report.records(), report.sealsValid() == null ? 0 : report.sealsValid(),
          report.exportSignatureOnly() == null ? 0 : report.exportSignatureOnly(), problem);
    }
  }

  private final TrustedKeys trust;
  private final Map<String, X509Certificate> certificates = new LinkedHashMap<>();
  private final Map<Long, List<Seal>> sealsAt = new HashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Seen seen = new Seen();
  private final List<long[]> exportOnly = new ArrayList<>();
  private final MessageDigest digest;
  private long lineNo;
  private long baseSeq;
  private String baseHash;
  private long maxUnsealedRun;
  private long records;
  private long checked;
  private long unchecked;
  private long failed;
  private long sealLines;
  private long sealsValid;
  private long sealsFailed;
  private long sealed;
  private boolean sealMissingFound;
  private long lastValid;
  private long maxSeq;
  // the previous record line, as written
  private Long prevSeq;
  private String prevHash;
  private boolean prevInRun;
  // the current run: consecutive, linked, coverable records; those from runUnsealedFrom on await a seal
  private long runUnsealedFrom = -1;
  private long runEnd = -1;

  private ExportCheck(TrustedKeys trust) {
    this.trust = trust;
    this.certificates.putAll(trust.certificates());
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifies the file read from {@code in} against the trust anchors {@code trust}. */
  public static Outcome check(InputStream in, TrustedKeys trust) {
    try {
      return new ExportCheck(trust).run(in);
    } catch (EvidenceJson.Malformed e) {
      return unusable(e.getMessage());
    } catch (IOException e) {
      return unusable("cannot read the file: " + e.getMessage());
    }
  }

  public static Outcome unusable(String detail) {
    return new Outcome(new Report(UNUSABLE, 2, detail, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null), 0, null, -1, null);
  }

  private Outcome run(InputStream in) throws IOException, EvidenceJson.Malformed {
    Lines lines = new Lines(in);
    byte[] first = lines.next();
    if (first == null || lines.partial) {
      throw new EvidenceJson.Malformed("no header line");
    }
    JsonNode header = EvidenceJson.object(utf8(first));
    String format = header(header);
    digest.update(first);
    digest.update((byte) '\n');
    lineNo = 1;
    JsonNode footer = null;
    byte[] line;
    while ((line = lines.next()) != null) {
      lineNo++;
      JsonNode node = EvidenceJson.object(utf8(line));
      String type = EvidenceJson.type(node);
      if ("footer".equals(type)) {
        footer = node;
        break;
      }
      digest.update(line);
      digest.update((byte) '\n');
      switch (type) {
        case "seal" -> seal(EvidenceJson.seal(node));
        case "record" -> record(node);
        default -> throw new EvidenceJson.Malformed("line " + lineNo + ": unknown line type '" + type + "'");
      }
    }
    endRun();
    long missing = seen.missing(baseSeq, maxSeq);
    if (missing > 0) {
      find("removed", lineNo, null, missing + " chain position(s) between " + (baseSeq + 1) + " and " + maxSeq
          + " are missing");
    }
    long endSeq = prevSeq == null ? baseSeq : prevSeq;
    String endHash = prevSeq == null ? baseHash : prevHash;
    String signedBy = null;
    if (footer == null) {
      find("truncated", lineNo + 1, null, "the file has no footer where it ends: it was cut");
    } else {
      signedBy = footer(footer, lines, endSeq, endHash);
    }
    long sealsUnchecked = sealsAt.values().stream().mapToLong(List::size).sum();
    String verdict = VERDICTS.stream().filter(v -> findings.stream().anyMatch(f -> f.verdict().equals(v)))
        .findFirst().orElse(INTACT);
    Report report = new Report(verdict, INTACT.equals(verdict) ? 0 : 1, null, format, baseSeq, endSeq, signedBy,
        header.path("verifiedBeforeSigning").isTextual() ? header.get("verifiedBeforeSigning").textValue() : null,
        records, checked, unchecked, failed, missing, sealLines, sealsValid, sealsFailed, sealsUnchecked, sealed,
        checked + unchecked - sealed, merged(exportOnly), List.copyOf(findings));
    return new Outcome(report, baseSeq, baseHash, endSeq, endHash);
  }

  private String header(JsonNode header) throws EvidenceJson.Malformed {
    String format = EvidenceJson.text(header, "format", true);
    if (!"header".equals(EvidenceJson.type(header))
        || !(ExportFile.FORMAT.equals(format) || ExportFile.FORMAT_1.equals(format))) {
      throw new EvidenceJson.Malformed("not an lgsp-hub exchange-log file (no " + ExportFile.FORMAT + " header)");
    }
    baseSeq = EvidenceJson.integer(header, "baseSeq", 0, Long.MAX_VALUE);
    baseHash = EvidenceJson.text(header, "baseHash", true);
    maxUnsealedRun = EvidenceJson.integer(header, "maxUnsealedRun", 0, Long.MAX_VALUE);
    lastValid = baseSeq;
    maxSeq = baseSeq;
    List<String> pems = new ArrayList<>();
    if (ExportFile.FORMAT_1.equals(format)) {
      pems.add(EvidenceJson.text(header, "certificate", true));
    } else {
      JsonNode list = header.get("certificates");
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new EvidenceJson.Malformed("the header has no certificates");
      }
      for (JsonNode pem : list) {
        if (!pem.isTextual()) {
          throw new EvidenceJson.Malformed("a header certificate is not a string");
        }
        pems.add(pem.textValue());
      }
    }
    for (String pem : pems) {
      try {
        X509Certificate c = TrustedKeys.parsePem(pem);
        certificates.putIfAbsent(TrustedKeys.keyId(c), c);
      } catch (IllegalArgumentException e) {
        throw new EvidenceJson.Malformed("a header certificate is not a PEM certificate");
      }
    }
    return format;
  }

  private void seal(Seal seal) {
    sealLines++;
    sealsAt.computeIfAbsent(seal.upToSeq(), k -> new ArrayList<>()).add(seal);
  }

  private void record(JsonNode node) throws EvidenceJson.Malformed {
    ExchangeRecord r = EvidenceJson.record(node);
    String form = EvidenceJson.text(node, "form", false);
    if (form != null && !ChainHash.knownForm(form)) {
      throw new EvidenceJson.Malformed("line " + lineNo + ": canonical form '" + form + "' is unknown (a newer hub?)");
    }
    records++;
    ExchangeRecord.ChainLink link = r.chain();
    long s = link.seq();
    String rh = link.recordHash();
    Long before = prevSeq;
    String beforeHash = prevHash;
    boolean beforeInRun = prevInRun;
    prevSeq = s;
    prevHash = rh;
    prevInRun = false;
    if (s <= baseSeq || !seen.add(s, baseSeq)) {
      failed++;
      endRun();
      find("inserted", lineNo, s, s <= baseSeq ? "a record at or before the file's base position " + baseSeq
          : "a second record at chain position " + s);
      return;
    }
    maxSeq = Math.max(maxSeq, s);
    boolean adjacent = before == null ? s == baseSeq + 1 : s == before + 1;
    boolean coverable = false;
    boolean linked = false;
    if (!ChainHash.of(r, s, link.prevHash()).equals(rh) || form != null && !form.equals(ChainHash.form(r))) {
      failed++;
      find("altered", lineNo, s, "the record's content does not match its hash");
    } else if (adjacent && link.prevHash().equals(before == null ? baseHash : beforeHash)) {
      checked++;
      coverable = true;
      linked = true;
    } else if (adjacent) {
      failed++;
      find("broken-link", lineNo, s, "the record does not follow chain position " + (s - 1));
    } else {
      unchecked++;
      coverable = true;
      if (before != null && s < before) {
        find("reordered", lineNo, s, "chain position " + s + " comes after " + before + ": records out of order");
      }
    }
    if (!coverable) {
      endRun();
    } else if (linked && beforeInRun) {
      runEnd = s;
      prevInRun = true;
    } else {
      endRun();
      runUnsealedFrom = s;
      runEnd = s;
      prevInRun = true;
    }
    for (Seal seal : sealsAt.getOrDefault(s, List.of())) {
      if (!seal.headHash().equals(rh)) {
        sealsFailed++;
        find("seal-mismatch", lineNo, s, "the chain at " + s + " is not what the hub sealed at " + seal.sealedAt());
      } else if (!TrustedKeys.verifies(certificates.get(seal.keyId()), seal.text(), seal.signature())) {
        sealsFailed++;
        find("seal-forged", lineNo, s, "the seal at " + s + " is not signed by a key of the file's certificates");
      } else {
        sealsValid++;
        lastValid = Math.max(lastValid, s);
        if (prevInRun && runUnsealedFrom >= 0 && runUnsealedFrom <= s) {
          sealed += s - runUnsealedFrom + 1;
          runUnsealedFrom = s + 1;
        }
      }
    }
    sealsAt.remove(s);
    if (maxUnsealedRun > 0 && s - lastValid > maxUnsealedRun && !sealMissingFound) {
      sealMissingFound = true;
      find("seal-missing", lineNo, s, "more than " + maxUnsealedRun + " records after chain position " + lastValid
          + " without a valid seal: seals were removed");
    }
  }

  private void endRun() {
    if (runUnsealedFrom >= 0 && runUnsealedFrom <= runEnd) {
      exportOnly.add(new long[] {runUnsealedFrom, runEnd});
    }
    runUnsealedFrom = -1;
    runEnd = -1;
  }

  private String footer(JsonNode footer, Lines lines, long endSeq, String endHash)
      throws IOException, EvidenceJson.Malformed {
    long lastSeq = EvidenceJson.integer(footer, "lastSeq", Long.MIN_VALUE, Long.MAX_VALUE);
    String lastHash = EvidenceJson.text(footer, "lastHash", true);
    long count = EvidenceJson.integer(footer, "records", Long.MIN_VALUE, Long.MAX_VALUE);
    String declared = EvidenceJson.text(footer, "digest", true);
    String keyId = EvidenceJson.text(footer, "keyId", true);
    String signature = EvidenceJson.text(footer, "signature", true);
    long footerLine = lineNo;
    String hex = HexFormat.of().formatHex(digest.digest());
    if (lines.next() != null || lines.partial) {
      find("footer-mismatch", footerLine, null, "the footer is not the file's last line");
    }
    if (count != records || lastSeq != endSeq || !lastHash.equals(endHash) || !hex.equals(declared)) {
      find("footer-mismatch", footerLine, null, "the footer does not describe the file: it declares " + count
          + " records ending at " + lastSeq + "; the file has " + records + " ending at " + endSeq
          + (hex.equals(declared) ? "" : ", and its bytes differ from the digest the footer signs"));
    }
    if (!trust.trusts(keyId) || !TrustedKeys.verifies(certificates.get(keyId),
        ExportFile.footerText(lastSeq, lastHash, count, declared, keyId), signature)) {
      find("footer-forged", footerLine, null, trust.trusts(keyId)
          ? "the footer's signature does not verify"
          : "the footer is signed by key " + keyId + ", which is not the trusted key: not the hub's file, or the wrong fingerprint");
    }
    return keyId;
  }

  private void find(String verdict, long line, Long seq, String detail) {
    findings.add(new Finding(verdict, line, seq, detail));
  }

  private static List<long[]> merged(List<long[]> ranges) {
    List<long[]> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(r -> r[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] r : sorted) {
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && r[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        out.add(new long[] {r[0], r[1]});
      }
    }
    return out;
  }

  private static String utf8(byte[] line) throws EvidenceJson.Malformed {
    if (line.length >= 3 && (line[0] & 0xff) == 0xef && (line[1] & 0xff) == 0xbb && (line[2] & 0xff) == 0xbf) {
      throw new EvidenceJson.Malformed("a byte order mark");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
    } catch (CharacterCodingException e) {
      throw new EvidenceJson.Malformed("a line that is not UTF-8");
    }
  }

  /** The file's lines, split at LF only; a last piece without LF is {@link #partial}. */
  private static final class Lines {
    private final InputStream in;
    private boolean partial;

    Lines(InputStream in) {
      this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 1 << 16);
    }

    byte[] next() throws IOException {
      if (partial) {
        return null;
      }
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          return line.toByteArray();
        }
        line.write(b);
      }
      partial = line.size() > 0;
      return null;
    }
  }

  /** The chain positions seen: a bit set near the base, a hash set for the (forged) far ones. */
  private static final class Seen {
    private static final long NEAR = 1L << 26;
    private final BitSet near = new BitSet();
    private final Set<Long> far = new HashSet<>();
    private long distinct;

    boolean add(long seq, long base) {
      long offset = seq - base - 1;
      boolean added;
      if (offset >= 0 && offset < NEAR) {
        added = !near.get((int) offset);
        near.set((int) offset);
      } else {
        added = far.add(seq);
      }
      if (added) {
        distinct++;
      }
      return added;
    }

    long missing(long base, long max) {
      return max - base - distinct;
    }
  }
}
