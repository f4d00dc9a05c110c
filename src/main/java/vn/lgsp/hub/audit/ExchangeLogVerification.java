package vn.lgsp.hub.audit;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** Verifies the archives and the database together, and remembers the last verdict for the console. */
@Component
public class ExchangeLogVerification {

  private final LogVerifier verifier;
  private final ExchangeLogArchive archive;
  private final ChainReader reader;
  private final AtomicReference<LogVerifier.Report> last = new AtomicReference<>();

  public ExchangeLogVerification(LogVerifier logVerifier, ExchangeLogArchive archive, ChainReader reader) {
    this.verifier = logVerifier;
    this.archive = archive;
    this.reader = reader;
  }

  public LogVerifier.Report verify() {
    LogVerifier.Report report = verifier.verify(archive.files(), reader, true);
    last.set(report);
    return report;
  }

  /** The last verdict, null before the first verification. */
  public LogVerifier.Report lastReport() {
    return last.get();
  }
}
