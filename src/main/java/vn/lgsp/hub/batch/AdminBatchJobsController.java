package vn.lgsp.hub.batch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.AdminActionRecorder;
import vn.lgsp.hub.ops.ApiBodies;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Operators see every client's batch jobs with their progress (the console's progress bars), and may
 * cancel one with a reason, an admin action on record: a job that floods a register at night is
 * stopped without waiting for its owner.
 */
@RestController
@RequestMapping("/admin/api/batch/jobs")
public class AdminBatchJobsController {

  private static final int LISTED = 200;
  private static final int MAX_REASON = 500;

  private final BatchJobs jobs;
  private final BatchApi api;
  private final ObjectMapper json;

  public AdminBatchJobsController(BatchJobs jobs, BatchApi api, ObjectMapper json) {
    this.jobs = jobs;
    this.api = api;
    this.json = json;
  }

  @GetMapping
  public JsonNode all() {
    ObjectNode answer = json.createObjectNode();
    ArrayNode list = answer.putArray("jobs");
    jobs.all(LISTED).forEach(job -> list.add(api.view(job).put("owner", job.owner())));
    return answer;
  }

  @AdminAction("batch.cancel")
  @PostMapping(value = "/{id}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
  public JsonNode cancel(@PathVariable String id, @RequestBody JsonNode body, HttpServletRequest request) {
    ApiBodies.reason(body, request, MAX_REASON, true);
    BatchJobs.Job job = job(id);
    request.setAttribute(AdminActionRecorder.CLIENT, job.owner());
    request.setAttribute(AdminActionRecorder.SERVICE, job.serviceId());
    if (!jobs.cancel(job.id())) {
      throw new HubProblemException(ProblemType.CONFLICT, ProblemText.of("batch.finished", job.status().value()));
    }
    return api.view(jobs.find(job.id()).orElseThrow()).put("owner", job.owner());
  }

  private BatchJobs.Job job(String id) {
    try {
      return jobs.find(UUID.fromString(id)).orElseThrow(() -> notFound());
    } catch (IllegalArgumentException e) {
      throw notFound();
    }
  }

  private static HubProblemException notFound() {
    return new HubProblemException(ProblemType.NOT_FOUND, "batch.no-such-job");
  }
}
