package vn.lgsp.hub.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.protocol.signatures.AnswerVerifier;

/**
 * {@code java -jar lgsp-hub.jar verify-answer --certificate=HUB.pem HEADERS BODY}: verifies a saved answer of the
 * hub offline, with the hub's certificate as its operator publishes it (the seal certificate, {@code x5c} of the
 * keys at {@code /.well-known/http-message-signatures-directory}). Exit status 0: the hub's answer, unaltered;
 * 1: not (altered, or signed by another key); 2: the files cannot be read as a signed answer.
 */
public final class VerifyAnswerCommand {

  public static final String NAME = "verify-answer";

  static final String USAGE = """
      usage: java -jar lgsp-hub.jar verify-answer --certificate=HUB.pem HEADERS BODY
        HEADERS        the answer's status line and header fields, as curl -D saves them
        BODY           the answer's body, as curl -o saves it
        --certificate  the hub's certificate (PEM), whose fingerprint the operator publishes
      """;

  private VerifyAnswerCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String certificate = null;
    Path headers = null;
    Path body = null;
    for (String arg : args) {
      if (arg.startsWith("--certificate=")) {
        certificate = arg.substring("--certificate=".length());
      } else if (headers == null) {
        headers = Path.of(arg);
      } else if (body == null) {
        body = Path.of(arg);
      } else {
        err.print(USAGE);
        return 2;
      }
    }
    if (certificate == null || body == null) {
      err.print(USAGE);
      return 2;
    }
    try {
      X509Certificate trusted = TrustedKeys.read(Path.of(certificate));
      AnswerVerifier.Result result = AnswerVerifier.verify(Files.readString(headers, StandardCharsets.ISO_8859_1),
          Files.readAllBytes(body), trusted.getPublicKey(), TrustedKeys.keyId(trusted));
      out.println(switch (result.verdict()) {
        case VERIFIED -> "VERIFIED: " + result.reason();
        case NOT_VERIFIED -> "NOT VERIFIED: " + result.reason();
        case UNUSABLE -> "UNUSABLE: " + result.reason();
      });
      return switch (result.verdict()) {
        case VERIFIED -> 0;
        case NOT_VERIFIED -> 1;
        case UNUSABLE -> 2;
      };
    } catch (IOException | RuntimeException e) {
      err.println("cannot read the files: " + e.getClass().getSimpleName() + " " + e.getMessage());
      return 2;
    }
  }
}
