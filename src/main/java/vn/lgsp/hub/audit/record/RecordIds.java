package vn.lgsp.hub.audit.record;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Exchange record ids: UUID version 7 (RFC 9562, section 5.7), the millisecond of creation in the first 48 bits and
 * 74 random bits after it. Records are stored in about the order their ids are made, so the primary-key index of
 * the exchange log grows at its right edge instead of splitting pages all over the tree as random (version 4) ids
 * made it (bench/README.md, issue 17). The id is the writer's idempotency key, so it must never repeat: 74 bits
 * from a strong generator per millisecond, one generator per thread (no lock on the request path).
 */
public final class RecordIds {

  // DRBG: each instance keeps its own state; the default NativePRNG shares one lock among all instances
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RecordIds::drbg);

  private RecordIds() {}

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** A new id, of this instant. */
  public static UUID next() {
    return of(System.currentTimeMillis(), RANDOM.get());
  }

  /** The id of {@code epochMillis} with random bits from {@code random}. */
  static UUID of(long epochMillis, java.util.Random random) {
    long randA = random.nextInt(1 << 12);
    long randB = random.nextLong();
    long most = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
    long least = randB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
    return new UUID(most, least);
  }

  /** The millisecond a version 7 id was made in. */
  static long millisOf(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }
}
