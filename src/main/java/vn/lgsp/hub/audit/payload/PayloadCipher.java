package vn.lgsp.hub.audit.payload;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * Payload capture for the services configured to keep it: the request (its hash preimage: method,
 * URI, body) and the response body, each encrypted with AES-GCM under the configured key, bound to
 * the record's id as associated data so a ciphertext cannot be moved to another record. On reading,
 * the plaintexts are checked against the record's SHA-512 hashes.
 */
@Component
public class PayloadCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Set<String> services;
  private final SecretKey key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  public PayloadCipher(AuditProperties audit) {
    AuditProperties.PayloadCapture capture = audit.payloadCapture();
    this.services = Set.copyOf(capture.services());
    if (capture.key() == null || capture.key().isBlank()) {
      if (!services.isEmpty()) {
        throw new IllegalStateException("hub.audit.payload-capture.key is required when services capture payloads");
      }
      this.key = null;
      this.keyId = null;
      return;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(capture.key().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("hub.audit.payload-capture.key must be Base64", e);
    }
    if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
      throw new IllegalStateException("hub.audit.payload-capture.key must be 16, 24 or 32 bytes (Base64)");
    }
    this.key = new SecretKeySpec(raw, "AES");
    this.keyId = ChainHash.sha256Hex(raw).substring(0, 16);
  }

  public boolean captures(String serviceId) {
    return serviceId != null && services.contains(serviceId);
  }

  /** The encrypted payload of a record of a capturing service, else null. */
  public ExchangeRecord.CapturedPayload capture(String serviceId, UUID recordId, byte[] requestPreimage, byte[] response) {
    if (!captures(serviceId)) {
      return null;
    }
    return new ExchangeRecord.CapturedPayload(keyId, encrypt(recordId, requestPreimage), encrypt(recordId, response));
  }

  /** The plaintext of one captured part; fails if it was tampered with or belongs to another record. */
  public byte[] decrypt(UUID recordId, String keyIdOfPayload, String ciphertext) {
    if (key == null || !keyId.equals(keyIdOfPayload)) {
      throw new IllegalStateException("the payload was encrypted under another key (" + keyIdOfPayload + ")");
    }
    try {
      byte[] all = Base64.getDecoder().decode(ciphertext);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      cipher.updateAAD(recordId.toString().getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the captured payload does not decrypt: altered or not of this record", e);
    }
  }

  private String encrypt(UUID recordId, byte[] plaintext) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(recordId.toString().getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] all = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, all, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, all, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }
}
