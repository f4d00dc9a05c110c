package vn.lgsp.hub.soapfront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.catalog.ServiceCatalog;

/**
 * Publishes the SOAP front at {@code /services/hub} (WSDL at {@code ?wsdl}) once the routes run,
 * since its WSDL is written from them.
 */
@Component
public class SoapFrontConfiguration {

  private final Bus bus;
  private final HubSoapEndpoint endpoint;
  private final ServiceCatalog catalog;
  private final HubProperties hub;
  private final SoapRequestStart start;
  private final SoapRefusalRecorder refusals;
  private EndpointImpl published;

  public SoapFrontConfiguration(Bus bus, HubSoapEndpoint endpoint, ServiceCatalog catalog, HubProperties hub,
      SoapRequestStart start, SoapRefusalRecorder refusals) {
    this.bus = bus;
    this.endpoint = endpoint;
    this.start = start;
    this.refusals = refusals;
    this.catalog = catalog;
    this.hub = hub;
  }

  /**
   * Bounds every XML document the hub's CXF reads (the SOAP front's requests, the registers'
   * answers), on top of CXF's own refusal of DTDs: depth, children, attributes, text and elements.
   */
  static final Map<String, Object> XML_LIMITS = Map.of(
      "org.apache.cxf.stax.maxElementDepth", 32,
      "org.apache.cxf.stax.maxChildElements", 1000,
      "org.apache.cxf.stax.maxAttributeCount", 32,
      "org.apache.cxf.stax.maxAttributeSize", 4096,
      "org.apache.cxf.stax.maxTextLength", 262_144,
      "org.apache.cxf.stax.maxElementCount", 100_000L,
      "org.apache.cxf.stax.maxXMLCharacters", 1_048_576L);

  /** Depth, children per element, elements, characters of text: as the problem detail names them. */
  static Object[] limits() {
    return new Object[] {
      XML_LIMITS.get("org.apache.cxf.stax.maxElementDepth"), XML_LIMITS.get("org.apache.cxf.stax.maxChildElements"),
      XML_LIMITS.get("org.apache.cxf.stax.maxElementCount"), XML_LIMITS.get("org.apache.cxf.stax.maxTextLength")
    };
  }

  @EventListener(ApplicationReadyEvent.class)
  public void publish() {
    XML_LIMITS.forEach(bus::setProperty);
    Bus defaultBus = BusFactory.getDefaultBus(false);
    if (defaultBus != null && defaultBus != bus) {
      XML_LIMITS.forEach(defaultBus::setProperty);
    }
    Path wsdl = hub.dataDir().toAbsolutePath().resolve("soap-front.wsdl");
    try {
      Files.writeString(wsdl, HubWsdl.write(catalog.services()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the SOAP front's WSDL", e);
    }
    published = new EndpointImpl(bus, endpoint);
    published.setWsdlLocation(wsdl.toUri().toString());
    published.getInInterceptors().add(start);
    published.getOutFaultInterceptors().add(refusals);
    published.publish("/hub");
  }
}
