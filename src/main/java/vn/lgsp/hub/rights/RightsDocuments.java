package vn.lgsp.hub.rights;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.access.AccessProperties.ServiceGrant;
import vn.lgsp.hub.protocol.ServiceId;
import vn.lgsp.hub.protocol.SubsystemId;

/** Edits of a set of rights (the document a version holds), each returning a new document. */
final class RightsDocuments {

  private RightsDocuments() {}

  /** Without clients that hold nothing, one entry per client: the form every version is stored in. */
  static List<ClientGrants> tidy(List<ClientGrants> document) {
    Map<String, ClientGrants> byClient = new LinkedHashMap<>();
    for (ClientGrants client : document) {
      ClientGrants known = byClient.get(client.client());
      if (known != null) {
        List<ServiceGrant> services = new ArrayList<>(known.services());
        services.addAll(client.services());
        client = new ClientGrants(client.client(), services, known.covertUntil(), known.limits(), known.serviceLimits());
      }
      byClient.put(client.client(), client);
    }
    return byClient.values().stream()
        .filter(c -> !c.services().isEmpty() || c.covertUntil() != null || c.limits() != null || c.serviceLimits() != null)
        .map(c -> new ClientGrants(c.client(), List.copyOf(c.services()), c.covertUntil(), c.limits(), c.serviceLimits()))
        .toList();
  }

  /** Refuses a document whose identifiers do not parse or that gives one client two rights to one service. */
  static void check(List<ClientGrants> document) {
    for (ClientGrants client : document) {
      SubsystemId.parse(client.client());
      Set<String> services = new HashSet<>();
      for (ServiceGrant grant : client.services()) {
        ServiceId.parse(grant.service());
        if (!services.add(grant.service())) {
          throw new IllegalArgumentException(client.client() + " holds two rights to " + grant.service());
        }
      }
    }
  }

  /** The rights that came from the configuration: all but those granted by access requests. */
  static List<ClientGrants> configurationPart(List<ClientGrants> document) {
    return only(document, s -> s.accessRequest() == null);
  }

  /**
   * An older version's rights put back, except those an access request granted: these follow their request
   * (granted, revoked, expired) and stay as they are now, so that no request reads {@code granted} while its
   * right is gone, nor a revoked one comes back.
   */
  static List<ClientGrants> rolledBack(List<ClientGrants> current, List<ClientGrants> older) {
    return withConfiguration(only(current, RightsDocuments::byAccessRequest), only(older, s -> !byAccessRequest(s)));
  }

  /** The access request that granted the client's right to the service, if an access request did. */
  static String grantedBy(List<ClientGrants> document, String client, String service) {
    return document.stream().filter(c -> c.client().equals(client)).flatMap(c -> c.services().stream())
        .filter(s -> s.service().equals(service) && byAccessRequest(s)).map(ServiceGrant::accessRequest).findFirst()
        .orElse(null);
  }

  /** Whether the client's present right to the service accepts signed requests only: null when not (or none). */
  static Boolean signedRequestsOnly(List<ClientGrants> document, String client, String service) {
    return document.stream().filter(c -> c.client().equals(client)).flatMap(c -> c.services().stream())
        .filter(s -> s.service().equals(service) && Boolean.TRUE.equals(s.signedRequests())).findFirst()
        .map(s -> Boolean.TRUE).orElse(null);
  }

  /** Granted by an access request (not the configuration, nor the Configuration Management API). */
  private static boolean byAccessRequest(ServiceGrant grant) {
    return grant.accessRequest() != null && !GovStackConfigurationController.GRANTED_THROUGH_API.equals(grant.accessRequest());
  }

  private static List<ClientGrants> only(List<ClientGrants> document, Predicate<ServiceGrant> kept) {
    return tidy(document.stream()
        .map(c -> new ClientGrants(c.client(), c.services().stream().filter(kept).toList(),
            c.covertUntil(), c.limits(), c.serviceLimits()))
        .toList());
  }

  /**
   * The configuration's rights, plus the rights granted by access requests for client and service pairs
   * the configuration does not name.
   */
  static List<ClientGrants> withConfiguration(List<ClientGrants> current, List<ClientGrants> configuration) {
    List<ClientGrants> result = new ArrayList<>(tidy(configuration));
    for (ClientGrants client : current) {
      List<ServiceGrant> granted = client.services().stream().filter(s -> s.accessRequest() != null).toList();
      if (!granted.isEmpty()) {
        result.add(new ClientGrants(client.client(), granted, null, null, null));
      }
    }
    return dropDuplicatesKeepingFirst(tidy(result));
  }

  /** The client's right to the service replaced by {@code grant}, or removed when {@code grant} is null. */
  static List<ClientGrants> withRight(List<ClientGrants> current, String client, String service, ServiceGrant grant) {
    List<ClientGrants> result = new ArrayList<>();
    boolean placed = false;
    for (ClientGrants c : current) {
      if (!c.client().equals(client)) {
        result.add(c);
        continue;
      }
      List<ServiceGrant> services = new ArrayList<>(c.services().stream().filter(s -> !s.service().equals(service)).toList());
      if (grant != null) {
        services.add(grant);
      }
      placed = true;
      result.add(new ClientGrants(c.client(), services, c.covertUntil(), c.limits(), c.serviceLimits()));
    }
    if (!placed && grant != null) {
      result.add(new ClientGrants(client, List.of(grant), null, null, null));
    }
    return tidy(result);
  }

  private static List<ClientGrants> dropDuplicatesKeepingFirst(List<ClientGrants> document) {
    return document.stream().map(c -> {
      Set<String> seen = new HashSet<>();
      return new ClientGrants(c.client(), c.services().stream().filter(s -> seen.add(s.service())).toList(),
          c.covertUntil(), c.limits(), c.serviceLimits());
    }).toList();
  }
}
