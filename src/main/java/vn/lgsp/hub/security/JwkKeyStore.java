package vn.lgsp.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The token signing keys. One hub keeps its key in the data directory, created on first start and
 * readable by the hub's user only, so that tokens stay valid across restarts. Several hubs read one
 * key set from {@code hub.security.token-signing-key-file} (a mounted secret, never created by the
 * hub), so that a token issued by one is accepted by all: the first key signs, every key in the set
 * verifies, which lets an operator roll a new key in ahead of using it.
 */
final class JwkKeyStore {

  static final String SHARED_FILE_SETTING = "hub.security.token-signing-key-file";

  private JwkKeyStore() {}

  /** The shared key set: private RSA keys, each with a key id, the signing key first. */
  static JWKSet loadShared(Path file) {
    JWKSet set;
    try {
      set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException(SHARED_FILE_SETTING + ": cannot read a JWK set from " + file
          + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (set.getKeys().isEmpty()) {
      throw new IllegalStateException(SHARED_FILE_SETTING + ": " + file + " holds no key");
    }
    for (JWK key : set.getKeys()) {
      if (!(key instanceof RSAKey rsa) || !rsa.isPrivate() || key.getKeyID() == null) {
        throw new IllegalStateException(SHARED_FILE_SETTING + ": every key in " + file
            + " must be a private RSA key with a key id (kid)");
      }
    }
    return set;
  }

  static RSAKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)).getKeys().get(0).toRSAKey();
      }
      RSAKey key = generate();
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "jwk", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: rely on the directory's protection
      }
      Files.writeString(temp, new JWKSet(key).toString(false), StandardCharsets.UTF_8);
      Files.move(temp, file);
      return key;
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot load or create the signing key " + file, e);
    }
  }

  /** A new RSA key with a random key id, as the hub makes its own and as an operator may make a shared one. */
  static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }
}
