package vn.lgsp.hub.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Configured secrets as the hub stores them: a {@code {bcrypt}} hash is kept as given, a plain
 * secret is hashed once at start. Any other encoding ({@code {noop}}, {@code {sha256}}) is refused.
 */
final class SecretHashes {

  /** Below this cost a stolen hash of an operator's password falls to a guesser within days. */
  static final int MIN_BCRYPT_COST = 10;

  static final String BCRYPT_PREFIX = "{bcrypt}";

  private static final Pattern BCRYPT = Pattern.compile("^\\{bcrypt}\\$2[aby]?\\$(\\d{2})\\$[./A-Za-z0-9]{53}$");

  private SecretHashes() {}

  /** The stored form of a configured secret; {@code name} names the setting in a refusal. */
  static String stored(String name, String configured, PasswordEncoder encoder) {
    if (configured.startsWith(BCRYPT_PREFIX)) {
      if (cost(configured) < 0) {
        throw new IllegalStateException(name + " is not a well-formed {bcrypt} hash");
      }
      return configured;
    }
    if (configured.startsWith("{")) {
      throw new IllegalStateException(name + " must be a plain secret or a {bcrypt} hash");
    }
    return encoder.encode(configured);
  }

  /** The cost of a {@code {bcrypt}} hash, or -1 if the value is not one. */
  static int cost(String value) {
    Matcher m = BCRYPT.matcher(value);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }
}
