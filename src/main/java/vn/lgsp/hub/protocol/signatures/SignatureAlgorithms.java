package vn.lgsp.hub.protocol.signatures;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The RFC 9421 algorithms the hub verifies and signs with, chosen by the key: {@code ecdsa-p256-sha256} (an EC
 * P-256 key; the signature is r and s, 32 bytes each) and {@code ed25519}.
 */
public final class SignatureAlgorithms {

  public static final String ECDSA_P256 = "ecdsa-p256-sha256";
  public static final String ED25519 = "ed25519";

  private static final ECParameterSpec P256 = p256();
  private static final boolean RUNTIME_ECDSA_IS_FASTER = Runtime.version().feature() >= 25;
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private SignatureAlgorithms() {}

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 is part of every Java runtime", e);
    }
  }

  /** The algorithm of {@code key}'s kind; an {@link IllegalArgumentException} for any other kind. */
  public static String of(java.security.Key key) {
    if (isEcdsaP256(key)) {
      return ECDSA_P256;
    }
    if (key instanceof EdECKey ed && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName())) {
      return ED25519;
    }
    throw new IllegalArgumentException("an HTTP message signature key is EC P-256 or Ed25519, not " + key.getAlgorithm());
  }

  /** Whether {@code key} is on the curve P-256 (secp256r1), not merely another curve of 256 bits. */
  public static boolean isEcdsaP256(java.security.Key key) {
    if (!(key instanceof ECKey ec)) {
      return false;
    }
    ECParameterSpec params = ec.getParams();
    return params.getCurve().equals(P256.getCurve()) && params.getGenerator().equals(P256.getGenerator())
        && params.getOrder().equals(P256.getOrder());
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

  /**
   * {@code key}'s signature of {@code base}, in the form RFC 9421 carries for its algorithm. ECDSA is Bouncy
   * Castle's below Java 25, as measured (3,000 P-256 signatures in a loop, bench/README): on Java 17 the runtime's
   * own takes 0.48 ms and Bouncy Castle's 0.23 ms; on Java 25 the runtime's takes 0.14 ms. Either verifies with the
   * other.
   */
  public static byte[] sign(PrivateKey key, byte[] base) {
    try {
      String algorithm = of(key);
      Signature signer = ECDSA_P256.equals(algorithm) && !RUNTIME_ECDSA_IS_FASTER
          ? Signature.getInstance("SHA256withPLAIN-ECDSA", BOUNCY_CASTLE) : Signature.getInstance(jcaName(algorithm));
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
