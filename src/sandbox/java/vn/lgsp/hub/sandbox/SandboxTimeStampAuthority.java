package vn.lgsp.hub.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * Sandbox only: an RFC 3161 time-stamping authority in the hub's process, over HTTP at {@code /tsa}
 * on a loopback port ({@link LoopbackTomcat}), so that the seal witness's time-stamps can be tried
 * without a real authority. Its key and certificate are made anew at each start (EC P-256, extended
 * key usage timeStamping): its tokens prove nothing outside the sandbox.
 */
public final class SandboxTimeStampAuthority {

  /** The example arc of X.660: a policy that no real authority uses. */
  private static final ASN1ObjectIdentifier SANDBOX_POLICY = new ASN1ObjectIdentifier("2.999.1");
  private static final int MAX_QUERY = 16 * 1024;

  private final LoopbackTomcat tomcat;
  private final AtomicLong serials = new AtomicLong(System.currentTimeMillis());
  private volatile TimeStampResponseGenerator responses;

  public SandboxTimeStampAuthority(int port) {
    this.tomcat = new LoopbackTomcat("time-stamping", port);
  }

  public synchronized void start() {
    try {
      responses = new TimeStampResponseGenerator(tokenGenerator(), TSPAlgorithms.ALLOWED);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the sandbox time-stamping authority cannot make its key", e);
    }
    // a servlet made here, not a bean: Spring Boot would add a Servlet bean to the hub's own Tomcat
    tomcat.start(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        timeStamp(request, response);
      }
    }, "/tsa/*", Map.of());
  }

  public synchronized void stop() {
    tomcat.stop();
  }

  private void timeStamp(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"POST".equals(request.getMethod())) {
      response.setStatus(405);
      return;
    }
    byte[] query;
    try (InputStream in = request.getInputStream()) {
      query = in.readNBytes(MAX_QUERY);
    }
    byte[] reply;
    try {
      reply = responses.generate(new TimeStampRequest(query), BigInteger.valueOf(serials.incrementAndGet()), new Date())
          .getEncoded();
    } catch (IOException | org.bouncycastle.tsp.TSPException | RuntimeException e) {
      response.setStatus(400);
      return;
    }
    response.setStatus(200);
    response.setContentType("application/timestamp-reply");
    response.setContentLength(reply.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(reply);
    }
  }

  private static TimeStampTokenGenerator tokenGenerator() throws GeneralSecurityException {
    KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
    keys.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair pair = keys.generateKeyPair();
    X500Name subject = new X500Name("CN=lgsp-hub sandbox time-stamping authority, O=lgsp-hub sandbox");
    Instant now = Instant.now();
    try {
      X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))), subject,
          pair.getPublic())
          .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
          new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", pair.getPrivate(), certificate),
          new JcaDigestCalculatorProviderBuilder().build().get(new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")),
          SANDBOX_POLICY);
      generator.addCertificates(new JcaCertStore(List.of(certificate)));
      return generator;
    } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.tsp.TSPException
        | java.io.IOException e) {
      throw new GeneralSecurityException("cannot make the sandbox time-stamping key", e);
    }
  }
}
