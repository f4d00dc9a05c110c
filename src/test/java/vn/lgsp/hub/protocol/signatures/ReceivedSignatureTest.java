package vn.lgsp.hub.protocol.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** Reading signatures as received: hostile forms are refused, not guessed at. */
class ReceivedSignatureTest {

  @Test
  void aLabelGivenTwiceIsRefusedWhereverItIs() {
    assertThatThrownBy(() -> ReceivedSignature.find("sig1=(\"@method\");created=1, sig1=(\"@path\");created=1",
        "sig1=:AAAA:", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReceivedSignature.find("sig1=(\"@method\");created=1", "sig1=:AAAA:, sig1=:BBBB:", null))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String good = ContentDigest.sha256(body);
    assertThat(ContentDigest.matches(good, body)).isTrue();
    // RFC 8941: the last member wins; a reader that took the first would check another digest than a conforming one
    assertThat(ContentDigest.matches(good + ", " + ContentDigest.sha256(new byte[1]), body)).isFalse();
    assertThat(ContentDigest.matches("md5=:AAAA:", body)).as("no algorithm the hub knows").isFalse();
  }

  @Test
  void theParametersAndTheSignatureAreKeptAsReceived() {
    ReceivedSignature s = ReceivedSignature.find(
        "proxy=(\"@status\");created=1, sig1=(\"@method\" \"@path\");created=1700000000;expires=1700000300;keyid=\"k-1\"",
        "proxy=:AAAA:, sig1=:YWJj:", "sig1").orElseThrow();
    assertThat(s.components()).containsExactly("@method", "@path");
    assertThat(s.created()).isEqualTo(1_700_000_000L);
    assertThat(s.expires()).isEqualTo(1_700_000_300L);
    assertThat(s.keyId()).isEqualTo("k-1");
    assertThat(s.algorithm()).isNull();
    assertThat(new String(s.value(), StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(s.forRecord()).isEqualTo("sig1=(\"@method\" \"@path\");created=1700000000;expires=1700000300;keyid=\"k-1\" :YWJj:");
    assertThat(ReceivedSignature.find("sig1=(\"@method\")", "sig1=:YWJj:", "other")).isEmpty();
  }

  @Test
  void anAnswersSignatureNamesTheRequestsComponentsWithReq() {
    ReceivedSignature s = ReceivedSignature.find("reg=(\"@status\" \"@path\";req \"content-digest\";req);created=1",
        "reg=:YWJj:", null).orElseThrow();
    assertThat(s.components()).containsExactly("@status", "@path;req", "content-digest;req");
    String base = new String(s.base(name -> switch (name) {
      case "@status" -> "200";
      case "@path;req" -> "/bank/v1/account-verifications";
      default -> "sha-256=:AAAA:";
    }), StandardCharsets.UTF_8);
    assertThat(base).isEqualTo("\"@status\": 200\n\"@path\";req: /bank/v1/account-verifications\n"
        + "\"content-digest\";req: sha-256=:AAAA:\n"
        + "\"@signature-params\": (\"@status\" \"@path\";req \"content-digest\";req);created=1");
    assertThatThrownBy(() -> ReceivedSignature.find("reg=(\"@path\";bs)", "reg=:YWJj:", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedMembersAreRefused() {
    for (String input : new String[] {"sig1=\"@method\"", "sig1=(\"@method\"", "sig1=(@method)", "sig1=(\"@query-param\";name=\"a\")",
        "sig1=(\"@method\");created=soon", "sig1=(\"@method\");created=1;created=2", "sig1=(\"@method\");keyid=\"open"}) {
      assertThatThrownBy(() -> ReceivedSignature.find(input, "sig1=:YWJj:", null)).as(input)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ReceivedSignature.find("sig1=(\"@method\")", "sig1=YWJj", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReceivedSignature.find("sig1=(\"@method\")", "sig1=:not base64!:", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyP256AndEd25519KeysSignAndTheAlgorithmNamedMustBeTheKeys() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair p256 = ec.generateKeyPair();
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = ec.generateKeyPair();
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
    assertThat(SignatureAlgorithms.of(p256.getPublic())).isEqualTo(SignatureAlgorithms.ECDSA_P256);
    assertThat(SignatureAlgorithms.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()))
        .isEqualTo(SignatureAlgorithms.ED25519);
    assertThatThrownBy(() -> SignatureAlgorithms.of(p384.getPublic())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignatureAlgorithms.of(ed448.getPublic())).isInstanceOf(IllegalArgumentException.class);

    byte[] base = "\"@method\": GET".getBytes(StandardCharsets.UTF_8);
    byte[] signature = SignatureAlgorithms.sign(p256.getPrivate(), base);
    assertThat(SignatureAlgorithms.verify(p256.getPublic(), null, base, signature)).isTrue();
    assertThat(SignatureAlgorithms.verify(p256.getPublic(), SignatureAlgorithms.ECDSA_P256, base, signature)).isTrue();
    assertThat(SignatureAlgorithms.verify(p256.getPublic(), SignatureAlgorithms.ED25519, base, signature)).isFalse();
    assertThat(SignatureAlgorithms.verify(p256.getPublic(), "hmac-sha256", base, signature)).isFalse();
  }
}
