package vn.lgsp.hub.security;

import com.nimbusds.jose.JOSEException;
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
 * The token signing key, kept in the data directory so that tokens stay valid across restarts.
 * Created on first start, readable by the hub's user only.
 */
final class JwkKeyStore {

  private JwkKeyStore() {}

  static RSAKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)).getKeys().get(0).toRSAKey();
      }
      RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
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
    } catch (IOException | ParseException | JOSEException e) {
      throw new IllegalStateException("cannot load or create the signing key " + file, e);
    }
  }
}
