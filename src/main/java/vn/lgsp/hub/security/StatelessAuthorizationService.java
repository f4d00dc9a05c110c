package vn.lgsp.hub.security;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps no authorizations: the hub issues only client-credentials JWTs, which carry everything
 * needed to validate them. Revocation would need a store; it is not offered.
 */
final class StatelessAuthorizationService implements OAuth2AuthorizationService {

  @Override
  public void save(OAuth2Authorization authorization) {}

  @Override
  public void remove(OAuth2Authorization authorization) {}

  @Override
  public OAuth2Authorization findById(String id) {
    return null;
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    return null;
  }
}
