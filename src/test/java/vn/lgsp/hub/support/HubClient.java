package vn.lgsp.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A consumer or operator of a running hub, talking plain HTTP to its real port. */
public final class HubClient {

  public static final String HANOI = "VN/GOV/UBND-HN/MOTCUA";
  public static final String HCMC = "VN/GOV/UBND-HCM/MOTCUA";
  public static final String DA_NANG = "VN/GOV/UBND-DN/MOTCUA";
  public static final String PORTAL = "VN/GOV/VPCP/DVCQG";
  public static final String INVESTIGATOR = "VN/GOV/BCA/DIEUTRA";
  /** The finance ministry's administrator: answers access requests for the ministry's services. */
  public static final String FINANCE_ADMIN = "VN/GOV/BTC/QUANTRI";
  public static final String POLICE_ADMIN = "VN/GOV/BCA/QUANTRI";
  public static final String SANDBOX_SECRET = "sandbox-secret";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern QUEUE_DEPTH = Pattern.compile("(?m)^hub_exchange_log_queue_depth(?:\\{[^}]*})? (\\S+)$");

  private final HttpClient http;
  private final String base;

  /**
   * HTTP/1.1, as most one-stop systems call: the JDK's client would otherwise ask for HTTP/2 (Http2Test and
   * AttackSuiteTest call the hub over HTTP/2 on purpose).
   */
  public HubClient(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A client of a hub on HTTPS: {@code tls} trusts the hub and may hold a client certificate. */
  public HubClient(int port, javax.net.ssl.SSLContext tls) {
    this.base = "https://127.0.0.1:" + port;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .sslContext(tls).build();
  }

  /** A client-credentials token from the hub's own token endpoint. */
  public String token(String clientId) {
    return token(clientId, null);
  }

  /** A token that carries a scope the client is registered for, e.g. {@code write:rights}. */
  public String token(String clientId, String scope) {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&client_secret="
            + SANDBOX_SECRET
            + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    Response r =
        send(
            HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(r.status()).as("token request: %s", r.body()).isEqualTo(200);
    return r.json().get("access_token").asString();
  }

  public Request get(String path) {
    return new Request("GET", path, null);
  }

  public Request patch(String path, String json) {
    return new Request("PATCH", path, json).header("Content-Type", "application/json");
  }

  public Request delete(String path) {
    return new Request("DELETE", path, null);
  }

  public Request post(String path, String json) {
    return new Request("POST", path, json).header("Content-Type", "application/json");
  }

  /** GET on the admin API as the sandbox operator. */
  public Response admin(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Authorization", OPERATOR).GET());
  }

  /** POST of a JSON body on the admin API as the sandbox operator. */
  public Response adminPost(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", OPERATOR)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static final String OPERATOR =
      "Basic " + Base64.getEncoder().encodeToString("operator:sandbox-operator".getBytes(StandardCharsets.UTF_8));

  /** The stored exchange records with this X-Road-Id (possibly none yet). */
  public JsonNode records(String messageId) {
    Response r = admin("/admin/api/exchanges?messageId=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("items");
  }

  /**
   * How many stored records each X-Road-Id has among the records of this purpose (X-Road-Issue),
   * read forward through the monitoring cursor: chain order, so paging while the writer is still
   * storing neither skips nor repeats a record. Empty while the hub cannot read its log (503).
   */
  public Map<String, Integer> recordCountsByMessageId(String purpose) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    long from = 1;
    while (true) {
      Response r = admin("/admin/api/monitoring/records?limit=1000&recordsFrom=" + from);
      if (r.status() == 503) {
        return Map.of();
      }
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode records = r.json().get("records");
      records.forEach(item -> {
        if (purpose.equals(item.path("messageIssue").asString())) {
          counts.merge(item.get("messageId").asString(), 1, Integer::sum);
        }
      });
      if (records.isEmpty()) {
        return counts;
      }
      from = r.json().get("nextRecordsFrom").asLong();
    }
  }

  /** The address of one of the sandbox's registers, e.g. {@code tax-register}: {@code http://127.0.0.1:<port>}. */
  public String sandboxBackend(String name) {
    for (JsonNode backend : admin("/admin/api/sandbox/backends").json()) {
      if (backend.get("name").asString().equals(name)) {
        return "http://127.0.0.1:" + backend.get("port").asInt();
      }
    }
    throw new AssertionError("no sandbox backend " + name);
  }

  /** The sandbox tax register's OpenAPI document, as a ministry would submit it. */
  public String taxOpenApi() {
    Response document = send(HttpRequest.newBuilder(URI.create(sandboxBackend("tax-register") + "/tax/openapi.json")).GET());
    assertThat(document.status()).isEqualTo(200);
    return document.body();
  }

  /** The version of the access rights in force on this hub. */
  public long rightsVersion() {
    return admin("/admin/api/access-rights").json().get("version").asLong();
  }

  /**
   * Puts the rights of {@code version} back (as a new version) if they changed since: tests that change
   * rights leave the hub as they found it for the tests that share it.
   */
  public void restoreRights(long version) {
    if (rightsVersion() != version) {
      Response r = adminPost("/admin/api/access-rights/rollback",
          "{\"version\": " + version + ", \"reason\": \"test over: rights as before\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
  }

  /** Records waiting in the broker for the writer, from the hub's metric; -1 when unknown. */
  public long exchangeLogBacklog() {
    Matcher m = QUEUE_DEPTH.matcher(admin("/actuator/prometheus").body());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }

  /** Waits until exactly one record with this X-Road-Id is stored, and returns it. */
  public JsonNode awaitRecord(String messageId) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> records(messageId), items -> items.size() == 1)
        .get(0);
  }

  Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> r =
          http.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request being built. */
  public final class Request {
    private final String method;
    private final String path;
    private final String body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final java.util.List<String[]> repeated = new java.util.ArrayList<>();

    Request(String method, String path, String body) {
      this.method = method;
      this.path = path;
      this.body = body;
    }

    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** A second value of a header already set: the header is sent twice. */
    public Request addHeader(String name, String value) {
      repeated.add(new String[] {name, value});
      return this;
    }

    /** The same request with a body (whatever its method). */
    public Request withBody(String text) {
      Request copy = new Request(method, path, text);
      copy.headers.putAll(headers);
      copy.repeated.addAll(repeated);
      return copy;
    }

    public Request bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** Token, X-Road-Client and X-Road-Issue of a well-behaved consumer. */
    public Request as(String clientId, String token) {
      return bearer(token).header("X-Road-Client", clientId).header("X-Road-Issue", "HS-2026-000123");
    }

    public Response send() {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
      headers.forEach(b::header);
      repeated.forEach(h -> b.header(h[0], h[1]));
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      return HubClient.this.send(b);
    }
  }

  /** An answer. */
  public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (tools.jackson.core.JacksonException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }
}
