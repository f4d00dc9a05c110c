package vn.lgsp.hub.security;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Keeps no authorizations: the hub issues only client-credentials JWTs, which carry everything
 * needed to validate them (the default store would keep every token for ever). For revocation
 * ({@code /oauth2/revoke}) the authorization is read back from the token itself; the token server
 * then checks that the revoking client owns it and saves it invalidated, which lands in {@link
 * TokenRevocations}.
 */
final class StatelessAuthorizationService implements OAuth2AuthorizationService {

  private final JwtDecoder decoder;
  private final RegisteredClientRepository clients;
  private final TokenRevocations revocations;

  StatelessAuthorizationService(JwtDecoder decoder, RegisteredClientRepository clients, TokenRevocations revocations) {
    this.decoder = decoder;
    this.clients = clients;
    this.revocations = revocations;
  }

  @Override
  public void save(OAuth2Authorization authorization) {
    OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
    if (access != null && access.isInvalidated() && access.getToken().getExpiresAt() != null) {
      revocations.revoke(access.getToken().getTokenValue(), authorization.getPrincipalName(),
          access.getToken().getExpiresAt());
    }
  }

  @Override
  public void remove(OAuth2Authorization authorization) {}

  @Override
  public OAuth2Authorization findById(String id) {
    return null;
  }

  /** An access token of this hub, as the authorization it came from; null for anything else. */
  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    if (tokenType != null && !OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
      return null;
    }
    Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (JwtException e) {
      return null;
    }
    RegisteredClient client = jwt.getSubject() == null ? null : clients.findByClientId(jwt.getSubject());
    if (client == null) {
      return null;
    }
    return OAuth2Authorization.withRegisteredClient(client)
        .id(jwt.getId() != null ? jwt.getId() : TokenRevocations.hash(token))
        .principalName(jwt.getSubject())
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, jwt.getIssuedAt(), jwt.getExpiresAt()))
        .build();
  }
}
