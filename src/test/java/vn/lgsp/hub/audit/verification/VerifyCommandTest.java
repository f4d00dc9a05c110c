package vn.lgsp.hub.audit.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.files.ExportFile;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * The verification command's origin rule: the certificate inside a file proves nothing about who
 * wrote it, so without a certificate or fingerprint from the hub's operator the command says the
 * origin is unverified and exits non-zero, even for a file that is whole.
 */
class VerifyCommandTest {

  @TempDir static Path dir;

  static SealKey hubKey;
  static Path genuine;
  static Path forged;

  @BeforeAll
  static void files() throws Exception {
    hubKey = key("hub");
    genuine = export(hubKey, "genuine.jsonl");
    // a forger writes a well-formed file of their own and signs it with a key of their own
    forged = export(key("forger"), "forged.jsonl");
  }

  private static SealKey key(String name) {
    AuditProperties audit = new AuditProperties("a-key-of-sixteen-chars", "q", "dlq", 10, 10,
        new AuditProperties.Seal(null, "test-password", "seal", true, 3, Duration.ofSeconds(1), List.of()), null, null);
    return new SealKey(audit, new HubProperties(dir.resolve(name), null));
  }

  private static Path export(SealKey key, String name) throws Exception {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      ExportFile.Writer writer = new ExportFile.Writer(out);
      writer.header(0, ChainHash.GENESIS, new ExportFile.HeaderInfo(Instant.now(), 3, List.of(key.certificate()), null, null));
      String prev = ChainHash.GENESIS;
      for (int i = 1; i <= 4; i++) {
        ExchangeRecord r = ExchangeRecord.builder().id(UUID.randomUUID()).messageId(name + "-" + i).method("GET")
            .path("/r1/x").status(200).requestInAt(Instant.now()).responseOutAt(Instant.now()).build();
        String hash = ChainHash.of(r, i, prev);
        if (i == 3) {
          Instant at = Instant.now();
          writer.seal(new Seal(3, hash, at, key.keyId(), key.sign(Seal.text(3, hash, at, key.keyId()))));
        }
        writer.record(r.withChain(new ExchangeRecord.ChainLink(i, prev, hash)));
        prev = hash;
      }
      writer.footer(key);
    }
    return file;
  }

  private record Run(int status, String out, String err) {}

  private static Run verify(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutACertificateOrFingerprintTheOriginIsUnverifiedAndTheExitNonZero() {
    for (Path file : List.of(genuine, forged)) {
      Run run = verify(file.toString());
      assertThat(run.status()).as(run.err()).isEqualTo(3);
      assertThat(run.out()).contains("\"intact\" : true").contains("\"origin\" : \"unverified\"");
      assertThat(run.err()).contains("origin unverified");
    }
  }

  @Test
  void theHubsFingerprintAcceptsItsFileAndExposesTheForgery() {
    String fingerprint = "sha256:" + hubKey.keyId();
    Run ok = verify("--fingerprint", fingerprint, genuine.toString());
    assertThat(ok.status()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("\"origin\" : \"verified\"");

    // as openssl x509 -fingerprint -sha256 prints it
    String openssl = "SHA256:" + String.join(":", hubKey.keyId().toUpperCase().split("(?<=\\G..)"));
    assertThat(verify("--fingerprint=" + openssl, genuine.toString()).status()).isZero();

    Run bad = verify("--fingerprint=" + fingerprint, forged.toString());
    assertThat(bad.status()).as(bad.out() + bad.err()).isEqualTo(1);
    // the forger's seals hold under the forger's own certificate; the footer is not the hub's
    assertThat(bad.out()).contains("\"verdict\" : \"footer-forged\"");
    assertThat(bad.err()).contains("not the fingerprint or certificate given");
  }

  @Test
  void theHubsCertificateAcceptsItsFileAndExposesTheForgery() throws Exception {
    Path pem = Files.writeString(dir.resolve("seal.pem"), hubKey.certificatePem());
    assertThat(verify("--certificate=" + pem, genuine.toString()).status()).isZero();
    assertThat(verify("--certificate", pem.toString(), forged.toString()).status()).isEqualTo(1);
  }

  @Test
  void aMalformedFingerprintOrOptionCannotRun() {
    assertThat(verify("--fingerprint=md5:abcd", genuine.toString()).status()).isEqualTo(2);
    assertThat(verify("--fingerprint=sha256:abcd", genuine.toString()).status()).isEqualTo(2);
    assertThat(verify("--trust-me", genuine.toString()).status()).isEqualTo(2);
    assertThat(verify("--fingerprint").status()).isEqualTo(2);
  }
}
