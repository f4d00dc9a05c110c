package vn.lgsp.hub.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.protocol.ProblemAnswers;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.security.AuthenticationThrottleFilter.Guarded;

/**
 * Four filter chains, in order: the built-in OAuth2 token endpoint, the operator console (form
 * login, session), the admin API (HTTP basic or the console's session, operators only), and
 * everything else. X-Road service calls pass Spring Security untouched: the
 * engine authenticates them itself so refusals are answered and logged like any other exchange.
 * Every password-like check (client secrets, the console's form, HTTP basic) is throttled by
 * {@link AuthenticationThrottleFilter}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  static final String OPERATOR = "OPERATOR";

  static final String CONSOLE_LOGIN = "/console/login";
  private static final String CONSOLE_LOGIN_FAILED = "/console/login.html?error";

  /** The pieces each chain's throttle filter needs. */
  @Bean
  ThrottleFilters throttleFilters(
      AuthenticationThrottle throttle, SecurityRecords records, ProblemAnswers problems, Clock clock) {
    return new ThrottleFilters(throttle, records, problems, clock);
  }

  record ThrottleFilters(AuthenticationThrottle throttle, SecurityRecords records, ProblemAnswers problems, Clock clock) {
    AuthenticationThrottleFilter guarding(Guarded guarded, Function<HttpServletRequest, String> account) {
      return new AuthenticationThrottleFilter(guarded, account, throttle, records, problems, clock);
    }
  }

  @Bean
  @Order(1)
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  SecurityFilterChain tokenEndpointChain(HttpSecurity http, ThrottleFilters throttle) throws Exception {
    OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(server.getEndpointsMatcher())
        .with(server, Customizer.withDefaults())
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .csrf(c -> c.disable())
        .addFilterBefore(throttle.guarding(Guarded.CLIENT, AuthenticationThrottleFilter::clientOf),
            AbstractPreAuthenticatedProcessingFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  /**
   * The operator console: a form login that keeps the operator in a session (cookie SameSite=Strict,
   * HttpOnly). The page itself only reads; it changes state through the admin API, below.
   */
  @Bean
  @Order(2)
  SecurityFilterChain consoleChain(HttpSecurity http, ThrottleFilters throttle) throws Exception {
    SimpleUrlAuthenticationFailureHandler toLoginPage = new SimpleUrlAuthenticationFailureHandler(CONSOLE_LOGIN_FAILED);
    http.securityMatcher("/console", "/console/**")
        .authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                    .permitAll()
                    // the sign-in page needs its words (i18n script and bundles) before anyone signs in
                    .requestMatchers("/console/login.html", "/console/login.js", "/console/console.css", "/console/i18n/**")
                    .permitAll()
                    // the agency desk: no operator session, the agency's own token on /api/v1
                    .requestMatchers("/console/desk.html", "/console/desk.js", "/console/common.js")
                    .permitAll()
                    .anyRequest()
                    .hasRole(OPERATOR))
        .formLogin(
            f ->
                f.loginPage("/console/login.html")
                    .loginProcessingUrl(CONSOLE_LOGIN)
                    .defaultSuccessUrl("/console/", true)
                    // a redirect, not a 401: the throttle is told of the failure this way
                    .failureHandler((request, response, e) -> {
                      request.setAttribute(AuthenticationThrottleFilter.FAILED, true);
                      toLoginPage.onAuthenticationFailure(request, response, e);
                    }))
        .addFilterBefore(throttle.guarding(Guarded.OPERATOR, AuthenticationThrottleFilter.formUserOf(CONSOLE_LOGIN)),
            UsernamePasswordAuthenticationFilter.class)
        .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login.html?logout"))
        // the session cookie is SameSite=Strict: no other site's page can send it
        .csrf(c -> c.disable())
        .headers(
            h ->
                h.contentSecurityPolicy(
                    csp -> csp.policyDirectives("default-src 'self'; frame-ancestors 'none'; form-action 'self'")));
    return http.build();
  }

  /**
   * The admin API and actuator: HTTP basic for scripts, or the console's session. A session-borne
   * request that changes state must carry {@code X-Requested-With}, which no cross-site form can.
   */
  @Bean
  @Order(3)
  SecurityFilterChain adminChain(
      HttpSecurity http, AuthenticationEntryPoint entryPoint, ThrottleFilters throttle) throws Exception {
    http.securityMatcher("/admin/**", "/actuator/**")
        .authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .hasRole(OPERATOR))
        .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
        .csrf(c -> c.disable())
        .securityContext(
            c ->
                c.securityContextRepository(
                    new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
        .addFilterBefore(throttle.guarding(Guarded.OPERATOR, AuthenticationThrottleFilter::basicUserOf),
            BasicAuthenticationFilter.class)
        .addFilterBefore(new SessionWriteGuard(throttle.records(), throttle.clock()), AuthorizationFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER));
    return http.build();
  }

  /**
   * The GovStack IM Configuration Management API ({@code /api/v1/config}, {@code /api/v1/status},
   * {@code /api/v1/rights/...}): operators with HTTP basic, as on the admin API, or clients whose tokens
   * carry the spec's scopes. Tokens are checked as on the service path: signature, issuer, audience,
   * expiry, and not revoked.
   */
  @Bean
  @Order(4)
  SecurityFilterChain govStackConfigurationChain(HttpSecurity http, AuthenticationEntryPoint entryPoint,
      ThrottleFilters throttle, JwtDecoder hubJwtDecoder, TokenRevocations revocations) throws Exception {
    String operator = "ROLE_" + OPERATOR;
    JwtDecoder notRevoked = token -> {
      if (revocations.isRevoked(token)) {
        throw new org.springframework.security.oauth2.jwt.BadJwtException("revoked");
      }
      return hubJwtDecoder.decode(token);
    };
    // every refusal of this chain is on record (the API's own refusals are recorded as its actions)
    AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
      String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
      if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
        throttle.records().configurationApiRefused(request, null, ProblemType.UNAUTHENTICATED, throttle.clock().instant());
      }
      entryPoint.commence(request, response, e);
    };
    AccessDeniedHandler denied = (request, response, e) -> {
      Authentication caller = SecurityContextHolder.getContext().getAuthentication();
      throttle.records().configurationApiRefused(request, caller == null ? null : caller.getName(),
          ProblemType.ACCESS_DENIED, throttle.clock().instant());
      new AccessDeniedHandlerImpl().handle(request, response, e);
    };
    http.securityMatcher("/api/v1/config", "/api/v1/status", "/api/v1/rights/**")
        .authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/v1/rights/**")
                    .hasAnyAuthority(operator, "SCOPE_read:rights", "SCOPE_write:rights")
                    .requestMatchers("/api/v1/rights/**")
                    .hasAnyAuthority(operator, "SCOPE_write:rights")
                    .requestMatchers(HttpMethod.GET, "/api/v1/config", "/api/v1/status")
                    .hasAnyAuthority(operator, "SCOPE_read:conf")
                    .requestMatchers(HttpMethod.PUT, "/api/v1/config")
                    .hasAnyAuthority(operator, "SCOPE_create:conf")
                    .requestMatchers(HttpMethod.POST, "/api/v1/config")
                    .hasAnyAuthority(operator, "SCOPE_write:conf")
                    .requestMatchers(HttpMethod.PATCH, "/api/v1/config")
                    .hasAnyAuthority(operator, "SCOPE_write:conf")
                    .anyRequest()
                    .denyAll())
        .httpBasic(b -> b.authenticationEntryPoint(unauthenticated))
        // a refusal goes through the error page (sendError), which answers the hub's problem; the resource
        // server's own handler would only set the status
        .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(notRevoked)).authenticationEntryPoint(unauthenticated)
            .accessDeniedHandler(denied))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
        .addFilterBefore(throttle.guarding(Guarded.OPERATOR, AuthenticationThrottleFilter::basicUserOf),
            BasicAuthenticationFilter.class)
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  @Bean
  @Order(5)
  SecurityFilterChain serviceChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(c -> c.disable())
        .requestCache(r -> r.disable())
        .securityContext(s -> s.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  /**
   * bcrypt at cost 10 or more (~70 ms of CPU a check here): an operator's password may be weak, and
   * a stolen configuration must not give it away. A secret that verified is remembered for a while
   * ({@link VerifiedSecretCache}) so that repeated token requests and admin calls stay cheap; a
   * guess never is.
   */
  @Bean
  PasswordEncoder passwordEncoder(SecurityProperties props, Clock clock) {
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(props.bcryptCost());
    return new VerifiedSecretCache(
        new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt)), props.verifiedSecretTtl(), clock);
  }

  @Bean
  UserDetailsService operators(SecurityProperties props, PasswordEncoder encoder) {
    List<SecurityProperties.Credential> operators = props.operators();
    return new InMemoryUserDetailsManager(
        IntStream.range(0, operators.size())
            .mapToObj(
                i ->
                    User.withUsername(operators.get(i).id())
                        .password(SecretHashes.stored(
                            "hub.security.operators[" + i + "].secret", operators.get(i).secret(), encoder))
                        .roles(OPERATOR)
                        .build())
            .toList());
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  RegisteredClientRepository registeredClients(SecurityProperties props, PasswordEncoder encoder) {
    List<SecurityProperties.Credential> configured = props.clients();
    List<RegisteredClient> clients =
        IntStream.range(0, configured.size())
            .mapToObj(
                i ->
                    RegisteredClient.withId(configured.get(i).id())
                        .clientId(configured.get(i).id())
                        .clientSecret(SecretHashes.stored(
                            "hub.security.clients[" + i + "].secret", configured.get(i).secret(), encoder))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scopes(scopes -> scopes.addAll(configured.get(i).scopes()))
                        .tokenSettings(
                            TokenSettings.builder().accessTokenTimeToLive(props.tokenTimeToLive()).build())
                        .build())
            .toList();
    if (clients.isEmpty()) {
      throw new IllegalStateException(
          "hub.security.clients is empty: the built-in token server would have no clients");
    }
    return new InMemoryRegisteredClientRepository(clients);
  }

  /** Self-contained JWTs need no server-side state but their revocations; the default store would grow forever. */
  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  OAuth2AuthorizationService authorizations(JwtDecoder hubJwtDecoder, RegisteredClientRepository clients,
      TokenRevocations revocations) {
    return new StatelessAuthorizationService(hubJwtDecoder, clients, revocations);
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  AuthorizationServerSettings authorizationServerSettings(SecurityProperties props) {
    return AuthorizationServerSettings.builder().issuer(props.issuer()).build();
  }

  /** Every key that verifies the built-in server's tokens, published at {@code /oauth2/jwks}. */
  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  JWKSource<SecurityContext> jwkSource(HubProperties hub, SecurityProperties props) {
    return new ImmutableJWKSet<>(props.tokenSigningKeyFile() != null
        ? JwkKeyStore.loadShared(props.tokenSigningKeyFile())
        : new JWKSet(JwkKeyStore.loadOrCreate(hub.dataDir().resolve("keys").resolve("token-signing.jwk.json"))));
  }

  /** Signs with the first key only: the others of a shared set are there to verify (a key being rolled in or out). */
  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  JwtEncoder hubJwtEncoder(JWKSource<SecurityContext> keys) throws KeySourceException {
    List<JWK> all = keys.get(new JWKSelector(new JWKMatcher.Builder().privateOnly(true).build()), null);
    return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(all.get(0))));
  }

  /** Validates signature, expiry, issuer and audience (Boot's default decoder checks neither of the last two). */
  @Bean
  JwtDecoder hubJwtDecoder(
      SecurityProperties props, ObjectProvider<JWKSource<SecurityContext>> keys) {
    NimbusJwtDecoder decoder;
    if (props.authorizationServer()) {
      decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys.getObject());
    } else {
      if (props.jwkSetUri() == null || props.jwkSetUri().isBlank()) {
        throw new IllegalStateException(
            "hub.security.jwk-set-uri is required when hub.security.authorization-server=false");
      }
      decoder = NimbusJwtDecoder.withJwkSetUri(props.jwkSetUri()).build();
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(props.issuer()),
        // the default timestamp check lets a token without exp live for ever
        new JwtClaimValidator<java.time.Instant>(JwtClaimNames.EXP, java.util.Objects::nonNull),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(props.audience()))));
    return decoder;
  }

  /** Tokens of the built-in server are for the hub: {@code aud} is the hub's audience. */
  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  OAuth2TokenCustomizer<JwtEncodingContext> hubAudience(SecurityProperties props) {
    return context -> context.getClaims().audience(List.of(props.audience()));
  }
}
