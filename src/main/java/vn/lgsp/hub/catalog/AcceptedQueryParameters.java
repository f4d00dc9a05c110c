package vn.lgsp.hub.catalog;

import java.util.Set;

/**
 * The query parameters one route accepts, declared as a bean beside the route. Every other query
 * parameter is refused (400) by the gate: a service's inputs are its path parameters and its JSON
 * body, and a protocol value is a header, so nothing a caller adds to the query string can stand in
 * for either. A route that declares nothing accepts no query parameter.
 *
 * @param routeId the route
 * @param names the parameters it reads from the query string
 */
public record AcceptedQueryParameters(String routeId, Set<String> names) {

  public AcceptedQueryParameters {
    names = Set.copyOf(names);
  }
}
