package vn.lgsp.hub.protocol.signatures;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies a saved answer of the hub, offline: its {@code Content-Digest} against the body, and the hub's HTTP
 * Message Signature (RFC 9421, {@code ecdsa-p256-sha256}) over the signature base rebuilt from the header fields
 * as received, with a key the verifier trusts. The answer is its status line and header fields as {@code curl -D}
 * saves them, and its body.
 */
public final class AnswerVerifier {

  /** What a verification found. */
  public enum Verdict { VERIFIED, NOT_VERIFIED, UNUSABLE }

  /** The verdict and why, for people. */
  public record Result(Verdict verdict, String reason) {}

  /** The label of the hub's signature among those a message may carry (a proxy may add its own). */
  public static final String LABEL = "hub";

  private AnswerVerifier() {}

  public static Result verify(String headerDump, byte[] body, PublicKey key, String expectedKeyId) {
    String text = headerDump.replace("\r\n", "\n").strip();
    // curl -D keeps every response it got (100 Continue, redirects): the answer is the last
    int last = text.lastIndexOf("\nHTTP/");
    if (last >= 0) {
      text = text.substring(last + 1);
    }
    String[] lines = text.split("\n");
    String[] statusLine = lines[0].split(" ");
    if (lines.length < 2 || statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      return new Result(Verdict.UNUSABLE, "the headers file does not start with a status line");
    }
    Map<String, List<String>> fields = fields(lines);
    if (!List.of(ContentDigest.sha256(body)).equals(fields.get("content-digest"))) {
      return new Result(Verdict.NOT_VERIFIED, "Content-Digest does not match the body");
    }
    ReceivedSignature signed;
    try {
      signed = ReceivedSignature.find(joined(fields.get("signature-input")), joined(fields.get("signature")), LABEL)
          .orElse(null);
    } catch (IllegalArgumentException e) {
      return new Result(Verdict.NOT_VERIFIED, "the hub's signature cannot be read (" + e.getMessage() + ")");
    }
    if (signed == null || signed.created() == null || signed.keyId() == null) {
      return new Result(Verdict.UNUSABLE, "no hub signature (Signature-Input and Signature labelled hub)");
    }
    if (!SignatureAlgorithms.ECDSA_P256.equals(signed.algorithm())) {
      return new Result(Verdict.UNUSABLE, "algorithm " + signed.algorithm() + " is not the hub's");
    }
    if (!signed.keyId().equals(expectedKeyId)) {
      return new Result(Verdict.NOT_VERIFIED, "signed by key " + signed.keyId() + ", not by the trusted one");
    }
    byte[] base;
    try {
      base = signed.base(component -> component.equals("@status") ? statusLine[1] : joined(fields.get(component)));
    } catch (IllegalArgumentException e) {
      return new Result(Verdict.NOT_VERIFIED, "the signed field is missing: " + e.getMessage());
    }
    if (!SignatureAlgorithms.verify(key, signed.algorithm(), base, signed.value())) {
      return new Result(Verdict.NOT_VERIFIED, "the signature does not verify with the trusted key");
    }
    return new Result(Verdict.VERIFIED, "signed by " + signed.keyId() + " at " + signed.created() + ", covering "
        + String.join(" ", signed.components()));
  }

  /** The header fields by lower-case name; a line that starts with a space or tab continues the one before. */
  private static Map<String, List<String>> fields(String[] lines) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    List<String> previous = null;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (previous != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        previous.set(previous.size() - 1, previous.get(previous.size() - 1) + " " + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        previous = fields.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), n -> new ArrayList<>());
        previous.add(line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  /** A field's lines as one value (RFC 9110, section 5.3), or null when the field is absent. */
  private static String joined(List<String> lines) {
    return lines == null ? null : String.join(", ", lines);
  }
}
