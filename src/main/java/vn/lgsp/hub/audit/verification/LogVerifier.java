package vn.lgsp.hub.audit.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.ChainVerifier;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.TimeStamps;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.chain.WitnessLog;
import vn.lgsp.hub.audit.files.ExportCheck;
import vn.lgsp.hub.audit.files.ExportFile;

/**
 * Verifies the whole exchange log: the archive files in chain order, each starting where the one
 * before ended, then the database, starting where the last archive ended, and last the database
 * against the newest seal the witness holds ({@code truncated} if the database lost what the
 * witness saw). The admin endpoint and the verification command share it.
 */
public final class LogVerifier {

  /**
   * One checked piece: an archive or export file, or the database. For a file, {@code check} is the
   * report of docs/EVIDENCE-FORMAT.md, section 9, with its verdict and counts.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Part(String source, ChainVerifier.Result result, ExportCheck.Report check) {

    public Part(String source, ChainVerifier.Result result) {
      this(source, result, null);
    }
  }

  /**
   * The verdict over all pieces; {@code firstBad} names the first break and where it is. {@code
   * witnessedSeq} is the newest position the seal witness holds, {@code witnessTimeStamp} the
   * authority's time-stamp of that seal (absent without a valid token).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Report(
      boolean intact,
      Instant verifiedAt,
      long records,
      long seals,
      long lastSeq,
      long unsealedRecords,
      String firstBadSource,
      ChainVerifier.Break firstBad,
      List<Part> parts,
      Long witnessedSeq,
      TimeStamps.TimeStamp witnessTimeStamp) {}

  private final TrustedKeys trust;
  private final Clock clock;
  private final long maxUnsealedRun;

  /** @param maxUnsealedRun the longest run without a seal the database may hold (0: any) */
  public LogVerifier(TrustedKeys trust, Clock clock, long maxUnsealedRun) {
    this.trust = trust;
    this.clock = clock;
    this.maxUnsealedRun = maxUnsealedRun;
  }

  /**
   * Verifies {@code files} (in chain order) and then, if given, the database. With {@code
   * fromGenesis} the first part must start at the chain's very beginning: the hub's own archive
   * set must be complete, while an auditor may check any exported stretch on its own.
   */
  public Report verify(List<Path> files, ChainReader database, boolean fromGenesis) {
    return verify(files, database, fromGenesis, null);
  }

  /**
   * As {@link #verify(List, ChainReader, boolean)}, and the database against {@code witnessed}, the
   * newest seal of the witness (null: none). Read the witness before calling: a seal is witnessed
   * after its commit, so one read first is in the database's snapshot unless records were removed.
   */
  public Report verify(List<Path> files, ChainReader database, boolean fromGenesis, WitnessLog.Witnessed witnessed) {
    List<Part> parts = new ArrayList<>();
    long endSeq = fromGenesis ? 0 : -1;
    String endHash = fromGenesis ? ChainHash.GENESIS : null;
    for (Path file : files) {
      ChainVerifier.Result result;
      ExportCheck.Report check;
      try (InputStream in = Files.newInputStream(file)) {
        ExportFile.Verified v = ExportFile.verify(in, trust);
        check = v.check();
        result = check.unusable() || endHash == null || (v.baseSeq() == endSeq && endHash.equals(v.baseHash()))
            ? v.result()
            : discontinuous(v.result(), v.baseSeq(), endSeq);
      } catch (IOException | RuntimeException e) {
        result = unreadable(e);
        check = ExportCheck.unusable("cannot read the file: " + e.getMessage()).report();
      }
      parts.add(new Part(file.getFileName().toString(), result, check));
      endSeq = result.lastSeq();
      endHash = result.lastHash();
    }
    if (database != null) {
      long archivedTo = endSeq;
      String archivedHash = endHash;
      parts.add(new Part("database", database.inSnapshot(s -> {
        ExchangeChain.Head head = s.head();
        ChainVerifier verifier = new ChainVerifier(head.baseSeq(), head.baseHash(), trust, maxUnsealedRun);
        s.seals(head.baseSeq(), head.lastSeq()).forEach(verifier::seal);
        s.records(head.baseSeq(), head.lastSeq(), verifier::record);
        s.outside(head.baseSeq(), head.lastSeq(), verifier::outside);
        ChainVerifier.Result result = verifier.finish(head.lastSeq(), head.lastHash());
        if (result.intact() && witnessed != null) {
          result = againstWitness(result, head, s, witnessed);
        }
        boolean continues = archivedHash == null
            ? head.baseSeq() == 0
            : head.baseSeq() == archivedTo && head.baseHash().equals(archivedHash);
        return !result.intact() || continues ? result : discontinuous(result, head.baseSeq(), Math.max(archivedTo, 0));
      })));
    }
    return report(parts, witnessed);
  }

  /**
   * The database must still hold every position the witness saw sealed, each with the hash sealed
   * then: not only the newest, since after a cut the hub seals the rewritten chain again and its new
   * seals match it. A position at or before the database's base was archived: the archive files
   * answer for it.
   */
  private ChainVerifier.Result againstWitness(ChainVerifier.Result r, ExchangeChain.Head head, ChainReader.Snapshot s,
      WitnessLog.Witnessed witnessed) {
    Seal seal = witnessed.seal();
    if (!trust.verify(seal.keyId(), seal.text(), seal.signature())) {
      return broken(r, new ChainVerifier.Break("seal-forged", seal.upToSeq(), null, null, "the witness's newest seal ("
          + witnessed.source() + ") is not signed by a trusted key: the witness was written by someone else"));
    }
    ChainVerifier.Break[] cut = {null};
    WitnessLog.forEachSeal(witnessed.witness(), (seq, headHash, source) -> {
      if (cut[0] != null && cut[0].chainSeq() <= seq || seq <= head.baseSeq()) {
        return;
      }
      String found = seq <= head.lastSeq() ? s.hashAt(seq) : null;
      if (!headHash.equals(found)) {
        String seen = "the witness (" + source + ") saw chain position " + seq + " sealed";
        cut[0] = new ChainVerifier.Break("truncated", seq, null, null, found == null
            ? seen + ", but the database's chain ends at " + head.lastSeq() + ": its newest records and their seals were deleted"
            : seen + " with another record: the chain was cut back and written again from before there");
      }
    });
    return cut[0] == null ? r : broken(r, cut[0]);
  }

  private static ChainVerifier.Result broken(ChainVerifier.Result r, ChainVerifier.Break problem) {
    return new ChainVerifier.Result(false, r.firstSeq(), r.lastSeq(), r.lastHash(), r.records(), r.seals(),
        r.unsealedRecords(), problem);
  }

  private Report report(List<Part> parts, WitnessLog.Witnessed witnessed) {
    long records = 0;
    long seals = 0;
    for (Part p : parts) {
      records += p.result().records();
      seals += p.result().seals();
    }
    Part bad = parts.stream().filter(p -> !p.result().intact()).findFirst().orElse(null);
    Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
    return new Report(bad == null, clock.instant(), records, seals, last == null ? 0 : last.result().lastSeq(),
        last == null ? 0 : last.result().unsealedRecords(), bad == null ? null : bad.source(),
        bad == null ? null : bad.result().firstBad(), parts, witnessed == null ? null : witnessed.seal().upToSeq(),
        witnessed == null || witnessed.timeStampToken() == null ? null
            : TimeStamps.check(witnessed.timeStampToken(), witnessed.seal()).orElse(null));
  }

  private static ChainVerifier.Result discontinuous(ChainVerifier.Result r, long startsAfter, long previousEnd) {
    return new ChainVerifier.Result(false, r.firstSeq(), r.lastSeq(), r.lastHash(), r.records(), r.seals(),
        r.unsealedRecords(), new ChainVerifier.Break("removed", previousEnd + 1, null, null,
            "this part starts after chain position " + startsAfter + " but the part before it ends at " + previousEnd
                + ": records between them are missing (an archive file absent?)"));
  }

  private static ChainVerifier.Result unreadable(Exception e) {
    return new ChainVerifier.Result(false, 0, -1, null, 0, 0, 0,
        new ChainVerifier.Break("unreadable", null, null, null, "the file cannot be read as an exchange-log file: "
            + e.getMessage()));
  }
}
