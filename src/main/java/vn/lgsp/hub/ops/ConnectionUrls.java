package vn.lgsp.hub.ops;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.ConnectionFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;
import org.springframework.jms.connection.SingleConnectionFactory;

/** Where this hub's database and broker are, for operators: addresses and user names, never a password. */
final class ConnectionUrls {

  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)([?&;](?:password|sslpassword|sslkey|pass|pwd)=)[^&;]*");
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:]*):[^/@]*@");

  private ConnectionUrls() {}

  /** The JDBC URL and user of the hub's pool. */
  static String database(DataSource dataSource) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        if (pool.getJdbcUrl() != null) {
          return withoutSecrets(pool.getJdbcUrl()) + (pool.getUsername() == null ? "" : " as " + pool.getUsername());
        }
      }
    } catch (SQLException e) {
      // not a pool that says where it connects
    }
    return dataSource.getClass().getSimpleName();
  }

  /** The broker addresses of the hub's JMS connection factory ({@code vm://0} for the embedded broker). */
  static String broker(ConnectionFactory factory) {
    ConnectionFactory target = factory;
    for (int depth = 0; depth < 4; depth++) {
      if (target instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null) {
        target = single.getTargetConnectionFactory();
      } else if (target instanceof DelegatingConnectionFactory delegating && delegating.getTargetConnectionFactory() != null) {
        target = delegating.getTargetConnectionFactory();
      }
    }
    if (!(target instanceof ActiveMQConnectionFactory artemis)) {
      return target.getClass().getSimpleName();
    }
    ServerLocator locator = artemis.getServerLocator();
    if (locator.getDiscoveryGroupConfiguration() != null) {
      return "discovery group " + locator.getDiscoveryGroupConfiguration().getName();
    }
    List<String> addresses = new ArrayList<>();
    for (TransportConfiguration t : locator.getStaticTransportConfigurations()) {
      addresses.add(address(t));
    }
    String joined = addresses.size() == 1 ? addresses.get(0) : "(" + String.join(",", addresses) + ")";
    return joined + (locator.isHA() ? "?ha=true" : "") + (artemis.getUser() == null ? "" : " as " + artemis.getUser());
  }

  private static String address(TransportConfiguration t) {
    Map<String, Object> p = t.getParams();
    if (t.getFactoryClassName().endsWith("InVMConnectorFactory")) {
      return "vm://" + p.getOrDefault("serverId", 0);
    }
    boolean tls = Boolean.parseBoolean(String.valueOf(p.get("sslEnabled")));
    return "tcp://" + p.getOrDefault("host", "localhost") + ":" + p.getOrDefault("port", 61616) + (tls ? "?sslEnabled=true" : "");
  }

  /** A URL with its password parameters and user-info password blanked. */
  static String withoutSecrets(String url) {
    String blanked = SECRET_PARAMETER.matcher(url).replaceAll("$1****");
    return USER_INFO_PASSWORD.matcher(blanked).replaceAll("$1:****@");
  }
}
