package vn.lgsp.hub.audit.files;

import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.ChainVerifier;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.chain.TrustedKeys;

/**
 * Writes a stretch of the chain as an {@link ExportFile} signed by this hub: exports and archives
 * alike. The header carries the certificate of every key whose seals the file holds (the current
 * one first, so that its fingerprint vouches for the others) and whether the stretch verified
 * before the hub signed it.
 */
@Component
class StretchExporter {

  private final SealKey sealKey;
  private final TrustedKeys trust;
  private final long maxUnsealedRun;
  private final Clock clock;

  StretchExporter(SealKey sealKey, TrustedKeys trustedSealKeys, AuditProperties audit, Clock clock) {
    this.sealKey = sealKey;
    this.trust = trustedSealKeys;
    this.maxUnsealedRun = audit.maxUnsealedRun();
    this.clock = clock;
  }

  /** Writes the positions {@code (baseSeq, lastSeq]} of the snapshot; answers the number of records. */
  long write(ChainReader.Snapshot snapshot, long baseSeq, String baseHash, long lastSeq, OutputStream out) {
    return write(snapshot, baseSeq, baseHash, lastSeq, null, out);
  }

  /** As {@link #write(ChainReader.Snapshot, long, String, long, OutputStream)}, with the export's selection. */
  long write(ChainReader.Snapshot snapshot, long baseSeq, String baseHash, long lastSeq, Map<String, Object> range,
      OutputStream out) {
    List<Seal> seals = snapshot.seals(baseSeq, lastSeq);
    ExportFile.Writer writer = new ExportFile.Writer(out);
    writer.header(baseSeq, baseHash, new ExportFile.HeaderInfo(clock.instant(), maxUnsealedRun, certificates(seals),
        range, verifiedBeforeSigning(snapshot, baseSeq, baseHash, lastSeq, seals)));
    seals.forEach(writer::seal);
    snapshot.records(baseSeq, lastSeq, writer::record);
    writer.footer(sealKey);
    return writer.records();
  }

  private List<X509Certificate> certificates(List<Seal> seals) {
    List<X509Certificate> certificates = new ArrayList<>(List.of(sealKey.certificate()));
    Map<String, X509Certificate> known = trust.certificates();
    seals.stream().map(Seal::keyId).distinct().filter(id -> !id.equals(sealKey.keyId()) && known.containsKey(id))
        .forEach(id -> certificates.add(known.get(id)));
    return certificates;
  }

  /** The hub's own check of the stretch (hashes, links, seals) before it signs: {@code intact} or the first problem. */
  private String verifiedBeforeSigning(ChainReader.Snapshot snapshot, long baseSeq, String baseHash, long lastSeq,
      List<Seal> seals) {
    ChainVerifier check = new ChainVerifier(baseSeq, baseHash, trust, 0);
    seals.forEach(check::seal);
    snapshot.records(baseSeq, lastSeq, check::record);
    ChainVerifier.Result result = check.finish(lastSeq, null);
    return result.intact() ? ExportCheck.INTACT : result.firstBad().problem();
  }
}
