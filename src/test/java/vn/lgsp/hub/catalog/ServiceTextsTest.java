package vn.lgsp.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.connectors.ConnectorProperties;
import vn.lgsp.hub.connectors.ConnectorRegistry;
import vn.lgsp.hub.connectors.ResilienceFactory;
import vn.lgsp.hub.protocol.Bilingual;
import vn.lgsp.hub.support.TestDataDir;

/**
 * A route that calls no connector operation has its texts only if they are declared beside it;
 * without them the hub does not start, and the message names the route and its file.
 */
class ServiceTextsTest {

  private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();
  private final DefaultCamelContext camel = new DefaultCamelContext();

  @AfterEach
  void close() throws Exception {
    camel.close();
    validation.close();
  }

  private ServiceCatalog catalog(ServiceTexts... declared) throws Exception {
    Path folder = TestDataDir.create("service-texts");
    Path route = folder.resolve("routes/dossier.yaml");
    Files.createDirectories(route.getParent());
    Files.writeString(route, """
        - route:
            id: dossier
            routeConfigurationId: xroad-service
            from:
              uri: direct:dossier
              steps:
                - log: assembled without a register
        """);
    PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:" + route));
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    for (ServiceTexts texts : declared) {
      beans.addBean(texts.routeId(), texts);
    }
    ConnectorRegistry noConnectors = new ConnectorRegistry(
        new ConnectorProperties(Files.createDirectories(folder.resolve("connectors"))), new MockEnvironment(),
        validation.getValidator(), new ResilienceFactory(), new ObjectMapper(), Clock.systemUTC());
    return new ServiceCatalog(camel, noConnectors, beans.getBeanProvider(ServiceTexts.class));
  }

  @Test
  void aRouteWithoutTextsStopsTheStartNamingRouteAndFile() throws Exception {
    ServiceCatalog catalog = catalog();
    assertThat(catalog.texts("dossier")).isEmpty();
    assertThatThrownBy(catalog::everyRouteHasItsTexts).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("route dossier").hasMessageContaining("routes/dossier.yaml")
        .hasMessageContaining("no title and description");
  }

  @Test
  void textsDeclaredBesideTheRouteAreItsOwn() throws Exception {
    ServiceCatalog catalog = catalog(new ServiceTexts("dossier",
        new Bilingual("Hồ sơ tổng hợp", "Consolidated dossier"), new Bilingual("Gom nhiều nguồn.", "Gathers sources.")));
    catalog.everyRouteHasItsTexts();
    assertThat(catalog.texts("dossier").orElseThrow().title().vi()).isEqualTo("Hồ sơ tổng hợp");
  }

  @Test
  void declaredTextsNeedBothLanguages() {
    assertThatThrownBy(() -> new ServiceTexts("dossier", new Bilingual("Hồ sơ tổng hợp", " "),
        new Bilingual("Gom nhiều nguồn.", "Gathers sources."))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("route dossier");
  }
}
