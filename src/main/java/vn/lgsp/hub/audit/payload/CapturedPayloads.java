package vn.lgsp.hub.audit.payload;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.lgsp.hub.audit.record.SubjectHasher;
import vn.lgsp.hub.protocol.RequestHash;

/** Reads captured payloads back, decrypted and checked against the record's hashes. */
@Repository
public class CapturedPayloads {

  /**
   * What was exchanged, as the hub stored it.
   *
   * @param request the request as its hash covers it: {@code METHOD URI}, {@code X-Road-Id}, body
   * @param requestMatchesRecord whether it hashes to the record's request hash
   * @param responseMatchesRecord whether the response hashes to the record's response hash
   */
  public record Disclosed(
      UUID recordId, String messageId, String request, String response,
      boolean requestMatchesRecord, boolean responseMatchesRecord) {}

  private final JdbcTemplate jdbc;
  private final PayloadCipher cipher;
  private final SubjectHasher hasher;

  public CapturedPayloads(JdbcTemplate jdbc, PayloadCipher cipher, SubjectHasher hasher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.hasher = hasher;
  }

  public Optional<Disclosed> read(UUID recordId) {
    List<Disclosed> found = jdbc.query(
        "SELECT r.message_id, r.request_hash, r.response_hash, p.key_id, p.request, p.response"
            + " FROM exchange_payload p JOIN exchange_record r ON r.id = p.record_id WHERE p.record_id = ?",
        (rs, i) -> {
          byte[] request = cipher.decrypt(recordId, rs.getString("key_id"), rs.getString("request"));
          byte[] response = cipher.decrypt(recordId, rs.getString("key_id"), rs.getString("response"));
          return new Disclosed(recordId, rs.getString("message_id"),
              new String(request, StandardCharsets.UTF_8), new String(response, StandardCharsets.UTF_8),
              // the record keeps the request hash keyed (older records: plain)
              hasher.matchesRequestHash(rs.getString("request_hash"), RequestHash.of(request)),
              RequestHash.of(response).equals(rs.getString("response_hash")));
        },
        recordId);
    return found.stream().findFirst();
  }
}
