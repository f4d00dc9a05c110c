package vn.lgsp.hub;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import vn.lgsp.hub.audit.verification.VerifyCommand;
import vn.lgsp.hub.rights.ApplyRightsCommand;

/** lgsp-hub: mediates data requests between one-stop systems and the registers that hold the data. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LgspHubApplication {

  public static void main(String[] args) {
    if (args.length > 0 && VerifyCommand.NAME.equals(args[0])) {
      System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    if (args.length > 0 && ApplyRightsCommand.NAME.equals(args[0])) {
      System.exit(ApplyRightsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out,
          System.err));
    }
    SpringApplication.run(LgspHubApplication.class, args);
  }
}
