package vn.lgsp.hub.audit;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar lgsp-hub.jar verify-exchange-log [options] [FILE...]}: verifies export and
 * archive files (in chain order) and, with {@code --jdbc-url}, a database after them, without
 * starting the hub. Exit status 0: intact; 1: not intact (the report names the first bad record);
 * 2: the command could not run.
 */
public final class VerifyCommand {

  public static final String NAME = "verify-exchange-log";

  static final String USAGE = """
      usage: java -jar lgsp-hub.jar verify-exchange-log [--certificate=SEAL.pem]... [--jdbc-url=URL --jdbc-user=USER] [FILE...]
        FILE               export (GET /admin/api/exchanges/export) or archive files, in chain order
        --certificate      a trusted seal certificate (GET /admin/api/exchange-log/certificate); repeatable.
                           Without it the certificate inside the first file is trusted: compare the
                           fingerprint printed with the one the hub's operator publishes.
        --jdbc-url         also verify this database (PostgreSQL), after the files; the password
                           comes from the environment variable LGSP_HUB_JDBC_PASSWORD
        --max-unsealed-run the hub's seal every-records plus its batch size (default 1500): a longer
                           run without a seal in the database means seals were removed
      """;

  private VerifyCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> files = new ArrayList<>();
    List<X509Certificate> certificates = new ArrayList<>();
    String jdbcUrl = null;
    String jdbcUser = null;
    long maxUnsealedRun = 1500;
    try {
      for (String arg : args) {
        if (arg.startsWith("--certificate=")) {
          certificates.add(TrustedKeys.read(Path.of(arg.substring("--certificate=".length()))));
        } else if (arg.startsWith("--jdbc-url=")) {
          jdbcUrl = arg.substring("--jdbc-url=".length());
        } else if (arg.startsWith("--jdbc-user=")) {
          jdbcUser = arg.substring("--jdbc-user=".length());
        } else if (arg.startsWith("--max-unsealed-run=")) {
          maxUnsealedRun = Long.parseLong(arg.substring("--max-unsealed-run=".length()));
        } else if (arg.startsWith("--")) {
          err.print(USAGE);
          return 2;
        } else {
          files.add(Path.of(arg));
        }
      }
      if (files.isEmpty() && jdbcUrl == null) {
        err.print(USAGE);
        return 2;
      }
      if (certificates.isEmpty()) {
        if (files.isEmpty()) {
          err.println("verifying a database needs --certificate: its seals are checked against it");
          return 2;
        }
        X509Certificate embedded = embeddedCertificate(files.get(0));
        err.println("trusting the seal certificate inside " + files.get(0).getFileName() + ", key id "
            + TrustedKeys.keyId(embedded));
        certificates.add(embedded);
      }
      ChainReader database = null;
      if (jdbcUrl != null) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, jdbcUser,
            System.getenv().getOrDefault("LGSP_HUB_JDBC_PASSWORD", ""));
        database = new ChainReader(dataSource);
      }
      LogVerifier.Report report = new LogVerifier(new TrustedKeys(certificates), Clock.systemUTC(), maxUnsealedRun)
          .verify(files, database, false);
      out.println(ExportFile.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      return report.intact() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      err.println("verify-exchange-log: " + e.getMessage());
      return 2;
    }
  }

  private static X509Certificate embeddedCertificate(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      String header = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8).lines()
          .findFirst().orElse("");
      String pem = ExportFile.JSON.readTree(header).path("certificate").asText(null);
      if (pem == null) {
        throw new IOException(file + " holds no certificate: pass --certificate");
      }
      return TrustedKeys.parsePem(pem);
    }
  }
}
