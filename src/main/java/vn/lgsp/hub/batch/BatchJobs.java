package vn.lgsp.hub.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The jobs and their items in PostgreSQL: the one place a job's progress and results live, so a hub
 * that restarts (or another hub of the same database) takes a job up where it was. An item is
 * pending until its exchange's answer is stored; a stored item is never run again.
 */
@Component
public class BatchJobs {

  /** A job's state, as {@code GET /batch/v1/jobs/{id}} shows it. */
  public enum Status {
    QUEUED, RUNNING, DONE, CANCELLED, FAILED;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Status of(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    boolean finished() {
      return this == DONE || this == CANCELLED || this == FAILED;
    }
  }

  /** A job and its counts: items answered 200, answered otherwise, and not yet run. */
  public record Job(UUID id, String owner, String serviceId, String endpoint, String issue, String userId, Status status, int total,
      int succeeded, int failed, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public int done() {
      return succeeded + failed;
    }

    public int remaining() {
      return total - done();
    }
  }

  /** One item's outcome as stored: null status while pending. */
  public record Item(int line, String input, Integer status, String outcome, String answer) {}

  private static final String JOB_COLUMNS = "j.id, j.owner, j.service_id, j.endpoint, j.issue, j.user_id, j.status,"
      + " j.total, j.succeeded, j.failed, j.created_at, j.started_at, j.finished_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  public BatchJobs(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /** Stores a new job with its inputs, all pending, in one transaction. */
  public Job create(String owner, String serviceId, String endpoint, String issue, String userId, List<String> inputs) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    tx.executeWithoutResult(status -> {
      jdbc.update("INSERT INTO batch_job (id, owner, service_id, endpoint, issue, user_id, status, total,"
          + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, owner, serviceId, endpoint, issue,
          userId, Status.QUEUED.value(), inputs.size(), Timestamp.from(now));
      List<Object[]> rows = new java.util.ArrayList<>(inputs.size());
      for (int i = 0; i < inputs.size(); i++) {
        rows.add(new Object[] {id, i + 1, inputs.get(i)});
      }
      jdbc.batchUpdate("INSERT INTO batch_item (job_id, line, input) VALUES (?, ?, ?)", rows);
    });
    return find(id).orElseThrow();
  }

  public Optional<Job> find(UUID id) {
    return jdbc.query("SELECT " + JOB_COLUMNS + " FROM batch_job j WHERE j.id = ?", BatchJobs::job, id).stream()
        .findFirst();
  }

  /** The owner's jobs, newest first. */
  public List<Job> ofOwner(String owner, int limit) {
    return jdbc.query("SELECT " + JOB_COLUMNS + " FROM batch_job j WHERE j.owner = ? ORDER BY j.created_at DESC LIMIT ?",
        BatchJobs::job, owner, limit);
  }

  /** Every client's jobs, newest first (the operator's view). */
  public List<Job> all(int limit) {
    return jdbc.query("SELECT " + JOB_COLUMNS + " FROM batch_job j ORDER BY j.created_at DESC LIMIT ?",
        BatchJobs::job, limit);
  }

  /** The pending items of lines {@code from..to}, in order. */
  public List<Item> pending(UUID job, int from, int to) {
    return jdbc.query("SELECT line, input, status, outcome, answer FROM batch_item WHERE job_id = ? AND line BETWEEN ? AND ?"
        + " AND outcome IS NULL ORDER BY line", BatchJobs::item, job, from, to);
  }

  /** Marks a queued job running, once. */
  public void started(UUID job) {
    jdbc.update("UPDATE batch_job SET status = ?, started_at = ? WHERE id = ? AND status = ?", Status.RUNNING.value(),
        Timestamp.from(clock.instant()), job, Status.QUEUED.value());
  }

  /**
   * Stores an item's outcome. An item the consumer cancelled while its exchange ran keeps the
   * exchange's answer: the exchange happened and has its record.
   */
  public void answered(UUID job, int line, int status, String answer) {
    String outcome = status == 200 ? "ok" : "problem";
    jdbc.update("WITH changed AS (UPDATE batch_item SET status = ?, outcome = ?, answer = ?, finished_at = ?"
        + " WHERE job_id = ? AND line = ? AND (outcome IS NULL OR outcome = 'cancelled') RETURNING outcome)"
        + " UPDATE batch_job SET succeeded = succeeded + (SELECT count(*) FROM changed WHERE outcome = 'ok'),"
        + " failed = failed + (SELECT count(*) FROM changed WHERE outcome = 'problem') WHERE id = ?",
        status, outcome, answer, Timestamp.from(clock.instant()), job, line, job);
  }

  /** Marks a running job done when it has no pending item left. */
  public void finishIfComplete(UUID job) {
    jdbc.update("UPDATE batch_job SET status = ?, finished_at = ? WHERE id = ? AND status IN (?, ?)"
        + " AND NOT EXISTS (SELECT 1 FROM batch_item WHERE job_id = ? AND outcome IS NULL)", Status.DONE.value(),
        Timestamp.from(clock.instant()), job, Status.QUEUED.value(), Status.RUNNING.value(), job);
  }

  /** Cancels a job not yet finished: its pending items will not run. False if it had finished. */
  public boolean cancel(UUID job) {
    return Boolean.TRUE.equals(tx.execute(status -> {
      int changed = jdbc.update("UPDATE batch_job SET status = ?, finished_at = ? WHERE id = ? AND status IN (?, ?)",
          Status.CANCELLED.value(), Timestamp.from(clock.instant()), job, Status.QUEUED.value(), Status.RUNNING.value());
      jdbc.update("UPDATE batch_item SET outcome = 'cancelled' WHERE job_id = ? AND outcome IS NULL", job);
      return changed == 1;
    }));
  }

  /** A job that cannot run at all (its chunks could not be delivered): failed, its pending items left as they are. */
  public void failed(UUID job) {
    jdbc.update("UPDATE batch_job SET status = ?, finished_at = ? WHERE id = ? AND status IN (?, ?)",
        Status.FAILED.value(), Timestamp.from(clock.instant()), job, Status.QUEUED.value(), Status.RUNNING.value());
  }

  /** Every item of a job in line order, handed one by one to {@code each} (a download does not hold them all). */
  public void items(UUID job, Consumer<Item> each) {
    // in a transaction, so that the driver reads by the fetch size instead of the whole result at once
    tx.executeWithoutResult(status -> jdbc.query(connection -> {
      var statement = connection.prepareStatement(
          "SELECT line, input, status, outcome, answer FROM batch_item WHERE job_id = ? ORDER BY line");
      statement.setObject(1, job);
      statement.setFetchSize(1000);
      return statement;
    }, row -> {
      each.accept(item(row, 0));
    }));
  }

  /** Jobs still queued, never started, created longer ago than {@code olderThan}: their chunks may be lost. */
  public List<Job> stalledQueued(Duration olderThan) {
    return jdbc.query("SELECT " + JOB_COLUMNS + " FROM batch_job j WHERE j.status = ?"
        + " AND j.started_at IS NULL AND j.created_at < ?", BatchJobs::job, Status.QUEUED.value(),
        Timestamp.from(clock.instant().minus(olderThan)));
  }

  /** Deletes jobs finished longer ago than {@code retention}; their items' records stay in the exchange log. */
  public int deleteFinishedBefore(Duration retention) {
    return jdbc.update("DELETE FROM batch_job WHERE finished_at < ?", Timestamp.from(clock.instant().minus(retention)));
  }

  private static Job job(ResultSet row, int n) throws SQLException {
    return new Job(row.getObject("id", UUID.class), row.getString("owner"), row.getString("service_id"),
        row.getString("endpoint"), row.getString("issue"), row.getString("user_id"), Status.of(row.getString("status")),
        row.getInt("total"),
        row.getInt("succeeded"), row.getInt("failed"), instant(row, "created_at"), instant(row, "started_at"),
        instant(row, "finished_at"));
  }

  private static Item item(ResultSet row, int n) throws SQLException {
    Integer status = row.getObject("status", Integer.class);
    return new Item(row.getInt("line"), row.getString("input"), status, row.getString("outcome"), row.getString("answer"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
