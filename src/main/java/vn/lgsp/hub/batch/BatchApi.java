package vn.lgsp.hub.batch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.Grant;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.exchange.ExchangeContext;
import vn.lgsp.hub.exchange.RequestParameters;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.security.OnBehalfTokens;

/**
 * The batch API's steps ({@code /batch/v1/jobs}). A job is submitted as a single call would be made:
 * the caller's token, {@code X-Road-Client}, and {@code X-Road-Issue} as the purpose of every item;
 * the caller must hold the right to the service when it submits (and each item is checked again when
 * it runs). Only the job's owner sees or cancels it; another client learns nothing, not even that it
 * exists (404).
 */
@Component
public class BatchApi {

  static final String SERVICE = "service";
  static final String FORMAT = "format";
  static final String JOB_ID = "id";
  static final String JSON_LINES = "application/jsonl";
  private static final int LISTED = 100;

  private final BatchJobs jobs;
  private final BatchQueue queue;
  private final ServiceCatalog catalog;
  private final AccessPolicy access;
  private final OnBehalfTokens tokens;
  private final BatchProperties props;
  private final ObjectMapper json;
  private final Clock clock;

  public BatchApi(BatchJobs jobs, BatchQueue queue, ServiceCatalog catalog, AccessPolicy access, OnBehalfTokens tokens,
      BatchProperties props, ObjectMapper json, Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.catalog = catalog;
    this.access = access;
    this.tokens = tokens;
    this.props = props;
    this.json = json;
    this.clock = clock;
  }

  /** {@code POST /batch/v1/jobs?service=...}: takes the job, 202 with its state and {@code Location}. */
  public JsonNode submit(Exchange exchange) {
    ExchangeContext context = ExchangeContext.of(exchange);
    ServiceId service = service(RequestParameters.queryParameter(exchange, SERVICE));
    List<PublishedService> endpoints = catalog.services().stream().filter(s -> s.service().equals(service)).toList();
    if (endpoints.isEmpty()) {
      throw new HubProblemException(ProblemType.UNKNOWN_SERVICE, ProblemText.of("batch.no-service", service.toString()));
    }
    Grant grant = access.grantFor(context.client(), service).orElseThrow(() ->
        new HubProblemException(ProblemType.ACCESS_DENIED, ProblemText.of("access.no-right", service.toString())));
    if (grant.signedRequests()) {
      // each item is the hub's own request on the client's behalf: it cannot carry the client's signature
      throw new HubProblemException(ProblemType.INVALID_SIGNATURE, ProblemText.of("batch.signed-requests-only"));
    }
    if (context.issue() == null && access.requiresPurpose(service)) {
      throw new HubProblemException(ProblemType.MISSING_ISSUE, "issue.required");
    }
    if (!tokens.available()) {
      throw new HubProblemException(ProblemType.HUB_MAINTENANCE, "batch.no-token-server");
    }
    List<ObjectNode> inputs = BatchInputs.parse(exchange.getIn().getBody(byte[].class),
        exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class), props, json);
    BatchTarget target = BatchTarget.choose(service.toString(), endpoints, inputs);
    BatchJobs.Job job = jobs.create(context.client().toString(), service.toString(), target.endpoint(), context.issue(),
        context.userId(), inputs.stream().map(JsonNode::toString).toList());
    try {
      // after the job is stored: a worker that takes a chunk at once finds its job
      queue.enqueue(job.id(), job.total());
    } catch (RuntimeException e) {
      jobs.failed(job.id());
      throw e;
    }
    context.answerStatus(202, location(job.id()));
    return view(job);
  }

  /** {@code GET /batch/v1/jobs}: the caller's own jobs, newest first. */
  public JsonNode list(Exchange exchange) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode list = answer.putArray("jobs");
    jobs.ofOwner(ExchangeContext.of(exchange).client().toString(), LISTED).forEach(job -> list.add(view(job)));
    return answer;
  }

  /** {@code GET /batch/v1/jobs/{id}}: the job's state and progress. */
  public JsonNode status(Exchange exchange) {
    return view(owned(exchange));
  }

  /** {@code DELETE /batch/v1/jobs/{id}}: cancels the job; its pending items do not run (409 once it finished). */
  public JsonNode cancel(Exchange exchange) {
    BatchJobs.Job job = owned(exchange);
    if (!jobs.cancel(job.id())) {
      throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("batch.finished", job.status().value()));
    }
    return view(jobs.find(job.id()).orElseThrow());
  }

  /** {@code GET /batch/v1/jobs/{id}/results?format=jsonl|csv}: one line per input, in the inputs' order. */
  public byte[] results(Exchange exchange) {
    String format = RequestParameters.queryParameter(exchange, FORMAT);
    boolean csv = "csv".equals(format);
    if (format != null && !csv && !"jsonl".equals(format)) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.format");
    }
    BatchJobs.Job job = owned(exchange);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BatchResults lines = new BatchResults(job.id(), json);
    if (csv) {
      out.writeBytes(BatchResults.CSV_HEADER.getBytes(StandardCharsets.UTF_8));
    }
    jobs.items(job.id(), item -> out.writeBytes((csv ? lines.csv(item) : lines.jsonLine(item))
        .getBytes(StandardCharsets.UTF_8)));
    ExchangeContext.of(exchange).documentType(csv ? "text/csv;charset=utf-8" : JSON_LINES);
    return out.toByteArray();
  }

  private BatchJobs.Job owned(Exchange exchange) {
    String owner = ExchangeContext.of(exchange).client().toString();
    UUID id;
    try {
      id = UUID.fromString(exchange.getIn().getHeader(JOB_ID, "", String.class));
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.NOT_FOUND, "batch.no-such-job");
    }
    return jobs.find(id).filter(job -> job.owner().equals(owner))
        .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "batch.no-such-job"));
  }

  private static ServiceId service(String value) {
    if (value == null || value.isBlank()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.service-required");
    }
    try {
      return ServiceId.parse(value);
    } catch (IllegalArgumentException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.service-required");
    }
  }

  static String location(UUID job) {
    return "/batch/v1/jobs/" + job;
  }

  /** A job as the API shows it. */
  ObjectNode view(BatchJobs.Job job) {
    ObjectNode view = json.createObjectNode();
    view.put("id", job.id().toString());
    view.put("service", job.serviceId());
    view.put("status", job.status().value());
    view.put("total", job.total());
    view.put("done", job.done());
    view.put("failed", job.failed());
    view.put("remaining", job.status() == BatchJobs.Status.CANCELLED ? 0 : job.remaining());
    Long left = secondsLeft(job);
    if (left == null) {
      view.putNull("estimatedSecondsLeft");
    } else {
      view.put("estimatedSecondsLeft", left);
    }
    view.put("createdAt", job.createdAt().toString());
    view.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
    view.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
    view.put("results", location(job.id()) + "/results");
    return view;
  }

  /** From the pace so far; unknown before the first item is done. */
  private Long secondsLeft(BatchJobs.Job job) {
    if (job.status().finished()) {
      return 0L;
    }
    if (job.startedAt() == null || job.done() == 0) {
      return null;
    }
    double perItem = Duration.between(job.startedAt(), clock.instant()).toMillis() / 1000.0 / job.done();
    return (long) Math.ceil(perItem * job.remaining());
  }
}
