package vn.lgsp.hub;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import vn.lgsp.hub.audit.verification.VerifyCommand;
import vn.lgsp.hub.ops.ApplyCommand;
import vn.lgsp.hub.ops.VerifyAnswerCommand;

/** lgsp-hub: mediates data requests between one-stop systems and the registers that hold the data. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LgspHubApplication {

  public static void main(String[] args) {
    if (args.length > 0 && VerifyCommand.NAME.equals(args[0])) {
      System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    if (args.length > 0 && VerifyAnswerCommand.NAME.equals(args[0])) {
      System.exit(VerifyAnswerCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    Optional<ApplyCommand.Target> apply = args.length > 0 ? ApplyCommand.Target.named(args[0]) : Optional.empty();
    if (apply.isPresent()) {
      System.exit(ApplyCommand.run(apply.get(), Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out,
          System.err));
    }
    SpringApplication.run(LgspHubApplication.class, args);
  }
}
