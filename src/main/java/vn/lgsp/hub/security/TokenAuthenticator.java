package vn.lgsp.hub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * Turns the {@code Authorization} header of an X-Road request into the calling subsystem. The
 * engine does this itself rather than in a servlet filter, so that refused calls travel the same
 * path as every other exchange: one problem format, one exchange record.
 */
@Component
public class TokenAuthenticator {

  private static final String BEARER = "Bearer ";

  private static final int MAX_REMEMBERED = 10_000;

  private final JwtDecoder decoder;
  private final Clock clock;
  private final TokenRevocations revocations;
  /** Verified tokens only, each until its own expiry; bounded by Caffeine's size eviction. */
  private final Cache<String, Jwt> verified;

  public TokenAuthenticator(JwtDecoder hubJwtDecoder, Clock clock, TokenRevocations revocations) {
    this.decoder = hubJwtDecoder;
    this.clock = clock;
    this.revocations = revocations;
    this.verified = Caffeine.newBuilder()
        .maximumSize(MAX_REMEMBERED)
        .expireAfter(Expiry.creating((String token, Jwt jwt) -> Duration.between(clock.instant(), jwt.getExpiresAt())))
        .build();
  }

  /**
   * Who the caller is: the bearer token's subject, or else the subsystem named by a client
   * certificate that TLS verified against the hub's client CA. When both are given they must name
   * the same subsystem, and a certificate-bound token (RFC 8705 {@code cnf.x5t#S256}) must be bound
   * to this very certificate.
   *
   * @param certificate the verified client certificate of the TLS connection, or null
   */
  public SubsystemId authenticate(String authorization, X509Certificate certificate) {
    SubsystemId byCertificate = certificate == null ? null : subsystemOf(certificate);
    if (authorization == null && byCertificate != null) {
      return byCertificate;
    }
    Jwt jwt = decode(authorization);
    SubsystemId byToken;
    try {
      byToken = SubsystemId.parse(jwt.getSubject());
    } catch (IllegalArgumentException e) {
      throw unauthenticated("token.no-subsystem");
    }
    String boundTo = boundThumbprint(jwt);
    if (boundTo != null && (certificate == null || !boundTo.equals(thumbprint(certificate)))) {
      throw unauthenticated("token.certificate-missing");
    }
    if (byCertificate != null && !byCertificate.equals(byToken)) {
      throw new HubProblemException(ProblemType.CLIENT_MISMATCH, "token.certificate-mismatch");
    }
    return byToken;
  }

  /** An authenticated caller and the scopes its token carries (none when a certificate alone authenticated it). */
  public record Caller(SubsystemId subsystem, Set<String> scopes) {}

  /** Like {@link #authenticate}, with the token's scopes ({@code scope}: a space-separated string or a list). */
  public Caller caller(String authorization, X509Certificate certificate) {
    SubsystemId subsystem = authenticate(authorization, certificate);
    if (authorization == null) {
      return new Caller(subsystem, Set.of());
    }
    Object scope = decode(authorization).getClaims().get("scope");
    Set<String> scopes = new HashSet<>();
    if (scope instanceof String text) {
      scopes.addAll(List.of(text.trim().split("\\s+")));
    } else if (scope instanceof Collection<?> list) {
      list.forEach(s -> scopes.add(String.valueOf(s)));
    }
    return new Caller(subsystem, Set.copyOf(scopes));
  }

  /** The subsystem in a client certificate's common name, e.g. {@code CN=VN/GOV/UBND-HN/MOTCUA}. */
  static SubsystemId subsystemOf(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          return SubsystemId.parse(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException | IllegalArgumentException e) {
      // falls through: a certificate that names no subsystem authenticates nobody
    }
    throw unauthenticated("certificate.no-subsystem");
  }

  /** Base64url SHA-256 of the certificate, as {@code x5t#S256}. */
  static String thumbprint(X509Certificate certificate) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw unauthenticated("certificate.unreadable");
    }
  }

  private static String boundThumbprint(Jwt jwt) {
    Object cnf = jwt.getClaims().get("cnf");
    return cnf instanceof Map<?, ?> confirmation && confirmation.get("x5t#S256") instanceof String s ? s : null;
  }

  /**
   * The verified token. A client reuses its token for many calls, and checking an RSA signature
   * was the largest cost of an exchange (bench/README.md): a token whose signature, issuer and
   * audience were verified once is remembered, by its exact text, until it expires.
   */
  private Jwt decode(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw unauthenticated("token.required");
    }
    String token = authorization.substring(BEARER.length()).trim();
    // checked before the cache and by the signature's bytes: a re-spelled token is the same token
    if (revocations.isRevoked(token)) {
      verified.invalidate(token);
      throw unauthenticated("token.revoked");
    }
    Jwt known = verified.getIfPresent(token);
    Instant now = clock.instant();
    if (known != null && known.getExpiresAt() != null && now.isBefore(known.getExpiresAt())) {
      return known;
    }
    Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (JwtException e) {
      verified.invalidate(token);
      throw unauthenticated("token.invalid");
    }
    // the hub's clock decides expiry on every read (above); Caffeine's own expiry only frees the entry
    if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
      verified.put(token, jwt);
    }
    return jwt;
  }

  private static HubProblemException unauthenticated(String detailKey) {
    return new HubProblemException(ProblemType.UNAUTHENTICATED, detailKey);
  }
}
