package vn.lgsp.hub.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Access rights: which client subsystem may call which service, and which fields of the answer it
 * may receive. Nothing is granted unless listed here.
 *
 * @param grants one entry per client subsystem
 * @param purposeNotRequired services that return no personal data, so need no {@code X-Road-Issue}
 * @param memberNames the official name of each member (instance/class/code), shown to citizens by
 *     the data tracker
 */
@Validated
@ConfigurationProperties("hub.access")
public record AccessProperties(
    List<@Valid ClientGrants> grants, List<@NotBlank String> purposeNotRequired, Map<String, String> memberNames) {

  public AccessProperties {
    grants = grants == null ? List.of() : grants;
    purposeNotRequired = purposeNotRequired == null ? List.of() : purposeNotRequired;
    memberNames = memberNames == null ? Map.of() : memberNames;
  }

  /**
   * @param client the consumer subsystem, e.g. {@code VN/GOV/UBND-HN/MOTCUA}
   * @param services what it may call
   * @param covertUntil the client's queries are covert until this day (an investigative body): the
   *     data tracker hides them from citizens until then
   * @param limits the client's limits over all its calls; none if absent
   * @param serviceLimits the client's limits for each of its services, unless the service says otherwise
   */
  public record ClientGrants(
      @NotBlank String client, @NotNull List<@Valid ServiceGrant> services, LocalDate covertUntil,
      @Valid Limits limits, @Valid Limits serviceLimits) {}

  /**
   * Request limits; a missing value is no limit.
   *
   * @param perSecond calls per second (a burst of this size, refilled every second)
   * @param perDay calls per calendar day (UTC)
   */
  public record Limits(@Min(1) Integer perSecond, @Min(1) Long perDay) {}

  /**
   * @param service the service id, e.g. {@code VN/GOV/BCA/DANCU/citizen-info}
   * @param fields the answer fields the client may receive (dotted paths for nested fields); empty
   *     means all
   * @param limits the client's limits for this service (overrides the client's service limits)
   * @param validUntil the right ends after this day (Vietnam time); none if absent
   * @param accessRequest what granted this right besides the configuration: the id of an access request, or
   *     {@code govstack-im} (the Configuration Management API); none for a right of the configuration
   * @param signedRequests the client's requests under this right must be signed (HTTP Message Signatures, RFC
   *     9421, with a key registered for the client or its TLS certificate); unsigned ones get 401
   *     {@code Client.InvalidSignature}
   */
  public record ServiceGrant(@NotBlank String service, List<@NotBlank String> fields, @Valid Limits limits,
      LocalDate validUntil, String accessRequest, Boolean signedRequests) {
    @ConstructorBinding
    public ServiceGrant {
      fields = fields == null ? List.of() : new ArrayList<>(fields);
      // absent in the configuration and in rights stored before signatures existed: unsigned requests taken
      signedRequests = Boolean.TRUE.equals(signedRequests) ? Boolean.TRUE : null;
    }

    /** A right that takes unsigned requests. */
    public ServiceGrant(String service, List<String> fields, Limits limits, LocalDate validUntil, String accessRequest) {
      this(service, fields, limits, validUntil, accessRequest, null);
    }

    /** A right of the configuration: no end, granted by no request. */
    public ServiceGrant(String service, List<String> fields, Limits limits) {
      this(service, fields, limits, null, null, null);
    }
  }
}
