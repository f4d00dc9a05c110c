package vn.lgsp.hub.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.engine.ExchangeGate;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.identity.TaxCode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * The GovStack IM Pub/Sub API's steps. The path names the room, the register's subsystem
 * ({@code /r1/VN/GOV/BCA/DANCU/...}): the room's own subsystem creates its event types and publishes
 * (with a right to the type), any client with a right to a type subscribes, by push or pull. Every
 * call is an exchange of the engine (authenticated, logged); its record names the event type as its
 * service and, for an event about a person, the person's hash, so that the citizen's data tracker
 * lists who received it.
 */
@Component
public class PubSubApi {

  static final String EVENT_TYPE = "eventType";
  static final String EVENT_ID = "eventId";
  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int MAX_ENDPOINT = 2000;

  private final EventStore store;
  private final EventRights rights;
  private final EventSchemas schemas;
  private final PushQueue pushes;
  private final EventProperties props;
  private final ObjectMapper json;
  private final SubjectHasher hasher;
  private final ExchangeGate gate;
  private final java.time.Clock clock;

  public PubSubApi(EventStore store, EventRights rights, EventSchemas schemas, PushQueue pushes, EventProperties props,
      SubjectHasher hasher, ExchangeGate gate, ObjectMapper json, java.time.Clock clock) {
    this.hasher = hasher;
    this.gate = gate;
    this.store = store;
    this.rights = rights;
    this.schemas = schemas;
    this.pushes = pushes;
    this.props = props;
    this.json = json;
    this.clock = clock;
  }

  // ---- event types (the room's own subsystem manages them)

  /** {@code POST .../api/v1/eventType}: body {@code {"eventType": ..., "schema": {...}}}. */
  public JsonNode createEventType(Exchange exchange) {
    String room = ownRoom(exchange);
    JsonNode body = body(exchange);
    String type = typeName(body.path(EVENT_TYPE).asString(null));
    schemas.check(body.get("schema"));
    context(exchange).service(EventRights.service(room, type));
    if (!store.createType(room, type, body.get("schema").toString(), context(exchange).client().toString())) {
      throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("events.type-exists", type));
    }
    return eventType(type, body.get("schema"));
  }

  /** {@code GET .../api/v1/eventType}: the room's event types, to any client. */
  public JsonNode eventTypes(Exchange exchange) {
    ArrayNode types = json.createArrayNode();
    store.types(room(exchange)).forEach(types::add);
    return types;
  }

  /** {@code GET .../api/v1/eventType/{eventType}}: the type with its schema, to any client. */
  public JsonNode eventType(Exchange exchange) {
    String room = room(exchange);
    String type = pathType(exchange, room);
    return eventType(type, json.readTree(schemaOf(room, type)));
  }

  /** {@code DELETE .../api/v1/eventType/{eventType}}: 204; the room's own subsystem only. */
  public Object deleteEventType(Exchange exchange) {
    String room = ownRoom(exchange);
    String type = pathType(exchange, room);
    if (!store.subscribers(room, type).isEmpty()) {
      throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("events.type-has-subscribers", type));
    }
    store.deleteType(room, type);
    return noContent(exchange);
  }

  // ---- publishing

  /** {@code POST .../pub/v1/{eventType}}: body {@code {"eventType": ..., "event": {...}}}; 201 with the event's id. */
  public JsonNode publish(Exchange exchange) {
    String room = ownRoom(exchange);
    String type = typeName(header(exchange, EVENT_TYPE));
    ExchangeContext context = context(exchange);
    context.service(EventRights.service(room, type));
    // read once: the type's existence (404) and the schema the event is checked against
    String schema = schemaOf(room, type);
    allowed(context, room, type);
    JsonNode body = body(exchange);
    if (!type.equals(body.path(EVENT_TYPE).asString(type))) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.type-mismatch");
    }
    JsonNode event = body.get("event");
    if (event == null || !event.isObject()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.event-required");
    }
    if (event.toString().length() > props.maxEventBytes()) {
      throw new HubProblemException(ProblemType.PAYLOAD_TOO_LARGE, ProblemText.of("events.too-large", props.maxEventBytes()));
    }
    List<String> problems = schemas.problems(schema, event);
    if (!problems.isEmpty()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST,
          ProblemText.of("events.schema-mismatch", String.join(", ", problems)));
    }
    String subject = subject(event, context);
    List<EventStore.Subscription> subscribers = store.subscribers(room, type);
    EventStore.Event stored = store.publish(room, type, context.client().toString(),
        subject == null ? null : hasher.hash(subject), event.toString(), subscribers);
    pushes.dueNow(subscribers.stream().filter(EventStore.Subscription::push)
        .map(s -> new EventStore.Delivery(s.id(), stored.id(), stored.sequence(), stored.subjectHash(), "pending", 0,
            stored.publishedAt(), null, null, null)).toList());
    context.answerStatus(201, null);
    ObjectNode answer = json.createObjectNode();
    answer.put("id", stored.id().toString());
    return answer;
  }

  /** {@code GET .../pub/v1/{eventType}/{eventId}}: the event and how its deliveries stand; its publisher only. */
  public JsonNode eventStatus(Exchange exchange) {
    EventStore.Event event = ownEvent(exchange);
    ObjectNode item = eventItem(event, json.readTree(event.data()));
    item.put("status", event.status());
    ObjectNode deliveries = item.putObject("deliveries");
    store.deliveryCounts(event.id()).forEach(row -> deliveries.put((String) row[0], (Long) row[1]));
    return item;
  }

  /** {@code DELETE .../pub/v1/{eventType}/{eventId}}: stops the event's pending deliveries; 204. */
  public Object deleteEvent(Exchange exchange) {
    EventStore.Event event = ownEvent(exchange);
    store.deleteEvent(event.id());
    return noContent(exchange);
  }

  // ---- subscriptions (any client with a right to the type)

  /** {@code GET .../api/v1/subs}: the caller's subscriptions in the room. */
  public JsonNode subscriptions(Exchange exchange) {
    ArrayNode list = json.createArrayNode();
    store.subscriptionsOf(room(exchange), context(exchange).client().toString())
        .forEach(s -> list.add(subscriptionItem(s, false)));
    return list;
  }

  /**
   * {@code POST .../api/v1/subs/{eventType}}: body a SubscriptionItem ({@code delivery} PUSH or PULL) and, for
   * push, {@code endpoint} and optionally {@code retry} ({@code maxAttempts}, {@code firstRetrySeconds},
   * {@code maxRetrySeconds}). The answer holds the subscription's {@code secret}, this once.
   */
  public JsonNode subscribe(Exchange exchange) {
    String room = room(exchange);
    String type = pathType(exchange, room);
    ExchangeContext context = context(exchange);
    String subscriber = context.client().toString();
    allowed(context, room, type);
    if (context.issue() == null && rights.requiresPurpose(room, type)) {
      throw new HubProblemException(ProblemType.MISSING_ISSUE, "issue.required");
    }
    JsonNode body = body(exchange);
    if (!type.equals(body.path(EVENT_TYPE).asString(type))) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.type-mismatch");
    }
    String delivery = body.path("delivery").asString("PUSH").toUpperCase(Locale.ROOT);
    if (!delivery.equals("PUSH") && !delivery.equals("PULL")) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.delivery");
    }
    String endpoint = delivery.equals("PUSH") ? endpoint(body.get("endpoint")) : null;
    Retry retry = retry(body.get("retry"), null);
    EventStore.Subscription created = store.subscribe(room, type, subscriber, delivery, endpoint,
        WebhookSignatures.newSecret(), context.issue(), retry.maxAttempts(), retry.first().toMillis(),
        retry.max().toMillis()).orElseThrow(() ->
            new HubProblemException(ProblemType.CONFLICT, ProblemText.of("events.subscribed", type)));
    return subscriptionItem(created, true);
  }

  /** {@code GET .../api/v1/subs/{eventType}}: the caller's subscription with its delivery health. */
  public JsonNode subscription(Exchange exchange) {
    return subscriptionItem(ownSubscription(exchange), false);
  }

  /**
   * {@code PATCH .../api/v1/subs/{eventType}}: a new {@code endpoint} or {@code retry}, and {@code replayFrom}
   * (an instant) to receive again the events published since then, dead ones included; 201 as the spec says.
   */
  public JsonNode updateSubscription(Exchange exchange) {
    EventStore.Subscription subscription = ownSubscription(exchange);
    JsonNode body = body(exchange);
    String endpoint = subscription.push() && body.has("endpoint") ? endpoint(body.get("endpoint")) : subscription.endpoint();
    Retry retry = retry(body.get("retry"), subscription);
    store.update(subscription.id(), endpoint, retry.maxAttempts(), retry.first().toMillis(), retry.max().toMillis());
    if (body.has("replayFrom")) {
      Instant from = replayFrom(body.get("replayFrom"), clock);
      List<EventStore.Delivery> again = store.replay(subscription.id(), from);
      if (subscription.push()) {
        pushes.dueNow(again);
      }
    }
    context(exchange).answerStatus(201, null);
    return subscriptionItem(store.subscription(subscription.id()).orElseThrow(), false);
  }

  /** {@code DELETE .../api/v1/subs/{eventType}}: cancels; pending deliveries are dropped; 204. */
  public Object unsubscribe(Exchange exchange) {
    store.cancel(ownSubscription(exchange).id());
    return noContent(exchange);
  }

  // ---- pull

  /** {@code GET .../pull/v1/{eventType}}: the oldest event not yet confirmed (404 when none). */
  public JsonNode pull(Exchange exchange) {
    EventStore.Subscription subscription = ownPullSubscription(exchange);
    ExchangeContext context = context(exchange);
    allowed(context, subscription.room(), subscription.eventType());
    if (context.issue() == null) {
      // the record of a pull states the purpose the subscription was made for
      context.issue(subscription.purpose());
    }
    EventStore.Event event = store.nextPull(subscription.id())
        .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "events.none-waiting"));
    JsonNode data = rights.dataFor(subscription, event).map(EventRights.Allowed::data).orElseThrow(() ->
        new HubProblemException(ProblemType.ACCESS_DENIED, ProblemText.of("access.no-right",
            EventRights.service(event.room(), event.eventType()).toString())));
    // the record of the pull names the person, as a delivery's does
    String subject = subjectOf(json.readTree(event.data()));
    if (subject != null) {
      context(exchange).subject(subject);
    }
    return eventItem(event, data);
  }

  /** {@code DELETE .../pull/v1/{eventType}/{eventId}}: confirms the event; 204 (404 if it was not waiting). */
  public Object confirm(Exchange exchange) {
    EventStore.Subscription subscription = ownPullSubscription(exchange);
    if (!store.confirm(subscription.id(), eventId(exchange))) {
      throw new HubProblemException(ProblemType.NOT_FOUND, "events.none-waiting");
    }
    return noContent(exchange);
  }

  /**
   * The caller's right to the event type, as the gate checks a service's: 403 without one; what the right demands
   * of each call (a signature, its limits); a covert right hides the call's record from the data tracker.
   */
  private void allowed(ExchangeContext context, String room, String type) {
    Grant grant = rights.grant(context.client().toString(), room, type).orElseThrow(() ->
        new HubProblemException(ProblemType.ACCESS_DENIED, ProblemText.of("access.no-right",
            EventRights.service(room, type).toString())));
    context.covertUntil(grant.covertUntil());
    gate.enforce(context, grant);
  }

  // ---- views

  ObjectNode subscriptionItem(EventStore.Subscription s, boolean withSecret) {
    ObjectNode item = json.createObjectNode();
    item.put("id", s.id().toString());
    item.set("subscriberId", memberId(SubsystemId.parse(s.subscriber())));
    item.put(EVENT_TYPE, s.eventType());
    item.put("delivery", s.delivery());
    if (s.endpoint() != null) {
      item.put("endpoint", s.endpoint());
    }
    ObjectNode retry = item.putObject("retry");
    retry.put("maxAttempts", s.maxAttempts());
    retry.put("firstRetrySeconds", s.firstRetryMs() / 1000.0);
    retry.put("maxRetrySeconds", s.maxRetryMs() / 1000.0);
    if (withSecret) {
      item.put("secret", s.secret());
    }
    EventStore.Health health = store.health(s.id());
    ObjectNode h = item.putObject("health");
    h.put("pending", health.pending());
    h.put("delivered", health.delivered());
    h.put("dead", health.dead());
    h.put("lastDeliveredAt", health.lastDeliveredAt() == null ? null : health.lastDeliveredAt().toString());
    h.put("lagSeconds", health.oldestPendingAt() == null ? 0
        : Math.max(0, Duration.between(health.oldestPendingAt(), clock.instant()).toSeconds()));
    h.put("lastError", health.lastError());
    return item;
  }

  private ObjectNode eventItem(EventStore.Event event, JsonNode data) {
    ObjectNode item = json.createObjectNode();
    item.put("id", event.id().toString());
    item.put("sequence", event.sequence());
    item.set("publisherId", memberId(SubsystemId.parse(event.publisher())));
    item.put(EVENT_TYPE, event.eventType());
    item.put("publishedAt", event.publishedAt().toString());
    item.set("event", data);
    return item;
  }

  private ObjectNode eventType(String type, JsonNode schema) {
    ObjectNode answer = json.createObjectNode();
    answer.put(EVENT_TYPE, type);
    answer.set("schema", schema);
    return answer;
  }

  private ObjectNode memberId(SubsystemId id) {
    ObjectNode member = json.createObjectNode();
    member.put("instanceId", id.instance());
    member.put("memberClass", id.memberClass());
    member.put("memberCode", id.memberCode());
    member.put("applicationCode", id.subsystem());
    return member;
  }

  // ---- inputs

  private record Retry(int maxAttempts, Duration first, Duration max) {}

  private Retry retry(JsonNode retry, EventStore.Subscription current) {
    int attempts = current == null ? props.maxAttempts() : current.maxAttempts();
    Duration first = current == null ? props.firstRetry() : Duration.ofMillis(current.firstRetryMs());
    Duration max = current == null ? props.maxRetry() : Duration.ofMillis(current.maxRetryMs());
    if (retry == null) {
      return new Retry(attempts, first, max);
    }
    if (!retry.isObject()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.retry");
    }
    attempts = bounded(retry, "maxAttempts", attempts, 1, 100);
    first = Duration.ofSeconds(bounded(retry, "firstRetrySeconds", (int) first.toSeconds(), 1, 3600));
    max = Duration.ofSeconds(bounded(retry, "maxRetrySeconds", (int) max.toSeconds(), 1, 86_400));
    return new Retry(attempts, first, max.compareTo(first) < 0 ? first : max);
  }

  /** A replay's start: an instant between the Unix epoch and now (400 otherwise). */
  static Instant replayFrom(JsonNode value, java.time.Clock clock) {
    try {
      Instant from = Instant.parse(value == null ? "" : value.asString(""));
      if (!from.isBefore(Instant.EPOCH) && !from.isAfter(clock.instant())) {
        return from;
      }
    } catch (DateTimeParseException e) {
      // refused below
    }
    throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.replay-from");
  }

  private static int bounded(JsonNode retry, String name, int fallback, int min, int max) {
    JsonNode value = retry.get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.retry");
    }
    return value.asInt();
  }

  /** A push endpoint: an absolute HTTPS URL (HTTP where the sandbox allows it), without credentials or fragment. */
  private String endpoint(JsonNode value) {
    String text = value == null || !value.isString() ? "" : value.asString();
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean allowed = scheme.equals("https") || (scheme.equals("http") && props.plainHttpEndpoints());
      if (text.length() <= MAX_ENDPOINT && allowed && uri.getHost() != null && uri.getUserInfo() == null
          && uri.getFragment() == null && uri.getPort() >= -1 && uri.getPort() <= 65_535 && uri.getPort() != 0) {
        return uri.toString();
      }
    } catch (java.net.URISyntaxException e) {
      // refused below
    }
    throw new HubProblemException(ProblemType.INVALID_REQUEST,
        ProblemText.of(props.plainHttpEndpoints() ? "events.endpoint-http" : "events.endpoint-https"));
  }

  /** The person (or taxpayer) an event is about, checked like a path's: {@code personalId}, else {@code taxId}. */
  private String subject(JsonNode event, ExchangeContext context) {
    JsonNode personalId = event.get("personalId");
    if (personalId != null) {
      ProblemText problem = PersonalId.problemWith(personalId.asString(null),
          clock.instant().atZone(java.time.ZoneOffset.UTC).getYear());
      if (problem != null) {
        throw new HubProblemException(ProblemType.INVALID_PERSONAL_ID, problem);
      }
      context.subject(personalId.asString());
      return personalId.asString();
    }
    JsonNode taxId = event.get("taxId");
    if (taxId != null) {
      ProblemText problem = TaxCode.problemWith(taxId.asString(null));
      if (problem != null) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST, problem);
      }
      context.subject(taxId.asString());
      return taxId.asString();
    }
    return null;
  }

  private static String subjectOf(JsonNode event) {
    JsonNode id = event.has("personalId") ? event.get("personalId") : event.get("taxId");
    return id == null ? null : id.asString(null);
  }

  private JsonNode body(Exchange exchange) {
    byte[] body = exchange.getIn().getBody(byte[].class);
    String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "", String.class);
    if (body == null || body.length == 0) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "body.not-object");
    }
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new HubProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "body.json-only");
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "body.not-json");
    }
    if (node == null || !node.isObject()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "body.not-object");
    }
    return node;
  }

  private static ExchangeContext context(Exchange exchange) {
    return ExchangeContext.of(exchange);
  }

  /** A 204: the finisher sends no body. */
  private static Object noContent(Exchange exchange) {
    context(exchange).answerStatus(204, null);
    return java.util.Map.of();
  }

  /** The room the path names. */
  private static String room(Exchange exchange) {
    String room = String.join("/", header(exchange, "instanceId"), header(exchange, "memberClass"),
        header(exchange, "memberCode"), header(exchange, "applicationCode"));
    try {
      return SubsystemId.parse(room).toString();
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "path.malformed-provider");
    }
  }

  /** The room, which must be the caller's own subsystem (403 otherwise). */
  private static String ownRoom(Exchange exchange) {
    String room = room(exchange);
    if (!room.equals(context(exchange).client().toString())) {
      throw new HubProblemException(ProblemType.ACCESS_DENIED, ProblemText.of("events.not-room-owner", room));
    }
    return room;
  }

  /** The path's event type, which must exist in the room (404); the exchange's record names it as its service. */
  private String pathType(Exchange exchange, String room) {
    String type = typeName(header(exchange, EVENT_TYPE));
    context(exchange).service(EventRights.service(room, type));
    schemaOf(room, type);
    return type;
  }

  private String schemaOf(String room, String type) {
    return store.schema(room, type).orElseThrow(() ->
        new HubProblemException(ProblemType.NOT_FOUND, ProblemText.of("events.no-type", type)));
  }

  private static String typeName(String name) {
    if (name == null || !TYPE_NAME.matcher(name).matches()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.type-name");
    }
    return name;
  }

  private static UUID eventId(Exchange exchange) {
    try {
      return UUID.fromString(header(exchange, EVENT_ID));
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.NOT_FOUND, "events.no-event");
    }
  }

  private EventStore.Event ownEvent(Exchange exchange) {
    String room = ownRoom(exchange);
    String type = pathType(exchange, room);
    Optional<EventStore.Event> event = store.event(eventId(exchange))
        .filter(e -> e.room().equals(room) && e.eventType().equals(type));
    return event.orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "events.no-event"));
  }

  private EventStore.Subscription ownSubscription(Exchange exchange) {
    String room = room(exchange);
    String type = pathType(exchange, room);
    return store.subscription(room, type, context(exchange).client().toString())
        .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, ProblemText.of("events.not-subscribed", type)));
  }

  private EventStore.Subscription ownPullSubscription(Exchange exchange) {
    EventStore.Subscription subscription = ownSubscription(exchange);
    if (subscription.push()) {
      throw new HubProblemException(ProblemType.CONFLICT, "events.not-pull");
    }
    return subscription;
  }

  private static String header(Exchange exchange, String name) {
    return exchange.getIn().getHeader(name, "", String.class);
  }
}
