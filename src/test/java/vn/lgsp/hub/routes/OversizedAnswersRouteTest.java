package vn.lgsp.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.support.HubClient.HANOI;
import static vn.lgsp.hub.support.HubClient.HCMC;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.connectors.ResilienceFactory;
import vn.lgsp.hub.support.HubClient;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.TestDataDir;

/**
 * Registers that answer far more than their connector's limit (2 MiB by default): a 50 MiB answer,
 * with a Content-Length and chunked, REST and SOAP, and a 10 MB SOAP answer, are refused as {@code
 * Server.Provider.ResponseTooLarge} (502), logged, and never read whole. The hub runs in this JVM,
 * so the test adds up what the hub's threads allocated during the call: reading the answer whole
 * would allocate at least its 50 MiB.
 *
 * <p>The registers are one small backend of this test's own ({@link FileBackend}, the JDK's HTTP
 * server) that streams each answer from a file, with a Content-Length or chunked as the case says;
 * its threads carry its own name, so that what they allocate is left out of the hub's count. This
 * hub has its own context, with read timeouts that a busy machine cannot trip.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hub.sandbox.enabled=false",
      "hub.secrets.vcb-signing-key=" + OversizedAnswersRouteTest.SIGNING_KEY,
      "hub.connectors.population-register.read-timeout=30s",
      "hub.connectors.population-register.breaker-minimum-calls=4",
      "hub.connectors.tax-register.read-timeout=30s",
      "hub.connectors.tax-register.breaker-minimum-calls=4",
      "hub.connectors.tax-register.breaker-open-for=60s"
    })
class OversizedAnswersRouteTest {

  static final String SIGNING_KEY = "test-signing-key-0123456789";
  static final String CITIZEN = "001085000123";
  static final String TAX_PATH = "/tax/v1/obligations/" + CITIZEN;
  static final String SOAP_PATH = "/population-register";
  static final int FIFTY_MIB = 50 << 20;
  static final int TEN_MB = 10_000_000;
  /** Half the answer's size; a bounded read allocates a few times the limit (2 MiB). */
  static final long ALLOCATION_CEILING = FIFTY_MIB / 2;

  static final String JSON_HEAD = "{\"personalId\":\"" + CITIZEN + "\",\"note\":\"";
  static final String JSON_TAIL = "\"}";
  static final String SOAP_HEAD = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
      + "<d:GetCitizenInfoResponse xmlns:d=\"urn:vn:gov:bca:dancu:v1\"><d:citizen><d:personalId>" + CITIZEN
      + "</d:personalId><d:fullName>Đỗ Công Sơn</d:fullName>";
  static final String SOAP_TAIL = "</d:citizen></d:GetCitizenInfoResponse></s:Body></s:Envelope>";
  /**
   * The SOAP filler: groups of 500 notes of 1,000 letters (512 KB a group). In the shape of a real
   * answer, so that the byte limit, not one of the XML parser's own limits (256 KB of text in one
   * node, 1,000 children of one element), is what stops the reading.
   */
  static final String NOTES = "<d:notes>" + ("<d:note>" + "x".repeat(1000) + "</d:note>").repeat(500) + "</d:notes>";

  static final Path FILES = TestDataDir.create("oversized-answers");
  static final FileBackend BACKEND = startBackend();

  private static FileBackend startBackend() {
    try {
      write("huge.json", JSON_HEAD, "x", JSON_TAIL, FIFTY_MIB);
      write("huge.xml", SOAP_HEAD, NOTES, SOAP_TAIL, FIFTY_MIB);
      write("ten-mb.xml", SOAP_HEAD, NOTES, SOAP_TAIL, TEN_MB);
      FileBackend backend = new FileBackend();
      Runtime.getRuntime().addShutdownHook(new Thread(backend::stop));
      return backend;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A well-formed document of about {@code size} bytes: head, fillers up to the size, tail. */
  private static void write(String name, String head, String filler, String tail, int size) throws IOException {
    byte[] unit = filler.repeat(Math.max(1, (64 << 10) / filler.length())).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(FILES.resolve(name))) {
      out.write(head.getBytes(StandardCharsets.UTF_8));
      for (long written = 0; written < size; written += unit.length) {
        out.write(unit);
      }
      out.write(tail.getBytes(StandardCharsets.UTF_8));
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> TestDataDir.create("oversized-hub").toString());
    registry.add("hub.endpoints.population-register", () -> BACKEND.baseUrl() + SOAP_PATH);
    registry.add("hub.endpoints.tax-register", BACKEND::baseUrl);
    registry.add("hub.endpoints.social-insurance", BACKEND::baseUrl);
    registry.add("hub.endpoints.vcb-accounts", BACKEND::baseUrl);
  }

  @LocalServerPort int port;
  @Autowired ResilienceFactory resilience;
  HubClient hub;

  static boolean warmedUp;

  @BeforeEach
  void resetBackendAndBreakers() {
    BACKEND.reset();
    hub = new HubClient(port);
    if (!warmedUp) {
      // the hub's first calls allocate for their own set-up (some MiB): not what is measured here
      BACKEND.answer("GET", TAX_PATH, Answer.text("{\"personalId\":\"" + CITIZEN + "\"}", "application/json"));
      String token = hub.token(HANOI);
      for (int i = 0; i < 3; i++) {
        assertThat(hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, token).send().status()).isEqualTo(200);
      }
      warmedUp = true;
    }
    resilience.breakers().getAllCircuitBreakers().forEach(b -> b.reset());
  }

  /** Asks the stub itself how it frames its answer, so each case covers what it claims to. */
  private static void assertFraming(String method, String path, boolean chunked) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(BACKEND.baseUrl() + path).toURL().openConnection();
    c.setRequestMethod(method);
    try {
      assertThat(c.getResponseCode()).isEqualTo(200);
      if (chunked) {
        assertThat(c.getHeaderField("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
        assertThat(c.getHeaderField("Content-Length")).isNull();
      } else {
        assertThat(c.getHeaderField("Content-Length")).isNotNull();
      }
    } finally {
      c.disconnect();
    }
  }

  /** Heap bytes allocated so far by each live thread of this JVM but the backend's. */
  private static Map<Long, Long> allocatedByThread() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<Long, Long> allocated = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!FileBackend.owns(t)) {
        allocated.put(t.getId(), threads.getThreadAllocatedBytes(t.getId()));
      }
    }
    return allocated;
  }

  private static long allocatedSince(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
      total += Math.max(0, now.getValue() - before.getOrDefault(now.getKey(), 0L));
    }
    return total;
  }

  /** Calls the service; the answer must be refused unread, and its exchange logged with the refusal. */
  private void assertRefusedUnread(String servicePath) {
    String messageId = "oversized-" + UUID.randomUUID();
    String token = hub.token(HANOI);
    Map<Long, Long> before = allocatedByThread();

    Response r = hub.get(servicePath).as(HANOI, token).header("X-Road-Id", messageId).send();

    long allocated = allocatedSince(before);
    assertThat(r.status()).as(r.body()).isEqualTo(502);
    assertThat(r.json().get("type").asString()).isEqualTo("Server.Provider.ResponseTooLarge");
    assertThat(r.header("X-Road-Error")).isEqualTo("Server.Provider.ResponseTooLarge");
    assertThat(r.body()).doesNotContain("xxxxxxxx").doesNotContain(CITIZEN);
    assertThat(allocated).as("bytes allocated by the hub's threads during the call").isLessThan(ALLOCATION_CEILING);
    JsonNode record = hub.awaitRecord(messageId);
    assertThat(record.get("errorType").asString()).isEqualTo("Server.Provider.ResponseTooLarge");
    assertThat(record.get("status").asInt()).isEqualTo(502);
    System.out.printf("%s: oversized answer refused, %d KiB allocated by the hub during the call%n",
        servicePath.replace(CITIZEN, "{personalId}"), allocated >> 10);
  }

  @Test
  void restAnswerOverTheLimitWithAContentLengthIsRefusedBeforeItsBodyIsRead() throws IOException {
    BACKEND.answer("GET", TAX_PATH, Answer.file("huge.json", "application/json", false));
    assertFraming("GET", TAX_PATH, false);
    assertRefusedUnread("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN);
  }

  @Test
  void chunkedRestAnswerOverTheLimitIsCutAtTheLimit() throws IOException {
    BACKEND.answer("GET", TAX_PATH, Answer.file("huge.json", "application/json", true));
    assertFraming("GET", TAX_PATH, true);
    assertRefusedUnread("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN);
  }

  @Test
  void soapAnswerOverTheLimitWithAContentLengthIsRefusedBeforeItsBodyIsRead() throws IOException {
    BACKEND.answer("POST", SOAP_PATH, Answer.file("huge.xml", "text/xml; charset=utf-8", false));
    assertFraming("POST", SOAP_PATH, false);
    assertRefusedUnread("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN);
  }

  @Test
  void chunkedSoapAnswerOverTheLimitIsCutAtTheLimit() throws IOException {
    BACKEND.answer("POST", SOAP_PATH, Answer.file("huge.xml", "text/xml; charset=utf-8", true));
    assertFraming("POST", SOAP_PATH, true);
    assertRefusedUnread("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN);
  }

  @Test
  void tenMegabyteSoapAnswerIsRefused() throws IOException {
    BACKEND.answer("POST", SOAP_PATH, Answer.file("ten-mb.xml", "text/xml; charset=utf-8", true));
    assertFraming("POST", SOAP_PATH, true);
    assertRefusedUnread("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN);
  }

  @Test
  void oversizedAnswersAreProviderFaultsThatOpenTheBreaker() {
    BACKEND.answer("GET", TAX_PATH, Answer.file("huge.json", "application/json", true));
    String token = hub.token(HANOI);
    String hcmc = hub.token(HCMC);
    // too large for two consumers: the register's fault, so its breaker opens for all
    for (int i = 0; i < 5; i++) {
      Response r = i % 2 == 0
          ? hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, token).send()
          : hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HCMC, hcmc).send();
      assertThat(r.json().get("type").asString()).isEqualTo("Server.Provider.ResponseTooLarge");
    }
    assertThat(resilience.breakers().circuitBreaker("tax-register").getState().name()).isEqualTo("OPEN");
    Response r = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, token).send();
    assertThat(r.json().get("type").asString()).isEqualTo("Server.Provider.Unavailable");
  }

  /** Just under the limit, in many pieces (no single string or text node near a parser's limits). */
  @Test
  void answersUpToTheLimitAreServed() {
    String json = "{\"personalId\":\"" + CITIZEN + "\",\"items\":[" + ("\"" + "x".repeat(1000) + "\",").repeat(2000)
        + "\"end\"]}";
    String xml = SOAP_HEAD + NOTES.repeat(4) + SOAP_TAIL;
    assertThat(xml.getBytes(StandardCharsets.UTF_8).length).isBetween(2_000_000, 2 << 20);
    BACKEND.answer("GET", TAX_PATH, Answer.text(json, "application/json"));
    BACKEND.answer("POST", SOAP_PATH, Answer.text(xml, "text/xml; charset=utf-8"));
    String token = hub.token(HANOI);

    Response tax = hub.get("/r1/VN/GOV/BTC/THUE/tax-obligation/" + CITIZEN).as(HANOI, token).send();
    Response citizen = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/" + CITIZEN).as(HANOI, token).send();

    assertThat(tax.status()).isEqualTo(200);
    assertThat(tax.json().get("items").size()).isEqualTo(2001);
    assertThat(citizen.status()).isEqualTo(200);
    assertThat(citizen.json().get("fullName").asString()).isEqualTo("Đỗ Công Sơn");
  }

  /** What the backend answers on one method and path: a file or a text, with a Content-Length or chunked. */
  record Answer(Path file, byte[] text, String contentType, boolean chunked) {
    static Answer file(String name, String contentType, boolean chunked) {
      return new Answer(FILES.resolve(name), null, contentType, chunked);
    }

    static Answer text(String body, String contentType) {
      return new Answer(null, body.getBytes(StandardCharsets.UTF_8), contentType, false);
    }
  }

  /**
   * The registers' stand-in: the JDK's HTTP server on loopback, answering each method and path as
   * told and streaming files without holding them; 404 for anything else.
   */
  static final class FileBackend {

    private static final String THREADS = "oversized-backend-";
    /** The JDK server's own thread, which accepts connections for the handler threads. */
    private static final String DISPATCHER = "HTTP-Dispatcher";

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final HttpServer server;

    FileBackend() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      AtomicInteger count = new AtomicInteger();
      server.setExecutor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, THREADS + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      }));
      server.createContext("/", this::serve);
      server.start();
    }

    static boolean owns(Thread thread) {
      return thread.getName().startsWith(THREADS) || thread.getName().equals(DISPATCHER);
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(String method, String path, Answer answer) {
      answers.put(method + " " + path, answer);
    }

    void reset() {
      answers.clear();
    }

    void stop() {
      server.stop(0);
    }

    private void serve(HttpExchange http) throws IOException {
      try (http; InputStream request = http.getRequestBody()) {
        request.readAllBytes();
        Answer answer = answers.get(http.getRequestMethod() + " " + http.getRequestURI().getPath());
        if (answer == null) {
          http.sendResponseHeaders(404, -1);
          return;
        }
        http.getResponseHeaders().set("Content-Type", answer.contentType());
        long length = answer.file() != null ? Files.size(answer.file()) : answer.text().length;
        // 0 asks the JDK's server for chunked framing
        http.sendResponseHeaders(200, answer.chunked() ? 0 : length);
        try (OutputStream out = http.getResponseBody()) {
          if (answer.file() != null) {
            Files.copy(answer.file(), out);
          } else {
            out.write(answer.text());
          }
        } catch (IOException expected) {
          // the hub hung up after its limit: what these cases expect
        }
      }
    }
  }
}
