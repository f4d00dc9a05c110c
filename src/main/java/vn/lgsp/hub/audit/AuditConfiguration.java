package vn.lgsp.hub.audit;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.verification.LogVerifier;

/** Beans of the exchange log that are plain objects. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

  /** The hub's own seal key and the earlier keys configuration still trusts. */
  @Bean
  TrustedKeys trustedSealKeys(SealKey sealKey, AuditProperties audit) {
    List<X509Certificate> certificates = new ArrayList<>();
    certificates.add(sealKey.certificate());
    for (Path file : audit.seal().trustedCertificates()) {
      certificates.add(TrustedKeys.read(file));
    }
    return new TrustedKeys(certificates);
  }

  @Bean
  LogVerifier logVerifier(TrustedKeys trustedSealKeys, AuditProperties audit, Clock clock) {
    return new LogVerifier(trustedSealKeys, clock, audit.maxUnsealedRun());
  }
}
