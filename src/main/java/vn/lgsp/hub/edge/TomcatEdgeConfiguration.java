package vn.lgsp.hub.edge;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http2.Http2Protocol;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Tomcat side of the edge: connector limits and the error valve (moved out of the engine's configuration). */
@Configuration(proxyBeanMethods = false)
public class TomcatEdgeConfiguration {

  /**
   * Tomcat hands encoded slashes to the security firewall (which refuses them as a problem that
   * is logged) instead of refusing them itself, and accepts headers up to 64 KiB so that the
   * edge guard, not Tomcat, refuses those over the hub's limit with 431.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> edgeTomcat(ObjectProvider<EdgeRefusals> refusals,
      BodyReadProperties bodyReads) {
    return factory -> {
      factory.addConnectorCustomizers(connector -> {
        connector.setEncodedSolidusHandling("passthrough");
        if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
          http.setMaxHttpRequestHeaderSize(64 * 1024);
          // a body that pauses longer than this fails its read: a trickling caller lets go of its thread
          http.setDisableUploadTimeout(false);
          http.setConnectionUploadTimeout((int) bodyReads.idle().toMillis());
          // a body the hub refused unread is not swallowed (a slow sender would hold the thread): the
          // connection is closed after the answer instead
          http.setMaxSwallowSize(0);
          if (http.isSSLEnabled()) {
            http2(connector, bodyReads);
          }
        }
      });
      // what Tomcat refuses itself is answered and logged as a problem too
      factory.addContextCustomizers(context -> {
        if (context.getParent() instanceof StandardHost host) {
          // this hub's own valve instance: Tomcat adds one by class name only where none is present
          host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          if (java.util.Arrays.stream(host.getPipeline().getValves()).noneMatch(v -> v instanceof ProblemErrorReportValve)) {
            host.getPipeline().addValve(new ProblemErrorReportValve(refusals::getIfAvailable));
          }
        }
      });
    };
  }


  /**
   * HTTP/2 beside HTTP/1.1 on a TLS connector, chosen by ALPN. Not in cleartext: Tomcat reads an h2c upgrade
   * request's body itself, before the edge guard, with no deadline and no bound on concurrent slow senders. A
   * stream whose body stops for the edge's idle time fails its read, as an HTTP/1.1 body does.
   */
  private static void http2(Connector connector, BodyReadProperties bodyReads) {
    Http2Protocol http2 = new Http2Protocol();
    http2.setStreamReadTimeout(bodyReads.idle().toMillis());
    connector.addUpgradeProtocol(http2);
  }
}
