package vn.lgsp.hub.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A consumer's request for a right to a service, and what became of it.
 *
 * @param fields the answer fields asked for; empty asks for the whole answer
 * @param state {@code pending}, {@code granted}, {@code refused}, {@code revoked}, or {@code expired} (granted, and
 *     its last day has passed)
 * @param overdue pending for longer than the provider has to answer
 * @param decision the provider's answer; null while pending
 * @param revocation null unless revoked
 */
public record AccessRequest(UUID id, String consumer, String service, List<String> fields, String purpose,
    LegalBasis legalBasis, LocalDate validUntil, String state, Instant requestedAt, boolean overdue, Decision decision,
    Revocation revocation) {

  public static final String PENDING = "pending";
  public static final String GRANTED = "granted";
  public static final String REFUSED = "refused";
  public static final String REVOKED = "revoked";
  public static final String EXPIRED = "expired";

  /** A legal document (its number, e.g. {@code 47/2020/NĐ-CP}) and the article relied on. */
  public record LegalBasis(String document, String article) {}

  /**
   * The provider's written answer: a grant (with the fields and last day granted, perhaps narrower than
   * asked) or a refusal (with its reason and legal basis).
   */
  public record Decision(String by, Instant at, String reason, LegalBasis legalBasis, List<String> fields,
      LocalDate validUntil) {}

  public record Revocation(String by, Instant at, String reason) {}
}
