package vn.lgsp.hub.publishing;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.ApiBodies;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Operators and the service files as data ({@code connectors/}, {@code routes/}): the versions, one version's
 * files and what it changed, a directory of files applied as one change (the whole set: a file left out is
 * removed), with a dry run that shows the diff, and a rollback. Every hub serves a new version within 2 s,
 * without a restart; each change is a recorded admin action with its reason.
 */
@RestController
@RequestMapping("/admin/api/service-files")
public class AdminServiceFilesController {

  private static final int HISTORY = 200;

  private final ServiceFilesStore store;
  private final ServiceFiles files;
  private final ServiceFilesRuntime runtime;
  private final ObjectMapper json;

  public AdminServiceFilesController(ServiceFilesStore store, ServiceFiles files, ServiceFilesRuntime runtime,
      ObjectMapper json) {
    this.store = store;
    this.files = files;
    this.runtime = runtime;
    this.json = json;
  }

  @GetMapping("/versions")
  public List<ServiceFilesStore.Version> versions() {
    return store.versions(HISTORY);
  }

  /** A version, what it changed from the one before, and its files. */
  @GetMapping("/versions/{version}")
  public Map<String, Object> version(@PathVariable String version) {
    long number = ApiBodies.number(version, "service-files.no-version");
    ServiceFilesStore.Version found = store.version(number).orElseThrow(AdminServiceFilesController::noVersion);
    Map<String, String> content = store.files(number).orElseThrow();
    Map<String, String> before = found.previousVersion() == null ? Map.of() : store.files(found.previousVersion()).orElseThrow();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("version", found);
    view.put("changes", ServiceFilesStore.diff(before, content));
    view.put("files", content);
    return view;
  }

  /**
   * Applies a set of service files as one change: {@code {"reason": "...", "dryRun": true, "files":
   * {"connectors/tax-register.yaml": "<text>", "routes/taxpayer.yaml": "<text>", ...}}}. The set replaces the
   * files in force whole. A dry run answers the diff and changes nothing.
   */
  @AdminAction("service-files.apply")
  @PostMapping(value = "/apply", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ServiceFilesStore.Change apply(@RequestBody JsonNode body, HttpServletRequest http, Principal operator) {
    ApiBodies.refuseUnknown(body, "reason", "dryRun", "files");
    String reason = ApiBodies.reason(body, http, 500, true);
    boolean dryRun = ApiBodies.flag(body, "dryRun", "service-files.field");
    Map<String, String> set = files.check(body.get("files"));
    return changed(store.replace(set, operator.getName(), reason, ServiceFilesStore.ADMIN, dryRun));
  }

  /** Puts an older version's files back in force as a new version: {@code {"version": 3, "reason": "..."}}. */
  @AdminAction("service-files.rollback")
  @PostMapping(value = "/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ServiceFilesStore.Change rollback(@RequestBody JsonNode body, HttpServletRequest http, Principal operator) {
    ApiBodies.refuseUnknown(body, "version", "reason");
    String reason = ApiBodies.reason(body, http, 500, true);
    JsonNode version = body.get("version");
    Map<String, String> older = version == null || !version.canConvertToLong() ? null
        : store.files(version.asLong()).orElse(null);
    if (older == null) {
      throw noVersion();
    }
    // checked again: a service published since may hold a route id the older files use
    Map<String, String> set = files.check(json.valueToTree(older));
    return changed(store.replace(set, operator.getName(), "rollback to version " + version.asLong() + ": " + reason,
        ServiceFilesStore.ROLLBACK, false));
  }

  /** In force on this hub before the answer; the other hubs follow within 2 s. */
  private ServiceFilesStore.Change changed(ServiceFilesStore.Change change) {
    if (change.version() != null) {
      runtime.follow();
    }
    return change;
  }

  private static HubProblemException noVersion() {
    return new HubProblemException(ProblemType.NOT_FOUND, "service-files.no-version");
  }
}
