package vn.lgsp.hub.audit.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * Checks one stretch of the hash chain as it streams by (from the database, an export file or an
 * archive): records in chain order, the seals of the stretch, and where it should end. It stops at
 * the first break and names it: a record whose content no longer matches its hash ({@code
 * altered}), a missing position ({@code removed}), a record that is not part of the chain or lies
 * beyond its head ({@code inserted}), a record that does not follow its predecessor ({@code
 * broken-link}: removed or inserted with renumbering), a seal that does not hold, or a run of
 * records longer than the hub ever leaves unsealed ({@code seal-missing}: seals were deleted,
 * perhaps to hide a recomputed chain).
 */
public final class ChainVerifier {

  /** The first break of the chain. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Break(String problem, Long chainSeq, UUID recordId, String messageId, String detail) {}

  /** The outcome of checking one stretch. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(
      boolean intact,
      long firstSeq,
      long lastSeq,
      String lastHash,
      long records,
      long seals,
      long unsealedRecords,
      Break firstBad) {}

  private final TrustedKeys trust;
  private final long maxUnsealedRun;
  private final Deque<Seal> pendingSeals = new ArrayDeque<>();
  private final long firstSeq;
  private long expectedSeq;
  private String prevHash;
  private long records;
  private long seals;
  private long lastSealed;
  private Break firstBad;

  /**
   * Verifies the stretch that follows chain position {@code baseSeq}, whose hash is {@code
   * baseHash}; no run of more than {@code maxUnsealedRun} records may go without a seal (0: any).
   */
  public ChainVerifier(long baseSeq, String baseHash, TrustedKeys trust, long maxUnsealedRun) {
    this.trust = trust;
    this.maxUnsealedRun = maxUnsealedRun;
    this.firstSeq = baseSeq + 1;
    this.expectedSeq = baseSeq + 1;
    this.prevHash = baseHash;
    this.lastSealed = baseSeq;
  }

  public boolean broken() {
    return firstBad != null;
  }

  /** A seal of this stretch; seals come in {@code upToSeq} order, before or among the records. */
  public void seal(Seal seal) {
    if (broken()) {
      return;
    }
    if (seal.upToSeq() < expectedSeq) {
      fail("seal-mismatch", seal.upToSeq(), null, null, "a seal for a position already passed: seals out of order");
      return;
    }
    pendingSeals.add(seal);
  }

  /** The next record in chain order (records without a chain position come last). */
  public void record(ExchangeRecord r) {
    if (broken()) {
      return;
    }
    ExchangeRecord.ChainLink link = r.chain();
    if (link == null) {
      fail("inserted", null, r, "the record has no place in the chain: it was not written by the hub");
      return;
    }
    if (link.seq() < expectedSeq) {
      fail("inserted", link.seq(), r, "a second record at chain position " + link.seq());
      return;
    }
    if (link.seq() > expectedSeq) {
      fail("removed", expectedSeq, r, "chain position " + expectedSeq
          + (link.seq() - expectedSeq > 1 ? " to " + (link.seq() - 1) : "") + " missing, before this record");
      return;
    }
    if (!prevHash.equals(link.prevHash())) {
      fail("broken-link", link.seq(), r, "the record does not follow chain position " + (link.seq() - 1)
          + ": a record was removed or inserted here");
      return;
    }
    if (!ChainHash.of(r, link.seq(), link.prevHash()).equals(link.recordHash())) {
      fail("altered", link.seq(), r, "the record's content does not match its hash");
      return;
    }
    prevHash = link.recordHash();
    expectedSeq++;
    records++;
    checkSealsUpTo(link.seq());
    if (!broken() && maxUnsealedRun > 0 && link.seq() - lastSealed > maxUnsealedRun) {
      fail("seal-missing", link.seq(), r, "more than " + maxUnsealedRun + " records after chain position "
          + lastSealed + " without a seal: seals were removed");
    }
  }

  /** A record found where the stretch has no place for it: not in the chain, or beyond its head. */
  public void outside(ExchangeRecord r) {
    fail("inserted", r.chain() == null ? null : r.chain().seq(), r, r.chain() == null
        ? "the record has no place in the chain: it was not written by the hub"
        : "the record claims a chain position outside the chain as its head records it");
  }

  /**
   * Ends the stretch: it should end at {@code lastSeq} with {@code lastHash} (the chain head, or
   * the end an export file declares). Null skips that check.
   */
  public Result finish(Long lastSeq, String lastHash) {
    long last = expectedSeq - 1;
    if (!broken() && !pendingSeals.isEmpty()) {
      Seal seal = pendingSeals.peek();
      fail("removed", last + 1, null, null,
          "a seal covers chain position " + seal.upToSeq() + " but the chain ends at " + last);
    }
    if (!broken() && lastSeq != null) {
      if (last < lastSeq) {
        fail("removed", last + 1, null, null, "the chain head is at " + lastSeq + " but records end at " + last);
      } else if (last > lastSeq) {
        fail("inserted", lastSeq + 1, null, null, "records beyond the chain head at " + lastSeq);
      } else if (lastHash != null && !lastHash.equals(prevHash)) {
        fail("altered", last, null, null, "the last record's hash differs from the chain head's");
      }
    }
    return new Result(!broken(), firstSeq, last, prevHash, records, seals, last - lastSealed, firstBad);
  }

  private void checkSealsUpTo(long seq) {
    while (!pendingSeals.isEmpty() && pendingSeals.peek().upToSeq() == seq) {
      Seal seal = pendingSeals.poll();
      if (!seal.headHash().equals(prevHash)) {
        fail("seal-mismatch", seq, null, null,
            "the chain up to " + seq + " is not what the hub sealed at " + seal.sealedAt()
                + ": records up to here were altered, removed or inserted");
        return;
      }
      if (!trust.verify(seal.keyId(), seal.text(), seal.signature())) {
        fail("seal-forged", seq, null, null, "the seal at " + seq + " is not signed by a trusted key");
        return;
      }
      seals++;
      lastSealed = seq;
    }
  }

  private void fail(String problem, Long seq, ExchangeRecord r, String detail) {
    fail(problem, seq, r == null ? null : r.id(), r == null ? null : r.messageId(), detail);
  }

  private void fail(String problem, Long seq, UUID id, String messageId, String detail) {
    if (firstBad == null) {
      firstBad = new Break(problem, seq, id, messageId, detail);
    }
  }
}
