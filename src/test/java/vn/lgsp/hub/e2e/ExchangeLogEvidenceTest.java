package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lgsp.hub.support.HubClient.HANOI;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.QueueBrowser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.chain.ChainReader;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.SealWitness;
import vn.lgsp.hub.audit.chain.TimeStamps;
import vn.lgsp.hub.audit.chain.WitnessLog;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.record.RecordCodec;
import vn.lgsp.hub.audit.verification.VerifyCommand;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The exchange log as evidence, against the real PostgreSQL behind a running hub: the chain and
 * its seals verify, and rows altered, removed or inserted behind the hub's back are found at their
 * place. Each tampering is undone before the test ends, so the shared hub stays intact.
 */
class ExchangeLogEvidenceTest extends SandboxHubTest {

  private static final ObjectMapper RECORDS = new ObjectMapper();

  /** The tamperer: the schema's owner, since the hub's own role cannot change or remove records. */
  private JdbcTemplate jdbc;
  private PlatformTransactionManager transactions;
  @Autowired @FlywayDataSource DataSource schemaOwner;
  @Autowired ChainReader reader;
  @Autowired ObjectMapper appJson;
  @Autowired JmsTemplate jms;
  @Autowired MeterRegistry meters;
  @Autowired AuditProperties audit;
  @Autowired SealWitness witness;
  @Autowired vn.lgsp.hub.HubProperties hubProperties;

  @BeforeEach
  void tamperer() {
    jdbc = new JdbcTemplate(schemaOwner);
    transactions = new DataSourceTransactionManager(schemaOwner);
  }

  /** A lookup whose record is stored; answers the record. */
  private JsonNode lookUp() {
    String messageId = UUID.randomUUID().toString();
    Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, hub.token(HANOI))
        .header("X-Road-Id", messageId).send();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return hub.awaitRecord(messageId);
  }

  private JsonNode verify() {
    Response r = hub.admin("/admin/api/exchange-log/verify");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private JsonNode awaitIntact() {
    return await().atMost(Duration.ofSeconds(10)).until(this::verify, v -> v.get("intact").asBoolean()
        && v.get("unsealedRecords").asLong() == 0);
  }

  @Test
  void lookupsAreChainedSealedAndVerifiable() {
    JsonNode first = lookUp();
    JsonNode second = lookUp();
    long seq = first.get("chain").get("seq").asLong();
    assertThat(second.get("chain").get("seq").asLong()).isGreaterThan(seq);
    assertThat(first.get("chain").get("recordHash").asString()).hasSize(64);

    JsonNode report = awaitIntact();
    assertThat(report.get("records").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(report.get("seals").asLong()).isPositive();
    assertThat(report.get("lastSeq").asLong()).isGreaterThanOrEqualTo(second.get("chain").get("seq").asLong());
    assertThat(hub.admin("/admin/api/exchange-log/certificate").body()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void aChangedFieldIsFoundAtThatRecord() {
    JsonNode record = lookUp();
    lookUp();
    awaitIntact();
    String id = record.get("id").asString();
    jdbc.update("UPDATE exchange_record SET issue = 'HS-FORGED' WHERE id = ?::uuid", id);
    try {
      JsonNode report = verify();
      assertThat(report.get("intact").asBoolean()).isFalse();
      assertThat(report.get("firstBadSource").asString()).isEqualTo("database");
      assertThat(report.get("firstBad").get("problem").asString()).isEqualTo("altered");
      assertThat(report.get("firstBad").get("recordId").asString()).isEqualTo(id);
      assertThat(report.get("firstBad").get("chainSeq").asLong()).isEqualTo(record.get("chain").get("seq").asLong());
    } finally {
      jdbc.update("UPDATE exchange_record SET issue = ? WHERE id = ?::uuid", record.get("issue").asString(), id);
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void aDeletedRowIsFoundAtItsPosition() {
    JsonNode record = lookUp();
    lookUp();
    awaitIntact();
    long seq = record.get("chain").get("seq").asLong();
    jdbc.execute("CREATE TABLE removed_row AS SELECT * FROM exchange_record WHERE chain_seq = " + seq);
    jdbc.update("DELETE FROM exchange_record WHERE chain_seq = ?", seq);
    try {
      JsonNode bad = verify().get("firstBad");
      assertThat(bad.get("problem").asString()).isEqualTo("removed");
      assertThat(bad.get("chainSeq").asLong()).isEqualTo(seq);
    } finally {
      jdbc.execute("INSERT INTO exchange_record SELECT * FROM removed_row");
      jdbc.execute("DROP TABLE removed_row");
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void insertedRowsAreFound() {
    JsonNode record = lookUp();
    awaitIntact();
    UUID forged = UUID.randomUUID();
    String copy = "INSERT INTO exchange_record (id, message_id, client_id, service_id, issue, method, path, status,"
        + " request_size, response_size, request_in_at, response_out_at, chain_seq, prev_hash, record_hash)"
        + " SELECT ?, 'forged', client_id, service_id, issue, method, path, status, request_size, response_size,"
        + " request_in_at, response_out_at, %s FROM exchange_record WHERE id = ?::uuid";
    jdbc.update(copy.formatted("NULL, NULL, NULL"), forged, record.get("id").asString());
    try {
      JsonNode bad = verify().get("firstBad");
      assertThat(bad.get("problem").asString()).isEqualTo("inserted");
      assertThat(bad.get("recordId").asString()).isEqualTo(forged.toString());
    } finally {
      jdbc.update("DELETE FROM exchange_record WHERE id = ?", forged);
    }

    // a forger who writes a well-formed chain link beyond the head is found too
    long beyond = verify().get("lastSeq").asLong() + 1000;
    jdbc.update(copy.formatted(beyond + ", repeat('0', 64), repeat('1', 64)"), forged, record.get("id").asString());
    try {
      JsonNode bad = verify().get("firstBad");
      assertThat(bad.get("problem").asString()).isEqualTo("inserted");
      assertThat(bad.get("chainSeq").asLong()).isEqualTo(beyond);
    } finally {
      jdbc.update("DELETE FROM exchange_record WHERE id = ?", forged);
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void aRechainedDatabaseIsCaughtByTheSeals() {
    JsonNode record = lookUp();
    lookUp();
    awaitIntact();
    long seq = record.get("chain").get("seq").asLong();
    String original = record.get("clientId").asString();
    // the forger alters a record and recomputes every hash after it and the head, as anyone could
    rechainFrom(seq, "VN/GOV/UBND-HCM/MOTCUA");
    try {
      JsonNode bad = verify().get("firstBad");
      assertThat(bad.get("problem").asString()).isEqualTo("seal-mismatch");
      assertThat(bad.get("chainSeq").asLong()).isGreaterThanOrEqualTo(seq);
    } finally {
      rechainFrom(seq, original);
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  /** Sets the client of the record at {@code seq} and recomputes the chain from there to the head. */
  private void rechainFrom(long seq, String clientId) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      long head = jdbc.queryForObject("SELECT last_seq FROM exchange_chain_head WHERE id = 1 FOR UPDATE", Long.class);
      List<ExchangeRecord> records = new ArrayList<>();
      reader.inSnapshot(s -> {
        s.records(seq - 1, head, records::add);
        return null;
      });
      String prev = records.get(0).chain().prevHash();
      for (ExchangeRecord r : records) {
        ExchangeRecord changed = r.chain().seq() == seq ? r.toBuilder().clientId(clientId).build() : r;
        String hash = ChainHash.of(changed, r.chain().seq(), prev);
        jdbc.update("UPDATE exchange_record SET client_id = ?, prev_hash = ?, record_hash = ? WHERE chain_seq = ?",
            changed.clientId(), prev, hash, r.chain().seq());
        prev = hash;
      }
      jdbc.update("UPDATE exchange_chain_head SET last_hash = ? WHERE id = 1", prev);
    });
  }

  /** {@code n} lookups; answers once all their records are stored. */
  private void lookUps(int n) {
    String token = hub.token(HANOI);
    String last = null;
    for (int i = 0; i < n; i++) {
      last = UUID.randomUUID().toString();
      Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, token)
          .header("X-Road-Id", last).send();
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    hub.awaitRecord(last);
  }

  /** Intact, sealed to the head, and the witness holds the seal of the head. */
  private JsonNode awaitWitnessedToTheHead() {
    return await().atMost(Duration.ofSeconds(10)).until(this::verify, v -> v.get("intact").asBoolean()
        && v.get("unsealedRecords").asLong() == 0 && v.path("witnessedSeq").asLong() == v.get("lastSeq").asLong());
  }

  @Test
  void deletingTheNewestRecordsWithTheirSealsIsFoundByTheWitness() {
    lookUps(55);
    long head = awaitWitnessedToTheHead().get("lastSeq").asLong();
    // an attacker with database access deletes the newest 50 records and their seals, and moves the
    // head row back to what the hub would have left there: the chain in the database is consistent
    long cut = cutBack(50, false);
    try {
      assertThat(cut).isEqualTo(head - 50);
      JsonNode report = verify();
      assertThat(report.get("intact").asBoolean()).as("%s", report).isFalse();
      assertThat(report.get("firstBadSource").asString()).isEqualTo("database");
      JsonNode bad = report.get("firstBad");
      assertThat(bad.get("problem").asString()).isEqualTo("truncated");
      // the first witnessed seal that the database no longer holds: one of those cut away
      assertThat(bad.get("chainSeq").asLong()).isGreaterThan(cut).isLessThanOrEqualTo(head);
      assertThat(bad.get("detail").asString()).contains("chain ends at " + cut);
      assertThat(report.get("parts").get(report.get("parts").size() - 1).get("result").get("lastSeq").asLong())
          .as("the chain itself verifies up to the moved head").isEqualTo(cut);

      // an auditor's command finds it with the witness, and shows why the witness is needed
      String[] database = {"--certificate=" + certificate(), "--jdbc-url=" + jdbcUrl(), "--jdbc-user=hub_app"};
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
      assertThat(VerifyCommand.run(append(database, "--witness=" + witness.directory()), print, System.err))
          .as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"problem\" : \"truncated\"");
      out.reset();
      assertThat(VerifyCommand.run(database, print, System.err)).as("without the witness the cut goes unseen").isZero();
    } finally {
      undoCut();
    }
    assertThat(awaitIntact().get("witnessedSeq").asLong()).isEqualTo(head);
  }

  @Test
  void rewritingTheNewestRecordsAfterDeletingTheirSealsIsFoundByTheWitness() {
    lookUps(55);
    long head = awaitWitnessedToTheHead().get("lastSeq").asLong();
    // the attacker replaces the newest 50 records by a chain of their own up to the same head
    long cut = cutBack(50, true);
    try {
      JsonNode bad = verify().get("firstBad");
      assertThat(bad.get("problem").asString()).isEqualTo("truncated");
      assertThat(bad.get("chainSeq").asLong()).isGreaterThan(cut).isLessThanOrEqualTo(head);
      assertThat(bad.get("detail").asString()).contains("with another record");
    } finally {
      undoCut();
    }
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void theWitnessedSealIsTimeStampedByTheSandboxAuthority() {
    lookUp();
    JsonNode report = await().atMost(Duration.ofSeconds(10)).until(this::verify, v -> v.get("intact").asBoolean()
        && v.path("witnessedSeq").asLong() == v.get("lastSeq").asLong() && v.path("witnessTimeStamp").has("at"));
    JsonNode stamp = report.get("witnessTimeStamp");
    assertThat(stamp.get("authority").asString()).contains("sandbox time-stamping authority");
    assertThat(stamp.get("authorityKeyId").asString()).hasSize(64);
    assertThat(Duration.between(Instant.parse(stamp.get("at").asString()), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(1));

    // the token is over that seal's signature: it vouches for no other seal
    WitnessLog.Witnessed newest = WitnessLog.newest(witness.directory()).orElseThrow();
    assertThat(newest.timeStampToken()).isNotNull();
    assertThat(TimeStamps.check(newest.timeStampToken(), newest.seal())).isPresent();
    Seal other = new Seal(newest.seal().upToSeq(), newest.seal().headHash(), newest.seal().sealedAt(),
        newest.seal().keyId(), java.util.Base64.getEncoder().encodeToString(new byte[64]));
    assertThat(TimeStamps.check(newest.timeStampToken(), other)).isEmpty();
  }

  private String certificate() {
    try {
      return Files.writeString(TestDataDir.create("auditor").resolve("seal.pem"),
          hub.admin("/admin/api/exchange-log/certificate").body()).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The database as an auditor reaches it: the hub's role, its generated password in the data directory. */
  private String jdbcUrl() {
    String url = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL()).replaceFirst("\\?.*", "");
    return url + "?password=" + vn.lgsp.hub.support.EmbeddedDatabaseLogins.password(hubProperties.dataDir(), "hub_app");
  }

  private static String[] append(String[] args, String arg) {
    String[] more = java.util.Arrays.copyOf(args, args.length + 1);
    more[args.length] = arg;
    return more;
  }

  /**
   * Cuts the newest {@code n} records and their seals out of the database, keeping copies for
   * {@link #undoCut()}, and moves the head back consistently; with {@code rewrite} the cut records
   * come back altered and rechained, the head at its old position, marked sealed so that the hub
   * does not seal the forgery. Answers the last position left untouched.
   */
  private long cutBack(int n, boolean rewrite) {
    return new TransactionTemplate(transactions).execute(status -> {
      long last = jdbc.queryForObject("SELECT last_seq FROM exchange_chain_head WHERE id = 1 FOR UPDATE", Long.class);
      long cut = last - n;
      jdbc.execute("CREATE TABLE cut_head AS SELECT * FROM exchange_chain_head");
      jdbc.execute("CREATE TABLE cut_records AS SELECT * FROM exchange_record WHERE chain_seq > " + cut);
      jdbc.execute("CREATE TABLE cut_payloads AS SELECT p.* FROM exchange_payload p"
          + " JOIN exchange_record r ON r.id = p.record_id WHERE r.chain_seq > " + cut);
      jdbc.execute("CREATE TABLE cut_seals AS SELECT * FROM exchange_chain_seal WHERE up_to_seq > " + cut);
      jdbc.update("DELETE FROM exchange_chain_seal WHERE up_to_seq > ?", cut);
      if (rewrite) {
        List<ExchangeRecord> records = new ArrayList<>();
        reader.inSnapshot(s -> {
          s.records(cut, last, records::add);
          return null;
        });
        String prev = records.get(0).chain().prevHash();
        for (ExchangeRecord r : records) {
          ExchangeRecord forged = r.toBuilder().issue("HS-FORGED").build();
          String hash = ChainHash.of(forged, r.chain().seq(), prev);
          jdbc.update("UPDATE exchange_record SET issue = ?, prev_hash = ?, record_hash = ? WHERE chain_seq = ?",
              forged.issue(), prev, hash, r.chain().seq());
          prev = hash;
        }
        jdbc.update("UPDATE exchange_chain_head SET last_hash = ?, sealed_seq = last_seq, sealed_at = now() WHERE id = 1",
            prev);
      } else {
        jdbc.update("DELETE FROM exchange_record WHERE chain_seq > ?", cut);
        jdbc.update("UPDATE exchange_chain_head SET last_seq = ?,"
            + " last_hash = (SELECT record_hash FROM exchange_record WHERE chain_seq = ?),"
            + " sealed_seq = (SELECT coalesce(max(up_to_seq), base_seq) FROM exchange_chain_seal),"
            + " sealed_at = (SELECT max(sealed_at) FROM exchange_chain_seal) WHERE id = 1", cut, cut);
      }
      return cut;
    });
  }

  /** Puts back what {@link #cutBack} took out. */
  private void undoCut() {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      jdbc.queryForObject("SELECT last_seq FROM exchange_chain_head WHERE id = 1 FOR UPDATE", Long.class);
      jdbc.execute("DELETE FROM exchange_record WHERE id IN (SELECT id FROM cut_records)");
      jdbc.execute("INSERT INTO exchange_record SELECT * FROM cut_records");
      jdbc.execute("INSERT INTO exchange_payload SELECT * FROM cut_payloads");
      jdbc.execute("DELETE FROM exchange_chain_seal WHERE up_to_seq IN (SELECT up_to_seq FROM cut_seals)");
      jdbc.execute("INSERT INTO exchange_chain_seal SELECT * FROM cut_seals");
      jdbc.execute("UPDATE exchange_chain_head h SET last_seq = c.last_seq, last_hash = c.last_hash,"
          + " sealed_seq = c.sealed_seq, sealed_at = c.sealed_at FROM cut_head c");
      jdbc.execute("DROP TABLE cut_head, cut_records, cut_payloads, cut_seals");
    });
  }

  @Test
  void aRedeliveredRecordIsStoredOnce() throws Exception {
    JsonNode stored = lookUp();
    ExchangeRecord again = RECORDS.convertValue(stored, ExchangeRecord.class).toBuilder().chain(null).build();
    ExchangeRecord fresh = ExchangeRecord.builder().messageId(UUID.randomUUID().toString()).method("GET").path("/x")
        .status(200).requestInAt(Instant.now()).responseOutAt(Instant.now()).build();
    String marker = UUID.randomUUID().toString();
    for (ExchangeRecord r : List.of(again, fresh, fresh, fresh.toBuilder().id(UUID.randomUUID()).messageId(marker).build())) {
      String text = appJson.writeValueAsString(r);
      jms.send(audit.queue(), s -> s.createTextMessage(text));
    }
    hub.awaitRecord(marker);
    assertThat(hub.records(stored.get("messageId").asString())).hasSize(1);
    assertThat(hub.records(fresh.messageId())).hasSize(1);
    assertThat(awaitIntact().get("intact").asBoolean()).isTrue();
  }

  @Test
  void anExportIsASignedStretchThatTheCommandVerifies() throws Exception {
    Instant from = Instant.now().minusSeconds(1);
    lookUp();
    lookUp();
    awaitIntact();
    Response export = hub.admin("/admin/api/exchanges/export?from=" + from + "&format=jsonl&reason=court+order+42");
    assertThat(export.status()).as(export.body()).isEqualTo(200);
    Path dir = TestDataDir.create("export");
    Path file = Files.writeString(dir.resolve("export.jsonl"), export.body());
    Path certificate = Files.writeString(dir.resolve("seal.pem"), hub.admin("/admin/api/exchange-log/certificate").body());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = VerifyCommand.run(new String[] {"--certificate=" + certificate, file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"intact\" : true");

    Path altered = Files.writeString(dir.resolve("altered.jsonl"),
        export.body().replaceFirst("\"status\":200", "\"status\":404"));
    out.reset();
    assertThat(VerifyCommand.run(new String[] {"--certificate=" + certificate, altered.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"problem\" : \"altered\"");

    // a bounded export of records not sealed yet: the hub seals them first, and the file says what proves them
    Instant boundedFrom = Instant.now().minusMillis(1);
    lookUp();
    lookUp();
    Instant boundedTo = Instant.now();
    String fingerprint = hub.admin("/admin/api/exchange-log/status").json().get("sealFingerprint").asText();
    Response bounded = hub.admin("/admin/api/exchanges/export?from=" + boundedFrom + "&to=" + boundedTo
        + "&format=jsonl&reason=bounded");
    JsonNode header = new ObjectMapper().readTree(bounded.body().lines().findFirst().orElseThrow());
    assertThat(header.get("format").asText()).isEqualTo("lgsp-hub-exchange-log/2");
    assertThat(header.get("fingerprint").asText()).isEqualTo(fingerprint);
    assertThat(header.get("verifiedBeforeSigning").asText()).isEqualTo("intact");
    assertThat(header.get("range").get("firstSeq").asLong()).isEqualTo(header.get("baseSeq").asLong() + 1);
    Path boundedFile = Files.writeString(dir.resolve("bounded.jsonl"), bounded.body());
    out.reset();
    assertThat(VerifyCommand.run(new String[] {"--fingerprint=" + fingerprint, boundedFile.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).as(out.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode check = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("parts").get(0).get("check");
    assertThat(check.get("records").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(check.get("sealsValid").asLong()).isPositive();
    assertThat(check.get("exportSignatureOnly").asLong()).as("%s", check).isZero();
    assertThat(check.get("sealed").asLong()).isEqualTo(check.get("records").asLong());

    Response csv = hub.admin("/admin/api/exchanges/export?from=" + from + "&format=csv");
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("chainSeq,recordHash,id,kind");
    assertThat(csv.body().lines().count()).isGreaterThanOrEqualTo(3);

    // exporting is an admin action: it is in the chain, with the operator and the reason
    JsonNode trail = await().atMost(Duration.ofSeconds(10)).until(
        () -> hub.admin("/admin/api/exchanges?kind=admin&size=200").json().get("items"),
        items -> items.findValuesAsString("reason").contains("court order 42"));
    assertThat(trail.findValuesAsString("action")).contains("exchange-log.export");
    assertThat(trail.findValuesAsString("actor")).contains("operator");
    assertProblem(hub.admin("/admin/api/exchanges/export?format=jsonl"), 400);
    assertProblem(hub.admin("/admin/api/exchanges/export?from=" + from + "&format=xml"), 400);
  }

  @Test
  void recordsTheWriterCannotStoreGoToTheDeadLetterQueue() {
    double before = meters.counter("hub.exchange_log.dead_lettered").count();
    int queued = dlqDepth();
    jms.send(audit.queue(), s -> s.createTextMessage("{not a record"));
    // a record the hub built without its path: a fault of the hub (what a caller sends, such as a NUL,
    // is stored cleaned and flagged instead: EveryAnswerHasItsRecordTest)
    String refused = "{\"id\":\"" + UUID.randomUUID() + "\",\"messageId\":\"m-no-path\",\"method\":\"GET\","
        + "\"status\":200,\"issue\":\"HS\\u0000\",\"requestInAt\":\"2026-11-23T08:00:00Z\","
        + "\"responseOutAt\":\"2026-11-23T08:00:01Z\"}";
    jms.send(audit.queue(), s -> s.createTextMessage(refused));

    await().atMost(Duration.ofSeconds(10)).until(() -> dlqDepth() == queued + 2);
    assertThat(meters.counter("hub.exchange_log.dead_lettered").count()).isEqualTo(before + 2);
    // the queue behind them keeps moving
    lookUp();
    assertThat(verify().get("intact").asBoolean()).isTrue();
  }

  @Test
  void aRecordSentAsBytesIsStoredAndUnreadableBytesAreDeadLetteredWhole() throws Exception {
    // the writer reads the codec's bytes as well as text, so that a later release can send them (ExchangeLogPublisher)
    String marker = UUID.randomUUID().toString();
    ExchangeRecord record = ExchangeRecord.builder().messageId(marker).method("GET").path("/bytes").status(200)
        .requestInAt(Instant.now()).responseOutAt(Instant.now()).build();
    byte[] garbage = "{not a record, as bytes \u00e9".getBytes(StandardCharsets.UTF_8);
    int queued = dlqDepth();
    jms.send(audit.queue(), s -> {
      BytesMessage m = s.createBytesMessage();
      m.writeBytes(garbage);
      return m;
    });
    jms.send(audit.queue(), s -> {
      BytesMessage m = s.createBytesMessage();
      m.writeBytes(RecordCodec.write(record));
      return m;
    });

    hub.awaitRecord(marker);
    assertThat(hub.records(marker)).singleElement().satisfies(r -> {
      assertThat(r.get("id").asString()).isEqualTo(record.id().toString());
      assertThat(r.get("path").asString()).isEqualTo("/bytes");
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> dlqDepth() == queued + 1);
    // the dead letter keeps its whole body, although the writer had read it
    List<byte[]> bodies = jms.browse(audit.deadLetterQueue(), (session, browser) -> {
      List<byte[]> found = new ArrayList<>();
      for (Object m : Collections.list(browser.getEnumeration())) {
        if (m instanceof BytesMessage b) {
          found.add(b.getBody(byte[].class));
        }
      }
      return found;
    });
    assertThat(bodies).anySatisfy(b -> assertThat(b).isEqualTo(garbage));
  }

  private int dlqDepth() {
    Integer n = jms.browse(audit.deadLetterQueue(), (session, browser) -> countOf(browser));
    return n == null ? 0 : n;
  }

  private static int countOf(QueueBrowser browser) throws jakarta.jms.JMSException {
    return Collections.list(browser.getEnumeration()).size();
  }

  private static void assertProblem(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
  }
}
