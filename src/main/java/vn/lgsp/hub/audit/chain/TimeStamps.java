package vn.lgsp.hub.audit.chain;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * RFC 3161 time-stamps of witnessed seals, with BouncyCastle's TSP support: the hub asks a
 * time-stamping authority to sign the SHA-256 of a seal's signature, so that a third party vouches
 * for when the seal existed. The hub's own clock then cannot be turned back to forge an old seal.
 */
public final class TimeStamps {

  /** A time-stamp that holds: when, and by whom (the authority's certificate subject and SHA-256). */
  public record TimeStamp(Instant at, String authority, String authorityKeyId) {}

  private static final int MAX_REPLY = 64 * 1024;
  private static final SecureRandom NONCES = new SecureRandom();

  private final HttpClient http;
  private final URI authority;
  private final Duration timeout;

  public TimeStamps(URI authority, Duration timeout) {
    this.authority = authority;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public URI authority() {
    return authority;
  }

  /** Asks the authority for a token over {@code seal}'s signature; answers the token (DER). */
  public byte[] request(Seal seal) throws IOException {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, imprint(seal),
        BigInteger.valueOf(NONCES.nextLong()).abs());
    HttpRequest post = HttpRequest.newBuilder(authority).timeout(timeout)
        .header("Content-Type", "application/timestamp-query")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build();
    try {
      HttpResponse<InputStream> reply = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = reply.body()) {
        body = in.readNBytes(MAX_REPLY);
      }
      if (reply.statusCode() != 200) {
        throw new IOException("the time-stamping authority answered HTTP " + reply.statusCode());
      }
      TimeStampResponse response = new TimeStampResponse(body);
      response.validate(request);
      if (response.getTimeStampToken() == null) {
        throw new IOException("the time-stamping authority refused: status " + response.getStatus());
      }
      return response.getTimeStampToken().getEncoded();
    } catch (TSPException e) {
      throw new IOException("not a valid time-stamp reply: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the time-stamping authority", e);
    }
  }

  /**
   * The time-stamp {@code token} (Base64 of DER) gives {@code seal}, if it is over that seal's
   * signature and signed by the certificate it carries. Whether that certificate is a trusted
   * authority's is for the reader to judge by its fingerprint, as with the seal certificate.
   */
  public static Optional<TimeStamp> check(String token, Seal seal) {
    try {
      TimeStampToken t = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(token)));
      if (!Arrays.equals(t.getTimeStampInfo().getMessageImprintDigest(), imprint(seal))) {
        return Optional.empty();
      }
      @SuppressWarnings("unchecked")
      X509CertificateHolder certificate = ((java.util.Collection<X509CertificateHolder>) t.getCertificates()
          .getMatches(t.getSID())).stream().findFirst().orElse(null);
      if (certificate == null) {
        return Optional.empty();
      }
      t.validate(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
      return Optional.of(new TimeStamp(t.getTimeStampInfo().getGenTime().toInstant(),
          certificate.getSubject().toString(), ChainHash.sha256Hex(certificate.getEncoded())));
    } catch (CMSException | TSPException | IOException | OperatorCreationException
        | java.security.cert.CertificateException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** What is time-stamped: the SHA-256 of the seal's signature bytes. */
  static byte[] imprint(Seal seal) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(seal.signature()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
