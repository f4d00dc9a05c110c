package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.pipeline.ExchangeLogPublisher;
import vn.lgsp.hub.audit.pipeline.QueueDepth;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * "Every exchange is logged" whatever the caller sends: a few hundred requests with random, hostile
 * (but control-free) header values, paths, query strings and bodies go to the real REST port over
 * raw HTTP/1.1 (so that nothing in a client library tidies them), and every request that got an
 * HTTP answer must have exactly one stored record, found in PostgreSQL by the X-Road-Id the hub
 * answered with, and nothing may be dead-lettered. The seed is printed in every failure; set
 * {@code -Dfuzz.seed=...} to replay one. (Not named {@code *FuzzTest}: those run in the Jazzer JVM,
 * whose agent hides constructor parameter names from Spring's configuration binding.)
 */
class EveryAnswerHasItsRecordTest extends SandboxHubTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
  private static final int REQUESTS = 300;
  private static final String CITIZEN_INFO = "/r1/VN/GOV/BCA/DANCU/citizen-info/";
  private static final String DEAD_LETTERED = "hub.exchange_log.dead_lettered";

  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;
  @Autowired QueueDepth depth;
  @Autowired AuditProperties audit;
  @Autowired ExchangeLogPublisher publisher;
  @Autowired SubjectHasher hasher;

  /** One request as sent, and the X-Road-Id of its answer (null: no HTTP answer). */
  private record Sent(String description, int status, String answeredId) {}

  @Test
  void everyAnsweredRequestHasExactlyOneStoredRecordAndNoneIsDeadLettered() throws Exception {
    // other tests of the shared hub dead-letter on purpose (ExchangeLogEvidenceTest): compare, not zero
    double deadBefore = deadLettered();
    long queuedBefore = depth.of(audit.deadLetterQueue()).orElse(0);
    String token = hub.token(HANOI);
    Random random = new Random(SEED);
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      sent.add(send(randomRequest(random, i, token)));
    }
    List<Sent> answered = sent.stream().filter(s -> s.status() > 0).toList();
    System.out.printf("fuzz seed %d: %d requests, answers by status %s%n", SEED, REQUESTS,
        new java.util.TreeMap<>(sent.stream().collect(Collectors.groupingBy(Sent::status, Collectors.counting()))));
    assertThat(answered).as("seed %d: almost every request is answered", SEED).hasSizeGreaterThan(REQUESTS * 9 / 10);
    assertThat(answered.stream().filter(s -> s.answeredId() == null || s.answeredId().isBlank()).toList())
        .as("seed %d: answers without an X-Road-Id", SEED).isEmpty();
    assertThat(answered.stream().map(Sent::status).distinct().count())
        .as("seed %d: the requests reach different outcomes (edge, gate, service)", SEED).isGreaterThanOrEqualTo(5);

    Map<String, Sent> byId = answered.stream().collect(Collectors.toMap(Sent::answeredId, s -> s, (a, b) -> a, LinkedHashMap::new));
    assertThat(byId).as("seed %d: X-Road-Ids are unique", SEED).hasSameSizeAs(answered);
    Map<String, Integer> counts = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> storedCounts(byId.keySet()), c -> c.size() == byId.size());
    byId.forEach((id, s) -> assertThat(counts.get(id))
        .as("seed %d: records of %s (%s)", SEED, id, s.description()).isEqualTo(1));
    assertThat(deadLettered() - deadBefore).as("seed %d: records dead-lettered", SEED).isZero();
    assertThat(depth.of(audit.deadLetterQueue()).orElse(0)).as("seed %d: dead-letter queue depth", SEED).isEqualTo(queuedBefore);
  }

  @Test
  void the189CharacterUserIdAndThe3000CharacterPathAreRefusedClearlyAndFoundByTheAdminSearch() throws Exception {
    String token = hub.token(HANOI);
    String userId = String.join("-", Collections.nCopies(19, "123456789"));
    assertThat(userId).hasSize(189);

    String longUser = UUID.randomUUID().toString();
    Sent user = send(request("GET", CITIZEN_INFO + "001085000123", token, longUser, Map.of("X-Road-UserId", userId), null));
    assertThat(user.status()).isEqualTo(431);
    JsonNode userRecord = hub.awaitRecord(longUser);
    assertThat(userRecord.get("errorType").asString()).isEqualTo("Client.HeaderTooLarge");

    String longPath = UUID.randomUUID().toString();
    String prefix = CITIZEN_INFO + "001085000123/";
    String path = prefix + "0123456789-".repeat(300).substring(0, 3000 - prefix.length());
    assertThat(path).hasSize(3000);
    Sent target = send(request("GET", path, token, longPath, Map.of(), null));
    assertThat(target.status()).isEqualTo(414);
    JsonNode pathRecord = hub.awaitRecord(longPath);
    assertThat(pathRecord.get("errorType").asString()).isEqualTo("Client.UriTooLong");
    assertThat(pathRecord.get("path").asString()).doesNotContain("0123456789").doesNotContain("001085000123");
  }

  /** Found by the random requests: these failed later, where the request is read, as unlogged 500s. */
  @Test
  void malformedEscapesAndControlCharactersInTheTargetAreRefusedAtTheEdgeAndLogged() throws Exception {
    String token = hub.token(HANOI);
    Map<String, String> cases = Map.of(
        CITIZEN_INFO + "001085000123?a%00b=1", "Client.InvalidRequest",
        CITIZEN_INFO + "001085000123?q=%ZZ", "Client.InvalidRequest",
        CITIZEN_INFO + "0010850%ZZ00123", "Client.InvalidRequest",
        CITIZEN_INFO + "001085000123?q=" + "9".repeat(2100), "Client.UriTooLong");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String messageId = UUID.randomUUID().toString();
      Sent answer = send(request("GET", c.getKey(), token, messageId, Map.of(), null));
      assertThat(answer.status()).as(c.getKey()).isEqualTo(c.getValue().equals("Client.UriTooLong") ? 414 : 400);
      assertThat(hub.awaitRecord(messageId).get("errorType").asString()).as(c.getKey()).isEqualTo(c.getValue());
    }
  }

  @Test
  void aRecordWhoseFieldsTheLogCannotHoldWholeIsStoredShortenedFlaggedAndStillVerifies() {
    String messageId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    // as a hub front with laxer limits might build it: too long once masked, a NUL, half a surrogate pair
    String userId = "#0a1b2c3d4e5f6a7b-".repeat(19);
    publisher.publish(ExchangeRecord.builder().messageId(messageId).method("GET").path("/r1/" + "p".repeat(3000))
        .userId(userId).issue("dossier\u0000 7 \uD800").status(200).requestInAt(now).responseOutAt(now).build());

    JsonNode record = hub.awaitRecord(messageId);
    assertThat(record.get("userId").asString()).hasSize(128).endsWith("…");
    assertThat(record.get("path").asString()).hasSize(2048);
    assertThat(record.get("issue").asString()).isEqualTo("dossier\uFFFD 7 \uFFFD");
    assertThat(record.get("shortened").asString()).contains("userId=" + userId.length() + ":").contains("path=3004:")
        .contains("issue=");
    JsonNode verified = await().atMost(Duration.ofSeconds(10))
        .until(() -> hub.admin("/admin/api/exchange-log/verify").json(), v -> v.get("unsealedRecords").asLong() == 0);
    assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
  }

  @Test
  void theRecordKeepsTheRequestHashKeyedAndAnAuditorFindsItByTheHashTheCallerKept() {
    String messageId = UUID.randomUUID().toString();
    var answer = hub.get(CITIZEN_INFO + "001085000123").as(HANOI, hub.token(HANOI)).header("X-Road-Id", messageId).send();
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    String kept = answer.header("X-Road-Request-Hash");
    JsonNode record = hub.awaitRecord(messageId);
    assertThat(record.get("requestHash").asString()).startsWith("hmac-sha256:").isNotEqualTo(kept);

    JsonNode found = hub.admin("/admin/api/exchanges?requestHash=" + URLEncoder.encode(kept, StandardCharsets.UTF_8)).json();
    assertThat(found.get("items").findValuesAsString("messageId")).containsExactly(messageId);
    String other = kept.substring(0, 10) + (kept.charAt(10) == 'A' ? 'B' : 'A') + kept.substring(11);
    assertThat(hub.admin("/admin/api/exchanges?requestHash=" + URLEncoder.encode(other, StandardCharsets.UTF_8))
        .json().get("items")).isEmpty();
  }

  /** Records per answered id; the log keeps a message id masked ({@link SubjectHasher#maskMessageId}). */
  private Map<String, Integer> storedCounts(java.util.Set<String> ids) {
    Map<String, String> idByStored = new LinkedHashMap<>();
    ids.forEach(id -> idByStored.put(hasher.maskMessageId(id), id));
    return jdbc.execute((ConnectionCallback<Map<String, Integer>>) connection -> {
      Array array = connection.createArrayOf("varchar", idByStored.keySet().toArray());
      try (var ps = connection.prepareStatement(
          "SELECT message_id, count(*) FROM exchange_record WHERE message_id = ANY(?) GROUP BY message_id")) {
        ps.setArray(1, array);
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            counts.put(idByStored.get(rs.getString(1)), rs.getInt(2));
          }
        }
        return counts;
      }
    });
  }

  private double deadLettered() {
    var counter = meters.find(DEAD_LETTERED).counter();
    return counter == null ? 0 : counter.count();
  }

  /** A request as raw bytes, with a readable description for failure messages. */
  private record Raw(String description, byte[] bytes, String sentId) {}

  private Raw request(String method, String target, String token, String messageId, Map<String, String> headers, byte[] body) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Authorization", "Bearer " + token);
    all.put("X-Road-Client", HANOI);
    all.put("X-Road-Issue", "HS-2026-000123");
    all.put("X-Road-Id", messageId);
    all.putAll(headers);
    return raw(method, target, all, body, messageId);
  }

  private Raw raw(String method, String target, Map<String, String> headers, byte[] body, String sentId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    // header text as UTF-8 bytes: what a careless client sends for non-ASCII (Tomcat reads ISO-8859-1)
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.writeBytes(body);
    }
    String description = method + " " + abbreviate(target) + " " + headers.entrySet().stream()
        .filter(e -> !e.getKey().equals("Authorization"))
        .map(e -> e.getKey() + "=" + abbreviate(e.getValue())).collect(Collectors.joining(", "))
        + (body == null ? "" : " body " + body.length + " bytes");
    return new Raw(description, out.toByteArray(), sentId);
  }

  /** Sends one request on its own connection and reads the whole answer; status 0 when none came. */
  private Sent send(Raw request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.bytes());
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String answer = new String(readAll(in), StandardCharsets.ISO_8859_1);
      int end = answer.indexOf("\r\n\r\n");
      if (!answer.startsWith("HTTP/1.1 ") || end < 0) {
        return new Sent(request.description(), 0, null);
      }
      String[] lines = answer.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].substring(9, 12));
      String answeredId = null;
      for (String line : lines) {
        if (line.toLowerCase(Locale.ROOT).startsWith("x-road-id:")) {
          answeredId = line.substring("x-road-id:".length()).trim();
        }
      }
      if (request.sentId() != null && answeredId != null && status != 400) {
        // a well-formed X-Road-Id of the caller is kept, a malformed one replaced by the hub's (after a
        // 400 Tomcat may not have read the headers of a request it could not parse)
        boolean wellFormed = request.sentId().matches("[A-Za-z0-9._:-]{1,100}");
        assertThat(answeredId.equals(request.sentId())).as("seed %d: %s", SEED, request.description()).isEqualTo(wellFormed);
      }
      return new Sent(request.description() + " -> " + status, status, answeredId);
    } catch (java.net.SocketException e) {
      // the hub may close the connection on a request it refuses while the body is still being sent
      return new Sent(request.description(), 0, null);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try {
      return in.readAllBytes();
    } catch (java.net.SocketException e) {
      return new byte[0];
    }
  }

  /**
   * A well-formed lookup, then none to three hostile changes: so that the requests reach every
   * stage (edge, gate, service, backend) and not only the first refusal.
   */
  private Raw randomRequest(Random random, int i, String token) {
    String messageId = "fz-" + SEED + "-" + i + "-" + UUID.randomUUID();
    String method = "GET";
    String target = pick(random, CITIZEN_INFO, "/r1/VN/GOV/BCA/DANCU/residence/", "/r1/VN/GOV/BTC/THUE/tax-obligation/",
        "/r1/VN/GOV/BHXH/BAOHIEM/health-card/") + pick(random, "001085000123", "001190000777", "079203000456");
    byte[] body = null;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + token);
    headers.put("X-Road-Client", HANOI);
    headers.put("X-Road-Issue", "HS-2026-000123");
    int changes = random.nextInt(4);
    for (int c = 0; c < changes; c++) {
      switch (random.nextInt(10)) {
        case 0 -> messageId = invalidMessageId(random);
        case 1 -> headers.put("X-Road-UserId", text(random, 1 + random.nextInt(random.nextBoolean() ? 60 : 300)));
        case 2 -> headers.put("X-Road-Issue", text(random, 1 + random.nextInt(random.nextBoolean() ? 100 : 300)));
        case 3 -> headers.put("X-Road-Client", random.nextBoolean() ? text(random, 1 + random.nextInt(260)) : "VN/GOV/UBND-HCM/MOTCUA");
        case 4 -> headers.put("Authorization", "Bearer " + text(random, 1 + random.nextInt(80)));
        case 5 -> headers.put("X-Road-" + pick(random, "Service", "Foo", "Represented-Party", "Request-Hash"),
            text(random, 1 + random.nextInt(300)));
        case 6 -> target = path(random);
        case 7 -> target += "?" + query(random);
        case 8 -> {
          method = "POST";
          target = random.nextBoolean() ? "/r1/VN/COM/VCB/TAIKHOAN/account-verify" : target;
          body = body(random);
        }
        default -> method = pick(random, "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FROBNICATEFROBNICATE");
      }
    }
    headers.put("X-Road-Id", messageId);
    return raw(method, target, headers, body, messageId);
  }

  private static String path(Random random) {
    String base = pick(random, CITIZEN_INFO + "001085000123", CITIZEN_INFO, "/r1/VN/GOV/BTC/THUE/taxpayer/",
        "/r1/VN/GOV/BHXH/BAOHIEM/health-card/", "/r1/VN/COM/VCB/TAIKHOAN/account-verify", "/r1/VN/GOV/LGSP/HUB/citizen-profile/",
        "/r1/", "/r1/VN/GOV/NOPE/NOPE/x/");
    StringBuilder p = new StringBuilder(base);
    int segments = random.nextInt(4);
    for (int s = 0; s < segments; s++) {
      p.append(random.nextInt(3) == 0 ? "/" : "").append(pathText(random, 1 + random.nextInt(random.nextInt(6) == 0 ? 1500 : 40)));
    }
    return p.toString();
  }

  /** Characters a request target may carry as they are: digits runs, dashes, sub-delimiters, percent escapes. */
  private static String pathText(Random random, int length) {
    StringBuilder t = new StringBuilder(length);
    while (t.length() < length) {
      switch (random.nextInt(7)) {
        case 0, 1 -> t.append(digits(random, 9 + random.nextInt(5))).append(random.nextBoolean() ? "-" : "");
        case 2 -> t.append(pick(random, "%E1%BB%97", "%F0%9F%98%80", "%C3%A9", "%20", "%2F", "%00", "%ZZ", "%"));
        case 3 -> t.append(pick(random, "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", ".", "..", "-", "_"));
        default -> t.append((char) ('a' + random.nextInt(26)));
      }
    }
    return t.toString();
  }

  private static String query(Random random) {
    StringBuilder q = new StringBuilder();
    int params = 1 + random.nextInt(4);
    for (int p = 0; p < params; p++) {
      q.append(p == 0 ? "" : "&").append(pick(random, "personalId", "q", "x", "serviceCode", "a%00b"))
          .append('=').append(pathText(random, random.nextInt(random.nextInt(6) == 0 ? 3000 : 30)));
    }
    return q.toString();
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> ("{\"personalId\":\"" + digits(random, 12) + "\",\"accountNumber\":\"" + digits(random, 10) + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      case 1 -> ("{\"x\":\"" + text(random, random.nextInt(2000)).replace("\\", "").replace("\"", "") + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      case 2 -> "[".repeat(1 + random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
      case 3 -> new byte[random.nextInt(20) == 0 ? 300_000 : random.nextInt(512)];
      default -> text(random, random.nextInt(400)).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** Hostile header text: digit runs, dashes, non-ASCII, quotes, long; never a control character. */
  private static String text(Random random, int length) {
    StringBuilder t = new StringBuilder(length);
    while (t.length() < length) {
      switch (random.nextInt(6)) {
        case 0, 1 -> t.append(digits(random, 9 + random.nextInt(5))).append('-');
        case 2 -> t.append(pick(random, "Đỗ", "ợ", "中文", "😀", "é", "ß", "\u200b", "\ufeff"));
        case 3 -> t.append(pick(random, "\"", "'", "<", ">", "&", "\\", "%", "{", "}", "#", " ", "\t"));
        default -> t.append((char) ('A' + random.nextInt(26)));
      }
    }
    String s = t.toString().strip();
    return s.isEmpty() ? "x" : s;
  }

  private static String invalidMessageId(Random random) {
    return pick(random, "has space", "ünïcode-id", "x".repeat(101), "slash/id", "semi;colon", "<id>", "%41%42");
  }

  private static String digits(Random random, int n) {
    StringBuilder d = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      d.append((char) ('0' + random.nextInt(10)));
    }
    return d.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 60) + "…(" + s.length() + " chars)";
  }
}
