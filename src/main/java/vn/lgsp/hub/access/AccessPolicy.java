package vn.lgsp.hub.access;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/** Answers "may this client call this service, and see which fields?" from the configuration. */
@Component
public class AccessPolicy {

  private final Map<SubsystemId, Map<ServiceId, Grant>> grants = new HashMap<>();
  private final Set<ServiceId> purposeNotRequired;

  public AccessPolicy(AccessProperties properties) {
    for (AccessProperties.ClientGrants clientGrants : properties.grants()) {
      SubsystemId client = parseOrFail(clientGrants.client(), SubsystemId::parse);
      Map<ServiceId, Grant> byService = grants.computeIfAbsent(client, c -> new HashMap<>());
      for (AccessProperties.ServiceGrant serviceGrant : clientGrants.services()) {
        ServiceId service = parseOrFail(serviceGrant.service(), ServiceId::parse);
        AccessProperties.Limits limits =
            serviceGrant.limits() != null ? serviceGrant.limits() : clientGrants.serviceLimits();
        byService.put(service, new Grant(client, service, new LinkedHashSet<>(serviceGrant.fields()),
            clientGrants.covertUntil(), limits, clientGrants.limits()));
      }
    }
    purposeNotRequired =
        properties.purposeNotRequired().stream()
            .map(s -> parseOrFail(s, ServiceId::parse))
            .collect(Collectors.toUnmodifiableSet());
  }

  public Optional<Grant> grantFor(SubsystemId client, ServiceId service) {
    return Optional.ofNullable(grants.getOrDefault(client, Map.of()).get(service));
  }

  /** Services return personal data unless configured otherwise, so a purpose is the default. */
  public boolean requiresPurpose(ServiceId service) {
    return !purposeNotRequired.contains(service);
  }

  private static <T> T parseOrFail(String text, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "hub.access: '" + text + "' is not a valid identifier (" + e.getMessage() + ")", e);
    }
  }
}
