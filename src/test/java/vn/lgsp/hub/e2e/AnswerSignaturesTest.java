package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.ops.VerifyAnswerCommand;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * Every answer of the exchange fronts is signed (RFC 9421) over its Content-Digest (RFC 9530): a register's
 * answer, a route's problem, the edge's own refusal, a SOAP answer and the directory's. Each signature verifies
 * with the key the hub publishes as a JWK Set (whose x5c certificate holds the same key), by a base rebuilt here
 * from the headers received, and by the independent Python verifier ({@code tools/verify-answer.py}); one byte
 * of the body or the status changed, and neither accepts it.
 */
class AnswerSignaturesTest extends SandboxHubTest {

  private static final Pattern INPUT = Pattern.compile("hub=\\(([^)]*)\\);created=(\\d+);keyid=\"([^\"]+)\";alg=\"ecdsa-p256-sha256\"");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void everyKindOfAnswerIsSignedAndVerifiesWithThePublishedKey() throws Exception {
    JsonNode jwk = publishedKey();
    PublicKey key = publicKey(jwk);
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(Base64.getDecoder().decode(jwk.get("x5c").get(0).asString())));
    assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(key.getEncoded());

    String token = hub.token(HANOI);
    HttpResponse<byte[]> answer = get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", token);
    assertThat(answer.statusCode()).isEqualTo(200);
    List<String> covered = verify(answer, key, jwk.get("kid").asString());
    assertThat(covered).containsSubsequence("@status", "content-type", "content-digest", "x-road-id", "x-road-request-hash",
        "x-road-client", "x-road-service");

    // the path as Tomcat decodes it is what is served, and so what is signed
    HttpResponse<byte[]> escaped = get("/%72%31/VN/GOV/BCA/DANCU/citizen-info/001085000123", token);
    assertThat(escaped.statusCode()).isEqualTo(200);
    verify(escaped, key, jwk.get("kid").asString());

    // HEAD (which the GET routes do not serve: 404): the digest of the content sent, none
    HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123")).header("Authorization", "Bearer " + token)
        .header("X-Road-Client", HANOI).header("X-Road-Issue", "HS-1").method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
    verify(head, key, jwk.get("kid").asString());

    HttpResponse<byte[]> problem = get("/r1/VN/GOV/BCA/DANCU/citizen-info/12", token);
    assertThat(problem.statusCode()).isEqualTo(400);
    assertThat(verify(problem, key, jwk.get("kid").asString())).contains("@status", "content-digest", "x-road-id",
        "x-road-error");

    HttpResponse<byte[]> edge = get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + "1".repeat(5000), token);
    assertThat(edge.statusCode()).isEqualTo(414);
    verify(edge, key, jwk.get("kid").asString());

    // the composite's answer is signed; its source calls, which no caller sees, are not signed one by one
    HttpResponse<byte[]> composite = get("/r1/VN/GOV/LGSP/HUB/citizen-profile/001085000123?include=population,tax", token);
    assertThat(composite.statusCode()).isEqualTo(200);
    verify(composite, key, jwk.get("kid").asString());

    // a YAML answer, signed over the content type it is sent with
    HttpResponse<byte[]> yaml = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/r1/VN/GOV/BCA/DANCU/getOpenAPI?serviceCode=citizen-info")).header("Authorization", "Bearer " + token)
        .header("X-Road-Client", HANOI).header("Accept", "text/yaml").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/yaml");
    verify(yaml, key, jwk.get("kid").asString());

    HttpResponse<byte[]> directory = get("/listClients", token);
    assertThat(directory.statusCode()).isEqualTo(200);
    verify(directory, key, jwk.get("kid").asString());

    HttpResponse<byte[]> soap = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub"))
        .header("Content-Type", "text/xml; charset=utf-8").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(SoapFrontEndToEndTest.envelope(
            SoapFrontEndToEndTest.clientHeader(HANOI) + SoapFrontEndToEndTest.serviceHeader("VN/GOV/BCA/DANCU/citizen-info")
                + "<xrd:issue>HS-1</xrd:issue>",
            "<hub:citizen-info><hub:personalId>001085000123</hub:personalId></hub:citizen-info>"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(soap.statusCode()).isEqualTo(200);
    verify(soap, key, jwk.get("kid").asString());
  }

  @Test
  void theIndependentVerifierAcceptsTheAnswerAndRefusesItAltered() throws Exception {
    HttpResponse<byte[]> answer = get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", hub.token(HANOI));
    Path dir = Files.createTempDirectory("answer");
    Path keys = Files.writeString(dir.resolve("keys.json"), http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/.well-known/http-message-signatures-directory")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    Path headers = Files.writeString(dir.resolve("headers.txt"), headerDump(answer.statusCode(), answer));
    Path body = Files.write(dir.resolve("body.json"), answer.body());
    assertThat(python(headers, body, keys)).isZero();

    byte[] altered = answer.body().clone();
    altered[altered.length / 2] ^= 1;
    Files.write(body, altered);
    assertThat(python(headers, body, keys)).isEqualTo(1);

    Files.write(body, answer.body());
    Files.writeString(headers, headerDump(201, answer));
    assertThat(python(headers, body, keys)).isEqualTo(1);

    // as curl -D saves it after a 100 Continue, with a proxy's signature beside the hub's: still the hub's answer
    Files.writeString(headers, "HTTP/1.1 100 Continue\r\n\r\n" + headerDump(answer.statusCode(), answer)
        .replaceFirst("\r\n", "\r\nSignature-Input: proxy=(\"@status\");created=1;keyid=\"p\"\r\nSignature: proxy=:AAAA:\r\n"));
    assertThat(python(headers, body, keys)).isZero();
  }

  /** The jar's own command, with the certificate the keys carry (as the operator publishes it): the same verdicts. */
  @Test
  void verifyAnswerAcceptsTheAnswerAndRefusesItAlteredOrWithAnotherCertificate() throws Exception {
    HttpResponse<byte[]> answer = get("/r1/VN/GOV/BTC/THUE/taxpayer/001085000123", hub.token(HANOI));
    assertThat(answer.statusCode()).isEqualTo(200);
    Path dir = Files.createTempDirectory("answer");
    Path certificate = Files.writeString(dir.resolve("hub.pem"), "-----BEGIN CERTIFICATE-----\n"
        + publishedKey().get("x5c").get(0).asString() + "\n-----END CERTIFICATE-----\n");
    Path headers = Files.writeString(dir.resolve("headers.txt"), headerDump(answer.statusCode(), answer));
    Path body = Files.write(dir.resolve("body.json"), answer.body());
    String[] args = {"--certificate=" + certificate, headers.toString(), body.toString()};
    assertThat(VerifyAnswerCommand.run(args, System.out, System.err)).isZero();

    byte[] altered = answer.body().clone();
    altered[altered.length - 2] ^= 1;
    Files.write(body, altered);
    assertThat(VerifyAnswerCommand.run(args, System.out, System.err)).isEqualTo(1);

    Files.write(body, answer.body());
    Files.writeString(headers, headerDump(answer.statusCode(), answer).replace("UBND-HN", "UBND-HCM"));
    assertThat(VerifyAnswerCommand.run(args, System.out, System.err)).isEqualTo(1);

    Files.writeString(headers, "HTTP/1.1 100 Continue\r\n\r\n" + headerDump(answer.statusCode(), answer)
        .replaceFirst("\r\n", "\r\nSignature-Input: proxy=(\"@status\");created=1;keyid=\"p\"\r\nSignature: proxy=:AAAA:\r\n"));
    assertThat(VerifyAnswerCommand.run(args, System.out, System.err)).as("after a 100 Continue, beside a proxy's").isZero();

    Files.writeString(headers, "not an answer");
    assertThat(VerifyAnswerCommand.run(args, System.out, System.err)).isEqualTo(2);
  }

  @Test
  void theExchangeRecordKeepsTheSignatureOfTheAnswerSent() throws Exception {
    String token = hub.token(HANOI);
    // a register's answer, a route's problem, the edge's refusal, the directory
    for (String path : List.of("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123", "/r1/VN/GOV/BCA/DANCU/citizen-info/12",
        "/r1/VN/GOV/BCA/DANCU/citizen-info/" + "1".repeat(5000), "/listClients")) {
      HttpResponse<byte[]> answer = get(path, token);
      String input = answer.headers().firstValue("Signature-Input").orElseThrow();
      String signature = answer.headers().firstValue("Signature").orElseThrow();
      JsonNode record = hub.awaitRecord(answer.headers().firstValue("X-Road-Id").orElseThrow());
      assertThat(record.path("answerSignature").asString(null)).as(path)
          .isEqualTo(input + " " + signature.substring("hub=".length()));
      assertThat(record.path("status").asInt()).isEqualTo(answer.statusCode());
    }
  }

  /** Checks the digest and the signature, rebuilding the base from the headers as received; the covered components. */
  private static List<String> verify(HttpResponse<byte[]> answer, PublicKey key, String keyId) throws Exception {
    assertThat(answer.headers().firstValue("Content-Digest")).hasValue(ContentDigest.sha256(answer.body()));
    String input = answer.headers().firstValue("Signature-Input").orElseThrow();
    Matcher m = INPUT.matcher(input);
    assertThat(m.matches()).as(input).isTrue();
    assertThat(m.group(3)).isEqualTo(keyId);
    assertThat(Long.parseLong(m.group(2))).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
    List<String> covered = new ArrayList<>();
    StringBuilder base = new StringBuilder();
    for (String quoted : m.group(1).split(" ")) {
      String component = quoted.substring(1, quoted.length() - 1);
      covered.add(component);
      String value = component.equals("@status") ? String.valueOf(answer.statusCode())
          : String.join(", ", answer.headers().allValues(component));
      base.append('"').append(component).append("\": ").append(value).append('\n');
    }
    base.append("\"@signature-params\": ").append(input.substring("hub=".length()));
    String signature = answer.headers().firstValue("Signature").orElseThrow();
    assertThat(signature).startsWith("hub=:").endsWith(":");
    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initVerify(key);
    ecdsa.update(base.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(ecdsa.verify(Base64.getDecoder().decode(signature.substring(5, signature.length() - 1))))
        .as(base.toString()).isTrue();
    return covered;
  }

  private HttpResponse<byte[]> get(String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("X-Road-Client", HANOI).header("X-Road-Issue", "HS-1").build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private JsonNode publishedKey() throws Exception {
    HttpResponse<String> keys = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/.well-known/http-message-signatures-directory")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(keys.statusCode()).isEqualTo(200);
    JsonNode set = new tools.jackson.databind.ObjectMapper().readTree(keys.body());
    assertThat(set.get("keys").size()).isEqualTo(1);
    return set.get("keys").get(0);
  }

  private static PublicKey publicKey(JsonNode jwk) throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("x").asString())),
        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("y").asString())));
    return KeyFactory.getInstance("EC").generatePublic(
        new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
  }

  private static String headerDump(int status, HttpResponse<byte[]> answer) {
    StringBuilder dump = new StringBuilder("HTTP/1.1 " + status + "\r\n");
    for (Map.Entry<String, List<String>> header : answer.headers().map().entrySet()) {
      for (String value : header.getValue()) {
        dump.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    return dump.append("\r\n").toString();
  }

  private static int python(Path headers, Path body, Path keys) throws Exception {
    Process process = new ProcessBuilder("python3", "tools/verify-answer.py", headers.toString(), body.toString(),
        keys.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println("verify-answer.py: " + output.strip());
    return process.exitValue();
  }
}
