package vn.lgsp.hub.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

  @Test
  void anIdIsVersionSevenWithTheVariantOfRfc9562AndItsMillisecond() {
    long millis = 1_764_806_400_123L;
    UUID id = RecordIds.of(millis, new Random(1));
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(RecordIds.millisOf(id)).isEqualTo(millis);
    // the textual form starts with the millisecond in hex (RFC 9562, figure 11)
    assertThat(id.toString().replace("-", "")).startsWith(String.format("%012x", millis));
  }

  @Test
  void randomBitsAllOnesOrAllZerosNeverTouchTheVersionTheVariantOrTheTime() {
    Random ones = new Random() {
      @Override
      public int nextInt(int bound) {
        return bound - 1;
      }

      @Override
      public long nextLong() {
        return -1L;
      }
    };
    Random zeros = new Random() {
      @Override
      public int nextInt(int bound) {
        return 0;
      }

      @Override
      public long nextLong() {
        return 0L;
      }
    };
    long millis = 0xFFFF_FFFF_FFFFL;
    for (Random random : new Random[] {ones, zeros}) {
      UUID id = RecordIds.of(millis, random);
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(RecordIds.millisOf(id)).isEqualTo(millis);
    }
    assertThat(RecordIds.of(millis, ones).toString()).isEqualTo("ffffffff-ffff-7fff-bfff-ffffffffffff");
    assertThat(RecordIds.of(0, zeros).toString()).isEqualTo("00000000-0000-7000-8000-000000000000");
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnesAsPostgresqlComparesUuids() {
    Random random = new Random(2);
    UUID earlier = RecordIds.of(1_000_000L, random);
    UUID later = RecordIds.of(1_000_001L, random);
    // PostgreSQL orders uuid by its bytes, unsigned: the same as the text form's order
    assertThat(later.toString()).isGreaterThan(earlier.toString());
  }

  @Test
  void twoHundredThousandIdsFromOneHundredThreadsNeverRepeat() throws Exception {
    Set<UUID> ids = ConcurrentHashMap.newKeySet();
    ExecutorService threads = Executors.newFixedThreadPool(100);
    try {
      threads.invokeAll(IntStream.range(0, 100).<Callable<Boolean>>mapToObj(t -> () -> {
        Set<UUID> mine = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
          mine.add(RecordIds.next());
        }
        return ids.addAll(mine);
      }).toList());
    } finally {
      threads.shutdown();
    }
    assertThat(ids).hasSize(200_000);
    assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
  }
}
