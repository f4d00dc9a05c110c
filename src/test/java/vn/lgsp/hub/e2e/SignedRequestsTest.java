package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.protocol.signatures.ContentDigest;
import vn.lgsp.hub.protocol.signatures.SignatureAlgorithms;
import vn.lgsp.hub.protocol.signatures.SignatureBase;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.RightsChangingHubTest;

/**
 * A consumer's signed requests (RFC 9421): one signed with Hanoi's sandbox key is served and its signature kept
 * in the exchange record; one signed with another key, altered after signing, stale, not covering what makes the
 * request, or whose body does not match its digest is refused with 401 Client.InvalidSignature, and that refusal
 * is recorded; a right that requires signed requests refuses unsigned ones. The sandbox's signing tool
 * ({@code tools/signed-request.py}, written apart from the hub) is accepted, and refused with another key.
 */
class SignedRequestsTest extends RightsChangingHubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HANOI_KEY = Path.of("config/sandbox-keys/hanoi-motcua-request-signing.pem");
  private static final String KEY_ID = "hanoi-sandbox-2026";
  private static final String CITIZEN = "/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123";
  private static final String VERIFY = "/r1/VN/GOV/BCA/DANCU/citizen-verify";

  @Test
  void aRequestSignedWithTheRegisteredKeyIsServedAndItsSignatureKept() throws Exception {
    String token = hub.token(HubClient.HANOI);
    Signed get = sign("GET", CITIZEN, null, hanoiKey(), KEY_ID, now(), "@method", "@path", "x-road-client", "x-road-issue");
    Response answer = send(get, token);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode record = hub.awaitRecord(get.messageId());
    assertThat(record.path("requestSignature").asString(null)).isEqualTo(get.forRecord());
    assertThat(record.path("answerSignature").asString(null)).startsWith("hub=(");

    String body = "{\"personalId\": \"001085000123\", \"fullName\": \"Nguyễn Văn An\", \"dateOfBirth\": \"1985-03-12\"}";
    Signed post = sign("POST", VERIFY, body, hanoiKey(), KEY_ID, now(), "@method", "@path", "x-road-client",
        "x-road-issue", "content-digest");
    assertThat(send(post, token).status()).isEqualTo(200);
    assertThat(hub.awaitRecord(post.messageId()).path("requestSignature").asString(null)).isEqualTo(post.forRecord());

    String unsigned = UUID.randomUUID().toString();
    assertThat(hub.get(CITIZEN).as(HubClient.HANOI, token).header("X-Road-Id", unsigned).send().status())
        .as("a right that does not require signatures takes unsigned requests").isEqualTo(200);
    assertThat(hub.awaitRecord(unsigned).has("requestSignature")).isFalse();
  }

  @Test
  void aSignatureThatDoesNotHoldIsRefusedAndRecorded() throws Exception {
    String token = hub.token(HubClient.HANOI);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    PrivateKey stranger = generator.generateKeyPair().getPrivate();
    String[] covered = {"@method", "@path", "x-road-client", "x-road-issue"};
    String body = "{\"personalId\": \"001085000123\", \"fullName\": \"Nguyễn Văn An\", \"dateOfBirth\": \"1985-03-12\"}";

    Map<String, Signed> refused = new LinkedHashMap<>();
    refused.put("signature.mismatch", sign("GET", CITIZEN, null, stranger, KEY_ID, now(), covered));
    refused.put("signature.no-key", sign("GET", CITIZEN, null, hanoiKey(), "somebody-else", now(), covered));
    Signed altered = sign("GET", CITIZEN, null, hanoiKey(), KEY_ID, now(), covered);
    refused.put("signature.mismatch (path changed after signing)",
        altered.withPath("/r1/VN/GOV/BCA/DANCU/citizen-info/001090000456"));
    refused.put("signature.stale", sign("GET", CITIZEN, null, hanoiKey(), KEY_ID, now() - 3600, covered));
    refused.put("signature.not-covered x-road-issue",
        sign("GET", CITIZEN, null, hanoiKey(), KEY_ID, now(), "@method", "@path", "x-road-client"));
    refused.put("signature.not-covered content-digest", sign("POST", VERIFY, body, hanoiKey(), KEY_ID, now(), covered));
    Signed digest = sign("POST", VERIFY, body, hanoiKey(), KEY_ID, now(), "@method", "@path", "x-road-client",
        "x-road-issue", "content-digest");
    refused.put("signature.digest", digest.withBody(body.replace("1985", "1986")));
    refused.put("signature.not-covered x-road-userid (the official added after signing)",
        sign("GET", CITIZEN, null, hanoiKey(), KEY_ID, now(), covered).withHeader("X-Road-UserId", "VN0011223344"));
    Signed unreadable = sign("GET", CITIZEN, null, hanoiKey(), KEY_ID, now(), covered);
    refused.put("signature.unreadable", unreadable.withSignature("sig1=not-a-byte-sequence"));

    for (Map.Entry<String, Signed> attempt : refused.entrySet()) {
      Response answer = send(attempt.getValue(), token);
      assertThat(answer.status()).as(attempt.getKey() + ": " + answer.body()).isEqualTo(401);
      assertThat(answer.json().get("type").asString()).endsWith("Client.InvalidSignature");
      assertThat(answer.header("X-Road-Error")).isEqualTo("Client.InvalidSignature");
      JsonNode record = hub.awaitRecord(attempt.getValue().messageId());
      assertThat(record.path("errorType").asString()).as(attempt.getKey()).isEqualTo("Client.InvalidSignature");
      assertThat(record.path("status").asInt()).isEqualTo(401);
      assertThat(record.has("requestSignature")).as("only a verified signature is kept").isFalse();
    }
  }

  @Test
  void aRightThatRequiresSignedRequestsRefusesUnsignedOnes() throws Exception {
    String file = Files.readString(Path.of("config/access-rights.yaml"));
    String right = "          - service: VN/GOV/BCA/DANCU/citizen-info\n";
    int at = file.indexOf(right, file.indexOf("- client: VN/GOV/UBND-HN/MOTCUA"));
    assertThat(at).isPositive();
    String signedOnly = file.substring(0, at + right.length()) + "            signed-requests: true\n"
        + file.substring(at + right.length());
    ObjectNode apply = JSON.createObjectNode().put("reason", "citizen-info: signed requests only").put("dryRun", false);
    apply.putObject("files").put("access-rights.yaml", signedOnly);
    Response applied = hub.adminPost("/admin/api/access-rights/apply", apply.toString());
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);

    String token = hub.token(HubClient.HANOI);
    Response unsigned = hub.get(CITIZEN).as(HubClient.HANOI, token).send();
    assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(401);
    assertThat(unsigned.header("X-Road-Error")).isEqualTo("Client.InvalidSignature");
    Signed signed = sign("GET", CITIZEN, null, hanoiKey(), KEY_ID, now(), "@method", "@path", "x-road-client",
        "x-road-issue");
    assertThat(send(signed, token).status()).isEqualTo(200);
    assertThat(hub.get("/r1/VN/GOV/BCA/DANCU/residence/001085000123").as(HubClient.HANOI, token).send().status())
        .as("the other rights take unsigned requests still").isEqualTo(200);
  }

  @Test
  void hundredConcurrentSignedCallersAreEachServedAndEachSignatureKept() throws Exception {
    String token = hub.token(HubClient.HANOI);
    PrivateKey key = hanoiKey();
    String[] covered = {"@method", "@path", "x-road-client", "x-road-issue"};
    List<Signed> calls = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      // every fourth one altered after signing: refused, beside the others
      Signed signed = sign("GET", CITIZEN, null, key, KEY_ID, now(), covered);
      calls.add(i % 4 == 3 ? signed.withPath("/r1/VN/GOV/BCA/DANCU/citizen-info/001090000456") : signed);
    }
    ExecutorService callers = Executors.newFixedThreadPool(120);
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (Signed call : calls) {
        answers.add(callers.submit(() -> send(call, token)));
      }
      for (int i = 0; i < calls.size(); i++) {
        int expected = i % 4 == 3 ? 401 : 200;
        assertThat(answers.get(i).get(60, TimeUnit.SECONDS).status()).as("call " + i).isEqualTo(expected);
      }
    } finally {
      callers.shutdownNow();
    }
    for (int i = 0; i < calls.size(); i++) {
      JsonNode record = hub.awaitRecord(calls.get(i).messageId());
      if (i % 4 == 3) {
        assertThat(record.path("errorType").asString()).isEqualTo("Client.InvalidSignature");
      } else {
        assertThat(record.path("requestSignature").asString(null)).isEqualTo(calls.get(i).forRecord());
      }
    }
  }

  @Test
  void theIndependentSigningToolIsAcceptedAndRefusedWithAnotherKey() throws Exception {
    String token = hub.token(HubClient.HANOI);
    assertThat(python(token, false)).startsWith("HTTP/1.1 200");
    String refused = python(token, true);
    assertThat(refused).startsWith("HTTP/1.1 401").contains("Client.InvalidSignature");
  }

  private String python(String token, boolean wrongKey) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", "tools/signed-request.py", "--key", HANOI_KEY.toString(),
        "--keyid", KEY_ID, "--client", HubClient.HANOI, "--token", token, "--issue", "HS-2026-000123 Hồ sơ"));
    if (wrongKey) {
      command.add("--wrong-key");
    }
    command.add("http://127.0.0.1:" + port + CITIZEN + "?");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  /** A signed request: its method, path, body and the headers that carry it. */
  private record Signed(String method, String path, String body, Map<String, String> headers, String messageId) {

    Signed withPath(String other) {
      return new Signed(method, other, body, headers, messageId);
    }

    Signed withBody(String other) {
      return new Signed(method, path, other, headers, messageId);
    }

    Signed withSignature(String signature) {
      return withHeader("Signature", signature);
    }

    Signed withHeader(String name, String value) {
      Map<String, String> changed = new LinkedHashMap<>(headers);
      changed.put(name, value);
      return new Signed(method, path, body, changed, messageId);
    }

    String forRecord() {
      return headers.get("Signature-Input") + " " + headers.get("Signature").substring("sig1=".length());
    }
  }

  private static Signed sign(String method, String path, String body, PrivateKey key, String keyId, long created,
      String... covered) {
    Map<String, String> headers = new LinkedHashMap<>();
    String messageId = UUID.randomUUID().toString();
    headers.put("X-Road-Client", HubClient.HANOI);
    headers.put("X-Road-Issue", "HS-2026-000123");
    headers.put("X-Road-Id", messageId);
    if (body != null) {
      headers.put("Content-Type", "application/json");
      headers.put("Content-Digest", ContentDigest.sha256(body.getBytes(StandardCharsets.UTF_8)));
    }
    SignatureBase base = new SignatureBase(created, keyId, SignatureAlgorithms.of(key));
    for (String component : covered) {
      base.cover(component, switch (component) {
        case "@method" -> method;
        case "@path" -> path;
        default -> headers.get(headers.keySet().stream().filter(h -> h.equalsIgnoreCase(component)).findFirst()
            .orElseThrow());
      });
    }
    headers.put("Signature-Input", "sig1=" + base.parameters());
    headers.put("Signature", "sig1=:" + Base64.getEncoder().encodeToString(SignatureAlgorithms.sign(key, base.bytes())) + ":");
    return new Signed(method, path, body, headers, messageId);
  }

  private Response send(Signed signed, String token) {
    HubClient.Request request = signed.body() == null ? hub.get(signed.path()) : hub.post(signed.path(), signed.body());
    request.bearer(token);
    signed.headers().forEach(request::header);
    return request.send();
  }

  private static PrivateKey hanoiKey() throws Exception {
    String pem = Files.readString(HANOI_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }
}
