package vn.lgsp.hub.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.lgsp.hub.audit.AuditProperties;

class SubjectHasherTest {

  private final SubjectHasher hasher = hasher("a-key-of-sixteen-chars");

  private static SubjectHasher hasher(String key) {
    return new SubjectHasher(new AuditProperties(key, "q", "dlq", 10, 10, null, null, null));
  }

  @Test
  void sameIdSameHashOtherKeyOtherHash() {
    String a = hasher.hash("001085000123");
    assertThat(a).hasSize(64).isEqualTo(hasher.hash("001085000123"));
    assertThat(a).isNotEqualTo(hasher.hash("001085000124"));
    assertThat(a).isNotEqualTo(hasher("another-key-of-16-chars").hash("001085000123"));
  }

  @Test
  void masksEveryIdLikeDigitRunInAPath() {
    String masked = hasher.maskIds("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123?tax=0100109106-001");
    assertThat(masked)
        .startsWith("/r1/VN/GOV/BCA/DANCU/citizen-info/#")
        .doesNotContain("001085000123")
        .doesNotContain("0100109106")
        .endsWith("-001");
    assertThat(masked).contains("#" + hasher.hash("001085000123").substring(0, 16));
  }

  @Test
  void messageIdsAreMaskedOutsideUuidsOnly() {
    String uuid = "3f1c2b7e-0a4d-4c1e-9b2f-446655440000";
    assertThat(hasher.maskMessageId(uuid)).as("a UUID's digits are random").isEqualTo(uuid);
    assertThat(hasher.maskMessageId("HS-001085000123-" + uuid))
        .isEqualTo("HS-#" + hasher.hash("001085000123").substring(0, 16) + "-" + uuid);
    // digits glued to a UUID-like tail are no UUID: the run they form with it is masked
    assertThat(hasher.maskMessageId("0010" + "85000123-0a4d-4c1e-9b2f-446655440abc")).doesNotContain("001085000123");
    assertThat(hasher.maskMessageId("001085000123")).doesNotContain("001085000123");
    assertThat(hasher.maskMessageId(null)).isNull();
    // lengthened past the column: cut, and ids sharing their beginning stay apart
    String a = hasher.maskMessageId("123456789-".repeat(9) + "a");
    String b = hasher.maskMessageId("123456789-".repeat(9) + "b");
    assertThat(a).hasSize(128).isNotEqualTo(b).doesNotContain("123456789");
  }

  @Test
  void leavesShortNumbersAndTextAlone() {
    assertThat(hasher.maskIds("/r1/VN/GOV/BCA/DANCU/citizen-info.v1/12345")).isEqualTo("/r1/VN/GOV/BCA/DANCU/citizen-info.v1/12345");
    assertThat(hasher.maskIds(null)).isNull();
  }

  @Test
  void storedRequestHashIsKeyedAndMatchesOnlyTheCallersHash() {
    String plain = protocolHash("GET /r1/VN/GOV/BCA/DANCU/citizen-info/001085000123");
    String stored = hasher.keyRequestHash(plain);
    assertThat(stored).startsWith(SubjectHasher.KEYED_REQUEST_HASH).doesNotContain(plain).hasSizeLessThanOrEqualTo(100);
    assertThat(hasher.keyRequestHash(stored)).as("keying twice changes nothing").isEqualTo(stored);
    assertThat(hasher.matchesRequestHash(stored, plain)).isTrue();
    assertThat(hasher.matchesRequestHash(stored, protocolHash("GET /r1/VN/GOV/BCA/DANCU/citizen-info/001085000124")))
        .isFalse();
    assertThat(hasher("another-key-of-16-chars").matchesRequestHash(stored, plain)).as("without the key").isFalse();
  }

  @Test
  void plainRequestHashesOfOlderRecordsStillMatch() {
    String plain = protocolHash("GET /r1/x");
    assertThat(hasher.matchesRequestHash(plain, plain)).isTrue();
    assertThat(hasher.matchesRequestHash(plain, protocolHash("GET /r1/y"))).isFalse();
  }

  private static String protocolHash(String request) {
    return vn.lgsp.hub.protocol.RequestHash.of(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
