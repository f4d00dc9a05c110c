package vn.lgsp.hub.audit.files;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.lgsp.hub.HubProperties;
import vn.lgsp.hub.audit.AuditProperties;
import vn.lgsp.hub.audit.chain.ChainHash;
import vn.lgsp.hub.audit.chain.JsonLines;
import vn.lgsp.hub.audit.chain.Seal;
import vn.lgsp.hub.audit.chain.SealKey;
import vn.lgsp.hub.audit.chain.TrustedKeys;
import vn.lgsp.hub.audit.record.ExchangeRecord;

/**
 * Writes docs/evidence-test-vectors/ with the hub's own code: records and their hashes, a seal, a
 * small export and its tampered variants, and the manifest of expected verdicts and counts. The
 * expectations are written here by hand from docs/EVIDENCE-FORMAT.md, never taken from a verifier:
 * {@link EvidenceVectorsTest} then checks that the hub's verifier gives them. Run with
 * {@code ./mvnw -o test -Dtest=EvidenceVectorsTest -Devidence.vectors.write=true}. The keys are
 * test keys, created once and committed; ECDSA signatures differ on every run (random k).
 */
final class EvidenceVectors {

  static final Path DIR = Path.of("docs", "evidence-test-vectors");
  static final String PASSWORD = "test-vectors-only";
  static final int MAX_UNSEALED_RUN = 4;
  private static final ObjectMapper JSON = JsonLines.JSON;

  private final SealKey test;
  private final SealKey other;
  private final List<ExchangeRecord> chain = new ArrayList<>();
  private final List<Seal> seals = new ArrayList<>();
  private final ArrayNode cases = JSON.createArrayNode();

  private EvidenceVectors(Path work) throws Exception {
    test = key("test-seal", "lgsp-hub TEST seal key - never trust", work);
    other = key("other", "somebody else - not the hub", work);
  }

  static void write(Path work) throws Exception {
    Files.createDirectories(DIR);
    new EvidenceVectors(work).all();
  }

  private void all() throws Exception {
    records();
    seal();
    exports();
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("spec", "docs/EVIDENCE-FORMAT.md");
    manifest.put("note", "paths and args are relative to this directory; findings are the distinct verdict names found");
    manifest.set("cases", cases);
    write("manifest.json", manifest);
  }

  // ---- records

  private static ExchangeRecord.Builder base(int n) {
    return ExchangeRecord.builder().id(UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n)))
        .messageId("vector-" + n).method("GET").status(200).requestSize(0).responseSize(321)
        .requestInAt(Instant.parse("2026-01-31T08:00:00Z").plusSeconds(n))
        .responseOutAt(Instant.parse("2026-01-31T08:00:00.250Z").plusSeconds(n));
  }

  private void records() throws Exception {
    List<ExchangeRecord> plain = List.of(
        base(1).clientId("VN/GOV/UBND-HN/MOTCUA").serviceId("VN/GOV/BCA/DANCU/citizen-info").issue("HS-2026-000123")
            .path("/r1/VN/GOV/BCA/DANCU/citizen-info/#3f2a9c0d4e5b6a71").subjectHash("hmac-sha256:c2FuZGJveA==")
            .requestHash("hmac-sha256:cmVxdWVzdA==").responseHash("sha512:cmVzcG9uc2U=")
            .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .requestOutAt(Instant.parse("2026-01-31T08:00:01.010Z")).responseInAt(Instant.parse("2026-01-31T08:00:01.200Z"))
            .build(),
        base(2).clientId("VN/GOV/UBND-HN/MOTCUA").serviceId("VN/GOV/BCA/DANCU/residence").userId("VN001190000777")
            .issue("Hồ sơ HS-2026-99 — đăng ký thường trú").path("/r1/VN/GOV/BCA/DANCU/residence/#00aa")
            .requestInAt(Instant.parse("2026-01-31T08:00:02.123456Z")).build(),
        base(3).kind(ExchangeRecord.ADMIN).actor("operator").action("exchange-log.export").method("GET")
            .path("/admin/api/exchanges/export?from=2026-01-31")
            .reason("court order \"42\"\\b; tab\there, line\nbreak, escape \u001b, slash /, delete \u007f, emoji 😀").build(),
        base(4).claimedClientId("VN/GOV/UBND-HCM/MOTCUA").clientId("VN/GOV/UBND-HN/MOTCUA")
            .serviceId("VN/GOV/BCA/DANCU/household").status(403).errorType("Client.ClientMismatch").issue("")
            .responseSize(187).build(),
        base(5).clientId("VN/GOV/BCA/DIEUTRA").serviceId("VN/GOV/BCA/DANCU/citizen-info").issue("VA-17")
            .covertUntil(LocalDate.of(2031, 12, 31)).requestInAt(Instant.parse("2026-01-31T08:00:05.000001Z")).build(),
        base(6).kind(ExchangeRecord.EVENT).actor("hub").action("datatracker.covert-hidden").method("GET")
            .path("/datatracker/v1/findUsage").reason("2 covert usages hidden").status(0).responseSize(-1).build(),
        base(7).clientId("VN/GOV/UBND-DN/MOTCUA").serviceId("VN/GOV/BCA/DANCU/citizen-verify").method("POST")
            .issue("HS-0…").shortened("issue=250:hmac-sha256:c2hvcnRlbmVk").requestSize(9_223_372_036_854_775_807L).build(),
        base(8).clientId("VN/GOV/UBND-HN/MOTCUA").serviceId("VN/GOV/BTC/THUE/taxpayer").status(404)
            .errorType("Client.NotFound").responseSize(120).build());
    ArrayNode out = JSON.createArrayNode();
    String prev = ChainHash.GENESIS;
    for (int i = 0; i < plain.size(); i++) {
      long seq = i + 1;
      ExchangeRecord r = plain.get(i);
      String hash = ChainHash.of(r, seq, prev);
      ExchangeRecord chained = r.withChain(new ExchangeRecord.ChainLink(seq, prev, hash));
      chain.add(chained);
      out.add(vector("chain record " + seq + (seq == 7 ? " (form /2: shortened)" : ""), JSON.valueToTree(chained),
          chained, seq, prev));
      prev = hash;
      if (seq % 3 == 0) {
        Instant at = Instant.parse("2026-01-31T08:01:00Z").plusMillis(seq * 250);
        seals.add(new Seal(seq, hash, at, test.keyId(), test.sign(Seal.text(seq, hash, at, test.keyId()))));
      }
    }
    // form /3, after record 8 (not in the exports): the three signatures an exchange may keep, beside shortened
    ExchangeRecord signed = base(9).clientId("VN/GOV/UBND-HN/MOTCUA").serviceId("VN/COM/VCB/TAIKHOAN/account-verify")
        .method("POST").issue("HS-2026-000777").shortened("issue=300:hmac-sha256:c2lnbmVk")
        .requestSignature("sig1=(\"@method\" \"@path\" \"x-road-client\" \"content-digest\");created=1769846409;"
            + "keyid=\"hanoi-2026\";alg=\"ed25519\" :cmVxdWVzdCBzaWduYXR1cmU=:")
        .answerSignature("hub=(\"@status\" \"content-type\" \"content-digest\" \"x-road-id\");created=1769846409;"
            + "keyid=\"3f2a\";alg=\"ecdsa-p256-sha256\" :YW5zd2VyIHNpZ25hdHVyZQ==:")
        .providerSignature("bank=(\"@status\" \"content-digest\");created=1769846409;keyid=\"vcb\" :cmVnaXN0ZXI=:")
        .build();
    ExchangeRecord signedChained = signed.withChain(new ExchangeRecord.ChainLink(9, prev, ChainHash.of(signed, 9, prev)));
    out.add(vector("record 9 after record 8 (form /3: message signatures)", JSON.valueToTree(signedChained), signedChained,
        9, prev));
    // as another writer might have written it: upper-case UUID, no kind, nanoseconds, absent and null alike
    String loose = """
        {"id":"0000000A-0000-4000-8000-00000000000B","messageId":"loose","clientId":null,"method":"GET","path":"/x",\
        "status":200,"requestSize":0,"responseSize":0,"requestInAt":"2026-01-31T08:00:00.123456789Z",\
        "responseOutAt":"2026-01-31T08:00:00.5Z","chain":{"seq":42,"prevHash":"%s","recordHash":"%s"}}""";
    String prevLoose = "ab".repeat(32);
    ExchangeRecord parsed = EvidenceJson.record(EvidenceJson.object("{\"record\":" + loose.formatted(prevLoose, "") + "}"));
    String looseHash = ChainHash.of(parsed, 42, prevLoose);
    out.add(vector("a record as another writer might write it (reading rules of section 2)",
        JSON.readTree(loose.formatted(prevLoose, looseHash)), parsed, 42, prevLoose));
    ObjectNode doc = JSON.createObjectNode();
    doc.put("about", "each record object as it appears in an export, its position and predecessor's hash,"
        + " the exact canonical text hashed (docs/EVIDENCE-FORMAT.md, section 3) and the expected recordHash");
    doc.set("vectors", out);
    write("records.json", doc);
  }

  private static ObjectNode vector(String name, JsonNode json, ExchangeRecord r, long seq, String prev) {
    ObjectNode v = JSON.createObjectNode();
    v.put("name", name);
    v.set("record", json);
    v.put("seq", seq).put("prevHash", prev).put("form", ChainHash.form(r));
    String hashed = ChainHash.hashed(r, seq, prev);
    v.put("hashedText", hashed);
    v.put("hashedTextBase64", Base64.getEncoder().encodeToString(hashed.getBytes(StandardCharsets.UTF_8)));
    v.put("recordHash", ChainHash.of(r, seq, prev));
    return v;
  }

  // ---- a seal

  private void seal() throws Exception {
    Seal s = seals.get(0);
    ObjectNode doc = JSON.createObjectNode();
    doc.put("certificate", "test-seal-certificate.pem").put("keyId", test.keyId());
    doc.set("seal", JSON.valueToTree(s));
    doc.put("signedText", s.text());
    doc.put("valid", true);
    Seal odd = new Seal(s.upToSeq(), s.headHash(), Instant.parse("2026-01-31T08:01:00.250100Z"), test.keyId(), null);
    odd = new Seal(odd.upToSeq(), odd.headHash(), odd.sealedAt(), odd.keyId(), test.sign(odd.text()));
    ObjectNode micros = JSON.createObjectNode();
    micros.set("seal", JSON.valueToTree(odd));
    micros.put("signedText", odd.text()).put("valid", true);
    doc.set("withMicroseconds", micros);
    ObjectNode broken = JSON.createObjectNode();
    broken.set("seal", JSON.valueToTree(new Seal(s.upToSeq(), s.headHash(), s.sealedAt(), s.keyId(), flip(s.signature()))));
    broken.put("signedText", s.text()).put("valid", false);
    doc.set("brokenSignature", broken);
    write("seal.json", doc);
  }

  // ---- exports

  private void exports() throws Exception {
    String intact = export(test, 2);
    Files.writeString(DIR.resolve("export-intact.jsonl"), intact);
    String[] lines = intact.split("\n", -1);
    // lines: 0 header, 1-2 seals, 3-10 records 1-8, 11 footer, 12 "" (after the last LF)
    String cert = "--certificate=test-seal-certificate.pem";
    String fingerprint = "--fingerprint=sha256:" + test.keyId();
    String openssl = "--fingerprint=SHA256:" + String.join(":", test.keyId().toUpperCase().split("(?<=\\G..)"));

    expect("intact", "export-intact.jsonl", List.of(cert), "intact", 0, 8, 8, 0, 0, 0, 2, 0, 0, 6, "[[7,8]]");
    expect("intact, by fingerprint", "export-intact.jsonl", List.of(fingerprint), "intact", 0, 8, 8, 0, 0, 0, 2, 0, 0,
        6, "[[7,8]]");
    expect("intact, by fingerprint as openssl prints it", "export-intact.jsonl", List.of(openssl), "intact", 0, 8, 8, 0,
        0, 0, 2, 0, 0, 6, "[[7,8]]");
    expect("the wrong certificate: not the hub's file to this auditor", "export-intact.jsonl",
        List.of("--certificate=other-certificate.pem"), "footer-forged", 1, 8, 8, 0, 0, 0, 2, 0, 0, 6, "[[7,8]]",
        "footer-forged");

    String[] field = lines.clone();
    field[4] = field[4].replace("\"status\":200", "\"status\":500");
    save("tampered-field.jsonl", field);
    expect("one field changed (record 2's status)", "tampered-field.jsonl", List.of(fingerprint), "altered", 1, 8, 7, 0, 1,
        0, 2, 0, 0, 4, "[[1,1],[7,8]]", "altered", "footer-mismatch");

    save("tampered-deleted.jsonl", without(lines, 6));
    expect("a record deleted (record 4)", "tampered-deleted.jsonl", List.of(fingerprint), "removed", 1, 7, 6, 1, 0, 1, 2,
        0, 0, 5, "[[7,8]]", "removed", "footer-mismatch");

    String[] swapped = lines.clone();
    swapped[6] = lines[7];
    swapped[7] = lines[6];
    save("tampered-swapped.jsonl", swapped);
    expect("two records swapped (4 and 5)", "tampered-swapped.jsonl", List.of(fingerprint), "reordered", 1, 8, 5, 3, 0, 0,
        2, 0, 0, 4, "[[4,5],[7,8]]", "reordered", "footer-mismatch");

    Files.writeString(DIR.resolve("tampered-cut-tail.jsonl"), String.join("\n", List.of(lines).subList(0, 10)) + "\n");
    expect("the tail cut (record 8 and the footer)", "tampered-cut-tail.jsonl", List.of(fingerprint), "truncated", 1, 7, 7,
        0, 0, 0, 2, 0, 0, 6, "[[7,7]]", "truncated");
    Files.writeString(DIR.resolve("tampered-cut-mid-line.jsonl"),
        String.join("\n", List.of(lines).subList(0, 10)) + "\n" + lines[10].substring(0, 40));
    expect("the tail cut in the middle of a line", "tampered-cut-mid-line.jsonl", List.of(fingerprint), "truncated", 1, 7,
        7, 0, 0, 0, 2, 0, 0, 6, "[[7,7]]", "truncated");

    String[] resigned = lines.clone();
    resigned[11] = resign(lines[11], other, null);
    save("tampered-footer-resigned.jsonl", resigned);
    expect("the footer re-signed by another key", "tampered-footer-resigned.jsonl", List.of(fingerprint), "footer-forged",
        1, 8, 8, 0, 0, 0, 2, 0, 0, 6, "[[7,8]]", "footer-forged");

    String[] changed = lines.clone();
    changed[11] = changed[11].replace("\"records\":8", "\"records\":7");
    save("tampered-footer-changed.jsonl", changed);
    expect("the footer's content changed (records 8 to 7), signature kept", "tampered-footer-changed.jsonl",
        List.of(fingerprint), "footer-mismatch", 1, 8, 8, 0, 0, 0, 2, 0, 0, 6, "[[7,8]]", "footer-mismatch",
        "footer-forged");

    String[] sealSig = lines.clone();
    JsonNode seal3 = JSON.readTree(lines[1]);
    sealSig[1] = lines[1].replace(seal3.get("seal").get("signature").asString(), flip(seal3.get("seal").get("signature").asString()));
    save("tampered-seal-signature.jsonl", sealSig);
    expect("a seal's signature broken (the seal at 3)", "tampered-seal-signature.jsonl", List.of(fingerprint),
        "seal-forged", 1, 8, 8, 0, 0, 0, 1, 1, 0, 6, "[[7,8]]", "seal-forged", "seal-missing", "footer-mismatch");

    String[] sealHead = lines.clone();
    sealHead[2] = lines[2].replace(chain.get(5).chain().recordHash(), chain.get(4).chain().recordHash());
    save("tampered-seal-head.jsonl", sealHead);
    expect("a seal's head hash changed (the seal at 6)", "tampered-seal-head.jsonl", List.of(fingerprint),
        "seal-mismatch", 1, 8, 8, 0, 0, 0, 1, 1, 0, 3, "[[4,8]]", "seal-mismatch", "seal-missing", "footer-mismatch");

    Files.writeString(DIR.resolve("forged-by-another-key.jsonl"), export(other, 2));
    expect("a whole file written and signed by another key, checked with the hub's fingerprint",
        "forged-by-another-key.jsonl", List.of(fingerprint), "footer-forged", 1, 8, 8, 0, 0, 0, 2, 0, 0, 6, "[[7,8]]",
        "footer-forged");

    Files.writeString(DIR.resolve("export-format-1.jsonl"), export(test, 1));
    expect("a file of format /1 (written before this spec)", "export-format-1.jsonl", List.of(cert), "intact", 0, 8, 8, 0,
        0, 0, 2, 0, 0, 6, "[[7,8]]");

    String[] notJson = lines.clone();
    notJson[5] = "this line is not JSON";
    save("unusable-not-json.jsonl", notJson);
    unusable("a line that is not JSON", "unusable-not-json.jsonl", List.of(fingerprint));
    String[] typed = lines.clone();
    typed[4] = typed[4].replace("\"status\":200", "\"status\":\"200\"");
    save("unusable-status-string.jsonl", typed);
    unusable("a member of the wrong JSON type (status as a string)", "unusable-status-string.jsonl", List.of(fingerprint));
    unusable("a certificate argument that is not a certificate", "export-intact.jsonl",
        List.of("--certificate=records.json"));
  }

  /** The whole chain as an export of format 1 or 2 signed by {@code key}. */
  private String export(SealKey key, int format) throws Exception {
    List<Seal> signed = seals.stream().map(s -> key == test ? s : new Seal(s.upToSeq(), s.headHash(), s.sealedAt(),
        key.keyId(), key.sign(Seal.text(s.upToSeq(), s.headHash(), s.sealedAt(), key.keyId())))).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format == 2) {
      ExportFile.Writer writer = new ExportFile.Writer(out);
      writer.header(0, ChainHash.GENESIS, new ExportFile.HeaderInfo(Instant.parse("2026-01-31T09:00:00.123456Z"),
          MAX_UNSEALED_RUN, List.of(key.certificate()), null, "intact"));
      signed.forEach(writer::seal);
      chain.forEach(writer::record);
      writer.footer(key);
      return out.toString(StandardCharsets.UTF_8);
    }
    StringBuilder file = new StringBuilder();
    file.append(JSON.writeValueAsString(JSON.createObjectNode().put("type", "header").put("format", ExportFile.FORMAT_1)
        .put("baseSeq", 0).put("baseHash", ChainHash.GENESIS).put("exportedAt", "2026-01-31T09:00:00.123456Z")
        .put("maxUnsealedRun", MAX_UNSEALED_RUN).put("certificate", key.certificatePem()))).append('\n');
    for (Seal s : signed) {
      ObjectNode line = JSON.createObjectNode().put("type", "seal");
      line.set("seal", JSON.valueToTree(s));
      file.append(JSON.writeValueAsString(line)).append('\n');
    }
    for (ExchangeRecord r : chain) {
      ObjectNode line = JSON.createObjectNode().put("type", "record");
      line.set("record", JSON.valueToTree(r));
      file.append(JSON.writeValueAsString(line)).append('\n');
    }
    String digest = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(file.toString().getBytes(StandardCharsets.UTF_8)));
    ExchangeRecord.ChainLink last = chain.get(chain.size() - 1).chain();
    ObjectNode footer = JSON.createObjectNode().put("type", "footer").put("lastSeq", last.seq())
        .put("lastHash", last.recordHash()).put("records", chain.size()).put("digest", digest).put("keyId", key.keyId())
        .put("signature", key.sign(ExportFile.footerText(last.seq(), last.recordHash(), chain.size(), digest, key.keyId())));
    return file.append(JSON.writeValueAsString(footer)).append('\n').toString();
  }

  private static String resign(String footerLine, SealKey key, Long records) throws Exception {
    ObjectNode f = (ObjectNode) JSON.readTree(footerLine);
    long count = records == null ? f.get("records").asLong() : records;
    f.put("records", count).put("keyId", key.keyId()).put("signature", key.sign(ExportFile.footerText(f.get("lastSeq").asLong(),
        f.get("lastHash").asString(), count, f.get("digest").asString(), key.keyId())));
    return JSON.writeValueAsString(f);
  }

  private void expect(String name, String file, List<String> args, String verdict, int exit, long records, long checked,
      long unchecked, long failed, long missing, long sealsValid, long sealsFailed, long sealsUnchecked, long sealed,
      String ranges, String... findings) throws Exception {
    ObjectNode c = cases.addObject();
    c.put("name", name).put("file", file);
    c.set("args", JSON.valueToTree(args));
    ObjectNode e = c.putObject("expect");
    e.put("verdict", verdict).put("exit", exit).put("records", records).put("checked", checked)
        .put("unchecked", unchecked).put("failed", failed).put("missing", missing).put("seals", sealsValid + sealsFailed
            + sealsUnchecked).put("sealsValid", sealsValid).put("sealsFailed", sealsFailed)
        .put("sealsUnchecked", sealsUnchecked).put("sealed", sealed).put("exportSignatureOnly", checked + unchecked - sealed);
    e.set("exportSignatureOnlyRanges", JSON.readTree(ranges));
    e.set("findings", JSON.valueToTree(List.of(findings)));
  }

  private void unusable(String name, String file, List<String> args) {
    ObjectNode c = cases.addObject();
    c.put("name", name).put("file", file);
    c.set("args", JSON.valueToTree(args));
    c.putObject("expect").put("verdict", ExportCheck.UNUSABLE).put("exit", 2);
  }

  private static String[] without(String[] lines, int index) {
    List<String> list = new ArrayList<>(List.of(lines));
    list.remove(index);
    return list.toArray(String[]::new);
  }

  private static void save(String name, String[] lines) throws Exception {
    Files.writeString(DIR.resolve(name), String.join("\n", lines));
  }

  /** The signature with one Base64 character changed: still Base64, no longer the signature. */
  private static String flip(String signature) {
    int i = signature.length() / 2;
    char c = signature.charAt(i) == 'A' ? 'B' : 'A';
    return signature.substring(0, i) + c + signature.substring(i + 1);
  }

  private static void write(String name, JsonNode node) throws Exception {
    Files.writeString(DIR.resolve(name), JSON.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(node) + "\n");
  }

  /** A test key from its committed PEM files (made once): loaded into a keystore so that {@link SealKey} signs with it. */
  private static SealKey key(String name, String cn, Path work) throws Exception {
    Path keyFile = DIR.resolve(name + "-key.pem");
    Path certFile = DIR.resolve(name + "-certificate.pem");
    PrivateKey privateKey;
    X509Certificate certificate;
    if (Files.exists(keyFile) && Files.exists(certFile)) {
      String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----|\\s", "");
      privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
      certificate = TrustedKeys.read(certFile);
    } else {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + cn + ", O=lgsp-hub test vectors");
      certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
          BigInteger.valueOf(name.hashCode() & 0x7fffffff), java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z")),
          java.util.Date.from(Instant.parse("2036-01-01T00:00:00Z")), subject, pair.getPublic())
          .build(new JcaContentSignerBuilder(SealKey.ALGORITHM).build(pair.getPrivate())));
      privateKey = pair.getPrivate();
      Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
          .encodeToString(privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
      Files.writeString(certFile, TrustedKeys.pem(certificate));
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("seal", privateKey, PASSWORD.toCharArray(), new Certificate[] {certificate});
    Path p12 = work.resolve(name + ".p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      store.store(out, PASSWORD.toCharArray());
    }
    AuditProperties audit = new AuditProperties("a-key-of-sixteen-chars", "q", "dlq", 1, 10,
        new AuditProperties.Seal(p12, PASSWORD, "seal", false, 3, Duration.ofSeconds(10), List.of()), null, null);
    return new SealKey(audit, new HubProperties(work, null));
  }
}
