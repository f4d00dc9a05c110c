package vn.lgsp.hub.batch;

import jakarta.annotation.PreDestroy;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.edge.LoopbackClient;
import vn.lgsp.hub.ops.QueueWorkers;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemAnswers;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;
import vn.lgsp.hub.protocol.XRoadHeaders;
import vn.lgsp.hub.security.OnBehalfTokens;

/**
 * Runs the chunks of batch jobs: takes a chunk from the broker (in a transacted session), runs each
 * pending item of it as an ordinary exchange through the hub's own front door, with a token minted
 * for the job's owner and the job's purpose, at the owner's pace ({@link BatchPacer}), stores each
 * answer, and only then acknowledges the chunk. So every item has its exchange record, an item whose
 * answer is stored is never run again, and a hub that stops hands its chunk in hand back to the
 * broker after the item it is running. What the hub refuses for now (a limit, maintenance, overload)
 * is tried again later: the rest of the chunk goes back to the broker with a delay.
 */
@Component
class BatchWorker implements ApplicationListener<ContextClosedEvent>, Ordered {

  private static final Logger log = LoggerFactory.getLogger(BatchWorker.class);

  /** The hub's answers that say "not now": the item runs again later. */
  private static final Set<String> TRY_LATER = Set.of(ProblemType.RATE_LIMITED.code(),
      ProblemType.HUB_MAINTENANCE.code(), ProblemType.HUB_OVERLOADED.code(), ProblemType.EXCHANGE_LOG_UNAVAILABLE.code(),
      ProblemType.DATABASE_UNAVAILABLE.code());

  private static final Duration SWEEP_EVERY = Duration.ofMinutes(5);
  private static final Duration STALLED = Duration.ofMinutes(10);

  /** Deliveries of one chunk after which its job is marked failed (a chunk that fails every time). */
  private static final int MAX_DELIVERIES = 20;

  private final BatchJobs jobs;
  private final BatchPacer pacer;
  private final OnBehalfTokens tokens;
  private final LoopbackClient loopback;
  private final BatchQueue queue;
  private final ConnectionFactory connections;
  private final BatchProperties props;
  private final ObjectMapper json;
  private final ProblemAnswers problems;
  private final Clock clock;
  private final Map<UUID, OnBehalfTokens.Minted> jobTokens = new ConcurrentHashMap<>();
  private volatile DefaultMessageListenerContainer container;
  private volatile boolean stopping;
  private volatile ScheduledExecutorService sweeper;

  BatchWorker(BatchJobs jobs, BatchPacer pacer, OnBehalfTokens tokens, LoopbackClient loopback, BatchQueue queue,
      ConnectionFactory connections, BatchProperties props, ObjectMapper json, ProblemAnswers problems, Clock clock) {
    this.problems = problems;
    this.jobs = jobs;
    this.pacer = pacer;
    this.tokens = tokens;
    this.loopback = loopback;
    this.queue = queue;
    this.connections = connections;
    this.props = props;
    this.json = json;
    this.clock = clock;
  }

  /** Once the hub is ready: its items need the front door open and the routes started. */
  @EventListener(ApplicationReadyEvent.class)
  public synchronized void start() {
    stopping = false;
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "batch-sweeper"));
    timer.scheduleWithFixedDelay(this::sweep, 0, SWEEP_EVERY.toMinutes(), TimeUnit.MINUTES);
    sweeper = timer;
    // a chunk handed back goes to the broker again (its finished items are stored)
    container = QueueWorkers.start(connections, props.queue(), props.workers(),
        (SessionAwareMessageListener<Message>) this::onChunk, log, "batch chunk handed back");
  }

  /**
   * The hub is closing: stop taking chunks and finish the item in hand before Camel stops its routes
   * (on the same event), so no item meets a hub that no longer answers.
   */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    stop();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /**
   * Every few minutes: results past their retention are deleted, and a job that has waited queued for long without
   * starting has its chunks sent again (lost if the hub stopped between storing the job and sending them; a chunk
   * sent twice finds its items done).
   */
  private void sweep() {
    try {
      int deleted = jobs.deleteFinishedBefore(props.retention());
      if (deleted > 0) {
        log.info("{} batch job(s) past their retention deleted", deleted);
      }
      for (BatchJobs.Job stalled : jobs.stalledQueued(STALLED)) {
        queue.enqueue(stalled.id(), stalled.total());
      }
    } catch (RuntimeException e) {
      log.warn("batch sweep failed: {}", e.getMessage());
    }
  }

  @PreDestroy
  public synchronized void stop() {
    stopping = true;
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
    DefaultMessageListenerContainer listener = container;
    container = null;
    if (listener != null) {
      log.info("batch worker stopping: the item in hand is finished, the rest of its chunk goes back to the broker");
      listener.shutdown();
      log.info("batch worker stopped");
    }
  }

  private void onChunk(Message message, Session session) throws JMSException {
    UUID id = UUID.fromString(message.getStringProperty(BatchQueue.JOB));
    int from = message.getIntProperty(BatchQueue.FROM);
    int to = message.getIntProperty(BatchQueue.TO);
    Optional<BatchJobs.Job> found = jobs.find(id);
    if (found.isEmpty() || found.get().status().finished()) {
      return;
    }
    BatchJobs.Job job = found.get();
    if (message.propertyExists("JMSXDeliveryCount") && message.getIntProperty("JMSXDeliveryCount") > MAX_DELIVERIES) {
      log.error("batch job {}: lines {}-{} failed {} times; the job is marked failed", id, from, to, MAX_DELIVERIES);
      jobs.failed(id);
      return;
    }
    jobs.started(id);
    BatchTarget target = BatchTarget.of(job.serviceId(), job.endpoint());
    SubsystemId owner = SubsystemId.parse(job.owner());
    ServiceId service = ServiceId.parse(job.serviceId());
    for (BatchJobs.Item item : jobs.pending(id, from, to)) {
      while (!pacer.awaitTurn(owner, service)) {
        stopIfAsked(id, item.line());
      }
      stopIfAsked(id, item.line());
      if (jobs.find(id).map(j -> j.status() == BatchJobs.Status.CANCELLED).orElse(true)) {
        return;
      }
      Answer answer = call(job, target, item);
      if (answer.problem() != null && TRY_LATER.contains(answer.problem())) {
        BatchQueue.later(session, props.queue(), id, item.line(), to,
            Duration.ofSeconds(Math.max(1, answer.retryAfterSeconds())));
        return;
      }
      jobs.answered(id, item.line(), answer.status(), answer.body());
    }
    jobs.finishIfComplete(id);
    if (jobs.find(id).map(j -> j.status().finished()).orElse(true)) {
      jobTokens.remove(id);
    }
  }

  /** A hub that is stopping hands the chunk back (the transaction rolls back): its finished items are stored. */
  private void stopIfAsked(UUID job, int line) {
    if (stopping) {
      throw new IllegalStateException("hub stopping: batch job " + job + " goes on from line " + line + " later");
    }
  }

  /** An item's answer: its status, body, problem type (null for a 200) and, for a refusal for now, when to retry. */
  private record Answer(int status, String body, String problem, long retryAfterSeconds) {}

  private Answer call(BatchJobs.Job job, BatchTarget target, BatchJobs.Item item) {
    BatchTarget.Request request = target.request((ObjectNode) json.readTree(item.input()));
    String messageId = job.id() + ":" + item.line();
    Map<String, String> headers = LoopbackClient.forwarded(token(job), job.owner(), messageId, job.userId(), job.issue());
    try {
      HttpResponse<byte[]> answer = loopback.send(request.method(), request.pathAndQuery(), headers, request.body(),
          props.itemTimeout()).get(props.itemTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      if (answer.headers().firstValue(XRoadHeaders.ID).isEmpty()) {
        // not the engine's answer (the hub is going down): the item has no record and runs again
        throw new IllegalStateException("batch job " + job.id() + " line " + item.line() + ": answer without X-Road-Id");
      }
      return new Answer(answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8),
          answer.headers().firstValue(XRoadHeaders.ERROR).orElse(null),
          answer.headers().firstValueAsLong("Retry-After").orElse(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException | ExecutionException e) {
      if (e instanceof TimeoutException || e.getCause() instanceof java.net.http.HttpTimeoutException) {
        // waited long enough: the item fails (504) rather than running again, which could repeat a POST's effect
        ProblemType timeout = ProblemType.PROVIDER_TIMEOUT;
        return new Answer(timeout.status(), new String(problems.json(timeout, ProblemText.of("batch.item-timeout",
            props.itemTimeout().toSeconds()), messageId, CallerLanguage.VIETNAMESE), StandardCharsets.UTF_8),
            timeout.code(), 0);
      }
      throw new IllegalStateException("batch job " + job.id() + " line " + item.line() + ": no answer", e);
    }
  }

  private String token(BatchJobs.Job job) {
    Instant soon = clock.instant().plusSeconds(30);
    OnBehalfTokens.Minted minted = jobTokens.compute(job.id(), (id, known) -> known != null
        && known.expiresAt().isAfter(soon) ? known : tokens.mint(SubsystemId.parse(job.owner()), id.toString())
            .orElseThrow(() -> new IllegalStateException("this hub issues no tokens: batch jobs cannot run")));
    return minted.authorization();
  }
}
