package vn.lgsp.hub.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.Refresher;
import vn.lgsp.hub.catalog.DeclaredServices;
import vn.lgsp.hub.catalog.ServiceSunsets;
import vn.lgsp.hub.connectors.ConnectorRegistry;

/**
 * Makes this hub serve exactly the live publications: reads the newest revision every half second and, when
 * it moved, adds the connector and routes of each publication newly published, replaces those changed,
 * and removes those withdrawn. A route is stopped gracefully before it is removed, so a call in flight
 * finishes on the version it started with. The first round runs once Camel has started, before the hub
 * reports ready; a hub restarted or added later serves the same services.
 */
@Component
public class ServiceRuntime {

  private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);
  private static final long STOP_SECONDS = 10;

  private final CamelContext camel;
  private final ConnectorRegistry connectors;
  private final DeclaredServices declaredServices;
  private final ServiceSunsets sunsets;
  private final ServicePublications publications;
  private final Path wsdlDirectory;
  /** What this hub serves, as it was installed; a failed one is remembered so as not to retry it each second. */
  private final Map<UUID, ServicePublications.Publication> installed = new HashMap<>();
  private long followed = -1;
  private Refresher follower;

  public ServiceRuntime(CamelContext camel, ConnectorRegistry connectors, DeclaredServices declaredServices,
      ServiceSunsets sunsets, ServicePublications publications, HubProperties hub) {
    this.camel = camel;
    this.connectors = connectors;
    this.declaredServices = declaredServices;
    this.sunsets = sunsets;
    this.publications = publications;
    this.wsdlDirectory = hub.dataDir().resolve("published-wsdl");
  }

  @EventListener(ApplicationStartedEvent.class)
  public void start() {
    try {
      follow();
    } catch (DataAccessException e) {
      log.warn("published services not loaded ({}): retrying every half second", e.getClass().getSimpleName());
    }
    follower = Refresher.everyHalfSecond("service-runtime", log, "published services", this::follow);
  }

  @EventListener(ContextClosedEvent.class)
  public void stop() {
    if (follower != null) {
      follower.close();
      follower = null;
    }
  }

  /** One round: nothing to do unless some publication changed since the last. */
  public synchronized void follow() {
    long newest = publications.newestRevision();
    if (newest == followed) {
      return;
    }
    List<ServicePublications.Publication> live = publications.live();
    Map<UUID, ServicePublications.Publication> wanted = new HashMap<>();
    live.forEach(p -> wanted.put(p.id(), p));
    for (UUID id : Set.copyOf(installed.keySet())) {
      ServicePublications.Publication now = wanted.get(id);
      ServicePublications.Publication was = installed.get(id);
      if (now == null || !now.descriptor().equals(was.descriptor()) || !now.routes().equals(was.routes())) {
        uninstall(was);
      } else {
        // a new state with the same connector and routes (deprecated): served on without a gap
        installed.put(id, now);
      }
    }
    for (ServicePublications.Publication publication : live) {
      if (!installed.containsKey(publication.id())) {
        install(publication);
      }
    }
    Map<String, LocalDate> sunsetDays = new HashMap<>();
    live.stream().filter(p -> p.sunset() != null && ServicePublications.DEPRECATED.equals(p.state()))
        .forEach(p -> p.routeIds().forEach(route -> sunsetDays.put(route, p.sunset())));
    sunsets.replace(sunsetDays);
    followed = newest;
  }

  private void install(ServicePublications.Publication publication) {
    installed.put(publication.id(), publication);
    try {
      connectors.register(publication.descriptor(), wsdlFile(publication));
      Routes.add(camel, "publication-" + publication.id() + ".yaml", publication.routes());
      log.info("service {} {} in service (revision {}, routes {})", publication.service(), publication.version(),
          publication.revision(), publication.routeIds());
    } catch (Exception e) {
      // a route that cannot start (its path taken since the approval) leaves the others serving
      log.error("service {} {} could not be put in service ({}): {}", publication.service(), publication.version(),
          e.getClass().getSimpleName(), e.getMessage());
      removeRoutes(publication);
    }
  }

  /**
   * The WSDL of a SOAP publication, written where its connector reads it (CXF builds the client from a WSDL
   * URL); null for a REST one.
   */
  private Path wsdlFile(ServicePublications.Publication publication) throws IOException {
    Optional<String> wsdl = publications.wsdl(publication.id());
    if (wsdl.isEmpty()) {
      return null;
    }
    Path file = wsdlDirectory.resolve(publication.connectorId() + "-" + publication.revision() + ".wsdl");
    Files.createDirectories(wsdlDirectory);
    Files.writeString(file, wsdl.get(), StandardCharsets.UTF_8);
    return file;
  }

  private void uninstall(ServicePublications.Publication publication) {
    installed.remove(publication.id());
    removeRoutes(publication);
    connectors.remove(publication.connectorId());
    log.info("service {} {} out of service (revision {})", publication.service(), publication.version(),
        publication.revision());
  }

  private void removeRoutes(ServicePublications.Publication publication) {
    Routes.remove(camel, publication.routeIds(), STOP_SECONDS);
    publication.routeIds().forEach(declaredServices::forget);
  }
}
