package vn.lgsp.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.audit.query.LogFilters;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ExchangeChain;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.files.ExchangeLogArchive;
import vn.lgsp.hub.audit.pipeline.QueueDepth;
import vn.lgsp.hub.audit.verification.ExchangeLogVerification;
import vn.lgsp.hub.audit.verification.LogVerifier;

/** The exchange log as evidence: verify the chain, get the seal certificate, archive old records. */
@RestController
@RequestMapping("/admin/api/exchange-log")
public class AdminExchangeLogController {

  private final ExchangeLogVerification verification;
  private final ExchangeLogArchive archive;
  private final ExchangeChain chain;
  private final SealKey sealKey;
  private final QueueDepth depth;
  private final AuditProperties audit;
  private final Clock clock;

  public AdminExchangeLogController(ExchangeLogVerification verification, ExchangeLogArchive archive,
      ExchangeChain chain, SealKey sealKey, QueueDepth depth, AuditProperties audit, Clock clock) {
    this.verification = verification;
    this.archive = archive;
    this.chain = chain;
    this.sealKey = sealKey;
    this.depth = depth;
    this.audit = audit;
    this.clock = clock;
  }

  /** Checks the archives and the database: {@code intact}, and the first bad record if not. */
  @GetMapping("/verify")
  public LogVerifier.Report verify() {
    return verification.verify();
  }

  /** Where the log stands: the broker backlog, the chain head, how far it is sealed, the last verdict. */
  @GetMapping("/status")
  public Map<String, Object> status() {
    ExchangeChain.Head head = chain.head();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("head", head);
    depth.of(audit.queue()).ifPresent(n -> status.put("backlog", n));
    depth.of(audit.deadLetterQueue()).ifPresent(n -> status.put("deadLetters", n));
    status.put("unsealedRecords", head.lastSeq() - head.sealedSeq());
    status.put("sealKeyId", sealKey.keyId());
    // what an auditor passes to verify-exchange-log --fingerprint=, after getting it out of band
    status.put("sealFingerprint", "sha256:" + sealKey.keyId());
    status.put("archives", archive.files().size());
    status.put("lastVerification", verification.lastReport());
    return status;
  }

  /** The certificate of the seal key, for third parties who verify seals and export files. */
  @GetMapping(value = "/certificate", produces = "application/x-pem-file")
  public String certificate() {
    return sealKey.certificatePem();
  }

  /**
   * Archives the sealed records older than {@code olderThan} (ISO 8601 duration, e.g. {@code
   * P400D}) and purges them from the database. Body: {@code {"olderThan": "P400D", "reason": "..."}}.
   */
  @AdminAction("exchange-log.archive")
  @PostMapping(value = "/archive", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> archive(@RequestBody JsonNode body, HttpServletRequest request) {
    String reason = AdminRequests.reason(body, request);
    Duration olderThan;
    try {
      olderThan = Duration.parse(body.path("olderThan").asString(""));
    } catch (DateTimeParseException e) {
      throw LogFilters.invalid("olderThan", "duration");
    }
    if (olderThan.isNegative()) {
      throw LogFilters.invalid("olderThan", "not-negative");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reason", reason);
    archive.archiveBefore(clock.instant().minus(olderThan)).ifPresentOrElse(a -> {
      answer.put("archived", true);
      answer.put("file", a.file().getFileName().toString());
      answer.put("firstSeq", a.firstSeq());
      answer.put("lastSeq", a.lastSeq());
      answer.put("records", a.records());
    }, () -> answer.put("archived", false));
    return answer;
  }
}
