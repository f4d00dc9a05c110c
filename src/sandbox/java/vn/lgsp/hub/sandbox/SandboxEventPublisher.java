package vn.lgsp.hub.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.sandbox.population.Address;
import vn.lgsp.hub.sandbox.population.Citizen;
import vn.lgsp.hub.sandbox.population.SyntheticPopulation;

/**
 * The sandbox's population register publishing events on a slow schedule, as a register would: it
 * takes a token from the hub's token endpoint with its own credentials and posts to the hub's Pub/Sub
 * front door, so a newcomer who subscribes sees deliveries without writing a publisher. Mostly
 * {@code citizen.residence-changed} (a synthetic person moves to another synthetic person's address),
 * now and then {@code citizen.deceased}. All made up.
 */
public class SandboxEventPublisher {

  static final String REGISTER = "VN/GOV/BCA/DANCU";
  private static final Logger log = LoggerFactory.getLogger(SandboxEventPublisher.class);

  private final java.util.function.Supplier<String> hub;
  private final String secret;
  private final SyntheticPopulation population;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong published = new AtomicLong();
  private ScheduledExecutorService timer;

  /**
   * @param hub the hub's base address, e.g. {@code http://127.0.0.1:8080}, known once the hub listens
   * @param secret the register's client secret (the sandbox's well-known one)
   */
  public SandboxEventPublisher(java.util.function.Supplier<String> hub, String secret, SyntheticPopulation population, Clock clock) {
    this.hub = hub;
    this.secret = secret;
    this.population = population;
    this.clock = clock;
  }

  /** Publishes every {@code every}, the first after a minute (the hub is ready by then). */
  public void start(Duration every) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sandbox-events"));
    timer.scheduleWithFixedDelay(this::publishQuietly, 60, every.toSeconds(), TimeUnit.SECONDS);
  }

  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private void publishQuietly() {
    try {
      publishOne();
    } catch (IOException | RuntimeException e) {
      log.warn("sandbox event not published: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Publishes one event about a random synthetic person; the hub's answer status (201 when taken). */
  public int publishOne() throws IOException, InterruptedException {
    long n = published.incrementAndGet();
    Citizen person = someone();
    ObjectNode event = json.createObjectNode();
    event.put("personalId", person.personalId());
    String type;
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (n % 5 == 0) {
      type = "citizen.deceased";
      event.put("diedOn", today.toString());
    } else {
      type = "citizen.residence-changed";
      event.put("changedOn", today.toString());
      event.set("previousAddress", address(person.currentAddress()));
      event.set("currentAddress", address(someone().permanentAddress()));
    }
    ObjectNode body = json.createObjectNode();
    body.put("eventType", type);
    body.set("event", event);
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(hub.get() + "/r1/" + REGISTER + "/pub/v1/" + type))
        .header("Authorization", "Bearer " + token())
        .header("X-Road-Client", REGISTER)
        .header("X-Road-Id", "sandbox-event-" + clock.millis() + "-" + n)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      log.warn("sandbox event {} refused: {}", type, answer.statusCode());
    }
    return answer.statusCode();
  }

  private Citizen someone() {
    for (int i = 0; i < 100; i++) {
      String id = String.format("001%03d%06d", ThreadLocalRandom.current().nextInt(60, 100),
          ThreadLocalRandom.current().nextInt(0, 900_000));
      var found = population.find(id);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new IllegalStateException("no synthetic person found");
  }

  private ObjectNode address(Address address) {
    ObjectNode node = json.createObjectNode();
    node.put("line", address.line());
    node.put("ward", address.ward());
    node.put("province", address.province());
    node.put("provinceCode", address.provinceCode());
    node.put("full", address.full());
    return node;
  }

  private String token() throws IOException, InterruptedException {
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(REGISTER, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(hub.get() + "/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("no token for " + REGISTER + ": " + answer.statusCode());
    }
    return json.readTree(answer.body()).get("access_token").asString();
  }
}
