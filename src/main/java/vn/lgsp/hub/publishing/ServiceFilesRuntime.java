package vn.lgsp.hub.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.Refresher;
import vn.lgsp.hub.audit.pipeline.AuditTrail;
import vn.lgsp.hub.catalog.DeclaredServices;
import vn.lgsp.hub.connectors.ConnectorRegistry;

/**
 * Makes this hub serve the newest version of the service files. At start Camel and the connector registry
 * have read the files on disk; once Camel runs, the files are imported if they changed since the last import,
 * and the newest version is put in force (another hub may have applied a newer one). Then every half second:
 * when a newer version appears, the routes of each route file removed or changed go (their calls in flight
 * finish first), the connectors are replaced (an unchanged one stays as it was), and the routes of each route
 * file added or changed come. A version whose route file does not load leaves that file's routes out and the
 * rest serving, and says so in the log.
 */
@Component
public class ServiceFilesRuntime {

  private static final Logger log = LoggerFactory.getLogger(ServiceFilesRuntime.class);
  private static final long STOP_SECONDS = 10;

  private final CamelContext camel;
  private final ConnectorRegistry connectors;
  private final DeclaredServices declaredServices;
  private final ServiceFiles serviceFiles;
  private final ServiceFilesStore store;
  private final AuditTrail trail;
  private final Path wsdlDirectory;
  /** The files this hub serves; at start, those on disk. */
  private Map<String, String> running;
  private long followed = -1;
  private Refresher follower;

  public ServiceFilesRuntime(CamelContext camel, ConnectorRegistry connectors, DeclaredServices declaredServices,
      ServiceFiles serviceFiles, ServiceFilesStore store, AuditTrail trail, HubProperties hub) {
    this.camel = camel;
    this.connectors = connectors;
    this.declaredServices = declaredServices;
    this.serviceFiles = serviceFiles;
    this.store = store;
    this.trail = trail;
    this.wsdlDirectory = hub.dataDir().resolve("service-files");
  }

  // before the published services: theirs may not take a route id or connector id of the files
  @Order(0)
  @EventListener(ApplicationStartedEvent.class)
  public void start() {
    running = serviceFiles.fromDisk();
    try {
      store.importFromDisk(running, AuditTrail.HUB).ifPresent(this::recordImport);
      follow();
    } catch (DataAccessException e) {
      log.warn("service files not followed from the database ({}): the files on disk serve, retrying every half"
          + " second", e.getClass().getSimpleName());
    }
    follower = Refresher.everyHalfSecond("service-files", log, "service files", this::follow);
  }

  @EventListener(ContextClosedEvent.class)
  public void stop() {
    if (follower != null) {
      follower.close();
      follower = null;
    }
  }

  private void recordImport(ServiceFilesStore.Version version) {
    log.info("service files imported as version {}", version.version());
    try {
      trail.event(AuditTrail.HUB, "service-files.import", "version " + version.version() + ": " + version.reason(), null);
    } catch (RuntimeException e) {
      // the version row is the import's evidence too; a broker away at start must not stop the hub
      log.warn("the import of service files version {} is not in the exchange log ({})", version.version(),
          e.getClass().getSimpleName());
    }
  }

  /** One round: nothing to do unless a newer version exists. */
  public synchronized void follow() {
    long newest = store.newestNumber();
    if (newest == followed || newest == 0) {
      return;
    }
    Map<String, String> files = store.files(newest).orElseThrow();
    if (!files.equals(running)) {
      putInForce(newest, files);
    }
    followed = newest;
  }

  private void putInForce(long version, Map<String, String> files) {
    List<String> leaving = new ArrayList<>();
    List<String> coming = new ArrayList<>();
    for (Map.Entry<String, String> file : running.entrySet()) {
      if (file.getKey().startsWith(ServiceFiles.ROUTES) && !file.getValue().equals(files.get(file.getKey()))) {
        leaving.add(file.getKey());
      }
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().startsWith(ServiceFiles.ROUTES) && !file.getValue().equals(running.get(file.getKey()))) {
        coming.add(file.getKey());
      }
    }
    List<String> gone = leaving.stream().flatMap(name -> ServiceFiles.routeIds(running.get(name)).stream()).toList();
    Routes.remove(camel, gone, STOP_SECONDS);
    gone.forEach(declaredServices::forget);
    if (!ServiceFiles.descriptors(files).equals(ServiceFiles.descriptors(running))
        || !wsdls(files).equals(wsdls(running))) {
      try {
        connectors.replaceFiles(ServiceFiles.descriptors(files), writeWsdls(version, files));
      } catch (IOException | IllegalStateException e) {
        log.error("service files version {}: connectors not replaced ({}): {}", version, e.getClass().getSimpleName(),
            e.getMessage());
      }
    }
    for (String name : coming) {
      try {
        Routes.add(camel, name, files.get(name));
      } catch (Exception e) {
        log.error("service files version {}: routes of {} not started ({}): {}", version, name,
            e.getClass().getSimpleName(), e.getMessage());
        Routes.remove(camel, ServiceFiles.routeIds(files.get(name)), STOP_SECONDS);
      }
    }
    running = files;
    log.info("service files version {} in force ({} route files out, {} in)", version, leaving.size(), coming.size());
  }

  private static Map<String, String> wsdls(Map<String, String> files) {
    return files.entrySet().stream().filter(f -> f.getKey().endsWith(".wsdl"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The version's WSDLs, written where its SOAP connectors read them. */
  private Path writeWsdls(long version, Map<String, String> files) throws IOException {
    Path directory = wsdlDirectory.resolve(Long.toString(version));
    Files.createDirectories(directory);
    for (Map.Entry<String, String> wsdl : wsdls(files).entrySet()) {
      Path file = directory.resolve(wsdl.getKey().substring(ServiceFiles.CONNECTORS.length()));
      Files.writeString(Objects.requireNonNull(file), wsdl.getValue(), StandardCharsets.UTF_8);
    }
    return directory;
  }
}
