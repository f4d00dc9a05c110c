package vn.lgsp.hub.security;

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

  private final JwtDecoder decoder;

  public TokenAuthenticator(JwtDecoder hubJwtDecoder) {
    this.decoder = hubJwtDecoder;
  }

  public SubsystemId authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw unauthenticated("a bearer token is required");
    }
    Jwt jwt;
    try {
      jwt = decoder.decode(authorization.substring(BEARER.length()).trim());
    } catch (JwtException e) {
      throw unauthenticated("the bearer token is invalid or expired");
    }
    try {
      return SubsystemId.parse(jwt.getSubject());
    } catch (IllegalArgumentException e) {
      throw unauthenticated("the token names no client subsystem");
    }
  }

  private static HubProblemException unauthenticated(String detail) {
    return new HubProblemException(ProblemType.UNAUTHENTICATED, detail);
  }
}
