package vn.lgsp.hub.protocol.signatures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The signature base of RFC 9421 (HTTP Message Signatures, section 2.5) for components whose values the caller
 * has taken from the message: header fields by their lower-case names, derived components by theirs
 * ({@code @status}, {@code @method}, {@code @path}, {@code @authority}). Each line is
 * {@code "name": value}; the last is {@code "@signature-params"} with the covered components as an inner list and
 * the parameters {@code created}, {@code keyid} and {@code alg}, serialised as RFC 8941 structured fields. The
 * same text is the {@code Signature-Input} value after the label.
 */
public final class SignatureBase {

  /** The suffix of a component of the request an answer answers: {@code @path;req} is written {@code "@path";req}. */
  public static final String REQ = ";req";

  private final Map<String, String> components = new LinkedHashMap<>();
  private final long created;
  private final String keyId;
  private final String algorithm;
  /** The parameters as a signer wrote them, when the base is rebuilt to verify its signature; null when signing. */
  private final String receivedParameters;

  /**
   * @param created seconds since the epoch
   * @param keyId the signing key's id
   * @param algorithm the RFC 9421 algorithm name ({@code ecdsa-p256-sha256}), or null to leave it out
   */
  public SignatureBase(long created, String keyId, String algorithm) {
    this.created = created;
    this.keyId = requireString(keyId);
    this.algorithm = algorithm == null ? null : requireString(algorithm);
    this.receivedParameters = null;
  }

  private SignatureBase(String receivedParameters) {
    this.created = 0;
    this.keyId = null;
    this.algorithm = null;
    this.receivedParameters = receivedParameters;
  }

  /**
   * A base to verify a received signature with: {@code @signature-params} is the {@code Signature-Input} member as
   * received (after its label), since a verifier must sign nothing of its own making.
   */
  static SignatureBase received(String parameters) {
    if (parameters.indexOf('\n') >= 0 || parameters.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("signature parameters have no line break");
    }
    return new SignatureBase(parameters);
  }

  /**
   * Covers a component with its value. A header field's value is trimmed, as section 2.1 asks; a value with a
   * line break cannot be signed (a field would be split) and is refused. A name ending in {@link #REQ} is the
   * component of the request an answer answers (section 2.4, {@code "@path";req}).
   */
  public SignatureBase cover(String name, String value) {
    String id = name.toLowerCase(Locale.ROOT);
    if (components.containsKey(id)) {
      throw new IllegalArgumentException("component covered twice: " + id);
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a component value has no line break: " + id);
    }
    components.put(id, value.strip());
    return this;
  }

  /** The covered components' names, in order. */
  public List<String> covered() {
    return new ArrayList<>(components.keySet());
  }

  /** {@code ("a" "b");created=…;keyid="…";alg="…"}: the value of {@code @signature-params}. */
  public String parameters() {
    if (receivedParameters != null) {
      return receivedParameters;
    }
    StringBuilder text = new StringBuilder("(");
    String separator = "";
    for (String id : components.keySet()) {
      text.append(separator).append(identifier(id));
      separator = " ";
    }
    text.append(");created=").append(created).append(";keyid=\"").append(keyId).append('"');
    if (algorithm != null) {
      text.append(";alg=\"").append(algorithm).append('"');
    }
    return text.toString();
  }

  /** The bytes that are signed: one line per component, then the parameters, with no final line break. */
  public byte[] bytes() {
    StringBuilder base = new StringBuilder();
    components.forEach((id, value) -> base.append(identifier(id)).append(": ").append(value).append('\n'));
    base.append("\"@signature-params\": ").append(parameters());
    return base.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A component's identifier as the base and the inner list write it: {@code "name"}, or {@code "name";req}. */
  static String identifier(String id) {
    return id.endsWith(REQ) ? '"' + id.substring(0, id.length() - REQ.length()) + "\";req" : '"' + id + '"';
  }

  /** An RFC 8941 string holds printable ASCII only; a quote or backslash would need escapes we never need. */
  private static String requireString(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException("not a plain structured-field string: " + value);
      }
    }
    return value;
  }
}
