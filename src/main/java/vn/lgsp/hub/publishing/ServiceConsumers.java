package vn.lgsp.hub.publishing;

import java.util.List;
import vn.lgsp.hub.access.AccessPolicy;

/** The consumers holding a right to a service in the rights in force. */
final class ServiceConsumers {

  private ServiceConsumers() {}

  static List<String> of(AccessPolicy policy, String service) {
    return policy.document().stream()
        .filter(c -> c.services().stream().anyMatch(s -> s.service().equals(service)))
        .map(c -> c.client())
        .toList();
  }
}
