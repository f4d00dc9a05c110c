package vn.lgsp.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Several hubs, one key set: a token issued by hub A is accepted by hub B when both read
 * {@code hub.security.token-signing-key-file}; with keys of their own (the single-hub default) it is not.
 * Each hub is built from the beans its security configuration makes: key source, encoder, decoder.
 */
class SharedSigningKeyTest {

  private static final String ISSUER = "https://hub.test";
  /** Made once: a 2048-bit key takes a while. */
  private static final RSAKey OLD = JwkKeyStore.generate();
  private static final RSAKey NEXT = JwkKeyStore.generate();

  /** One hub's token server and token check, from its settings. */
  private record Hub(org.springframework.security.oauth2.jwt.JwtEncoder encoder, JwtDecoder decoder) {
    static Hub of(Path dataDir, Path sharedKeys) {
      SecurityConfiguration config = new SecurityConfiguration();
      SecurityProperties props = new SecurityProperties(ISSUER, true, null, "lgsp-hub", Duration.ofMinutes(5), List.of(),
          List.of(), 10, Duration.ZERO, new SecurityProperties.Throttle(5, 20, Duration.ofMinutes(1), 100), sharedKeys);
      try {
        JWKSource<SecurityContext> keys = config.jwkSource(new HubProperties(dataDir, null), props);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("jwkSource", keys);
        return new Hub(config.hubJwtEncoder(keys), config.hubJwtDecoder(props, beans.getBeanProvider(
            ResolvableType.forClassWithGenerics(JWKSource.class, SecurityContext.class))));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    String issue(String client) {
      Instant now = Instant.now();
      JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(client).audience(List.of("lgsp-hub"))
          .issuedAt(now).expiresAt(now.plusSeconds(300)).build();
      return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
          .getTokenValue();
    }
  }

  @Test
  void aTokenIssuedByOneHubIsAcceptedByAnotherReadingTheSameKeyFile() throws IOException {
    Path keys = write(new JWKSet(OLD));
    Path dataDirA = TestDataDir.create("hub-a");
    Hub a = Hub.of(dataDirA, keys);
    Hub b = Hub.of(TestDataDir.create("hub-b"), keys);

    Jwt onB = b.decoder().decode(a.issue("VN/GOV/UBND-HN/MOTCUA"));
    assertThat(onB.getSubject()).isEqualTo("VN/GOV/UBND-HN/MOTCUA");
    assertThat(a.decoder().decode(b.issue("VN/GOV/UBND-HCM/MOTCUA")).getSubject()).isEqualTo("VN/GOV/UBND-HCM/MOTCUA");
    assertThat(dataDirA.resolve("keys")).as("no key of its own").doesNotExist();
  }

  @Test
  void hubsWithKeysOfTheirOwnRefuseEachOthersTokens() {
    Hub a = Hub.of(TestDataDir.create("hub-a"), null);
    Hub b = Hub.of(TestDataDir.create("hub-b"), null);
    String token = a.issue("VN/GOV/UBND-HN/MOTCUA");
    assertThatThrownBy(() -> b.decoder().decode(token)).isInstanceOf(JwtException.class);
  }

  @Test
  void aNewKeyIsRolledInFirstToVerifyThenToSign() throws IOException {
    Hub notYetRolled = Hub.of(TestDataDir.create("hub-a"), write(new JWKSet(OLD)));
    Hub rolled = Hub.of(TestDataDir.create("hub-b"), write(new JWKSet(List.of(NEXT, OLD))));

    assertThat(rolled.decoder().decode(notYetRolled.issue("c")).getSubject()).as("old tokens still pass").isEqualTo("c");
    String signedByNext = rolled.issue("c");
    assertThat(rolled.decoder().decode(signedByNext).getHeaders()).containsEntry("kid", NEXT.getKeyID());
  }

  @Test
  void aMissingOrPublicOnlyKeyFileStopsTheStartNamingTheSetting() throws IOException {
    Path missing = TestDataDir.create("keys").resolve("absent.jwk.json");
    assertThatThrownBy(() -> JwkKeyStore.loadShared(missing)).hasMessageContaining(JwkKeyStore.SHARED_FILE_SETTING);
    Path publicOnly = write(new JWKSet(OLD.toPublicJWK()));
    assertThatThrownBy(() -> JwkKeyStore.loadShared(publicOnly)).hasMessageContaining(JwkKeyStore.SHARED_FILE_SETTING)
        .hasMessageContaining("private RSA key");
  }

  private static Path write(JWKSet set) throws IOException {
    Path file = TestDataDir.create("keys").resolve("token-signing.jwk.json");
    Files.writeString(file, set.toString(false), StandardCharsets.UTF_8);
    return file;
  }
}
