package vn.lgsp.hub.audit.files;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.chain.JsonLines;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.record.ExchangeRecord;
import vn.lgsp.hub.audit.verification.VerifyCommand;

/**
 * The hub's own code reproduces every committed test vector of docs/evidence-test-vectors/: it
 * recomputes each record's canonical text and hash, checks the seals' signatures, and verifies each
 * export file with {@code verify-exchange-log}, whose verdict, exit code and counts must be those
 * the manifest states (written by hand from docs/EVIDENCE-FORMAT.md, not by a verifier).
 */
class EvidenceVectorsTest {

  private static final Path DIR = EvidenceVectors.DIR;
  private static final List<String> COUNTS = List.of("records", "checked", "unchecked", "failed", "missing", "seals",
      "sealsValid", "sealsFailed", "sealsUnchecked", "sealed", "exportSignatureOnly");

  @Test
  @EnabledIfSystemProperty(named = "evidence.vectors.write", matches = "true")
  void writeTheVectors(@TempDir Path work) throws Exception {
    EvidenceVectors.write(work);
    assertThat(DIR.resolve("manifest.json")).exists();
  }

  @Test
  void everyRecordHashesToItsVector() throws Exception {
    JsonNode vectors = read("records.json").get("vectors");
    assertThat(vectors.size()).isGreaterThanOrEqualTo(9);
    for (JsonNode v : vectors) {
      ObjectNode record = (ObjectNode) v.get("record").deepCopy();
      ((ObjectNode) record.get("chain")).put("recordHash", v.get("recordHash").asString());
      ExchangeRecord r = EvidenceJson.record(EvidenceJson.object("{\"record\":" + record + "}"));
      long seq = v.get("seq").asLong();
      String prev = v.get("prevHash").asString();
      assertThat(ChainHash.form(r)).as(v.get("name").asString()).isEqualTo(v.get("form").asString());
      assertThat(ChainHash.hashed(r, seq, prev)).as(v.get("name").asString()).isEqualTo(v.get("hashedText").asString())
          .isEqualTo(new String(Base64.getDecoder().decode(v.get("hashedTextBase64").asString()), StandardCharsets.UTF_8));
      assertThat(ChainHash.of(r, seq, prev)).as(v.get("name").asString()).isEqualTo(v.get("recordHash").asString())
          .isEqualTo(ChainHash.sha256Hex(v.get("hashedText").asString().getBytes(StandardCharsets.UTF_8)));
    }
    // the forms differ in the version line: form /2 is not form /1 with a line appended
    assertThat(vectors.findValuesAsString("form")).contains("lgsp-hub-record/1", "lgsp-hub-record/2");
  }

  @Test
  void theSealsSignaturesAreCheckedAsSpecified() throws Exception {
    JsonNode doc = read("seal.json");
    TrustedKeys trust = new TrustedKeys(List.of(TrustedKeys.read(DIR.resolve(doc.get("certificate").asString()))));
    assertThat(TrustedKeys.keyId(TrustedKeys.read(DIR.resolve("test-seal-certificate.pem")))).isEqualTo(doc.get("keyId").asString());
    for (JsonNode v : List.of(doc, doc.get("withMicroseconds"), doc.get("brokenSignature"))) {
      Seal seal = EvidenceJson.seal(EvidenceJson.object("{\"seal\":" + v.get("seal") + "}"));
      assertThat(seal.text()).isEqualTo(v.get("signedText").asString());
      assertThat(trust.verify(seal.keyId(), seal.text(), seal.signature())).isEqualTo(v.get("valid").asBoolean());
    }
    assertThat(doc.get("withMicroseconds").get("signedText").asString()).contains("sealedAt=2026-01-31T08:01:00.250100Z\n");
  }

  static Stream<Arguments> cases() throws Exception {
    List<Arguments> all = new ArrayList<>();
    read("manifest.json").get("cases").forEach(c -> all.add(Arguments.of(c.get("name").asString(), c)));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theCommandGivesTheManifestsVerdictAndCounts(String name, JsonNode c) throws Exception {
    List<String> args = new ArrayList<>();
    c.get("args").forEach(a -> args.add(a.asString().startsWith("--certificate=")
        ? "--certificate=" + DIR.toAbsolutePath().resolve(a.asString().substring("--certificate=".length()))
        : a.asString()));
    args.add(DIR.resolve(c.get("file").asString()).toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    JsonNode expect = c.get("expect");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed + err).isEqualTo(expect.get("exit").asInt());
    if (printed.isBlank()) {
      assertThat(expect.get("verdict").asString()).as(err.toString()).isEqualTo(ExportCheck.UNUSABLE);
      return;
    }
    JsonNode report = JsonLines.JSON.readTree(printed);
    JsonNode check = report.get("parts").get(0).get("check");
    assertThat(report.get("verdict").asString()).isEqualTo(expect.get("verdict").asString());
    assertThat(check.get("verdict").asString()).isEqualTo(expect.get("verdict").asString());
    assertThat(check.get("exit").asInt()).isEqualTo(expect.get("exit").asInt());
    if (check.get("verdict").asString().equals(ExportCheck.UNUSABLE)) {
      return;
    }
    for (String count : COUNTS) {
      assertThat(check.get(count).asLong()).as(count + " in " + check).isEqualTo(expect.get(count).asLong());
    }
    assertThat(check.get("exportSignatureOnlyRanges")).isEqualTo(expect.get("exportSignatureOnlyRanges"));
    TreeSet<String> found = new TreeSet<>(check.get("findings").findValuesAsString("verdict"));
    TreeSet<String> expected = new TreeSet<>();
    expect.get("findings").forEach(f -> expected.add(f.asString()));
    assertThat(found).as(check.toString()).isEqualTo(expected);
  }

  private static JsonNode read(String name) throws Exception {
    return JsonLines.JSON.readTree(Files.readString(DIR.resolve(name)));
  }
}
