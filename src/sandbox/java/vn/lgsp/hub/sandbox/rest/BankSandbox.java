package vn.lgsp.hub.sandbox.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
 * TIMESTAMP \n hex(SHA-256(body))}, at most five minutes old. Written apart from the hub's signer
 * on purpose, as a bank would: the tests then show that the two agree.
 */
public final class BankSandbox extends JsonHttpServer {

  public static final String BANK_CODE = "VCB";
  private static final long MAX_SKEW_SECONDS = 300;

  private final SyntheticPopulation population;
  private final byte[] key;
  private final Clock clock;
  private final StableHash hash = new StableHash("lgsp-sandbox-bank");

  public BankSandbox(int port, SyntheticPopulation population, String key, Clock clock) {
    super("vcb-accounts", port);
    this.population = population;
    this.key = key.getBytes(StandardCharsets.UTF_8);
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
