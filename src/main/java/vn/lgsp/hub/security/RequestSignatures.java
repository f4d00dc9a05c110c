package vn.lgsp.hub.security;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.DerivedComponents;
import vn.lgsp.hub.protocol.signatures.PublicKeys;
import vn.lgsp.hub.protocol.signatures.ReceivedSignature;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;

/**
 * Verifies a consumer's signature of its request (HTTP Message Signatures, RFC 9421), so that a consumer cannot
 * later deny what it asked: with a key registered for its subsystem ({@code hub.security.clients[].signature-keys},
 * named by {@code keyid}) or with its TLS client certificate ({@code keyid} the certificate's SHA-256, hex). The
 * signature must be fresh ({@code created}) and cover what makes the request: {@code @method}, the path
 * ({@code @path}, {@code @target-uri} or {@code @request-target}), the query when there is one, the client header
 * the caller sent, {@code X-Road-Issue} (the purpose) when sent, and {@code content-digest}, matching the body,
 * when there is a body. The first signature of {@code Signature-Input} is the consumer's.
 */
@Component
public class RequestSignatures {

  private static final List<String> PATHS = List.of("@path", "@target-uri", "@request-target");
  private static final List<String> QUERIES = List.of("@query", "@target-uri", "@request-target");
  /** The longest signature the exchange record keeps whole (its column). */
  private static final int MAX_RECORDED = 2048;

  private final Map<String, Map<String, PublicKey>> keysByClient = new HashMap<>();
  private final Clock clock;
  private final SigningProperties signing;

  public RequestSignatures(SecurityProperties security, SigningProperties signing, Clock clock) {
    this.signing = signing;
    this.clock = clock;
    for (int i = 0; i < security.clients().size(); i++) {
      SecurityProperties.Credential client = security.clients().get(i);
      for (int j = 0; j < client.signatureKeys().size(); j++) {
        SecurityProperties.SignatureKey key = client.signatureKeys().get(j);
        try {
          keysByClient.computeIfAbsent(client.id(), c -> new HashMap<>()).put(key.id(), PublicKeys.read(key.publicKey()));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("hub.security.clients[" + i + "].signature-keys[" + j + "].public-key: "
              + e.getMessage() + "; an Ed25519 or EC P-256 key, PEM", e);
        }
      }
    }
  }

  /** What the hub reads of a request to check its signature: derived components as RFC 9421 section 2.2 defines them. */
  public interface SignedRequest {
    String method();

    /** The path as sent, not decoded. */
    String path();

    /** The query as sent without its {@code ?}, or null when there is none. */
    String query();

    String scheme();

    /** The {@code Host} the request was sent to. */
    String authority();

    /** A header field's values joined with {@code ", "}, or null when absent. */
    String header(String name);

    byte[] body();

    /** The client certificate TLS verified, or null. */
    X509Certificate certificate();
  }

  /**
   * The request's signature as the exchange record keeps it, or null when the request carries none.
   *
   * @param client the authenticated client, whose keys are tried
   * @param clientHeader the name of the client header the caller sent ({@code X-Road-Client} or an alias)
   * @throws HubProblemException {@code Client.InvalidSignature} when a signature is present and does not hold
   */
  public String verify(SubsystemId client, String clientHeader, SignedRequest request) {
    String input = request.header("Signature-Input");
    if (input == null && request.header("Signature") == null) {
      return null;
    }
    ReceivedSignature signature;
    try {
      signature = ReceivedSignature.find(input, request.header("Signature"), null).orElse(null);
    } catch (IllegalArgumentException e) {
      signature = null;
    }
    if (signature == null || signature.forRecord().length() > MAX_RECORDED) {
      // one the record could not keep whole is no use as evidence
      throw invalid(ProblemText.of("signature.unreadable"));
    }
    requireCovered(signature, List.of("@method"), "@method");
    requireCovered(signature, PATHS, "@path");
    requireCovered(signature, List.of(clientHeader.toLowerCase(Locale.ROOT)), clientHeader.toLowerCase(Locale.ROOT));
    if (request.query() != null && !request.query().isEmpty()) {
      // an empty query ("?") names nothing: @query would be "?" as for none
      requireCovered(signature, QUERIES, "@query");
    }
    // the purpose and the official who asked are part of what was asked
    for (String named : List.of(XRoadHeaders.ISSUE, XRoadHeaders.USER_ID)) {
      if (request.header(named) != null) {
        requireCovered(signature, List.of(named.toLowerCase(Locale.ROOT)), named.toLowerCase(Locale.ROOT));
      }
    }
    if (request.body().length > 0 || signature.components().contains("content-digest")) {
      requireCovered(signature, List.of("content-digest"), "content-digest");
      if (!ContentDigest.matches(request.header("Content-Digest"), request.body())) {
        throw invalid(ProblemText.of("signature.digest"));
      }
    }
    long now = clock.instant().getEpochSecond();
    if (signature.created() == null || now - signature.created() > signing.requestMaxAge().toSeconds()
        || signature.created() - now > signing.requestClockSkew().toSeconds()
        || signature.expires() != null && signature.expires() < now) {
      throw invalid(ProblemText.of("signature.stale", signing.requestMaxAge().toSeconds()));
    }
    PublicKey key = key(client, signature.keyId(), request.certificate());
    byte[] base;
    try {
      base = signature.base(component -> component(component, request));
    } catch (IllegalArgumentException e) {
      throw invalid(ProblemText.of("signature.unreadable"));
    }
    if (!SignatureAlgorithms.verify(key, signature.algorithm(), base, signature.value())) {
      throw invalid(ProblemText.of("signature.mismatch", signature.keyId()));
    }
    return signature.forRecord();
  }

  private PublicKey key(SubsystemId client, String keyId, X509Certificate certificate) {
    PublicKey registered = keyId == null ? null : keysByClient.getOrDefault(client.toString(), Map.of()).get(keyId);
    if (registered != null) {
      return registered;
    }
    if (keyId != null && certificate != null && keyId.equals(TrustedKeys.keyId(certificate))) {
      try {
        SignatureAlgorithms.of(certificate.getPublicKey());
        return certificate.getPublicKey();
      } catch (IllegalArgumentException e) {
        // an RSA client certificate: it authenticates, but signs nothing the hub verifies
      }
    }
    throw invalid(ProblemText.of("signature.no-key", keyId == null ? "(none)" : printable(keyId)));
  }

  /** A component's value (RFC 9421, sections 2.1 and 2.2), or null when the request has none. */
  private static String component(String name, SignedRequest request) {
    return name.startsWith("@")
        ? DerivedComponents.of(name, request.method(), request.scheme(), request.authority(), request.path(), request.query())
        : request.header(name);
  }

  private static void requireCovered(ReceivedSignature signature, List<String> anyOf, String named) {
    if (anyOf.stream().noneMatch(signature.components()::contains)) {
      throw invalid(ProblemText.of("signature.not-covered", named));
    }
  }

  private static HubProblemException invalid(ProblemText detail) {
    return new HubProblemException(ProblemType.INVALID_SIGNATURE, detail);
  }

  /** A key id as a problem may repeat it: printable ASCII, bounded. */
  private static String printable(String keyId) {
    String kept = keyId.length() > 64 ? keyId.substring(0, 64) : keyId;
    return kept.replaceAll("[^\\x21-\\x7e]", "?");
  }
}
