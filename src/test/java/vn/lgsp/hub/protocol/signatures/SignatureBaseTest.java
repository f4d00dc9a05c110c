package vn.lgsp.hub.protocol.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The signature base and content digest against the RFCs' own test vectors: RFC 9530's digests, RFC 9421
 * Appendix B.2.6 (a request signed with Ed25519, deterministic: the signature must be the RFC's to the byte) and
 * B.2.4 (a response signed with ECDSA P-256: the RFC's signature must verify over the base written here).
 */
class SignatureBaseTest {

  private static final long CREATED = 1618884473L;

  @Test
  void contentDigestsAreTheRfcs() {
    assertThat(ContentDigest.sha256("{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
    assertThat(ContentDigest.sha512("{\"message\": \"good dog\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:");
  }

  @Test
  void appendixB26Ed25519SignatureIsTheRfcsToTheByte() throws Exception {
    SignatureBase base = new SignatureBase(CREATED, "test-key-ed25519", null)
        .cover("date", "Tue, 20 Apr 2021 02:07:55 GMT")
        .cover("@method", "POST")
        .cover("@path", "/foo")
        .cover("@authority", "example.com")
        .cover("Content-Type", "application/json")
        .cover("content-length", "18");
    assertThat(new String(base.bytes(), StandardCharsets.UTF_8)).isEqualTo("""
        "date": Tue, 20 Apr 2021 02:07:55 GMT
        "@method": POST
        "@path": /foo
        "@authority": example.com
        "content-type": application/json
        "content-length": 18
        "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length")\
        ;created=1618884473;keyid="test-key-ed25519\"""");
    PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
        Base64.getDecoder().decode("MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF")));
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initSign(key);
    ed25519.update(base.bytes());
    assertThat(Base64.getEncoder().encodeToString(ed25519.sign()))
        .isEqualTo("wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==");
  }

  @Test
  void appendixB24EcdsaResponseSignatureVerifiesOverThisBase() throws Exception {
    byte[] body = "{\"message\": \"good dog\"}".getBytes(StandardCharsets.UTF_8);
    SignatureBase base = new SignatureBase(CREATED, "test-key-ecc-p256", null)
        .cover("@status", "200")
        .cover("content-type", "application/json")
        .cover("content-digest", ContentDigest.sha512(body))
        .cover("content-length", String.valueOf(body.length));
    assertThat(base.parameters())
        .isEqualTo("(\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"");
    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lfw0EkjqF7xB4FivAxzic30tMM4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==")));
    byte[] rfcSignature = Base64.getDecoder().decode(
        "wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==");
    assertThat(verifies(key, base.bytes(), rfcSignature)).isTrue();
    // one component changed, and the RFC's signature no longer holds
    SignatureBase altered = new SignatureBase(CREATED, "test-key-ecc-p256", null)
        .cover("@status", "201")
        .cover("content-type", "application/json")
        .cover("content-digest", ContentDigest.sha512(body))
        .cover("content-length", String.valueOf(body.length));
    assertThat(verifies(key, altered.bytes(), rfcSignature)).isFalse();
  }

  private static boolean verifies(PublicKey key, byte[] base, byte[] signature) throws Exception {
    // RFC 9421 3.3.4: the signature is r || s, 32 bytes each, not DER
    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initVerify(key);
    ecdsa.update(base);
    return ecdsa.verify(signature);
  }
}
