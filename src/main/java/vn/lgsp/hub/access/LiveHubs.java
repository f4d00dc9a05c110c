package vn.lgsp.hub.access;

/** How many hubs share the traffic now (this one included, so at least 1): each enforces its share of a limit. */
@FunctionalInterface
public interface LiveHubs {

  int live();
}
