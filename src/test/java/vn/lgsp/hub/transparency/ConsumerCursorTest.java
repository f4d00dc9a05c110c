package vn.lgsp.hub.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.protocol.HubProblemException;

/** The sealed monitoring cursor: survives a restart and other hubs, binds to its client, holds under 100 callers. */
class ConsumerCursorTest {

  private static final String HANOI = "VN/GOV/UBND-HN/MOTCUA";
  private static final String HCMC = "VN/GOV/UBND-HCM/MOTCUA";

  private static ConsumerCursor hub(String key) {
    return new ConsumerCursor(new AuditProperties(key, "q", "dlq", 10, 10, null, null, null));
  }

  @Test
  void aCursorOpensAfterARestartAndOnAnotherHubWithTheSameKeyOnly() {
    String cursor = hub("a-key-of-sixteen-chars").seal(1234, HANOI);

    assertThat(hub("a-key-of-sixteen-chars").open(cursor, HANOI)).as("a new process, same key").isEqualTo(1234);
    assertThatThrownBy(() -> hub("another-key-sixteen-c").open(cursor, HANOI)).isInstanceOf(HubProblemException.class);
    assertThatThrownBy(() -> hub("a-key-of-sixteen-chars").open(cursor, HCMC))
        .as("another client's cursor").isInstanceOf(HubProblemException.class);
    assertThat(cursor).doesNotContain("1234");
  }

  @Test
  void aHundredConcurrentCallersEachOpenTheirOwnCursor() throws Exception {
    ConsumerCursor cursors = hub("a-key-of-sixteen-chars");
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Future<Long>> opened = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        long position = 1_000_000L + i;
        opened.add(pool.submit(() -> cursors.open(cursors.seal(position, HANOI), HANOI)));
      }
      for (int i = 0; i < opened.size(); i++) {
        assertThat(opened.get(i).get()).isEqualTo(1_000_000L + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
