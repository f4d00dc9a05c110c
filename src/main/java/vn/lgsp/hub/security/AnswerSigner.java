package vn.lgsp.hub.security;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.protocol.signatures.AnswerVerifier;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;
import vn.lgsp.hub.protocol.signatures.SignatureBase;

/**
 * Signs the hub's answers with HTTP Message Signatures (RFC 9421) over a {@code Content-Digest} (RFC 9530) of the
 * body: the status, the content type and digest and the X-Road headers present, with the time of signing and the
 * hub's key id, so that a consumer can prove what the hub answered without the hub. The key is the hub's seal key
 * (EC P-256): one identity, one certificate to publish. Whoever writes an answer's exchange record signs it first
 * (the engine's finisher, the edge's refusals), so that the record keeps the signature; the edge signs what
 * reaches it unsigned.
 */
@Component
public class AnswerSigner {

  /** The label of the hub's signature in {@code Signature-Input} and {@code Signature}. */
  public static final String LABEL = AnswerVerifier.LABEL;
  /**
   * A request attribute the edge sets when the request's answer is to be signed (an exchange front's, not a
   * composite's source call): the writer of the answer's record signs it then.
   */
  public static final String SIGN_ANSWER = AnswerSigner.class.getName() + ".sign";
  private static final List<String> SIGNED_HEADERS = List.of("Content-Type", "Content-Digest", XRoadHeaders.ID,
      XRoadHeaders.REQUEST_HASH, XRoadHeaders.CLIENT, XRoadHeaders.SERVICE, XRoadHeaders.ERROR, "Content-Language",
      "Retry-After");

  private final SealKey key;
  private final Clock clock;
  private final boolean enabled;

  public AnswerSigner(SealKey key, Clock clock, SigningProperties signing) {
    if (!SignatureAlgorithms.isEcdsaP256(key.certificate().getPublicKey())) {
      throw new IllegalStateException("hub.audit.seal: answers are signed with ecdsa-p256-sha256, the seal key must be EC P-256");
    }
    this.key = key;
    this.clock = clock;
    this.enabled = signing.answers();
  }

  /** Whether answers are signed at all ({@code hub.signing.answers}). */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The signature of an answer.
   *
   * @param status the HTTP status
   * @param contentDigest the answer's {@code Content-Digest} ({@link ContentDigest#sha256})
   * @param header the answer's header fields by name ({@code Content-Type} included), null when absent
   */
  public Signed sign(int status, String contentDigest, UnaryOperator<String> header) {
    SignatureBase base = new SignatureBase(clock.instant().getEpochSecond(), key.keyId(), SignatureAlgorithms.ECDSA_P256)
        .cover("@status", String.valueOf(status));
    for (String name : SIGNED_HEADERS) {
      String value = name.equals("Content-Digest") ? contentDigest : header.apply(name);
      if (value != null) {
        base.cover(name, value);
      }
    }
    String signature = ":" + Base64.getEncoder().encodeToString(key.signP1363(base.bytes())) + ":";
    return new Signed(contentDigest, base.parameters(), signature);
  }

  /**
   * An answer's signature: the values of {@code Content-Digest}, and of {@code Signature-Input} and
   * {@code Signature} after the label.
   */
  public record Signed(String contentDigest, String parameters, String signature) {

    /** The three header fields that carry the signature, by name. */
    public Map<String, String> headers() {
      return Map.of("Content-Digest", contentDigest, "Signature-Input", LABEL + "=" + parameters,
          "Signature", LABEL + "=" + signature);
    }

    /** As the exchange record keeps it: {@code hub=(…);created=…;keyid="…";alg="…" :bytes:}. */
    public String forRecord() {
      return LABEL + "=" + parameters + " " + signature;
    }
  }
}
