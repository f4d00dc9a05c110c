package vn.lgsp.hub.sandbox.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;
import java.util.Objects;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import vn.lgsp.hub.sandbox.LoopbackTomcat;
import vn.lgsp.hub.sandbox.SandboxBackend;
import vn.lgsp.hub.sandbox.population.ws.PopulationRegister;

/**
 * Publishes the sandbox population register as a SOAP 1.1 service on its own loopback port,
 * {@code http://127.0.0.1:{port}/population-register}, with the WSDL at {@code ?wsdl}.
 *
 * <p>It runs on a private CXF bus, served by CXF's servlet on a Tomcat of its own ({@link
 * LoopbackTomcat}), apart from the hub's own CXF bus and web server, so starting or stopping it
 * never touches the hub's endpoints. Faults carry no stack traces and no exception texts other
 * than the declared faults' (see {@link FaultSanitizer}).
 * The WSDL at {@code ?wsdl} is the contract file when one is given (the hub's
 * {@code connectors/population-register.wsdl}); without it, it is the WSDL CXF derives from the
 * classes generated from that file: the same operations, elements and faults, with the enumerated
 * values typed as plain strings.
 */
public final class PopulationRegisterSandbox implements AutoCloseable, SandboxBackend {

  public static final String HOST = LoopbackTomcat.HOST;
  public static final String PATH = "/population-register";

  private final int port;
  private final LoopbackTomcat tomcat;
  private final SyntheticPopulation population;
  private final URL contractWsdl;
  private Bus bus;
  private Server server;

  /** A sandbox over the default synthetic population; port 0 picks a free port now. */
  public PopulationRegisterSandbox(int port) {
    this(port, new SyntheticPopulation());
  }

  public PopulationRegisterSandbox(int port, SyntheticPopulation population) {
    this(port, population, null);
  }

  /**
   * @param contractWsdl the WSDL file to publish and serve at {@code ?wsdl}, e.g. the hub's
   *     {@code connectors/population-register.wsdl}; null to serve the WSDL derived from the code
   */
  public PopulationRegisterSandbox(int port, SyntheticPopulation population, URL contractWsdl) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    this.port = port == 0 ? freeLoopbackPort() : port;
    this.tomcat = new LoopbackTomcat("population-register", this.port);
    this.population = Objects.requireNonNull(population, "population");
    this.contractWsdl = contractWsdl;
  }

  /** The endpoint address; known before {@link #start()}, so it can be handed to clients early. */
  public String address() {
    return "http://" + HOST + ":" + port + PATH;
  }

  public int port() {
    return port;
  }

  public SyntheticPopulation population() {
    return population;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Publishes the endpoint; does nothing when already running. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    // parts of CXF look the bus up as the thread's default while the endpoint is built: make
    // that ours meanwhile, and give the caller's thread back whatever default it had
    Bus callersThreadBus = BusFactory.getThreadDefaultBus(false);
    Bus privateBus = newPrivateBus();
    Server endpoint = null;
    try {
      BusFactory.setThreadDefaultBus(privateBus);
      JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
      factory.setBus(privateBus);
      // without a bus of its own the JAXB binding would fall back to (and create) the JVM default
      JAXBDataBinding dataBinding = new JAXBDataBinding();
      dataBinding.setBus(privateBus);
      factory.setDataBinding(dataBinding);
      factory.setServiceClass(PopulationRegister.class);
      factory.setServiceBean(new PopulationRegisterEndpoint(population));
      // relative: the address under the servlet below, which this bus's destinations are registered with
      factory.setAddress(PATH);
      if (contractWsdl != null) {
        factory.setWsdlLocation(contractWsdl.toExternalForm());
      }
      factory.setProperties(Map.of(
          Message.FAULT_STACKTRACE_ENABLED, Boolean.FALSE,
          Message.EXCEPTION_MESSAGE_CAUSE_ENABLED, Boolean.FALSE));
      factory.getOutFaultInterceptors().add(new FaultSanitizer());
      endpoint = factory.create();
      tomcat.start(servletOf(privateBus), "/*", Map.of("hide-service-list-page", "true"));
      server = endpoint;
      bus = privateBus;
    } catch (RuntimeException e) {
      if (endpoint != null) {
        endpoint.destroy();
      }
      privateBus.shutdown(true);
      throw e;
    } finally {
      BusFactory.setThreadDefaultBus(callersThreadBus);
    }
  }

  /** Unpublishes the endpoint, frees the port and shuts the private bus down; does nothing when not running. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.destroy();
    } finally {
      try {
        tomcat.stop();
      } finally {
        bus.shutdown(true);
        server = null;
        bus = null;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** A bus of its own, not left behind as the JVM's default bus, so the hub's CXF keeps its own. */
  private static Bus newPrivateBus() {
    Bus created = new CXFBusFactory().createBus();
    synchronized (BusFactory.class) {
      if (BusFactory.getDefaultBus(false) == created) {
        BusFactory.setDefaultBus(null);
      }
    }
    return created;
  }

  /** CXF's servlet over the private bus, which {@link #stop()} shuts down after the endpoint (not the servlet). */
  private static CXFNonSpringServlet servletOf(Bus bus) {
    CXFNonSpringServlet servlet = new CXFNonSpringServlet() {
      @Override
      public void destroyBus() {
        // stop() owns the bus
      }
    };
    servlet.setBus(bus);
    return servlet;
  }

  /**
   * Asks the OS for a free loopback port. Another process could take it before Tomcat binds it;
   * for a test sandbox on a developer machine that race is acceptable.
   */
  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
