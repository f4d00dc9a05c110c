package vn.lgsp.hub.audit.verification;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.SealWitness;
import vn.lgsp.hub.audit.chain.WitnessLog;
import vn.lgsp.hub.audit.files.ExchangeLogArchive;

/**
 * Verifies the archives and the database together, and the database against the seal witness;
 * remembers the last verdict for the console.
 */
@Component
public class ExchangeLogVerification {

  private final LogVerifier verifier;
  private final ExchangeLogArchive archive;
  private final ChainReader reader;
  private final SealWitness witness;
  private final AtomicReference<LogVerifier.Report> last = new AtomicReference<>();

  public ExchangeLogVerification(LogVerifier logVerifier, ExchangeLogArchive archive, ChainReader reader,
      SealWitness witness) {
    this.verifier = logVerifier;
    this.archive = archive;
    this.reader = reader;
    this.witness = witness;
  }

  public LogVerifier.Report verify() {
    // the witness first: everything it holds was committed before the database snapshot is taken
    WitnessLog.Witnessed witnessed = witness.newest().orElse(null);
    LogVerifier.Report report = verifier.verify(archive.files(), reader, true, witnessed);
    last.set(report);
    return report;
  }

  /** The last verdict, null before the first verification. */
  public LogVerifier.Report lastReport() {
    return last.get();
  }
}
