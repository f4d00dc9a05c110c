package vn.lgsp.hub.access;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * Answers "may this client call this service, and see which fields?" from the rights in force: one
 * immutable version, replaced whole when the rights change (rights.AccessRightsStore), so a request
 * reads one version from its start and a change is never seen half made. Until the store has loaded
 * the database's version, the rights of the configuration ({@code hub.access.grants}) are in force.
 */
@Component
public class AccessPolicy {

  /** Rights end after their last day in Vietnam, where the legal documents granting them are dated. */
  public static final ZoneId LEGAL_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private final Set<ServiceId> purposeNotRequired;
  private final Clock clock;
  private volatile Version current;

  public AccessPolicy(AccessProperties properties, Clock clock) {
    this.clock = clock;
    this.current = new Version(0, properties.grants());
    purposeNotRequired =
        properties.purposeNotRequired().stream()
            .map(s -> parseOrFail(s, ServiceId::parse))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The client's right to the service, if it has one that has not ended. */
  public Optional<Grant> grantFor(SubsystemId client, ServiceId service) {
    Grant grant = current.grants.getOrDefault(client, Map.of()).get(service);
    if (grant == null || grant.validUntil() != null && today().isAfter(grant.validUntil())) {
      return Optional.empty();
    }
    return Optional.of(grant);
  }

  /** Services return personal data unless configured otherwise, so a purpose is the default. */
  public boolean requiresPurpose(ServiceId service) {
    return !purposeNotRequired.contains(service);
  }

  /** Puts a version of the rights in force; an identifier that does not parse fails before anything changes. */
  public void replace(long version, List<AccessProperties.ClientGrants> document) {
    current = new Version(version, document);
  }

  /** The version in force: 0 for the configuration's rights before the store has loaded any. */
  public long version() {
    return current.number;
  }

  /** The rights in force as written, for the directory and the admin API. */
  public List<AccessProperties.ClientGrants> document() {
    return current.document;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), LEGAL_ZONE);
  }

  private static final class Version {
    final long number;
    final List<AccessProperties.ClientGrants> document;
    final Map<SubsystemId, Map<ServiceId, Grant>> grants = new HashMap<>();

    Version(long number, List<AccessProperties.ClientGrants> document) {
      this.number = number;
      this.document = List.copyOf(document);
      for (AccessProperties.ClientGrants clientGrants : document) {
        SubsystemId client = parseOrFail(clientGrants.client(), SubsystemId::parse);
        Map<ServiceId, Grant> byService = grants.computeIfAbsent(client, c -> new HashMap<>());
        for (AccessProperties.ServiceGrant serviceGrant : clientGrants.services()) {
          ServiceId service = parseOrFail(serviceGrant.service(), ServiceId::parse);
          AccessProperties.Limits limits =
              serviceGrant.limits() != null ? serviceGrant.limits() : clientGrants.serviceLimits();
          byService.put(service, new Grant(client, service, new LinkedHashSet<>(serviceGrant.fields()),
              clientGrants.covertUntil(), limits, clientGrants.limits(), serviceGrant.validUntil(),
              Boolean.TRUE.equals(serviceGrant.signedRequests())));
        }
      }
    }
  }

  private static <T> T parseOrFail(String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "hub.access: '" + text + "' is not a valid identifier (" + e.getMessage() + ")", e);
    }
  }
}
