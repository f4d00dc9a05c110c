package vn.lgsp.hub.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
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
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import vn.lgsp.hub.HubProperties;

/**
 * Four filter chains, in order: the built-in OAuth2 token endpoint, the operator console (form
 * login, session), the admin API (HTTP basic or the console's session, operators only), and
 * everything else. X-Road service calls pass Spring Security untouched: the
 * engine authenticates them itself so refusals are answered and logged like any other exchange.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  static final String OPERATOR = "OPERATOR";

  @Bean
  @Order(1)
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  SecurityFilterChain tokenEndpointChain(HttpSecurity http) throws Exception {
    OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
    http.securityMatcher(server.getEndpointsMatcher())
        .with(server, Customizer.withDefaults())
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  /**
   * The operator console: a form login that keeps the operator in a session (cookie SameSite=Strict,
   * HttpOnly). The page itself only reads; it changes state through the admin API, below.
   */
  @Bean
  @Order(2)
  SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
    http.securityMatcher("/console", "/console/**")
        .authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                    .permitAll()
                    .requestMatchers("/console/login.html", "/console/login.js", "/console/console.css")
                    .permitAll()
                    .anyRequest()
                    .hasRole(OPERATOR))
        .formLogin(
            f ->
                f.loginPage("/console/login.html")
                    .loginProcessingUrl("/console/login")
                    .defaultSuccessUrl("/console/", true)
                    .failureUrl("/console/login.html?error"))
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
  SecurityFilterChain adminChain(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint)
      throws Exception {
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
        .addFilterBefore(new SessionWriteGuard(), AuthorizationFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER));
    return http.build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain serviceChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(c -> c.disable())
        .requestCache(r -> r.disable())
        .securityContext(s -> s.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  /**
   * Client secrets are long random strings, so a slow hash buys nothing and costs ~90 ms of CPU
   * per token request at bcrypt's default cost; cost 4 keeps stored secrets hashed but cheap.
   */
  @Bean
  PasswordEncoder passwordEncoder() {
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt));
  }

  @Bean
  UserDetailsService operators(SecurityProperties props, PasswordEncoder encoder) {
    return new InMemoryUserDetailsManager(
        props.operators().stream()
            .map(
                o ->
                    User.withUsername(o.id())
                        .password(encoder.encode(o.secret()))
                        .roles(OPERATOR)
                        .build())
            .toList());
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  RegisteredClientRepository registeredClients(SecurityProperties props, PasswordEncoder encoder) {
    List<RegisteredClient> clients =
        props.clients().stream()
            .map(
                c ->
                    RegisteredClient.withId(c.id())
                        .clientId(c.id())
                        .clientSecret(encoder.encode(c.secret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
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

  /** Self-contained JWTs need no server-side state; the default store would grow forever. */
  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  OAuth2AuthorizationService authorizations() {
    return new StatelessAuthorizationService();
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  AuthorizationServerSettings authorizationServerSettings(SecurityProperties props) {
    return AuthorizationServerSettings.builder().issuer(props.issuer()).build();
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.authorization-server", havingValue = "true", matchIfMissing = true)
  JWKSource<SecurityContext> jwkSource(HubProperties hub) {
    RSAKey key = JwkKeyStore.loadOrCreate(hub.dataDir().resolve("keys").resolve("token-signing.jwk.json"));
    return new ImmutableJWKSet<>(new JWKSet(key));
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
