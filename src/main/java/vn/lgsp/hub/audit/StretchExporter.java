package vn.lgsp.hub.audit;

import java.io.OutputStream;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Writes a stretch of the chain as an {@link ExportFile} signed by this hub: exports and archives alike. */
@Component
class StretchExporter {

  private final SealKey sealKey;
  private final long maxUnsealedRun;
  private final Clock clock;

  StretchExporter(SealKey sealKey, AuditProperties audit, Clock clock) {
    this.sealKey = sealKey;
    this.maxUnsealedRun = audit.maxUnsealedRun();
    this.clock = clock;
  }

  /** Writes the positions {@code (baseSeq, lastSeq]} of the snapshot; answers the number of records. */
  long write(ChainReader.Snapshot snapshot, long baseSeq, String baseHash, long lastSeq, OutputStream out) {
    ExportFile.Writer writer = new ExportFile.Writer(out);
    writer.header(baseSeq, baseHash, clock.instant(), sealKey.certificatePem(), maxUnsealedRun);
    snapshot.seals(baseSeq, lastSeq).forEach(writer::seal);
    snapshot.records(baseSeq, lastSeq, writer::record);
    writer.footer(sealKey);
    return writer.records();
  }
}
