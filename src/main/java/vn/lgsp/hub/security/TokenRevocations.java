package vn.lgsp.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.Refresher;

/**
 * Revoked access tokens, shared by every hub through the database ({@code revoked_token}, by the
 * SHA-256 of the token's decoded signature, never the token itself: a token re-spelled in another
 * base64url form, which still verifies, is still the same token). The hub that revokes refuses the token from its
 * next request on; every other hub re-reads the table each second, so a revoked token stops
 * working everywhere within a second, and a hub that starts reads it before taking traffic.
 * Rows are kept until the token would have expired anyway.
 */
@Component
public class TokenRevocations implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
  private volatile Refresher refresher;

  public TokenRevocations(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Whether {@code token} was revoked (by this hub, or by another before the last refresh). */
  public boolean isRevoked(String token) {
    return !revoked.isEmpty() && revoked.containsKey(hash(token));
  }

  /** Revokes {@code token} of {@code clientId}; stored before this returns, so no hub forgets it. */
  void revoke(String token, String clientId, Instant expiresAt) {
    String hash = hash(token);
    jdbc.update("INSERT INTO revoked_token (token_hash, client_id, expires_at, revoked_at) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (token_hash) DO NOTHING", hash, clientId, Timestamp.from(expiresAt), Timestamp.from(clock.instant()));
    revoked.put(hash, expiresAt);
  }

  void refresh() {
    Instant now = clock.instant();
    Map<String, Instant> current = new ConcurrentHashMap<>();
    jdbc.query("SELECT token_hash, expires_at FROM revoked_token WHERE expires_at > ?",
        rs -> {
          current.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }, Timestamp.from(now));
    revoked.putAll(current);
    revoked.entrySet().removeIf(e -> !e.getValue().isAfter(now));
  }

  /** The key of a token: the SHA-256 of its signature's bytes (of the whole text if it has none). */
  static String hash(String token) {
    byte[] identity;
    String[] parts = token.split("\\.", -1);
    try {
      identity = parts.length == 3 && !parts[2].isEmpty() ? Base64.getUrlDecoder().decode(parts[2])
          : token.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      identity = token.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public void start() {
    refresh();
    refresher = Refresher.everyHalfSecond("token-revocations", log, "revoked tokens", this::refresh);
  }

  @Override
  public void stop() {
    Refresher running = refresher;
    if (running != null) {
      running.close();
      refresher = null;
    }
  }

  @Override
  public boolean isRunning() {
    return refresher != null;
  }
}
