package vn.lgsp.hub.sandbox.population;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Deterministic draws: each value is SHA-256 of the seed and a key (e.g. the personal ID and the
 * name of the attribute), so every attribute is a pure function of (seed, key) that is the same
 * on every JDK and run, and adding a new attribute never shifts the existing ones.
 */
public final class StableHash {

  private final String seed;

  public StableHash(String seed) {
    this.seed = seed;
  }

  /** A value in {@code [0, bound)} for the key. */
  public int draw(int bound, String... key) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    // 63 bits modulo a bound below 2^31: the bias is far below anything a test could see
    return (int) (bits(key) % bound);
  }

  /** A value in {@code [from, to]} for the key. */
  public int between(int from, int to, String... key) {
    return from + draw(to - from + 1, key);
  }

  /** True for about {@code percent} in 100 keys. */
  public boolean chance(int percent, String... key) {
    return draw(100, key) < percent;
  }

  <T> T pick(List<T> options, String... key) {
    return options.get(draw(options.size(), key));
  }

  /** {@code count} (at most 18) decimal digits for the key. */
  String digits(int count, String... key) {
    if (count < 1 || count > 18) {
      throw new IllegalArgumentException("count must be 1..18");
    }
    long modulus = 1;
    for (int i = 0; i < count; i++) {
      modulus *= 10;
    }
    return String.format("%0" + count + "d", bits(key) % modulus);
  }

  private long bits(String... key) {
    MessageDigest sha256 = sha256();
    sha256.update(seed.getBytes(StandardCharsets.UTF_8));
    for (String part : key) {
      // a separator byte that UTF-8 text never contains keeps ("ab","c") apart from ("a","bc")
      sha256.update((byte) 0xFF);
      sha256.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return ByteBuffer.wrap(sha256.digest()).getLong() & Long.MAX_VALUE;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
