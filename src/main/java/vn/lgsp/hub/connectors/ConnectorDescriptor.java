package vn.lgsp.hub.connectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import vn.lgsp.hub.protocol.Bilingual;

/**
 * One backend system as a ministry describes it in {@code connectors/<id>.yaml}: where it is, how
 * long to wait, when to stop calling it, and how each operation's request and answer look. The
 * engine builds a client from it; adding a register needs no code.
 *
 * @param maxResponseSize the largest answer the hub reads from this backend (Spring's notation,
 *     {@code 512KB}, {@code 2MB}: binary units); a larger answer is refused as {@code
 *     Server.Provider.ResponseTooLarge} without being read whole. Absent: {@link
 *     #DEFAULT_MAX_RESPONSE_SIZE}.
 */
public record ConnectorDescriptor(
    @NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be kebab-case") String id,
    @NotBlank String provider,
    String title,
    @NotNull Protocol protocol,
    @Valid Soap soap,
    @Valid Rest rest,
    @NotNull @Valid Timeouts timeouts,
    @Valid Tls tls,
    @NotNull @Valid CircuitBreakerSpec circuitBreaker,
    @Valid RetrySpec retry,
    @NotNull @Valid BulkheadSpec bulkhead,
    DataSize maxResponseSize,
    @NotEmpty Map<String, @Valid @NotNull Operation> operations) {

  public static final DataSize DEFAULT_MAX_RESPONSE_SIZE = DataSize.ofMegabytes(2);

  /** Bounds of {@code maxResponseSize}: room for any register's record, none for a runaway answer. */
  static final DataSize MIN_RESPONSE_SIZE = DataSize.ofKilobytes(1);
  static final DataSize MAX_RESPONSE_SIZE = DataSize.ofMegabytes(256);

  public ConnectorDescriptor {
    maxResponseSize = maxResponseSize == null ? DEFAULT_MAX_RESPONSE_SIZE : maxResponseSize;
  }

  @AssertTrue(message = "maxResponseSize must be between 1KB and 256MB")
  boolean isMaxResponseSizeInBounds() {
    return maxResponseSize.compareTo(MIN_RESPONSE_SIZE) >= 0 && maxResponseSize.compareTo(MAX_RESPONSE_SIZE) <= 0;
  }

  public enum Protocol {
    @JsonProperty("soap")
    SOAP,
    @JsonProperty("rest")
    REST
  }

  /**
   * @param baseUrl the backend's base URL (placeholders resolved from the configuration)
   * @param signing how requests are signed, when the backend demands it
   * @param answerSignature the register signs its answers and the hub requires it: each answer is verified, its
   *     signature kept in the exchange record
   */
  public record Rest(
      @NotBlank @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String baseUrl,
      @Valid Signing signing,
      @Valid AnswerSignature answerSignature) {}

  /**
   * The register signs its answers with HTTP Message Signatures (RFC 9421): the hub verifies every answer it uses
   * (a success) and refuses one that is unsigned, stale or altered with {@code 502
   * Server.Provider.InvalidSignature}. The signature must cover {@code @status} and {@code content-digest} (RFC
   * 9530, matching the body), carry {@code created}, and be bound to the hub's request (section 2.4):
   * {@code "@path";req}, {@code "@query";req} when it has a query, {@code "content-digest";req} when it has a body
   * (the hub then sends its {@code Content-Digest}).
   *
   * @param certificate the register's certificate (or bare public key), PEM: EC P-256 or Ed25519
   * @param maxAge how old a signature ({@code created}) may be when the answer arrives; default 5 minutes
   */
  public record AnswerSignature(@NotBlank String certificate, Duration maxAge) {
    public AnswerSignature {
      maxAge = maxAge == null ? Duration.ofMinutes(5) : maxAge;
    }
  }

  /**
   * HMAC-SHA256 over method, path, timestamp and the body's SHA-256, sent as {@code
   * X-Signature-Timestamp} and {@code X-Signature}.
   *
   * @param key the shared key; from the environment or a secret store, never the repository
   */
  public record Signing(@NotBlank @Size(min = 16, message = "must be at least 16 characters") String key) {
    @Override
    public String toString() {
      return "Signing[key hidden]";
    }
  }

  /**
   * @param wsdl the WSDL file, relative to the descriptor
   * @param namespace target namespace of the service and port names
   * @param service the WSDL service name
   * @param port the WSDL port name
   * @param address the endpoint address (placeholders resolved from the configuration)
   */
  public record Soap(
      @NotBlank String wsdl,
      @NotBlank String namespace,
      @NotBlank String service,
      @NotBlank String port,
      @NotBlank @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String address) {}

  public record Timeouts(@NotNull Duration connect, @NotNull Duration read) {}

  /**
   * TLS towards this backend (for an {@code https} address): whom to trust, and the hub's own
   * certificate when the backend asks for one. Files are PKCS#12, relative to the descriptor;
   * passwords come from placeholders, never the repository.
   *
   * @param truststore the backend's CA (or certificate); absent: the JDK's default trust
   * @param keystore the hub's client certificate and key for this backend; absent: none
   */
  public record Tls(String truststore, String truststorePassword, String keystore, String keystorePassword) {
    @Override
    public String toString() {
      return "Tls[truststore=" + truststore + ", keystore=" + keystore + "]";
    }
  }

  /** Resilience4j circuit breaker settings; one named breaker per connector. */
  public record CircuitBreakerSpec(
      @Min(1) @Max(100) int failureRateThreshold,
      @Min(1) int slidingWindowSize,
      @Min(1) int minimumNumberOfCalls,
      @NotNull Duration waitInOpenState,
      @Min(1) int permittedCallsInHalfOpenState) {}

  /** Retries apply to idempotent operations only, and only when the backend could not be reached. */
  public record RetrySpec(@Min(1) @Max(5) int maxAttempts, @NotNull Duration backoff) {}

  public record BulkheadSpec(@Min(1) int maxConcurrentCalls, @NotNull Duration maxWait) {}

  /**
   * @param title what the operation does, in Vietnamese and English, as the catalogue shows it to
   *     people (directory, OpenAPI, WSDL, console, the citizens' data tracker); required
   * @param description a sentence or two more, in both languages; required
   * @param idempotent safe to repeat (a read); only these are retried
   * @param soapAction SOAP: the SOAPAction of the operation
   * @param method REST: the HTTP method
   * @param path REST: the path below the base URL, {@code {name}} replaced by the URL-encoded input
   * @param input parameter name to type; values come from path parameters or the JSON body
   * @param request SOAP: the payload, {@code {name}} replaced by the XML-escaped input; REST: absent
   *     means no body, {@code json} sends the inputs as one JSON object
   * @param response how to turn the answer into canonical JSON
   * @param faults SOAP: fault detail element (local name) to outcome; REST: HTTP status to outcome
   * @param schema JSON Schema of the canonical answer, published in the service's OpenAPI document
   */
  public record Operation(
      @NotNull @Valid Bilingual title,
      @NotNull @Valid Bilingual description,
      boolean idempotent,
      String soapAction,
      @Pattern(regexp = "GET|POST", message = "must be GET or POST") String method,
      String path,
      @NotEmpty Map<String, @NotNull InputType> input,
      String request,
      @NotNull @Valid ResponseMapping response,
      Map<String, FaultOutcome> faults,
      Map<String, Object> schema) {
    public Operation {
      faults = faults == null ? Map.of() : faults;
      schema = schema == null ? Map.of("type", "object") : schema;
    }
  }

  /**
   * @param select local name of the answer element to return (the payload root when blank)
   * @param arrays element names that are always JSON arrays, even with one element
   * @param rename element name to JSON field name
   * @param booleans element names whose text is a JSON boolean
   */
  public record ResponseMapping(
      String select, List<String> arrays, Map<String, String> rename, List<String> booleans) {
    public ResponseMapping {
      arrays = arrays == null ? List.of() : arrays;
      rename = rename == null ? Map.of() : rename;
      booleans = booleans == null ? List.of() : booleans;
    }
  }

  /** How an input is validated before it goes to the backend. */
  public enum InputType {
    @JsonProperty("personal-id")
    PERSONAL_ID,
    /** printable text up to 200 characters */
    @JsonProperty("text")
    TEXT,
    /** an ISO 8601 date */
    @JsonProperty("date")
    DATE,
    /** a personal ID or a legacy tax code (identity.TaxCode) */
    @JsonProperty("tax-id")
    TAX_ID,
    /** letters and digits, 1-34 characters (bank codes and account numbers, IBAN length) */
    @JsonProperty("code")
    CODE
  }

  public enum FaultOutcome {
    @JsonProperty("not-found")
    NOT_FOUND,
    @JsonProperty("invalid-request")
    INVALID_REQUEST
  }
}
