package vn.lgsp.hub.events;

import jakarta.annotation.PreDestroy;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.audit.pipeline.AuditTrail;
import vn.lgsp.hub.audit.query.ExchangeLogQuery;
import vn.lgsp.hub.ops.QueueWorkers;

/**
 * Pushes events to subscribers, at least once: takes a due delivery from the broker, posts the
 * CloudEvent to the subscriber's endpoint signed the Standard Webhooks way, records the attempt as an
 * exchange, and on failure sends the delivery back to the broker with a growing, jittered pause until
 * its attempts are used up (then it is dead, visible to the subscriber and the operator, and may be
 * replayed). A subscriber has at most one push in flight, and an event about a person waits while an
 * earlier one about the same person to the same subscriber is pending: order by subject per
 * subscription. Pushes are sent asynchronously (the message is acknowledged when the push starts; the
 * delivery's row, not the message, says it is still due), so a slow or dead subscriber holds one of
 * {@code hub.events.workers} in-flight places at most, and no thread: never the publisher or the others.
 */
@Component
class PushWorker implements ApplicationListener<ContextClosedEvent>, Ordered {

  private static final Logger log = LoggerFactory.getLogger(PushWorker.class);
  // they only look a delivery up and start its push: they never wait for a subscriber
  private static final int CONSUMERS = 2;
  private static final Duration BEHIND_EARLIER = Duration.ofSeconds(1);
  // a message whose delivery got lost (a crash between database and broker) is sent again after this
  private static final Duration OVERDUE = Duration.ofMinutes(2);

  private final EventStore store;
  private final EventRights rights;
  private final PushQueue queue;
  private final AuditTrail trail;
  private final ConnectionFactory connections;
  private final EventProperties props;
  private final ObjectMapper json;
  private final Clock clock;
  private final HttpClient http;
  private final Map<UUID, Boolean> inFlight = new ConcurrentHashMap<>();
  private final java.util.Set<CompletableFuture<?>> pushing = ConcurrentHashMap.newKeySet();
  private volatile DefaultMessageListenerContainer container;
  private volatile ScheduledExecutorService sweeper;

  PushWorker(EventStore store, EventRights rights, PushQueue queue, AuditTrail trail, ConnectionFactory connections,
      EventProperties props, ObjectMapper json, Clock clock) {
    this.store = store;
    this.rights = rights;
    this.queue = queue;
    this.trail = trail;
    this.connections = connections;
    this.props = props;
    this.json = json;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(props.pushTimeout()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @EventListener(ApplicationReadyEvent.class)
  public synchronized void start() {
    container = QueueWorkers.start(connections, props.queue(), CONSUMERS,
        (SessionAwareMessageListener<Message>) this::onDue, log, "push handed back to the broker");
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "push-sweeper"));
    timer.scheduleWithFixedDelay(this::sweep, 30, 60, TimeUnit.SECONDS);
    sweeper = timer;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    stop();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @PreDestroy
  public synchronized void stop() {
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
    if (container != null) {
      container.shutdown();
      container = null;
    }
    // the pushes under way end (within the push timeout) and are recorded while the log and database are still up
    try {
      CompletableFuture.allOf(pushing.toArray(CompletableFuture[]::new))
          .get(props.pushTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      log.warn("{} push(es) still under way at stop: their deliveries stay pending", pushing.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onDue(Message message, Session session) throws JMSException {
    UUID subscriptionId = UUID.fromString(message.getStringProperty(PushQueue.SUBSCRIPTION));
    UUID eventId = UUID.fromString(message.getStringProperty(PushQueue.EVENT));
    Optional<EventStore.Delivery> found = store.delivery(subscriptionId, eventId);
    if (found.isEmpty() || !"pending".equals(found.get().status())) {
      return;
    }
    EventStore.Delivery delivery = found.get();
    Duration early = Duration.between(clock.instant(), delivery.nextAttemptAt());
    if (early.toMillis() > 500) {
      queue.later(session, subscriptionId, eventId, early);
      return;
    }
    Optional<Instant> earlier = store.earlierPending(delivery);
    if (earlier.isPresent()) {
      // behind an earlier event about the same person: not before that one is next tried
      Duration until = Duration.between(clock.instant(), earlier.get());
      waitAgain(session, delivery, until.compareTo(BEHIND_EARLIER) > 0 ? until.plus(BEHIND_EARLIER) : BEHIND_EARLIER);
      return;
    }
    if (inFlight.size() >= props.workers() || inFlight.putIfAbsent(subscriptionId, Boolean.TRUE) != null) {
      // the subscriber's push under way ends within the push timeout, and then its next due delivery goes at once
      waitAgain(session, delivery, props.pushTimeout().plusMillis(ThreadLocalRandom.current().nextLong(1000)));
      return;
    }
    // the message is acknowledged now and the push runs on its own: no consumer waits for a subscriber.
    // Should the hub stop mid-push, the delivery is still pending in the database: the sweeper sends it again.
    try {
      CompletableFuture<Optional<Duration>> push = push(delivery);
      pushing.add(push);
      push.whenComplete((retry, error) -> {
        pushing.remove(push);
        inFlight.remove(subscriptionId);
        if (error != null) {
          log.warn("push of event {} failed before it was sent: {}", eventId, error.getMessage());
        } else if (retry.isPresent()) {
          queue.later(subscriptionId, eventId, retry.get());
        } else {
          // delivered (or dead): the subscriber's next due delivery goes now, not when its waiting message comes back
          Instant now = clock.instant();
          store.nextDue(subscriptionId, now.plus(props.pushTimeout()).plusSeconds(1)).ifPresent(next -> {
            store.postpone(subscriptionId, next.eventId(), now);
            queue.later(subscriptionId, next.eventId(), Duration.ZERO);
          });
        }
      });
    } catch (RuntimeException e) {
      inFlight.remove(subscriptionId);
      throw e;
    }
  }

  private void waitAgain(Session session, EventStore.Delivery delivery, Duration pause) throws JMSException {
    store.postpone(delivery.subscriptionId(), delivery.eventId(), clock.instant().plus(pause));
    queue.later(session, delivery.subscriptionId(), delivery.eventId(), pause);
  }

  /** One attempt, sent asynchronously; completes with the pause before the next one if it failed and attempts remain. */
  private CompletableFuture<Optional<Duration>> push(EventStore.Delivery delivery) {
    EventStore.Subscription subscription = store.subscription(delivery.subscriptionId()).orElseThrow();
    EventStore.Event event = store.event(delivery.eventId()).orElseThrow();
    Optional<EventRights.Allowed> data = rights.dataFor(subscription, event);
    Instant started = clock.instant();
    if (subscription.cancelledAt() != null) {
      // cancelled since the event was published (or while this push waited): nothing leaves
      store.drop(subscription.id(), event.id());
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (data.isEmpty()) {
      // the right was revoked after the event was published: nothing leaves, the delivery is dead
      store.failed(subscription.id(), event.id(), null, "no access right to the event type", started, true);
      return CompletableFuture.completedFuture(Optional.empty());
    }
    byte[] body = json.writeValueAsBytes(CloudEvents.of(event, data.get().data(), json));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.endpoint()))
        .timeout(props.pushTimeout())
        .header("Content-Type", CloudEvents.MEDIA_TYPE + "; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    WebhookSignatures.headers(subscription.secret(), event.id().toString(), started.getEpochSecond(), body)
        .forEach(request::header);
    // the receiver's body is not read (a status is all a push needs: nothing unbounded comes back), and the whole
    // attempt, headers and all, ends within the push timeout
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .orTimeout(props.pushTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
        .handle((response, failure) -> attempted(delivery, subscription, event, data.get().grant().covertUntil(), started,
            body, response, failure));
  }

  /** Records the attempt and its outcome; the pause before the next attempt, if any. */
  private Optional<Duration> attempted(EventStore.Delivery delivery, EventStore.Subscription subscription,
      EventStore.Event event, java.time.LocalDate covertUntil, Instant started, byte[] body, HttpResponse<?> response,
      Throwable failure) {
    int status;
    String error;
    byte[] answer = new byte[0];
    if (response != null) {
      status = response.statusCode();
      error = status / 100 == 2 ? null : "Subscriber.Refused";
    } else if (failure instanceof HttpTimeoutException || failure.getCause() instanceof HttpTimeoutException
        || failure instanceof java.util.concurrent.TimeoutException
        || failure.getCause() instanceof java.util.concurrent.TimeoutException) {
      status = 504;
      error = "Subscriber.Timeout";
    } else {
      status = 502;
      error = "Subscriber.Unavailable";
    }
    trail.outbound(new AuditTrail.OutboundExchange(event.id().toString(), subscription.subscriber(),
        EventRights.service(event.room(), event.eventType()).toString(), subscription.purpose(), "POST",
        ExchangeLogQuery.PUSH_PATH + event.eventType(), status, error, body.length, answer.length, started, body, answer,
        event.subjectHash(), covertUntil));
    if (error == null) {
      store.delivered(subscription.id(), event.id(), status);
      return Optional.empty();
    }
    int attempt = delivery.attempts() + 1;
    boolean dead = attempt >= subscription.maxAttempts();
    Duration pause = pause(subscription, attempt);
    store.failed(subscription.id(), event.id(), status, error + " (" + status + ")", clock.instant().plus(pause), dead);
    return dead ? Optional.empty() : Optional.of(pause);
  }

  /** Exponential backoff with jitter: half to all of first-retry times 2^(attempt-1), at most max-retry. */
  static Duration pause(EventStore.Subscription subscription, int attempt) {
    double full = Math.min(subscription.maxRetryMs(), subscription.firstRetryMs() * Math.pow(2, Math.min(30, attempt - 1)));
    return Duration.ofMillis((long) (full / 2 + ThreadLocalRandom.current().nextDouble() * full / 2));
  }

  /**
   * Sends again the deliveries whose messages went missing (a duplicate message finds its delivery done), and
   * deletes what is past its retention.
   */
  private void sweep() {
    try {
      queue.dueNow(store.overduePushes(clock.instant().minus(OVERDUE), 1000));
      store.deleteBefore(clock.instant().minus(props.retention()));
    } catch (RuntimeException e) {
      log.warn("push sweep failed: {}", e.getMessage());
    }
  }
}
