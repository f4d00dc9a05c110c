package vn.lgsp.hub.rights;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.ops.AdminAction;
import vn.lgsp.hub.ops.ApiBodies;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * Operators and the rights as data: the version in force, the history with what each version changed,
 * a rollback, the configuration's files applied as one change (with a dry run that shows the diff), and
 * the access requests, the overdue ones flagged.
 */
@RestController
@RequestMapping("/admin/api")
public class AdminAccessRightsController {

  private static final int HISTORY = 200;

  private final AccessRightsStore store;
  private final AccessPolicy policy;
  private final AccessRequests requests;
  private final ConfigurationFiles files;

  public AdminAccessRightsController(AccessRightsStore store, AccessPolicy policy, AccessRequests requests,
      ConfigurationFiles files) {
    this.store = store;
    this.policy = policy;
    this.requests = requests;
    this.files = files;
  }

  /** The rights in force on this hub and their version. */
  @GetMapping("/access-rights")
  public Map<String, Object> current() {
    return Map.of("version", policy.version(), "rights", policy.document());
  }

  @GetMapping("/access-rights/versions")
  public List<AccessRightsStore.Version> versions() {
    return store.versions(HISTORY);
  }

  /** A version, its rights, and what it changed from the one before. */
  @GetMapping("/access-rights/versions/{version}")
  public Map<String, Object> version(@PathVariable String version) {
    long number = ApiBodies.number(version, "rights.no-version");
    AccessRightsStore.Version found = store.version(number)
        .orElseThrow(() -> new HubProblemException(ProblemType.NOT_FOUND, "rights.no-version"));
    List<ClientGrants> rights = store.rights(number).orElseThrow();
    List<ClientGrants> before = found.previousVersion() == null ? List.of() : store.rights(found.previousVersion()).orElseThrow();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("version", found);
    view.put("changes", RightsDiff.between(before, rights));
    view.put("rights", rights);
    return view;
  }

  /** Puts an older version's rights back in force as a new version: {@code {"version": 3, "reason": "..."}}. */
  @AdminAction("access-rights.rollback")
  @PostMapping(value = "/access-rights/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
  public AccessRightsStore.Change rollback(@RequestBody JsonNode body, HttpServletRequest http, Principal operator) {
    ApiBodies.refuseUnknown(body, "version", "reason");
    String reason = ApiBodies.reason(body, http, 500, true);
    JsonNode version = body.get("version");
    if (version == null || !version.canConvertToLong() || store.rights(version.asLong()).isEmpty()) {
      throw new HubProblemException(ProblemType.NOT_FOUND, "rights.no-version");
    }
    return store.rollback(version.asLong(), operator.getName(), reason);
  }

  /**
   * Applies configuration files as one change: {@code {"reason": "...", "dryRun": true, "files":
   * {"access-rights.yaml": "<the file's text>"}}}. Their {@code hub.access} rights replace the
   * configuration's; rights granted by access requests stay. A dry run answers the diff and changes nothing.
   */
  @AdminAction("access-rights.apply")
  @PostMapping(value = "/access-rights/apply", consumes = MediaType.APPLICATION_JSON_VALUE)
  public AccessRightsStore.Change apply(@RequestBody JsonNode body, HttpServletRequest http, Principal operator) {
    ApiBodies.refuseUnknown(body, "reason", "dryRun", "files");
    String reason = ApiBodies.reason(body, http, 500, true);
    boolean dryRun = ApiBodies.flag(body, "dryRun", "rights.field");
    List<ClientGrants> rights = files.rights(body.get("files"));
    return store.applyConfiguration(rights, operator.getName(), reason, dryRun);
  }

  /** Every access request, newest first; {@code overdue=true}: only those past the provider's time to answer. */
  @GetMapping("/access-requests")
  public List<AccessRequest> accessRequests(@RequestParam Map<String, String> params) {
    LogFilters.refuseUnknown(params, Set.of("overdue"));
    String overdue = params.getOrDefault("overdue", "false");
    if (!Set.of("true", "false").contains(overdue)) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("rights.field", "overdue"));
    }
    return requests.all(Boolean.parseBoolean(overdue));
  }
}
