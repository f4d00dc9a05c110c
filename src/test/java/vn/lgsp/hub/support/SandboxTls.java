package vn.lgsp.hub.support;

import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import vn.lgsp.hub.sandbox.SandboxPki;

/** A client's TLS for a sandbox hub with TLS on: trust in the sandbox CA, and a consumer's certificate if given. */
public final class SandboxTls {

  public static final String PASSWORD = "sandbox-pki-password";

  private SandboxTls() {}

  /** {@code pki}: the hub's {@code data-dir/sandbox-pki}; {@code client}: a consumer's subsystem, or null. */
  public static SSLContext context(Path pki, String client) throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(SandboxPki.load(pki.resolve(SandboxPki.TRUST), PASSWORD.toCharArray()));
    KeyManagerFactory keys = null;
    if (client != null) {
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore store = SandboxPki.load(SandboxPki.clientKeystore(pki, client), PASSWORD.toCharArray());
      keys.init(store, PASSWORD.toCharArray());
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }
}
