package vn.lgsp.hub.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event types, events, subscriptions and deliveries in PostgreSQL: the state every hub of a database
 * shares, so a delivery survives a restart and is retried by whichever hub takes its message.
 */
@Component
public class EventStore {

  /** A subscription: how its events reach the subscriber, and its retry plan. */
  public record Subscription(UUID id, String room, String eventType, String subscriber, String delivery, String endpoint,
      String secret, String purpose, int maxAttempts, long firstRetryMs, long maxRetryMs, Instant createdAt,
      Instant cancelledAt) {

    public boolean push() {
      return "PUSH".equals(delivery);
    }
  }

  /** A published event. */
  public record Event(UUID id, long sequence, String room, String eventType, String publisher, String subjectHash,
      String data, Instant publishedAt, String status) {}

  /** One event's delivery to one subscription. */
  public record Delivery(UUID subscriptionId, UUID eventId, long sequence, String subjectHash, String status,
      int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt) {}

  /** How a subscription's deliveries stand. */
  public record Health(long pending, long delivered, long dead, Instant lastDeliveredAt, Instant oldestPendingAt,
      String lastError) {}

  private static final String SUBSCRIPTION_COLUMNS = "id, room, event_type, subscriber, delivery, endpoint, secret,"
      + " purpose, max_attempts, first_retry_ms, max_retry_ms, created_at";
  private static final String READ_SUBSCRIPTION = SUBSCRIPTION_COLUMNS + ", cancelled_at";
  private static final String EVENT_COLUMNS = "e.id, e.sequence, e.room, e.event_type, e.publisher, e.subject_hash,"
      + " e.data, e.published_at, e.status";
  private static final String DELIVERY_COLUMNS = "d.subscription_id, d.event_id, d.sequence, d.subject_hash, d.status,"
      + " d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.delivered_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  public EventStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  // ---- event types

  /** Creates an event type; false if the room has one of that name already. */
  public boolean createType(String room, String eventType, String schema, String createdBy) {
    try {
      jdbc.update("INSERT INTO event_type (room, event_type, schema, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
          room, eventType, schema, createdBy, now());
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public List<String> types(String room) {
    return jdbc.queryForList("SELECT event_type FROM event_type WHERE room = ? ORDER BY event_type", String.class, room);
  }

  /** The event type's JSON Schema. */
  public Optional<String> schema(String room, String eventType) {
    return jdbc.queryForList("SELECT schema FROM event_type WHERE room = ? AND event_type = ?", String.class, room,
        eventType).stream().findFirst();
  }

  public boolean deleteType(String room, String eventType) {
    return jdbc.update("DELETE FROM event_type WHERE room = ? AND event_type = ?", room, eventType) == 1;
  }

  // ---- events

  /**
   * Stores an event and a pending delivery of it for each of {@code subscriptions}, in one transaction;
   * the pushes among them are then the caller's to enqueue.
   */
  public Event publish(String room, String eventType, String publisher, String subjectHash, String data,
      List<Subscription> subscriptions) {
    UUID id = UUID.randomUUID();
    Timestamp now = now();
    return tx.execute(status -> {
      long sequence = jdbc.queryForObject("INSERT INTO event (id, room, event_type, publisher, subject_hash, data,"
          + " published_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'published') RETURNING sequence", Long.class, id, room,
          eventType, publisher, subjectHash, data, now);
      List<Object[]> rows = subscriptions.stream()
          .map(s -> new Object[] {s.id(), id, sequence, subjectHash, now}).toList();
      jdbc.batchUpdate("INSERT INTO event_delivery (subscription_id, event_id, sequence, subject_hash, status,"
          + " next_attempt_at) VALUES (?, ?, ?, ?, 'pending', ?)", rows);
      return new Event(id, sequence, room, eventType, publisher, subjectHash, data, now.toInstant(), "published");
    });
  }

  public Optional<Event> event(UUID id) {
    return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM event e WHERE e.id = ?", EventStore::event, id).stream()
        .findFirst();
  }

  /** The publisher stops an event: its pending deliveries are dropped. False if it was deleted already. */
  public boolean deleteEvent(UUID id) {
    return Boolean.TRUE.equals(tx.execute(status -> {
      int changed = jdbc.update("UPDATE event SET status = 'deleted' WHERE id = ? AND status = 'published'", id);
      jdbc.update("UPDATE event_delivery SET status = 'dropped' WHERE event_id = ? AND status = 'pending'", id);
      return changed == 1;
    }));
  }

  /** How many deliveries of an event stand in each state. */
  public List<Object[]> deliveryCounts(UUID event) {
    return jdbc.query("SELECT status, count(*) FROM event_delivery WHERE event_id = ? GROUP BY status ORDER BY status",
        (row, n) -> new Object[] {row.getString(1), row.getLong(2)}, event);
  }

  // ---- subscriptions

  /** A new subscription; empty if the subscriber has one to this event type already. */
  public Optional<Subscription> subscribe(String room, String eventType, String subscriber, String delivery,
      String endpoint, String secret, String purpose, int maxAttempts, long firstRetryMs, long maxRetryMs) {
    UUID id = UUID.randomUUID();
    try {
      jdbc.update("INSERT INTO subscription (" + SUBSCRIPTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          id, room, eventType, subscriber, delivery, endpoint, secret, purpose, maxAttempts, firstRetryMs, maxRetryMs,
          now());
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
    return subscription(id);
  }

  /** A subscription by id, cancelled ones included (a push in flight may meet one). */
  public Optional<Subscription> subscription(UUID id) {
    return jdbc.query("SELECT " + READ_SUBSCRIPTION + " FROM subscription WHERE id = ?", EventStore::subscription, id)
        .stream().findFirst();
  }

  /** An active subscription by id. */
  public Optional<Subscription> active(UUID id) {
    return subscription(id).filter(s -> s.cancelledAt() == null);
  }

  /** The subscriber's active subscription to an event type. */
  public Optional<Subscription> subscription(String room, String eventType, String subscriber) {
    return jdbc.query("SELECT " + READ_SUBSCRIPTION + " FROM subscription WHERE room = ? AND event_type = ?"
        + " AND subscriber = ? AND cancelled_at IS NULL", EventStore::subscription, room, eventType, subscriber)
        .stream().findFirst();
  }

  public List<Subscription> subscriptionsOf(String room, String subscriber) {
    return jdbc.query("SELECT " + READ_SUBSCRIPTION + " FROM subscription WHERE room = ? AND subscriber = ?"
        + " AND cancelled_at IS NULL ORDER BY event_type", EventStore::subscription, room, subscriber);
  }

  /** Every active subscription to an event type. */
  public List<Subscription> subscribers(String room, String eventType) {
    return jdbc.query("SELECT " + READ_SUBSCRIPTION + " FROM subscription WHERE room = ? AND event_type = ?"
        + " AND cancelled_at IS NULL", EventStore::subscription, room, eventType);
  }

  /** Every active subscription (the operator's view). */
  public List<Subscription> allSubscriptions() {
    return jdbc.query("SELECT " + READ_SUBSCRIPTION + " FROM subscription WHERE cancelled_at IS NULL"
        + " ORDER BY room, event_type, subscriber", EventStore::subscription);
  }

  public void update(UUID id, String endpoint, int maxAttempts, long firstRetryMs, long maxRetryMs) {
    jdbc.update("UPDATE subscription SET endpoint = ?, max_attempts = ?, first_retry_ms = ?, max_retry_ms = ?"
        + " WHERE id = ?", endpoint, maxAttempts, firstRetryMs, maxRetryMs, id);
  }

  /** Cancels a subscription: its pending deliveries are dropped. */
  public void cancel(UUID id) {
    tx.executeWithoutResult(status -> {
      jdbc.update("UPDATE subscription SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL", now(), id);
      jdbc.update("UPDATE event_delivery SET status = 'dropped' WHERE subscription_id = ? AND status = 'pending'", id);
    });
  }

  // ---- deliveries

  public Optional<Delivery> delivery(UUID subscription, UUID event) {
    return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM event_delivery d WHERE d.subscription_id = ?"
        + " AND d.event_id = ?", EventStore::delivery, subscription, event).stream().findFirst();
  }

  /**
   * When an earlier event about the same subject, still pending for this subscription, is next due: this one
   * waits behind it. Empty when none waits.
   */
  public Optional<Instant> earlierPending(Delivery delivery) {
    if (delivery.subjectHash() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(jdbc.queryForObject("SELECT min(next_attempt_at) FROM event_delivery WHERE"
        + " subscription_id = ? AND subject_hash = ? AND sequence < ? AND status = 'pending'", Timestamp.class,
        delivery.subscriptionId(), delivery.subjectHash(), delivery.sequence())).map(Timestamp::toInstant);
  }

  /** The subscription's oldest pending delivery that is due by {@code by}, if any: the next to push. */
  public Optional<Delivery> nextDue(UUID subscription, Instant by) {
    return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM event_delivery d WHERE d.subscription_id = ?"
        + " AND d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.sequence LIMIT 1", EventStore::delivery,
        subscription, Timestamp.from(by)).stream().findFirst();
  }

  /** A delivery to a cancelled subscription: dropped, never sent. */
  public void drop(UUID subscription, UUID event) {
    jdbc.update("UPDATE event_delivery SET status = 'dropped' WHERE subscription_id = ? AND event_id = ?"
        + " AND status = 'pending'", subscription, event);
  }

  /** A delivery that waits (behind an earlier one, or its subscriber busy) is due again at {@code at}. */
  public void postpone(UUID subscription, UUID event, Instant at) {
    jdbc.update("UPDATE event_delivery SET next_attempt_at = ? WHERE subscription_id = ? AND event_id = ?"
        + " AND status = 'pending'", Timestamp.from(at), subscription, event);
  }

  public void delivered(UUID subscription, UUID event, int status) {
    jdbc.update("UPDATE event_delivery SET status = 'delivered', attempts = attempts + 1, last_status = ?,"
        + " last_error = NULL, delivered_at = ? WHERE subscription_id = ? AND event_id = ? AND status = 'pending'",
        status, now(), subscription, event);
  }

  /** A failed attempt: the delivery waits until {@code nextAttemptAt}, or is dead. */
  public void failed(UUID subscription, UUID event, Integer status, String error, Instant nextAttemptAt, boolean dead) {
    jdbc.update("UPDATE event_delivery SET status = ?, attempts = attempts + 1, last_status = ?, last_error = ?,"
        + " next_attempt_at = ? WHERE subscription_id = ? AND event_id = ? AND status = 'pending'",
        dead ? "dead" : "pending", status, error, Timestamp.from(nextAttemptAt), subscription, event);
  }

  /** The next event a pull subscriber has not confirmed, oldest first. */
  public Optional<Event> nextPull(UUID subscription) {
    return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM event_delivery d JOIN event e ON e.id = d.event_id"
        + " WHERE d.subscription_id = ? AND d.status = 'pending' ORDER BY d.sequence LIMIT 1", EventStore::event,
        subscription).stream().findFirst();
  }

  /** A pull subscriber confirms an event; false if it was not waiting. */
  public boolean confirm(UUID subscription, UUID event) {
    return jdbc.update("UPDATE event_delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = ?"
        + " WHERE subscription_id = ? AND event_id = ? AND status = 'pending'", now(), subscription, event) == 1;
  }

  /**
   * Replays a subscription's events published since {@code from}, and not before the subscription began (a replay
   * is no way to a history the subscriber never subscribed to): their deliveries are pending again with fresh
   * attempts (the same event ids, so a receiver that keeps them recognises them). The deliveries to push.
   */
  public List<Delivery> replay(UUID subscription, Instant from) {
    return tx.execute(status -> {
      Timestamp now = now();
      List<Delivery> again = new java.util.ArrayList<>(jdbc.query("UPDATE event_delivery d SET status = 'pending',"
          + " attempts = 0, next_attempt_at = ?, last_error = NULL FROM event e, subscription s"
          + " WHERE e.id = d.event_id AND s.id = d.subscription_id AND s.cancelled_at IS NULL AND d.subscription_id = ?"
          + " AND e.published_at >= ? AND e.status = 'published' AND d.status IN ('delivered', 'dead')"
          + " RETURNING " + DELIVERY_COLUMNS, EventStore::delivery, now, subscription, Timestamp.from(from)));
      again.addAll(jdbc.query("INSERT INTO event_delivery AS d (subscription_id, event_id, sequence, subject_hash, status,"
          + " next_attempt_at) SELECT s.id, e.id, e.sequence, e.subject_hash, 'pending', ? FROM subscription s JOIN event e"
          + " ON e.room = s.room AND e.event_type = s.event_type WHERE s.id = ? AND s.cancelled_at IS NULL"
          + " AND e.published_at >= ? AND e.published_at >= s.created_at AND e.status = 'published'"
          + " ON CONFLICT DO NOTHING RETURNING " + DELIVERY_COLUMNS, EventStore::delivery, now, subscription,
          Timestamp.from(from)));
      again.sort(java.util.Comparator.comparingLong(Delivery::sequence));
      return again;
    });
  }

  /** Push deliveries pending whose attempt is overdue by more than a while: their messages went missing. */
  public List<Delivery> overduePushes(Instant dueBefore, int limit) {
    return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM event_delivery d JOIN subscription s ON s.id = d.subscription_id"
        + " WHERE d.status = 'pending' AND s.delivery = 'PUSH' AND d.next_attempt_at < ? ORDER BY d.sequence LIMIT ?",
        EventStore::delivery, Timestamp.from(dueBefore), limit);
  }

  /** Deletes finished deliveries of events published before {@code before}, then such events left without any. */
  public int deleteBefore(Instant before) {
    return tx.execute(status -> {
      Timestamp at = Timestamp.from(before);
      jdbc.update("DELETE FROM event_delivery WHERE status <> 'pending' AND event_id IN"
          + " (SELECT id FROM event WHERE published_at < ?)", at);
      return jdbc.update("DELETE FROM event e WHERE e.published_at < ?"
          + " AND NOT EXISTS (SELECT 1 FROM event_delivery d WHERE d.event_id = e.id)", at);
    });
  }

  public Health health(UUID subscription) {
    return jdbc.queryForObject("SELECT count(*) FILTER (WHERE status = 'pending') AS pending,"
        + " count(*) FILTER (WHERE status = 'delivered') AS delivered, count(*) FILTER (WHERE status = 'dead') AS dead,"
        + " max(delivered_at) AS last_delivered,"
        + " (SELECT min(e.published_at) FROM event_delivery p JOIN event e ON e.id = p.event_id"
        + "  WHERE p.subscription_id = ? AND p.status = 'pending') AS oldest_pending,"
        + " (SELECT last_error FROM event_delivery l WHERE l.subscription_id = ? AND l.last_error IS NOT NULL"
        + "  ORDER BY l.sequence DESC LIMIT 1) AS last_error"
        + " FROM event_delivery WHERE subscription_id = ?", (row, n) -> new Health(row.getLong("pending"),
            row.getLong("delivered"), row.getLong("dead"), instant(row, "last_delivered"), instant(row, "oldest_pending"),
            row.getString("last_error")), subscription, subscription, subscription);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static Subscription subscription(ResultSet row, int n) throws SQLException {
    return new Subscription(row.getObject("id", UUID.class), row.getString("room"), row.getString("event_type"),
        row.getString("subscriber"), row.getString("delivery"), row.getString("endpoint"), row.getString("secret"),
        row.getString("purpose"), row.getInt("max_attempts"), row.getLong("first_retry_ms"), row.getLong("max_retry_ms"),
        instant(row, "created_at"), instant(row, "cancelled_at"));
  }

  private static Event event(ResultSet row, int n) throws SQLException {
    return new Event(row.getObject("id", UUID.class), row.getLong("sequence"), row.getString("room"),
        row.getString("event_type"), row.getString("publisher"), row.getString("subject_hash"), row.getString("data"),
        instant(row, "published_at"), row.getString("status"));
  }

  private static Delivery delivery(ResultSet row, int n) throws SQLException {
    return new Delivery(row.getObject("subscription_id", UUID.class), row.getObject("event_id", UUID.class),
        row.getLong("sequence"), row.getString("subject_hash"), row.getString("status"), row.getInt("attempts"),
        instant(row, "next_attempt_at"), row.getObject("last_status", Integer.class), row.getString("last_error"),
        instant(row, "delivered_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
