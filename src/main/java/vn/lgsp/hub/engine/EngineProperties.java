package vn.lgsp.hub.engine;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import vn.lgsp.hub.protocol.HeaderRules;

/**
 * Limits the engine applies to every exchange.
 *
 * @param maxBodyBytes the largest request body accepted (larger: 413)
 * @param maxHeaderBytes the largest size of all request headers together (larger: 431)
 * @param maxHeaderValueBytes the largest single header value (larger: 431)
 * @param maxJsonDepth the deepest nesting of a JSON body (deeper: 400)
 * @param maxPathChars the longest request path, as sent (longer: 414). At most 1024 keeps the path
 *     whole in the record even when every digit run in it is masked (up to 1.8 times longer, path
 *     column 2048); a longer limit is allowed, the record then keeps such a path shortened with a hash
 * @param maxQueryChars the longest query string, as sent (longer: 414); the record keeps only its hash
 * @param maxUserIdChars the longest {@code X-Road-UserId} (longer: 431). At most 64 keeps it whole in
 *     the record when masked (user-id column 128)
 * @param maxProtocolHeaderChars the longest value of any other protocol header ({@code X-Road-*},
 *     its GovStack aliases; longer: 431); X-Road-Issue is stored whole up to 256, X-Road-Id is in
 *     any case at most 100 characters of a restricted alphabet
 * @param maxBatchBodyBytes the largest body of a batch job's submission ({@code POST /batch/v1/jobs}: up to
 *     100,000 input lines; larger: 413), read into memory like any body
 */
@Validated
@ConfigurationProperties("hub.engine")
public record EngineProperties(
    @DefaultValue("262144") @Min(1024) @Max(104_857_600) int maxBodyBytes,
    @DefaultValue("16384") @Min(1024) @Max(65_536) int maxHeaderBytes,
    @DefaultValue("8192") @Min(256) @Max(65_536) int maxHeaderValueBytes,
    @DefaultValue("32") @Min(2) @Max(1000) int maxJsonDepth,
    @DefaultValue("1024") @Min(64) @Max(8192) int maxPathChars,
    @DefaultValue("2048") @Min(64) @Max(8192) int maxQueryChars,
    @DefaultValue("64") @Min(16) @Max(HeaderRules.MAX_TEXT) int maxUserIdChars,
    @DefaultValue("200") @Min(16) @Max(HeaderRules.MAX_TEXT) int maxProtocolHeaderChars,
    @DefaultValue("16777216") @Min(1024) @Max(104_857_600) int maxBatchBodyBytes) {

  /** The body path that takes batch jobs' inputs, with its own, larger limit. */
  public static final String BATCH_JOBS_PATH = "/batch/v1/jobs";

  /** The largest body accepted on this request path and method. */
  public int maxBodyBytes(String method, String path) {
    return "POST".equals(method) && BATCH_JOBS_PATH.equals(path) ? maxBatchBodyBytes : maxBodyBytes;
  }
}
