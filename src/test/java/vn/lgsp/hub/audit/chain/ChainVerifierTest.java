package vn.lgsp.hub.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.files.ExportFile;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/** The hash chain, the seals and the export file, without a database. */
class ChainVerifierTest {

  @TempDir static Path keys;

  static SealKey sealKey;
  static TrustedKeys trust;

  @BeforeAll
  static void key() {
    sealKey = new SealKey(properties(), new HubProperties(keys, null));
    trust = new TrustedKeys(List.of(sealKey.certificate()));
  }

  static AuditProperties properties() {
    return new AuditProperties("a-key-of-sixteen-chars", "q", "dlq", 10, 10,
        new AuditProperties.Seal(null, "test-password", "seal", true, 3, java.time.Duration.ofSeconds(1), List.of()),
        null, null);
  }

  static ExchangeRecord record(int n) {
    return ExchangeRecord.builder()
        .id(UUID.nameUUIDFromBytes(("record-" + n).getBytes(StandardCharsets.UTF_8)))
        .messageId("m-" + n)
        .clientId("VN/GOV/UBND-HN/MOTCUA")
        .serviceId("VN/GOV/BCA/DANCU/citizen-info")
        .issue("HS-" + n)
        .method("GET")
        .path("/r1/VN/GOV/BCA/DANCU/citizen-info/#0123456789abcdef")
        .status(200)
        .requestSize(0)
        .responseSize(321)
        .requestInAt(Instant.parse("2026-11-23T08:00:00.123456789Z").plusSeconds(n))
        .responseOutAt(Instant.parse("2026-11-23T08:00:00.223456789Z").plusSeconds(n))
        .requestHash("rq" + n)
        .responseHash("rs" + n)
        .covertUntil(n == 2 ? LocalDate.of(2031, 12, 31) : null)
        .build();
  }

  /** A chain of n records after genesis, sealed at every third record. */
  static Chain chain(int n) {
    Chain c = new Chain();
    String prev = ChainHash.GENESIS;
    for (int i = 1; i <= n; i++) {
      ExchangeRecord r = record(i);
      String hash = ChainHash.of(r, i, prev);
      c.records.add(r.withChain(new ExchangeRecord.ChainLink(i, prev, hash)));
      prev = hash;
      if (i % 3 == 0) {
        c.seals.add(seal(i, hash));
      }
    }
    return c;
  }

  static Seal seal(long seq, String hash) {
    Instant at = Instant.parse("2026-11-23T09:00:00Z");
    return new Seal(seq, hash, at, sealKey.keyId(), sealKey.sign(Seal.text(seq, hash, at, sealKey.keyId())));
  }

  static final class Chain {
    final List<ExchangeRecord> records = new ArrayList<>();
    final List<Seal> seals = new ArrayList<>();

    ChainVerifier.Result verify() {
      ChainVerifier v = new ChainVerifier(0, ChainHash.GENESIS, trust, 3);
      seals.forEach(v::seal);
      records.forEach(v::record);
      return v.finish(7L, null);
    }
  }

  @Test
  void anIntactChainVerifiesWithItsSeals() {
    ChainVerifier.Result result = chain(7).verify();
    assertThat(result.intact()).isTrue();
    assertThat(result.records()).isEqualTo(7);
    assertThat(result.seals()).isEqualTo(2);
    assertThat(result.unsealedRecords()).isEqualTo(1);
  }

  @Test
  void theHashCoversEveryFieldAndItsPosition() {
    ExchangeRecord r = record(1);
    String hash = ChainHash.of(r, 1, ChainHash.GENESIS);
    assertThat(ChainHash.of(record(1), 1, ChainHash.GENESIS)).isEqualTo(hash).hasSize(64);
    assertThat(ChainHash.of(r, 2, ChainHash.GENESIS)).isNotEqualTo(hash);
    assertThat(ChainHash.of(r.toBuilder().status(404).build(), 1, ChainHash.GENESIS)).isNotEqualTo(hash);
    assertThat(ChainHash.of(r.toBuilder().issue("HS-1\nstatus=404").build(), 1, ChainHash.GENESIS)).isNotEqualTo(hash);
    assertThat(ChainHash.of(r.toBuilder().covertUntil(LocalDate.of(2030, 1, 1)).build(), 1, ChainHash.GENESIS))
        .isNotEqualTo(hash);
    // nanoseconds beyond the microsecond are not kept: the database keeps microseconds
    assertThat(ChainHash.of(r.toBuilder().requestInAt(r.requestInAt().plusNanos(999)).build(), 1, ChainHash.GENESIS))
        .isEqualTo(hash);
  }

  @Test
  void anAlteredRecordIsNamed() {
    Chain c = chain(7);
    ExchangeRecord r = c.records.get(3);
    c.records.set(3, r.toBuilder().issue("HS-other").build());
    ChainVerifier.Break bad = c.verify().firstBad();
    assertThat(bad.problem()).isEqualTo("altered");
    assertThat(bad.chainSeq()).isEqualTo(4);
    assertThat(bad.recordId()).isEqualTo(r.id());
  }

  @Test
  void aRemovedRecordIsNamedByItsPosition() {
    Chain c = chain(7);
    c.records.remove(4);
    ChainVerifier.Break bad = c.verify().firstBad();
    assertThat(bad.problem()).isEqualTo("removed");
    assertThat(bad.chainSeq()).isEqualTo(5);
  }

  @Test
  void theTailCutOffIsFoundByTheHeadAndTheSeals() {
    Chain c = chain(7);
    c.records.remove(6);
    assertThat(c.verify().firstBad().problem()).isEqualTo("removed");
    assertThat(c.verify().firstBad().chainSeq()).isEqualTo(7);
  }

  @Test
  void aRecordOutsideTheChainIsInserted() {
    Chain c = chain(7);
    c.records.add(record(99));
    ChainVerifier.Break bad = c.verify().firstBad();
    assertThat(bad.problem()).isEqualTo("inserted");
    assertThat(bad.messageId()).isEqualTo("m-99");
  }

  @Test
  void aRecordInsertedWithRenumberingBreaksTheLink() {
    Chain c = chain(7);
    List<ExchangeRecord> renumbered = new ArrayList<>(c.records.subList(0, 2));
    ExchangeRecord forged = record(50);
    String prev = renumbered.get(1).chain().recordHash();
    renumbered.add(forged.withChain(new ExchangeRecord.ChainLink(3, prev, ChainHash.of(forged, 3, prev))));
    c.records.subList(2, 7).forEach(r -> renumbered.add(r.withChain(
        new ExchangeRecord.ChainLink(r.chain().seq() + 1, r.chain().prevHash(), r.chain().recordHash()))));
    c.records.clear();
    c.records.addAll(renumbered);
    assertThat(c.verify().firstBad().problem()).as("the seal at 3 no longer holds").isEqualTo("seal-mismatch");
    c.seals.clear();
    ChainVerifier.Break bad = c.verify().firstBad();
    // the forged record hashes correctly in itself, but the next no longer follows its predecessor
    assertThat(bad.problem()).isEqualTo("broken-link");
    assertThat(bad.chainSeq()).isEqualTo(4);
  }

  @Test
  void aRecomputedChainIsCaughtByTheSeals() {
    Chain c = chain(7);
    // an attacker who knows the algorithm alters record 2 and recomputes every hash after it
    String prev = ChainHash.GENESIS;
    for (int i = 0; i < c.records.size(); i++) {
      ExchangeRecord r = c.records.get(i);
      if (i == 1) {
        r = r.toBuilder().clientId("VN/GOV/UBND-HCM/MOTCUA").build();
      }
      String hash = ChainHash.of(r, i + 1, prev);
      c.records.set(i, r.withChain(new ExchangeRecord.ChainLink(i + 1, prev, hash)));
      prev = hash;
    }
    ChainVerifier.Break bad = c.verify().firstBad();
    assertThat(bad.problem()).isEqualTo("seal-mismatch");
    assertThat(bad.chainSeq()).isEqualTo(3);
  }

  @Test
  void deletedSealsAreMissedByTheLongestRunTheHubLeavesUnsealed() {
    Chain c = chain(7);
    c.seals.remove(0);
    ChainVerifier.Break bad = c.verify().firstBad();
    assertThat(bad.problem()).isEqualTo("seal-missing");
    assertThat(bad.chainSeq()).isEqualTo(4);
  }

  @Test
  void aSealOfAnotherKeyIsAForgery() {
    Chain c = chain(7);
    Seal real = c.seals.get(0);
    c.seals.set(0, new Seal(real.upToSeq(), real.headHash(), real.sealedAt(), real.keyId(),
        c.seals.get(1).signature()));
    assertThat(c.verify().firstBad().problem()).isEqualTo("seal-forged");
  }

  @Test
  void anExportFileVerifiesAndItsAlterationsAreFound() throws Exception {
    Chain c = chain(7);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportFile.Writer writer = new ExportFile.Writer(out);
    writer.header(0, ChainHash.GENESIS, new ExportFile.HeaderInfo(Instant.now(), 3, List.of(sealKey.certificate()), null, null));
    c.seals.forEach(writer::seal);
    c.records.forEach(writer::record);
    writer.footer(sealKey);
    String file = out.toString(StandardCharsets.UTF_8);

    ExportFile.Verified ok = ExportFile.verify(stream(file), trust);
    assertThat(ok.result().intact()).as("%s", ok.result()).isTrue();
    assertThat(ok.result().records()).isEqualTo(7);

    String altered = file.replace("\"HS-4\"", "\"HS-9\"");
    assertThat(ExportFile.verify(stream(altered), trust).result().firstBad().chainSeq()).isEqualTo(4);

    String truncated = file.substring(0, file.lastIndexOf("{\"type\":\"footer\""));
    assertThat(ExportFile.verify(stream(truncated), trust).result().firstBad().problem()).isEqualTo("truncated");

    TrustedKeys stranger = new TrustedKeys(List.of(new SealKey(properties(), new HubProperties(keys.resolve("other"), null))
        .certificate()));
    assertThat(ExportFile.verify(stream(file), stranger).result().intact()).isFalse();
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
