package vn.lgsp.hub.rights;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.access.AccessPolicy;
import vn.lgsp.hub.access.AccessProperties.ServiceGrant;
import vn.lgsp.hub.ops.ApiCallers;

/**
 * What a consumer may call today, asked by the consumer itself with its own token: each service with the
 * fields it receives, until when, and what granted it (the configuration or an access request). The
 * answer follows the rights in force, so a grant or a revocation shows at once.
 */
@RestController
public class ConsumerRightsController {

  private final AccessPolicy policy;
  private final ApiCallers callers;

  public ConsumerRightsController(AccessPolicy policy, ApiCallers callers) {
    this.policy = policy;
    this.callers = callers;
  }

  /** A right in force; {@code accessRequest} is absent for a right of the configuration. */
  public record Right(String service, List<String> fields, LocalDate validUntil, String accessRequest) {}

  /** The rights in force for the caller, with the version of the rights they come from. */
  public record Rights(String client, long version, List<Right> rights) {}

  @GetMapping("/api/v1/my-rights")
  public Rights mine(HttpServletRequest http) {
    String client = callers.caller(http).subsystem().toString();
    LocalDate today = policy.today();
    List<Right> rights = policy.document().stream().filter(grants -> grants.client().equals(client))
        .flatMap(grants -> grants.services().stream())
        .filter(grant -> grant.validUntil() == null || !grant.validUntil().isBefore(today))
        .map(ConsumerRightsController::right).toList();
    return new Rights(client, policy.version(), rights);
  }

  private static Right right(ServiceGrant grant) {
    return new Right(grant.service(), grant.fields(), grant.validUntil(), grant.accessRequest());
  }
}
