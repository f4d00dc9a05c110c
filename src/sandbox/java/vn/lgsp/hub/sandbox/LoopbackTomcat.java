package vn.lgsp.hub.sandbox;

import jakarta.servlet.Servlet;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.NamingContextListener;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardEngine;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.core.StandardServer;
import org.apache.catalina.core.StandardService;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * One servlet on an embedded Tomcat of its own, bound to 127.0.0.1: how each sandbox register
 * listens. The same HTTP stack as the hub, yet a server apart, so the operator can stop one
 * register (and watch its route turn red) without touching the hub's Tomcat or the other registers.
 * Port 0 takes a free port at the first start; later starts reuse it, so a register comes back
 * where the hub expects it.
 *
 * <p>Assembled from Tomcat's components rather than with its {@code Tomcat} helper, which sets
 * JVM-wide state (the {@code catalina.base} system property, the configuration file source) that
 * the hub's own Tomcat reads too.
 */
public final class LoopbackTomcat {

  public static final String HOST = "127.0.0.1";
  /** As many calls at once as the hub's bulkhead lets through to one register (connectors/*.yaml). */
  private static final int MAX_THREADS = 64;

  private final String name;
  private int port;
  private StandardServer server;
  private Path baseDir;

  /**
   * @param name the register's name, for Tomcat's thread and log names
   * @param port the loopback port; 0 for a free one, chosen at the first start
   */
  public LoopbackTomcat(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    this.name = name;
    this.port = port;
  }

  /**
   * Serves {@code servlet} at {@code mapping} (e.g. {@code /*}) with the given init parameters;
   * does nothing when already running. Fails with {@link IllegalStateException}, leaving nothing
   * behind, when the port cannot be bound.
   */
  public synchronized void start(Servlet servlet, String mapping, Map<String, String> initParameters) {
    if (server != null) {
      return;
    }
    Path base = createBaseDir();
    StandardServer candidate = assemble(base, servlet, mapping, initParameters);
    try {
      candidate.start();
      Connector connector = candidate.findServices()[0].findConnectors()[0];
      if (connector.getState() != LifecycleState.STARTED) {
        throw new LifecycleException("its connector is " + connector.getState());
      }
      port = connector.getLocalPort();
      server = candidate;
      baseDir = base;
    } catch (LifecycleException | RuntimeException e) {
      discard(candidate, base);
      throw new IllegalStateException("the sandbox's " + name + " cannot listen on " + HOST + ":" + port, e);
    }
  }

  /** Closes the port and the servlet; does nothing when not running. */
  public synchronized void stop() {
    if (server != null) {
      discard(server, baseDir);
      server = null;
      baseDir = null;
    }
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  public synchronized int port() {
    return port;
  }

  private StandardServer assemble(Path base, Servlet servlet, String mapping, Map<String, String> initParameters) {
    StandardServer created = new StandardServer();
    // no shutdown port; the hub stops it
    created.setPort(-1);
    created.setCatalinaBase(base.toFile());
    created.setCatalinaHome(base.toFile());
    created.setUtilityThreads(1);
    created.setUtilityThreadsAsDaemon(true);
    // no JNDI: nothing here looks anything up
    for (LifecycleListener listener : created.findLifecycleListeners()) {
      if (listener instanceof NamingContextListener) {
        created.removeLifecycleListener(listener);
      }
    }
    String label = "sandbox-" + name + "-" + port;
    StandardService service = new StandardService();
    service.setName(label);
    created.addService(service);
    service.addConnector(connector());
    StandardEngine engine = new StandardEngine();
    engine.setName(label);
    engine.setDefaultHost("localhost");
    service.setContainer(engine);
    StandardHost host = new StandardHost();
    host.setName("localhost");
    // Tomcat's own error pages (a request it refuses before the servlet) without a report or version
    ErrorReportValve errors = new ErrorReportValve();
    errors.setShowReport(false);
    errors.setShowServerInfo(false);
    host.getPipeline().addValve(errors);
    engine.addChild(host);
    host.addChild(context(servlet, mapping, initParameters));
    return created;
  }

  private StandardContext context(Servlet servlet, String mapping, Map<String, String> initParameters) {
    StandardContext context = new StandardContext();
    context.setName("");
    context.setPath("");
    // the hub's classes (in the quick start, the fat jar's loader), not the JVM's system class loader
    context.setParentClassLoader(LoopbackTomcat.class.getClassLoader());
    context.setDelegate(true);
    context.setUseNaming(false);
    // leak detection is for redeployed web applications; this context loads no class of its own
    context.setClearReferencesRmiTargets(false);
    context.setClearReferencesThreadLocals(false);
    context.addLifecycleListener(new Tomcat.FixContextListener());
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    wrapper.setLoadOnStartup(1);
    initParameters.forEach(wrapper::addInitParameter);
    context.addServletMappingDecoded(mapping, name);
    return context;
  }

  private Connector connector() {
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(port);
    connector.setProperty("address", HOST);
    connector.setProperty("maxThreads", Integer.toString(MAX_THREADS));
    connector.setProperty("minSpareThreads", "1");
    // keep-alive connections are not closed after Tomcat's default of 100 requests: the hub keeps its connections
    connector.setProperty("maxKeepAliveRequests", "-1");
    // an encoded slash reaches the register, which matches raw paths itself, instead of Tomcat's 400
    connector.setEncodedSolidusHandling("passthrough");
    return connector;
  }

  private void discard(StandardServer created, Path base) {
    try {
      if (created.getState().isAvailable() || created.getState() == LifecycleState.FAILED) {
        created.stop();
      }
      created.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("the sandbox's " + name + " did not stop cleanly", e);
    } finally {
      deleteTree(base);
    }
  }

  /** Tomcat's work folder, in the temporary directory (the tests point it under target/). */
  private Path createBaseDir() {
    try {
      return Files.createTempDirectory("sandbox-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary folder for the sandbox's " + name, e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // a leftover empty folder in the temporary directory: not worth failing a stop over
    }
  }
}
