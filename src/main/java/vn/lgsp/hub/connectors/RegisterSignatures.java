package vn.lgsp.hub.connectors;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.DerivedComponents;
import vn.lgsp.hub.protocol.signatures.PublicKeys;
import vn.lgsp.hub.protocol.signatures.ReceivedSignature;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;
import vn.lgsp.hub.protocol.signatures.SignatureBase;

/**
 * Verifies a register's signature of its answer ({@link ConnectorDescriptor.AnswerSignature}) with the certificate
 * its descriptor names: the first signature of the answer's {@code Signature-Input}, fresh, covering
 * {@code @status} and a {@code content-digest} that matches the body, and bound to the request it answers (RFC
 * 9421 section 2.4): {@code "@path";req}, {@code "@query";req} when the request has a query, and
 * {@code "content-digest";req} when it has a body (the hub sends its digest), so that a signed answer about one
 * person cannot be passed off as the answer about another. Then the hub can prove it relayed what the register said.
 */
final class RegisterSignatures {

  /** How far ahead of the hub's clock a register's may run. */
  private static final long CLOCK_SKEW_SECONDS = 60;

  private final String connectorId;
  private final PublicKey key;
  private final Duration maxAge;
  private final Clock clock;

  RegisterSignatures(String connectorId, ConnectorDescriptor.AnswerSignature required, Clock clock) {
    this.connectorId = connectorId;
    try {
      this.key = PublicKeys.read(required.certificate());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("connectors/" + connectorId + ".yaml: rest.answerSignature.certificate: "
          + e.getMessage() + " (the register's certificate, PEM: EC P-256 or Ed25519)", e);
    }
    this.maxAge = required.maxAge();
    this.clock = clock;
  }

  /**
   * The register's signature as the exchange record keeps it.
   *
   * @throws HubProblemException {@code Server.Provider.InvalidSignature} when the answer is unsigned or the
   *     signature does not hold
   */
  String verify(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
    ReceivedSignature signature;
    try {
      signature = ReceivedSignature.find(field(headers, "Signature-Input"), field(headers, "Signature"), null).orElse(null);
    } catch (IllegalArgumentException e) {
      throw invalid("provider.signature-invalid");
    }
    if (signature == null) {
      throw invalid("provider.signature-missing");
    }
    long now = clock.instant().getEpochSecond();
    boolean fresh = signature.created() != null && now - signature.created() <= maxAge.toSeconds()
        && signature.created() - now <= CLOCK_SKEW_SECONDS && (signature.expires() == null || signature.expires() >= now);
    if (!fresh || !signature.components().containsAll(required(request))
        || !ContentDigest.matches(field(headers, "Content-Digest"), body)) {
      throw invalid("provider.signature-invalid");
    }
    byte[] base;
    try {
      base = signature.base(name -> name.endsWith(SignatureBase.REQ)
          ? requestComponent(request, name.substring(0, name.length() - SignatureBase.REQ.length()))
          : name.equals("@status") ? Integer.toString(status) : name.startsWith("@") ? null : field(headers, name));
    } catch (IllegalArgumentException e) {
      throw invalid("provider.signature-invalid");
    }
    if (!SignatureAlgorithms.verify(key, signature.algorithm(), base, signature.value())) {
      throw invalid("provider.signature-invalid");
    }
    return signature.forRecord();
  }

  /** What the register's signature must cover: its answer, and the request it answers. */
  private static List<String> required(HttpRequest request) {
    List<String> required = new ArrayList<>(List.of("@status", "content-digest", "@path" + SignatureBase.REQ));
    if (request.uri().getRawQuery() != null) {
      required.add("@query" + SignatureBase.REQ);
    }
    if (request.headers().firstValue("Content-Digest").isPresent()) {
      required.add("content-digest" + SignatureBase.REQ);
    }
    return required;
  }

  /** A component of the hub's request, as it was sent (RFC 9421 section 2.2), or null when it has none. */
  private static String requestComponent(HttpRequest request, String name) {
    URI uri = request.uri();
    return name.startsWith("@")
        ? DerivedComponents.of(name, request.method(), uri.getScheme(), uri.getRawAuthority(), uri.getRawPath(), uri.getRawQuery())
        : field(request.headers(), name);
  }

  private static String field(HttpHeaders headers, String name) {
    List<String> values = headers.allValues(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  private HubProblemException invalid(String key) {
    return new HubProblemException(ProblemType.PROVIDER_INVALID_SIGNATURE, ProblemText.of(key, connectorId));
  }
}
