package vn.lgsp.hub.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.WitnessProperties;

/** The seal witness's files, written and read back, without a database. */
class SealWitnessTest {

  @TempDir Path dir;

  private SealWitness witness(String node) {
    return new SealWitness(new WitnessProperties(dir.resolve("witness"), null, Duration.ofSeconds(5)),
        new HubProperties(dir.resolve("data"), node), new SimpleMeterRegistry());
  }

  private static Seal seal(long seq) {
    String hash = ChainHash.sha256Hex(("head-" + seq).getBytes(StandardCharsets.UTF_8));
    return new Seal(seq, hash, Instant.parse("2026-12-02T08:00:00Z").plusSeconds(seq), "k", "sig-" + seq);
  }

  @Test
  void theNewestIsTheHighestPositionEverWitnessedNotTheLastLine() {
    SealWitness w = witness("hub-a");
    assertThat(w.newest()).isEmpty();
    w.afterCommit(seal(5));
    w.afterCommit(seal(120));
    // after a truncation the hub seals lower positions again: the witness must keep the higher one
    w.afterCommit(seal(70));
    WitnessLog.Witnessed newest = w.newest().orElseThrow();
    assertThat(newest.seal()).isEqualTo(seal(120));
    assertThat(newest.seals()).isEqualTo(3);
    assertThat(newest.source()).isEqualTo("seals-hub-a.jsonl");
  }

  @Test
  void theTimeStampKeptIsTheOneOfTheNewestSeal() throws Exception {
    SealWitness w = witness("hub-a");
    Path file = dir.resolve("witness").resolve("seals-hub-a.jsonl");
    w.afterCommit(seal(50));
    Files.write(file, WitnessLog.timeStampLine(seal(50), new byte[] {1}), StandardOpenOption.APPEND);
    w.afterCommit(seal(120));
    Files.write(file, WitnessLog.timeStampLine(seal(120), new byte[] {2}), StandardOpenOption.APPEND);
    w.afterCommit(seal(70));
    // a token for position 120 of another chain (written again after a cut) is not the witnessed seal's
    Seal other = new Seal(120, seal(121).headHash(), seal(120).sealedAt(), "k", "sig-x");
    Files.write(file, WitnessLog.timeStampLine(other, new byte[] {3}), StandardOpenOption.APPEND);
    WitnessLog.Witnessed newest = WitnessLog.newest(file).orElseThrow();
    assertThat(newest.seal()).isEqualTo(seal(120));
    assertThat(newest.timeStampToken()).isEqualTo(java.util.Base64.getEncoder().encodeToString(new byte[] {2}));
    assertThat(newest.seals()).isEqualTo(3);
  }

  @Test
  void eachNodeAppendsItsOwnFileAndTheNewestSpansThemAll() throws Exception {
    witness("hub-a").afterCommit(seal(10));
    witness("host:/var/lib/hub b").afterCommit(seal(15));
    witness("hub-a").afterCommit(seal(12));
    try (var files = Files.list(dir.resolve("witness"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
          .containsExactly("seals-host_var_lib_hub_b.jsonl", "seals-hub-a.jsonl");
    }
    WitnessLog.Witnessed newest = WitnessLog.newest(dir.resolve("witness")).orElseThrow();
    assertThat(newest.seal().upToSeq()).isEqualTo(15);
    assertThat(newest.source()).isEqualTo("seals-host_var_lib_hub_b.jsonl");
    assertThat(WitnessLog.newest(dir.resolve("witness").resolve("seals-hub-a.jsonl")).orElseThrow().seal().upToSeq())
        .isEqualTo(12);
  }

  @Test
  void aLineTornByACrashIsSkippedAndDoesNotSwallowTheNext() throws Exception {
    witness("hub-a").afterCommit(seal(5));
    Path file = dir.resolve("witness").resolve("seals-hub-a.jsonl");
    Files.writeString(file, "{\"type\":\"seal\",\"seal\":{\"upToSeq\":900,\"headHa", StandardOpenOption.APPEND);
    // the hub restarts after the crash and goes on sealing
    witness("hub-a").afterCommit(seal(9));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).startsWith("{\"type\":\"seal\"");
    assertThat(WitnessLog.newest(file).orElseThrow().seal().upToSeq()).isEqualTo(9);
  }
}
