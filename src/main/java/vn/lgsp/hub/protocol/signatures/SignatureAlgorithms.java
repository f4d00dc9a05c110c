package vn.lgsp.hub.protocol.signatures;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;

/**
 * The RFC 9421 algorithms the hub verifies and signs with, chosen by the key: {@code ecdsa-p256-sha256} (an EC
 * P-256 key; the signature is r and s, 32 bytes each) and {@code ed25519}.
 */
public final class SignatureAlgorithms {

  public static final String ECDSA_P256 = "ecdsa-p256-sha256";
  public static final String ED25519 = "ed25519";

  private SignatureAlgorithms() {}

  /** The algorithm of {@code key}'s kind; an {@link IllegalArgumentException} for any other kind. */
  public static String of(java.security.Key key) {
    if (key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
      return ECDSA_P256;
    }
    if (key instanceof EdECKey || "Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
      return ED25519;
    }
    throw new IllegalArgumentException("an HTTP message signature key is EC P-256 or Ed25519, not " + key.getAlgorithm());
  }

  /**
   * Whether {@code signature} is {@code key}'s signature of {@code base}. An {@code algorithm} the signer named
   * must be the key's (a signer cannot choose a weaker one); null leaves the key to decide.
   */
  public static boolean verify(PublicKey key, String algorithm, byte[] base, byte[] signature) {
    String expected = of(key);
    if (algorithm != null && !algorithm.equals(expected)) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(jcaName(expected));
      verifier.initVerify(key);
      verifier.update(base);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** {@code key}'s signature of {@code base}, in the form RFC 9421 carries for its algorithm. */
  public static byte[] sign(PrivateKey key, byte[] base) {
    try {
      Signature signer = Signature.getInstance(jcaName(of(key)));
      signer.initSign(key);
      signer.update(base);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
    }
  }

  private static String jcaName(String algorithm) {
    return ECDSA_P256.equals(algorithm) ? "SHA256withECDSAinP1363Format" : "Ed25519";
  }
}
