package vn.lgsp.hub.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context of one connector, from its descriptor's {@code tls} section. */
final class ConnectorTls {

  private ConnectorTls() {}

  /** The context to reach the backend with, or null for the JDK's defaults. */
  static SSLContext context(ConnectorDescriptor.Tls tls, Path descriptorDir) {
    if (tls == null) {
      return null;
    }
    try {
      TrustManagerFactory trust = null;
      if (tls.truststore() != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(descriptorDir.resolve(tls.truststore()), tls.truststorePassword()));
      }
      KeyManagerFactory keys = null;
      if (tls.keystore() != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(descriptorDir.resolve(tls.keystore()), tls.keystorePassword()), password(tls.keystorePassword()));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("tls: cannot load the truststore or keystore (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password(password));
    }
    return store;
  }

  private static char[] password(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }
}
