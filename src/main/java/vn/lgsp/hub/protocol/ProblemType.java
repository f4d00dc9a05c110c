package vn.lgsp.hub.protocol;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The stable error vocabulary of the hub. The code is the problem {@code type} and the value of
 * the {@code X-Road-Error} header; callers may branch on it, so codes never change meaning.
 * {@code Client.*} is the caller's fault, {@code Server.Hub.*} the hub's, {@code Server.Provider.*}
 * a backend's.
 */
public enum ProblemType {
  INVALID_REQUEST("Client.InvalidRequest", 400),
  INVALID_PERSONAL_ID("Client.InvalidPersonalId", 400),
  INVALID_CLIENT_HEADER("Client.InvalidClientHeader", 400),
  MISSING_ISSUE("Client.MissingIssue", 400),
  INVALID_HEADER("Client.InvalidHeader", 400),
  INVALID_XML("Client.InvalidXml", 400),
  UNAUTHENTICATED("Client.Unauthenticated", 401),
  INVALID_SIGNATURE("Client.InvalidSignature", 401),
  CLIENT_MISMATCH("Client.ClientMismatch", 403),
  ACCESS_DENIED("Client.AccessDenied", 403),
  UNKNOWN_SERVICE("Client.UnknownService", 404),
  NOT_FOUND("Client.NotFound", 404),
  METHOD_NOT_ALLOWED("Client.MethodNotAllowed", 405),
  CONFLICT("Client.Conflict", 409),
  PAYLOAD_TOO_LARGE("Client.PayloadTooLarge", 413),
  RATE_LIMITED("Client.RateLimited", 429),
  REQUEST_TIMEOUT("Client.RequestTimeout", 408),
  AUTHENTICATION_THROTTLED(
      "Client.AuthenticationThrottled", 429),
  HEADER_TOO_LARGE("Client.HeaderTooLarge", 431),
  UNSUPPORTED_MEDIA_TYPE("Client.UnsupportedMediaType", 415),
  URI_TOO_LONG("Client.UriTooLong", 414),
  PROVIDER_UNAVAILABLE("Server.Provider.Unavailable", 503),
  PROVIDER_TIMEOUT("Server.Provider.Timeout", 504),
  PROVIDER_FAULT("Server.Provider.Fault", 503),
  PROVIDER_RESPONSE_TOO_LARGE(
      "Server.Provider.ResponseTooLarge", 502),
  PROVIDER_INVALID_SIGNATURE(
      "Server.Provider.InvalidSignature", 502),
  HUB_MAINTENANCE("Server.Hub.Maintenance", 503),
  HUB_OVERLOADED("Server.Hub.Overloaded", 503),
  DATABASE_UNAVAILABLE("Server.Hub.DatabaseUnavailable", 503),
  EXCHANGE_LOG_UNAVAILABLE(
      "Server.Hub.ExchangeLogUnavailable", 503),
  INTERNAL_ERROR("Server.Hub.InternalError", 500);

  /** The English titles, for records and logs (callers get the edge's rendering in their language). */
  private static final String BUNDLE = "i18n/problems";

  private final String code;
  private final int status;

  ProblemType(String code, int status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** The message key of this type's title in {@code i18n/problems_*.properties}. */
  public String titleKey() {
    return "title." + code;
  }

  /** The English title, as the exchange log's notes keep it (a client header's problem naming X-Road-Client). */
  public String title() {
    return java.text.MessageFormat.format(ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH).getString(titleKey()),
        XRoadHeaders.CLIENT);
  }
}
