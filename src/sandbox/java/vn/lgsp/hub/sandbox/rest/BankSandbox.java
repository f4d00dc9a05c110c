package vn.lgsp.hub.sandbox.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.identity.PersonalId;
import vn.lgsp.hub.sandbox.population.StableHash;
import vn.lgsp.hub.sandbox.population.SyntheticPopulation;

/**
 * The sandbox bank ({@code VN/COM/VCB/TAIKHOAN}): does this account belong to this person? It
 * accepts only requests signed with the shared key: HMAC-SHA256 over {@code METHOD \n PATH \n
 * TIMESTAMP \n hex(SHA-256(body))}, at most five minutes old. It signs its answers with HTTP Message Signatures
 * (RFC 9421, ecdsa-p256-sha256, label {@code vcb}) over the status, content type and {@code Content-Digest} (RFC
 * 9530). Written apart from the hub's signer and verifier on purpose, as a bank would: the tests then show that
 * they agree.
 */
public final class BankSandbox extends JsonHttpServer {

  public static final String BANK_CODE = "VCB";
  public static final String ANSWER_KEY_ID = "vcb-sandbox-2026";
  private static final long MAX_SKEW_SECONDS = 300;

  private final SyntheticPopulation population;
  private final byte[] key;
  private final PrivateKey answerKey;
  private final Clock clock;
  private final StableHash hash = new StableHash("lgsp-sandbox-bank");

  public BankSandbox(int port, SyntheticPopulation population, String key, String answerSigningKey, Clock clock) {
    super("vcb-accounts", port);
    this.population = population;
    this.key = key.getBytes(StandardCharsets.UTF_8);
    this.answerKey = privateKey(answerSigningKey);
    this.clock = clock;
    route("POST", "/bank/v1/account-verifications", this::verify);
  }

  /** The one account a sandbox person holds at this bank. */
  public String accountNumberOf(String personalId) {
    return "0011" + String.format("%09d", hash.draw(1_000_000_000, personalId, "account"));
  }

  private Reply verify(Request request) throws IOException {
    if (!signedCorrectly(request)) {
      return Reply.error(401, "invalid-signature");
    }
    JsonNode body;
    try {
      body = JSON.readTree(request.body());
    } catch (JacksonException e) {
      return Reply.error(400, "invalid-body");
    }
    String personalId = body == null ? null : body.path("personalId").asString(null);
    if (personalId == null || !PersonalId.isValid(personalId)) {
      return Reply.error(400, "invalid-personal-id");
    }
    String account = body.path("accountNumber").asString("");
    String name = body.path("fullName").asString("");
    boolean match = BANK_CODE.equals(body.path("bankCode").asString(""))
        && population.find(personalId)
            .filter(c -> account.equals(accountNumberOf(personalId)))
            .filter(c -> SyntheticPopulation.normaliseName(c.fullName()).equals(SyntheticPopulation.normaliseName(name)))
            .isPresent();
    return Reply.ok(Map.of("match", match));
  }

  /**
   * Signs the answer and binds it to the request it answers (RFC 9421 section 2.4): the request's path and, when
   * the request carried one, its {@code Content-Digest}.
   */
  @Override
  protected void sign(HttpServletRequest request, int status, HttpServletResponse response, byte[] body) {
    try {
      String digest = "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)) + ":";
      String requestDigest = request.getHeader("Content-Digest");
      String covered = "\"@status\" \"content-type\" \"content-digest\" \"@path\";req"
          + (requestDigest == null ? "" : " \"content-digest\";req");
      String parameters = "(" + covered + ");created=" + clock.instant().getEpochSecond()
          + ";keyid=\"" + ANSWER_KEY_ID + "\";alg=\"ecdsa-p256-sha256\"";
      String base = "\"@status\": " + status + "\n\"content-type\": " + response.getContentType()
          + "\n\"content-digest\": " + digest + "\n\"@path\";req: " + request.getRequestURI()
          + (requestDigest == null ? "" : "\n\"content-digest\";req: " + requestDigest.strip())
          + "\n\"@signature-params\": " + parameters;
      Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
      ecdsa.initSign(answerKey);
      ecdsa.update(base.getBytes(StandardCharsets.UTF_8));
      response.setHeader("Content-Digest", digest);
      response.setHeader("Signature-Input", "vcb=" + parameters);
      response.setHeader("Signature", "vcb=:" + Base64.getEncoder().encodeToString(ecdsa.sign()) + ":");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the sandbox bank cannot sign", e);
    }
  }

  private static PrivateKey privateKey(String pem) {
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("hub.sandbox.vcb-accounts.answer-signing-key: not an EC private key, PEM", e);
    }
  }

  private boolean signedCorrectly(Request request) {
    String timestamp = request.header("X-Signature-Timestamp");
    String signature = request.header("X-Signature");
    if (timestamp == null || signature == null) {
      return false;
    }
    long sent;
    try {
      sent = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(clock.instant().getEpochSecond() - sent) > MAX_SKEW_SECONDS) {
      return false;
    }
    try {
      String canonical = request.method() + "\n" + request.path() + "\n" + timestamp + "\n"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.body()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] expected = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
      byte[] given = Base64.getDecoder().decode(signature);
      return MessageDigest.isEqual(expected, given);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }
}
