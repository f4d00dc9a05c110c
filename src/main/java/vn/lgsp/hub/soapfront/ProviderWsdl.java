package vn.lgsp.hub.soapfront;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lgsp.hub.catalog.PublishedService;
import vn.lgsp.hub.catalog.ServiceCatalog;
import vn.lgsp.hub.edge.ProblemWriter;
import vn.lgsp.hub.protocol.CallerLanguage;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * {@code GET /services/hub?wsdl&provider=VN/GOV/BCA/DANCU}: one provider's WSDL, written from the catalogue as it
 * stands (a service published since the hub started included), with the X-Road metaservices and the hub's SOAP
 * address. Without {@code provider}, {@code ?wsdl} is the whole hub's WSDL as CXF serves it, written at start.
 */
@Component
public class ProviderWsdl extends OncePerRequestFilter {

  private final ServiceCatalog catalog;
  private final ProblemWriter problems;

  public ProviderWsdl(ServiceCatalog catalog, ProblemWriter problems) {
    this.catalog = catalog;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !"/services/hub".equals(request.getRequestURI())
        || request.getParameter("wsdl") == null || request.getParameter("provider") == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SubsystemId provider;
    try {
      provider = SubsystemId.parse(request.getParameter("provider"));
    } catch (IllegalArgumentException e) {
      refuse(request, response, ProblemType.INVALID_REQUEST, ProblemText.of("path.malformed-provider"));
      return;
    }
    List<PublishedService> services = catalog.services().stream().filter(s -> s.service().provider().equals(provider))
        .toList();
    if (services.isEmpty()) {
      refuse(request, response, ProblemType.UNKNOWN_SERVICE, ProblemText.of("directory.no-provider", provider.toString()));
      return;
    }
    String address = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + "/services/hub";
    byte[] wsdl = HubWsdl.write(services, address).getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/xml; charset=utf-8");
    response.setContentLength(wsdl.length);
    response.getOutputStream().write(wsdl);
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemType type, ProblemText detail)
      throws IOException {
    problems.send(response, type, detail, UUID.randomUUID().toString(),
        CallerLanguage.of(request.getHeader(CallerLanguage.HEADER)));
  }
}
