package vn.lgsp.hub.rights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.lgsp.hub.access.AccessProperties.ClientGrants;
import vn.lgsp.hub.access.AccessProperties.Limits;
import vn.lgsp.hub.access.AccessProperties.ServiceGrant;

/**
 * What a change of the rights does, right by right: what a dry run shows and what a version's history
 * explains. A client's own settings (covert until, its limits) are an entry with no service.
 */
public final class RightsDiff {

  /**
   * One right added, removed or changed.
   *
   * @param change {@code added}, {@code removed} or {@code changed}
   * @param service the service; null for the client's own settings
   * @param before the right before; null when added
   * @param after the right after; null when removed
   */
  public record Entry(String change, String client, String service, Object before, Object after) {}

  /** A client's own settings, compared apart from its rights to services. */
  public record ClientSettings(LocalDate covertUntil, Limits limits, Limits serviceLimits) {}

  private RightsDiff() {}

  public static List<Entry> between(List<ClientGrants> before, List<ClientGrants> after) {
    Map<List<String>, Object> was = flatten(before);
    Map<List<String>, Object> is = flatten(after);
    Set<List<String>> keys = new LinkedHashSet<>(was.keySet());
    keys.addAll(is.keySet());
    List<Entry> entries = new ArrayList<>();
    for (List<String> key : keys) {
      Object from = was.get(key);
      Object to = is.get(key);
      if (!Objects.equals(from, to)) {
        String change = from == null ? "added" : to == null ? "removed" : "changed";
        entries.add(new Entry(change, key.get(0), key.get(1), from, to));
      }
    }
    return entries;
  }

  private static Map<List<String>, Object> flatten(List<ClientGrants> document) {
    Map<List<String>, Object> rights = new LinkedHashMap<>();
    for (ClientGrants client : document) {
      ClientSettings settings = new ClientSettings(client.covertUntil(), client.limits(), client.serviceLimits());
      if (!settings.equals(new ClientSettings(null, null, null))) {
        rights.put(Arrays.asList(client.client(), null), settings);
      }
      for (ServiceGrant service : client.services()) {
        rights.put(List.of(client.client(), service.service()), service);
      }
    }
    return rights;
  }
}
