package vn.lgsp.hub.protocol.signatures;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern INPUT = Pattern.compile(
      "([a-z][a-z0-9_.*-]*)=\\(([^)]*)\\);created=(\\d+);keyid=\"([^\"]+)\";alg=\"([^\"]+)\"");

  private AnswerVerifier() {}

  public static Result verify(String headerDump, byte[] body, PublicKey key, String expectedKeyId) {
    String[] lines = headerDump.replace("\r\n", "\n").strip().split("\n");
    String[] statusLine = lines[0].split(" ");
    if (lines.length < 2 || statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      return new Result(Verdict.UNUSABLE, "the headers file does not start with a status line");
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        fields.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
    }
    if (!List.of(ContentDigest.sha256(body)).equals(fields.get("content-digest"))) {
      return new Result(Verdict.NOT_VERIFIED, "Content-Digest does not match the body");
    }
    List<String> input = fields.getOrDefault("signature-input", List.of());
    List<String> signature = fields.getOrDefault("signature", List.of());
    Matcher m = input.size() == 1 ? INPUT.matcher(input.get(0)) : null;
    if (m == null || !m.matches() || signature.size() != 1) {
      return new Result(Verdict.UNUSABLE, "no single hub signature (Signature-Input and Signature)");
    }
    if (!m.group(5).equals("ecdsa-p256-sha256")) {
      return new Result(Verdict.UNUSABLE, "algorithm " + m.group(5) + " is not the hub's");
    }
    if (!m.group(4).equals(expectedKeyId)) {
      return new Result(Verdict.NOT_VERIFIED, "signed by key " + m.group(4) + ", not by the trusted one");
    }
    String label = m.group(1);
    SignatureBase base = new SignatureBase(Long.parseLong(m.group(3)), m.group(4), m.group(5));
    for (String quoted : m.group(2).split(" ")) {
      String component = quoted.replace("\"", "");
      if (component.equals("@status")) {
        base.cover(component, statusLine[1]);
      } else if (fields.containsKey(component)) {
        base.cover(component, String.join(", ", fields.get(component)));
      } else {
        return new Result(Verdict.NOT_VERIFIED, "the signed field " + component + " is missing");
      }
    }
    String value = signature.get(0);
    if (!value.startsWith(label + "=:") || !value.endsWith(":")) {
      return new Result(Verdict.UNUSABLE, "no signature labelled " + label);
    }
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
      ecdsa.initVerify(key);
      ecdsa.update(base.bytes());
      if (!ecdsa.verify(Base64.getDecoder().decode(value.substring(label.length() + 2, value.length() - 1)))) {
        return new Result(Verdict.NOT_VERIFIED, "the signature does not verify with the trusted key");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new Result(Verdict.NOT_VERIFIED, "the signature cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return new Result(Verdict.VERIFIED, "signed by " + m.group(4) + " at " + m.group(3) + ", covering "
        + String.join(" ", base.covered()));
  }
}
