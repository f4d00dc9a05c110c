package vn.lgsp.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.lgsp.hub.support.HubClient.HANOI;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lgsp.hub.audit.verification.VerifyCommand;
import vn.lgsp.hub.support.HubClient.Response;
import vn.lgsp.hub.support.SandboxHubTest;
import vn.lgsp.hub.support.TestDataDir;

/**
 * The hub's {@code verify-exchange-log} and the independent {@code tools/verify-exchange-log.py}
 * (written from docs/EVIDENCE-FORMAT.md alone) must agree, field by field, on every file: verdict,
 * exit code, counts, export-signature-only ranges and findings (name, line, chain position). Files:
 * every case of docs/evidence-test-vectors/manifest.json, edited copies of the intact vector that
 * pin the spec's clarified readings, and a fresh export of the running hub with tampered copies.
 * Without python3 and its {@code cryptography} module the test fails: CI machines have both.
 */
class SecondVerifierAgreementTest extends SandboxHubTest {

  private static final Path VECTORS = Path.of("docs/evidence-test-vectors").toAbsolutePath();
  private static final Path SCRIPT = Path.of("tools/verify-exchange-log.py").toAbsolutePath();
  private static final String VECTOR_FINGERPRINT =
      "--fingerprint=sha256:119f66724a9c26d5697ac4f1180724c6d74d4b6f0c5f0abf3262eda392fe3313";
  private static final List<String> COMPARED = List.of("verdict", "exit", "records", "checked", "unchecked", "failed",
      "missing", "seals", "sealsValid", "sealsFailed", "sealsUnchecked", "sealed", "exportSignatureOnly",
      "exportSignatureOnlyRanges");
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void pythonWithCryptography() throws Exception {
    Run run;
    try {
      run = run(List.of("python3", "-c", "import sys, cryptography; assert sys.version_info >= (3, 11)"));
    } catch (IOException e) {
      throw new AssertionError("python3 is not installed: the second verifier needs Python 3.11+ with cryptography", e);
    }
    assertThat(run.exit()).as("python3 3.11+ with the cryptography module is needed by the second verifier: %s", run.err())
        .isZero();
  }

  /** What one verifier said about one file, reduced to the members both must agree on. */
  private record Verdict(int exit, Map<String, Object> compared, String printed) {
    String verdict() {
      return String.valueOf(compared.get("verdict"));
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("timed out: " + command);
    }
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static Map<String, Object> compared(JsonNode report) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("verdict", report.get("verdict").asString());
    fields.put("exit", report.get("exit").asInt());
    if (!"unusable".equals(report.get("verdict").asString())) {
      for (String name : COMPARED.subList(2, COMPARED.size())) {
        fields.put(name, report.get(name));
      }
      List<String> findings = new ArrayList<>();
      // a member without a value may be absent or null
      report.get("findings").forEach(f -> findings.add(f.get("verdict").asString() + " line " + f.path("line").asString("-")
          + " seq " + f.path("chainSeq").asString("-")));
      fields.put("findings", findings);
    }
    return fields;
  }

  private static Verdict java(List<String> args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    if (out.toString(StandardCharsets.UTF_8).isBlank()) {
      return new Verdict(exit, Map.of("verdict", "unusable", "exit", exit), printed);
    }
    return new Verdict(exit, compared(JSON.readTree(out.toByteArray()).get("parts").get(0).get("check")), printed);
  }

  private static Verdict python(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    command.addAll(args);
    Run run = run(command);
    assertThat(run.out()).as("the script printed no report: %s", run.err()).isNotBlank();
    return new Verdict(run.exit(), compared(JSON.readTree(run.out())), run.out() + run.err());
  }

  /** Runs both verifiers on the file with these arguments, asserts they agree and returns the verdict. */
  private static Verdict agree(List<String> args, Path file) throws Exception {
    List<String> all = new ArrayList<>(args);
    all.add(file.toString());
    Verdict hub = java(all);
    Verdict second = python(all);
    assertThat(second.exit()).as("exit codes on %s%nJava: %s%nPython: %s", file, hub.printed(), second.printed())
        .isEqualTo(hub.exit());
    assertThat(second.compared()).as("reports on %s%nJava: %s%nPython: %s", file, hub.printed(), second.printed())
        .isEqualTo(hub.compared());
    assertThat(hub.compared().get("exit")).isEqualTo(hub.exit());
    return hub;
  }

  static Stream<Arguments> manifestCases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    JSON.readTree(VECTORS.resolve("manifest.json").toFile()).get("cases")
        .forEach(c -> cases.add(Arguments.of(c.get("name").asString(), c)));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifestCases")
  void bothVerifiersAgreeOnEveryManifestCase(String name, JsonNode c) throws Exception {
    List<String> args = new ArrayList<>();
    c.get("args").forEach(a -> args.add(a.asString().startsWith("--certificate=")
        ? "--certificate=" + VECTORS.resolve(a.asString().substring("--certificate=".length()))
        : a.asString()));
    Verdict verdict = agree(args, VECTORS.resolve(c.get("file").asString()));
    assertThat(verdict.verdict()).isEqualTo(c.get("expect").get("verdict").asString());
    assertThat(verdict.exit()).isEqualTo(c.get("expect").get("exit").asInt());
  }

  /** Edited copies of the intact vector, for readings the spec states but the manifest does not test. */
  @Test
  void bothVerifiersAgreeOnEditedCopiesOfTheIntactVector() throws Exception {
    String intact = Files.readString(VECTORS.resolve("export-intact.jsonl"));
    List<String> lines = intact.lines().toList();
    Map<String, String> copies = new LinkedHashMap<>();
    copies.put("a partial line after the footer", intact + "{\"type\":\"no");
    copies.put("a complete line after the footer", intact + "{\"type\":\"note\"}\n");
    copies.put("a record line twice", join(lines, l -> l.subList(0, 5), l -> l.subList(4, l.size())));
    copies.put("a record at position 0, before the file's start",
        join(lines, l -> l.subList(0, 3), l -> List.of(l.get(3).replace("\"chain\":{\"seq\":1", "\"chain\":{\"seq\":0")),
            l -> l.subList(3, l.size())));
    copies.put("a record deleted and the tail cut", join(lines, l -> l.subList(0, 6), l -> l.subList(7, 10)));
    copies.put("only the header", lines.get(0) + "\n");
    copies.put("a seal beyond the last record", join(lines, l -> l.subList(0, 3),
        l -> List.of(l.get(2).replace("\"upToSeq\":6", "\"upToSeq\":60")), l -> l.subList(3, l.size())));
    copies.put("form contradicting shortened", intact.replaceFirst("\"form\":\"lgsp-hub-record/1\"", "\"form\":\"lgsp-hub-record/2\""));
    copies.put("an unknown form", intact.replaceFirst("\"form\":\"lgsp-hub-record/1\"", "\"form\":\"lgsp-hub-record/3\""));
    copies.put("a line ended by CR LF", intact.replaceFirst("}}\n", "}}\r\n"));
    copies.put("a byte order mark", "\ufeff" + intact);
    copies.put("a leap second", intact.replaceFirst("08:00:01Z", "08:00:60Z"));
    copies.put("a status beyond 32 bits", intact.replaceFirst("\"status\":200", "\"status\":2147483648"));
    Path dir = TestDataDir.create("second-verifier-edits");
    for (Map.Entry<String, String> copy : copies.entrySet()) {
      Path file = Files.writeString(dir.resolve(UUID.randomUUID() + ".jsonl"), copy.getValue());
      assertThat(agree(List.of(VECTOR_FINGERPRINT), file).exit()).as(copy.getKey()).isPositive();
    }
  }

  @SafeVarargs
  private static String join(List<String> lines, UnaryOperator<List<String>>... parts) {
    StringBuilder text = new StringBuilder();
    for (UnaryOperator<List<String>> part : parts) {
      part.apply(lines).forEach(line -> text.append(line).append('\n'));
    }
    return text.toString();
  }

  @Test
  void bothVerifiersAgreeOnAFreshExportAndItsTamperedCopies() throws Exception {
    Instant from = Instant.now().minusMillis(1);
    for (int i = 0; i < 6; i++) {
      String messageId = UUID.randomUUID().toString();
      Response r = hub.get("/r1/VN/GOV/BCA/DANCU/citizen-info/001085000123").as(HANOI, hub.token(HANOI))
          .header("X-Road-Id", messageId).send();
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      hub.awaitRecord(messageId);
    }
    Instant to = Instant.now();
    String fingerprint = "--fingerprint=" + hub.admin("/admin/api/exchange-log/status").json().get("sealFingerprint").asString();
    Response export = hub.admin("/admin/api/exchanges/export?from=" + from + "&to=" + to
        + "&format=jsonl&reason=second+verifier");
    assertThat(export.status()).as(export.body()).isEqualTo(200);
    String text = export.body();
    Path dir = TestDataDir.create("second-verifier");
    Path file = Files.writeString(dir.resolve("export.jsonl"), text);

    Verdict intact = agree(List.of(fingerprint), file);
    assertThat(intact.verdict()).as(intact.printed()).isEqualTo("intact");
    assertThat(((JsonNode) intact.compared().get("records")).asLong()).isGreaterThanOrEqualTo(6);
    Verdict other = agree(List.of("--certificate=" + VECTORS.resolve("other-certificate.pem")), file);
    assertThat(other.verdict()).isEqualTo("footer-forged");

    List<String> lines = text.lines().toList();
    List<Integer> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("{\"type\":\"record\"")) {
        records.add(i);
      }
    }
    assertThat(records).hasSizeGreaterThanOrEqualTo(6);
    int middle = records.get(records.size() / 2);
    int status200 = records.stream().filter(i -> lines.get(i).contains("\"status\":200")).findFirst().orElseThrow();
    String footer = lines.get(lines.size() - 1);
    String footerRewritten = footer.replaceFirst("\"records\":(\\d+)", "\"records\":" + (records.size() - 1));

    Map<String, List<String>> tampered = new LinkedHashMap<>();
    tampered.put("altered", replace(lines, status200, lines.get(status200).replaceFirst("\"status\":200", "\"status\":404")));
    tampered.put("removed", without(lines, middle));
    List<String> swapped = new ArrayList<>(lines);
    swapped.set(middle, lines.get(middle + 1));
    swapped.set(middle + 1, lines.get(middle));
    tampered.put("reordered", swapped);
    tampered.put("truncated", lines.subList(0, lines.size() - 2));
    tampered.put("footer-mismatch", replace(lines, lines.size() - 1, footerRewritten));
    for (Map.Entry<String, List<String>> copy : tampered.entrySet()) {
      Path tamperedFile = Files.writeString(dir.resolve(copy.getKey() + ".jsonl"), String.join("\n", copy.getValue()) + "\n");
      Verdict verdict = agree(List.of(fingerprint), tamperedFile);
      assertThat(verdict.verdict()).as(verdict.printed()).isEqualTo(copy.getKey());
      assertThat(verdict.exit()).isEqualTo(1);
    }
    // the tail cut inside a line
    Path cut = Files.writeString(dir.resolve("cut.jsonl"), text.substring(0, text.length() - footer.length() - 20));
    assertThat(agree(List.of(fingerprint), cut).verdict()).isEqualTo("truncated");
  }

  private static List<String> replace(List<String> lines, int index, String line) {
    List<String> copy = new ArrayList<>(lines);
    copy.set(index, line);
    return copy;
  }

  private static List<String> without(List<String> lines, int index) {
    List<String> copy = new ArrayList<>(lines);
    copy.remove(index);
    return copy;
  }
}
