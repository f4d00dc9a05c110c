package vn.lgsp.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** lgsp-hub: mediates data requests between one-stop systems and the registers that hold the data. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LgspHubApplication {

  public static void main(String[] args) {
    SpringApplication.run(LgspHubApplication.class, args);
  }
}
