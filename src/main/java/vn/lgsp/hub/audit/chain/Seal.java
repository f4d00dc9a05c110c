package vn.lgsp.hub.audit.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signature of the chain head at position {@code upToSeq}: whoever trusts the key knows that
 * the chain up to there was exactly this when the hub sealed it.
 */
public record Seal(long upToSeq, String headHash, Instant sealedAt, String keyId, String signature) {

  public Seal {
    sealedAt = sealedAt == null ? null : sealedAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** What the signature covers. */
  public static String text(long upToSeq, String headHash, Instant sealedAt, String keyId) {
    return "lgsp-hub-seal/1\nupTo=" + upToSeq + "\nhead=" + headHash + "\nsealedAt="
        + sealedAt.truncatedTo(ChronoUnit.MICROS) + "\nkey=" + keyId + "\n";
  }

  public String text() {
    return text(upToSeq, headHash, sealedAt, keyId);
  }
}
