package vn.lgsp.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
  void leavesShortNumbersAndTextAlone() {
    assertThat(hasher.maskIds("/r1/VN/GOV/BCA/DANCU/citizen-info.v1/12345")).isEqualTo("/r1/VN/GOV/BCA/DANCU/citizen-info.v1/12345");
    assertThat(hasher.maskIds(null)).isNull();
  }
}
