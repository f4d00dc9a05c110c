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

  private static final Pattern INPUT = Pattern.compile("\\(([^)]*)\\);created=(\\d+);keyid=\"([^\"]+)\";alg=\"([^\"]+)\"");
  /** The label of the hub's signature among those a message may carry (a proxy may add its own). */
  private static final String LABEL = "hub";

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
    String input = member(fields.get("signature-input"));
    String signature = member(fields.get("signature"));
    Matcher m = input == null ? null : INPUT.matcher(input);
    if (m == null || !m.matches() || signature == null) {
      return new Result(Verdict.UNUSABLE, "no hub signature (Signature-Input and Signature labelled hub)");
    }
    if (!m.group(4).equals("ecdsa-p256-sha256")) {
      return new Result(Verdict.UNUSABLE, "algorithm " + m.group(4) + " is not the hub's");
    }
    if (!m.group(3).equals(expectedKeyId)) {
      return new Result(Verdict.NOT_VERIFIED, "signed by key " + m.group(3) + ", not by the trusted one");
    }
    SignatureBase base = new SignatureBase(Long.parseLong(m.group(2)), m.group(3), m.group(4));
    for (String quoted : m.group(1).split(" ")) {
      String component = quoted.replace("\"", "");
      if (component.equals("@status")) {
        base.cover(component, statusLine[1]);
      } else if (fields.containsKey(component)) {
        base.cover(component, String.join(", ", fields.get(component)));
      } else {
        return new Result(Verdict.NOT_VERIFIED, "the signed field " + component + " is missing");
      }
    }
    if (signature.length() < 2 || !signature.startsWith(":") || !signature.endsWith(":")) {
      return new Result(Verdict.NOT_VERIFIED, "the hub's signature is not a byte sequence");
    }
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
      ecdsa.initVerify(key);
      ecdsa.update(base.bytes());
      if (!ecdsa.verify(Base64.getDecoder().decode(signature.substring(1, signature.length() - 1)))) {
        return new Result(Verdict.NOT_VERIFIED, "the signature does not verify with the trusted key");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new Result(Verdict.NOT_VERIFIED, "the signature cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return new Result(Verdict.VERIFIED, "signed by " + m.group(3) + " at " + m.group(2) + ", covering "
        + String.join(" ", base.covered()));
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

  /**
   * The hub's member of a dictionary field (RFC 8941) such as {@code Signature-Input}: its lines joined, split at
   * the commas outside parentheses and quotes; null when it has none.
   */
  private static String member(List<String> lines) {
    if (lines == null) {
      return null;
    }
    String dictionary = String.join(", ", lines);
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i <= dictionary.length(); i++) {
      char c = i < dictionary.length() ? dictionary.charAt(i) : ',';
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        String member = dictionary.substring(start, i).strip();
        if (member.startsWith(LABEL + "=")) {
          return member.substring(LABEL.length() + 1);
        }
        start = i + 1;
      }
    }
    return null;
  }
}
