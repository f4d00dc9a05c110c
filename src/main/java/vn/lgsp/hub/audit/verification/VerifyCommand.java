package vn.lgsp.hub.audit.verification;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.JsonLines;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.chain.WitnessLog;
import vn.lgsp.hub.audit.files.ExportCheck;

/**
 * {@code java -jar lgsp-hub.jar verify-exchange-log [options] [FILE...]}: verifies export and
 * archive files (in chain order) and, with {@code --jdbc-url}, a database after them (against a
 * seal witness with {@code --witness}), without starting the hub. The certificate inside a file is
 * never evidence of where the file came from: only a certificate or fingerprint the auditor got
 * from the hub's operator is. Verdicts, counts and exit codes are those of docs/EVIDENCE-FORMAT.md
 * (sections 8 and 9). Exit status 0: intact, from the trusted key; 1: not intact (the report names
 * every fault, the verdict the worst); 2: the command could not run or a file is unusable; 3: intact as
 * far as it goes, but its origin is unverified (no trusted certificate or fingerprint given).
 */
public final class VerifyCommand {

  public static final String NAME = "verify-exchange-log";

  static final String USAGE = """
      usage: java -jar lgsp-hub.jar verify-exchange-log (--certificate=SEAL.pem | --fingerprint=sha256:HEX)
                 [--jdbc-url=URL --jdbc-user=USER [--witness=DIR]] [FILE...]
        FILE               export (GET /admin/api/exchanges/export) or archive files, in chain order
        --certificate      a trusted seal certificate (GET /admin/api/exchange-log/certificate); repeatable
        --fingerprint      the SHA-256 fingerprint of the seal certificate, as the hub's operator publishes
                           it out of band (console, sealFingerprint in GET /admin/api/exchange-log/status;
                           openssl x509 -fingerprint -sha256); repeatable: a file is trusted only if its
                           footer is signed by the key of that fingerprint.
                           Without either, the file is checked with its own certificate, which proves
                           nothing about its origin: the command says so and exits with 3
        --jdbc-url         also verify this database (PostgreSQL), after the files; the password
                           comes from the environment variable LGSP_HUB_JDBC_PASSWORD
        --witness          the hub's seal witness (hub.audit.witness.directory, or one seal file): the
                           database must still hold the newest position the witness saw sealed
        --max-unsealed-run the hub's seal every-records plus its batch size (default 1500): a longer
                           run without a seal in the database means seals were removed
      options take their value after '=' or as the next argument
      """;

  /** The options that take a value. */
  private static final Set<String> VALUED =
      Set.of("--certificate", "--fingerprint", "--jdbc-url", "--jdbc-user", "--witness", "--max-unsealed-run");

  private VerifyCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> files = new ArrayList<>();
    List<X509Certificate> certificates = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    String jdbcUrl = null;
    String jdbcUser = null;
    Path witness = null;
    long maxUnsealedRun = 1500;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          files.add(Path.of(arg));
          continue;
        }
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (!VALUED.contains(name) || (eq < 0 && i + 1 >= args.length)) {
          err.print(USAGE);
          return 2;
        }
        String value = eq < 0 ? args[++i] : arg.substring(eq + 1);
        switch (name) {
          case "--certificate" -> certificates.add(TrustedKeys.read(Path.of(value)));
          case "--fingerprint" -> fingerprints.add(fingerprint(value));
          case "--jdbc-url" -> jdbcUrl = value;
          case "--jdbc-user" -> jdbcUser = value;
          case "--witness" -> witness = Path.of(value);
          default -> maxUnsealedRun = Long.parseLong(value);
        }
      }
      if (files.isEmpty() && jdbcUrl == null) {
        err.print(USAGE);
        return 2;
      }
      if (jdbcUrl != null && certificates.isEmpty()) {
        err.println("verifying a database needs --certificate: its seals are checked against it");
        return 2;
      }
      boolean originVerified = !certificates.isEmpty() || !fingerprints.isEmpty();
      if (!files.isEmpty()) {
        List<X509Certificate> embedded = embeddedCertificates(files.get(0));
        String keyId = embedded.isEmpty() ? null : TrustedKeys.keyId(embedded.get(0));
        if (!originVerified && embedded.isEmpty()) {
          err.println(files.get(0).getFileName() + " holds no readable certificate: pass --certificate");
          return 2;
        } else if (embedded.isEmpty()) {
          // unusable: the verification below says so in its report
        } else if (!originVerified) {
          err.println("origin unverified: the seal certificate inside " + files.get(0).getFileName() + " (sha256:" + keyId
              + ") is used only to check that the files are whole; anyone can sign a file with a certificate of"
              + " their own. Pass --certificate or --fingerprint as the hub's operator publishes them.");
          certificates.add(embedded.get(0));
        } else if (embedded.stream().map(TrustedKeys::keyId).noneMatch(id -> fingerprints.contains(id)
            || certificates.stream().map(TrustedKeys::keyId).anyMatch(id::equals))) {
          // trust nothing of the file: its footer then reads as forged, which is what it is to us
          err.println("the seal certificate inside " + files.get(0).getFileName() + " is sha256:" + keyId
              + ", not the fingerprint or certificate given: the files were not sealed by that hub");
        }
      }
      WitnessLog.Witnessed witnessed = witness == null ? null : WitnessLog.newest(witness).orElse(null);
      ChainReader database = null;
      if (jdbcUrl != null) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, jdbcUser,
            System.getenv().getOrDefault("LGSP_HUB_JDBC_PASSWORD", ""));
        database = new ChainReader(dataSource);
      }
      LogVerifier.Report report = new LogVerifier(new TrustedKeys(certificates, fingerprints), Clock.systemUTC(),
          maxUnsealedRun).verify(files, database, false, witnessed);
      boolean unusable = report.parts().stream().anyMatch(p -> p.check() != null && p.check().unusable());
      ObjectNode json = JsonLines.JSON.valueToTree(report);
      json.put("verdict", verdict(report));
      json.put("origin", originVerified ? "verified" : "unverified");
      out.println(JsonLines.JSON.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json));
      return unusable ? 2 : !report.intact() ? 1 : originVerified ? 0 : 3;
    } catch (RuntimeException e) {
      err.println("verify-exchange-log: " + e.getMessage());
      return 2;
    }
  }

  /** The verdict of the first part that is not intact (docs/EVIDENCE-FORMAT.md, section 8), else intact. */
  private static String verdict(LogVerifier.Report report) {
    for (LogVerifier.Part p : report.parts()) {
      if (p.check() != null && !p.check().intact()) {
        return p.check().verdict();
      }
      if (!p.result().intact()) {
        return p.result().firstBad().problem();
      }
    }
    return ExportCheck.INTACT;
  }

  /** {@code sha256:} and hex, with or without colons (as openssl prints it), in lower case. */
  private static String fingerprint(String value) {
    String hex = value.toLowerCase(Locale.ROOT);
    if (!hex.startsWith("sha256:")) {
      throw new IllegalArgumentException("--fingerprint: expected sha256:HEX");
    }
    hex = hex.substring("sha256:".length()).replace(":", "");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("--fingerprint: expected 64 hex digits after sha256:");
    }
    return hex;
  }

  /** The certificates a file's header carries (format /2: {@code certificates}; /1: {@code certificate}); none if unreadable. */
  private static List<X509Certificate> embeddedCertificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String header = new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      JsonNode node = JsonLines.JSON.readTree(header);
      List<X509Certificate> found = new ArrayList<>();
      if (node.path("certificates").isArray()) {
        node.get("certificates").forEach(pem -> found.add(TrustedKeys.parsePem(pem.asString())));
      }
      if (node.path("certificate").isTextual()) {
        found.add(TrustedKeys.parsePem(node.get("certificate").asText()));
      }
      return found;
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }
}
