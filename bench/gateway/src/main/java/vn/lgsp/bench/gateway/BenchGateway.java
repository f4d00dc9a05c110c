package vn.lgsp.bench.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Cloud Gateway as a Java team would set it up in front of a register: every request must carry a valid JWT
 * of the hub's issuer (signature by the hub's published keys, issuer, audience, expiry), then it is routed to the
 * upstream (application.yaml). No rights, no purpose, no journal: the work the hub does beyond this is what the
 * benchmark's ratio weighs.
 */
@SpringBootApplication
public class BenchGateway {

  public static void main(String[] args) {
    SpringApplication.run(BenchGateway.class, args);
  }

  @Bean
  SecurityWebFilterChain security(ServerHttpSecurity http) {
    return http.authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
        .oauth2ResourceServer(server -> server.jwt(jwt -> {}))
        .csrf(ServerHttpSecurity.CsrfSpec::disable)
        .build();
  }
}
