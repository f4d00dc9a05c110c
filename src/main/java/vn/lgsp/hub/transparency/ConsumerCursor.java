package vn.lgsp.hub.transparency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.query.LogFilters;

/**
 * The cursor a consumer reads its operational data with. A chain position would tell the consumer
 * how many exchanges of others (covert ones included) happened between two of its own, so the
 * position travels sealed (AES-GCM, bound to the client): opaque to the consumer, valid on every hub
 * that shares the audit key, useless to another client.
 */
@Component
public class ConsumerCursor {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public ConsumerCursor(AuditProperties audit) {
    this.key = new SecretKeySpec(derive(audit.subjectHashKey(), "lgsp-hub consumer cursor v1"), "AES");
  }

  /** The sealed form of chain position {@code position} for {@code client}. */
  public String seal(long position, String client) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(client.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The chain position a cursor of {@code client} stands for; null means "from the start". */
  public long open(String cursor, String client) {
    if (cursor == null) {
      return 1;
    }
    try {
      byte[] all = Base64.getUrlDecoder().decode(cursor);
      if (all.length != NONCE_BYTES + Long.BYTES + TAG_BITS / 8) {
        throw invalid();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      cipher.updateAAD(client.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES)).getLong();
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw invalid();
    }
  }

  private static RuntimeException invalid() {
    return LogFilters.invalid("recordsFrom", "cursor");
  }

  private static byte[] derive(String secret, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
