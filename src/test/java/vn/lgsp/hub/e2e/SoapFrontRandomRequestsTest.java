package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.support.SandboxHubTest;

/**
 * Random SOAP requests through the real port of a running hub: header values long, unicode, all
 * digits, odd or missing; body elements random, missing or of another operation; random text.
 * Whatever the request, every answered exchange has exactly one stored record, found under the id
 * the caller sent or the hub answered with, and nothing is dead-lettered. The seed is fixed
 * ({@code -Dsoap.fuzz.seed=...} to replay another) and printed with any failure.
 */
class SoapFrontRandomRequestsTest extends SandboxHubTest {

  static final long SEED = Long.getLong("soap.fuzz.seed", 20261202L);
  static final int REQUESTS = 300;

  /** Where the hub names the exchange: the REST front's fault, the echoed or added header, the edge. */
  private static final Pattern FAULT_CODE = Pattern.compile("<faultcode[^>]*>(?:[^:<]*:)?([^<]+)</faultcode>");
  private static final Pattern ANSWERED_ID = Pattern.compile("<(?:hub:xRoadId|xrd:id)[^>]*>\\s*([^<\\s]+)\\s*</");

  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;
  @Autowired SubjectHasher hasher;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyAnsweredSoapRequestHasExactlyOneRecordAndNoneIsDeadLettered() throws Exception {
    double deadLetteredBefore = meters.counter("hub.exchange_log.dead_lettered").count();
    Random random = new Random(SEED);
    String token = hub.token(HANOI);
    Map<String, String> requestById = new HashMap<>();
    List<String> ids = new ArrayList<>();
    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      String envelope = new RandomEnvelope(random, i).build();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/hub"))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "text/xml; charset=utf-8")
          .header("SOAPAction", "\"\"")
          .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
      if (random.nextInt(10) > 0) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String id = answeredId(r);
      String described = "seed " + SEED + ", request " + i + ": " + envelope + "\n-> " + r.statusCode() + " " + r.body();
      assertThat(id).as("the answer names its exchange; %s", described).isNotNull();
      assertThat(requestById.put(id, described)).as("one exchange per id; %s", described).isNull();
      assertThat(r.body()).as(described).doesNotContain("Exception").doesNotContain("at org.");
      ids.add(id);
      Matcher faultCode = FAULT_CODE.matcher(r.body());
      outcomes.merge(r.statusCode() == 200 ? "200" : faultCode.find() ? faultCode.group(1) : "HTTP " + r.statusCode(), 1, Integer::sum);
    }
    System.out.println("SOAP fuzz, seed " + SEED + ": " + outcomes);
    // the requests reached both the front's own refusals and the REST front, served and refused
    assertThat(outcomes).as("seed %d", SEED).containsKeys("200", "Client.InvalidRequest", "Client.InvalidHeader",
        "Client.InvalidXml", "Client.Unauthenticated");

    await().atMost(Duration.ofSeconds(30)).until(() -> storedCounts(ids).size() == ids.size());
    Map<String, Integer> stored = storedCounts(ids);
    for (String id : ids) {
      assertThat(stored.get(id)).as("records of %s; %s", id, requestById.get(id)).isEqualTo(1);
    }
    assertThat(meters.counter("hub.exchange_log.dead_lettered").count())
        .as("dead-lettered records, seed %d", SEED).isEqualTo(deadLetteredBefore);
  }

  /** The id the hub answered: the X-Road-Id of a refusal, else the one in the SOAP answer. */
  private static String answeredId(HttpResponse<String> r) {
    Matcher inBody = ANSWERED_ID.matcher(r.body());
    return r.headers().firstValue("X-Road-Id").orElse(inBody.find() ? inBody.group(1) : null);
  }

  /** Records per answered id; the log keeps a message id masked ({@link SubjectHasher#maskMessageId}). */
  private Map<String, Integer> storedCounts(List<String> ids) {
    Map<String, String> idByStored = new HashMap<>();
    ids.forEach(id -> idByStored.put(hasher.maskMessageId(id), id));
    Map<String, Integer> counts = new HashMap<>();
    jdbc.query("SELECT message_id, count(*) FROM exchange_record WHERE message_id = ANY (?) GROUP BY message_id",
        row -> {
          counts.put(idByStored.get(row.getString(1)), row.getInt(2));
        }, (Object) idByStored.keySet().toArray(new String[0]));
    return counts;
  }

  /** One random request: each X-Road header valid, missing or hostile, and a random body. */
  private static final class RandomEnvelope {
    private static final String[] TEXT = {"Hồ sơ HS-2026-99", "ĐĂNG KÝ", "😀🇻🇳", "שלום", "a&b<c>\"d'", "  spaced  ",
        "%41%0d%0a", "\t", "001085000123", "001085000123-001085000124-001085000125", "VN/GOV/../x", "${jndi:x}", ""};
    private final Random random;
    private final int index;
    /** 0: every header valid, only the body's text random; 1 and 2: each value odd with chance 1/6, 2/6. */
    private final int hostility;
    private String operation;

    RandomEnvelope(Random random, int index) {
      this.random = random;
      this.index = index;
      this.hostility = random.nextInt(3);
    }

    private boolean perturb() {
      return random.nextInt(6) < hostility;
    }

    String build() {
      StringBuilder headers = new StringBuilder();
      identifier(headers, "client", "SUBSYSTEM", new String[] {"VN", "GOV", "UBND-HN", "MOTCUA"});
      operation = pick("citizen-info", "citizen-info", "citizen-verify", "household", "no-such");
      identifier(headers, "service", "SERVICE", new String[] {"VN", "GOV", "BCA", "DANCU", operation});
      String id = value("fz-" + SEED + "-" + index);
      // an odd id that is still a valid one must not be another request's: the record is found by it
      element(headers, "id", id == null || id.startsWith("fz-") ? id : id + "-" + SEED + "-" + index);
      element(headers, "userId", value("VN001190000777"));
      element(headers, "issue", value("HS-2026-" + index));
      return """
          <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
              xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers"
              xmlns:hub="urn:lgsp:hub:v1"><soapenv:Header>%s</soapenv:Header><soapenv:Body>%s</soapenv:Body>
          </soapenv:Envelope>""".formatted(headers, body());
    }

    private void identifier(StringBuilder headers, String name, String type, String[] parts) {
      if (perturb() && random.nextBoolean()) {
        return;
      }
      String[] names = {"xRoadInstance", "memberClass", "memberCode", "subsystemCode", "serviceCode"};
      headers.append("<xrd:").append(name).append(" id:objectType=\"").append(type).append("\">");
      for (int i = 0; i < parts.length; i++) {
        boolean odd = perturb();
        if (!odd || random.nextInt(4) > 0) {
          headers.append("<id:").append(names[i]).append('>').append(escape(odd ? odd() : parts[i]))
              .append("</id:").append(names[i]).append('>');
        }
      }
      headers.append("</xrd:").append(name).append('>');
    }

    private void element(StringBuilder headers, String name, String value) {
      if (value != null) {
        headers.append("<xrd:").append(name).append('>').append(escape(value)).append("</xrd:").append(name).append('>');
      }
    }

    /** A valid value, nothing, or something odd. */
    private String value(String valid) {
      if (!perturb()) {
        return valid;
      }
      return random.nextInt(3) == 0 ? null : odd();
    }

    private String odd() {
      return switch (random.nextInt(5)) {
        case 0 -> TEXT[random.nextInt(TEXT.length)];
        case 1 -> "x".repeat(100 + random.nextInt(300));
        case 2 -> digits(1 + random.nextInt(200));
        case 3 -> randomText(1 + random.nextInt(260));
        default -> String.join("-", java.util.Collections.nCopies(1 + random.nextInt(20), "123456789"));
      };
    }

    private String body() {
      String element = perturb() ? pick("citizen-info", "citizen-verify", "household", "no-such", "x") : operation;
      String personalId = !perturb() ? "001085000123" : random.nextBoolean() ? digits(random.nextInt(30))
          : randomText(random.nextInt(120));
      return switch (perturb() ? random.nextInt(3) : 3) {
        case 0 -> "";
        case 1 -> escape(randomText(random.nextInt(50)));
        case 2 -> "<other:" + element + " xmlns:other=\"urn:other\"/>";
        default -> "<hub:" + element + "><hub:personalId>" + escape(personalId) + "</hub:personalId><hub:fullName>"
            + escape(randomText(random.nextInt(40))) + "</hub:fullName></hub:" + element + ">";
      };
    }

    private String pick(String... options) {
      return options[random.nextInt(options.length)];
    }

    private String digits(int length) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < length; i++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
      return s.toString();
    }

    /** Letters of several scripts, digits, punctuation, spaces, and now and then a character XML forbids. */
    private String randomText(int length) {
      String alphabet = "aZ09 -_./:%&<>\"'ăâđêôơưÁẠẢẤỒỮ中文😀\t";
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < length; i++) {
        s.appendCodePoint(hostility > 0 && random.nextInt(200) == 0 ? 0x01 : alphabet.codePointAt(alphabet.offsetByCodePoints(0,
            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      return s.toString();
    }

    private static String escape(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
  }
}
