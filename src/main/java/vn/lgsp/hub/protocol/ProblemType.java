package vn.lgsp.hub.protocol;

/**
 * The stable error vocabulary of the hub. The code is the problem {@code type} and the value of
 * the {@code X-Road-Error} header; callers may branch on it, so codes never change meaning.
 * {@code Client.*} is the caller's fault, {@code Server.Hub.*} the hub's, {@code Server.Provider.*}
 * a backend's.
 */
public enum ProblemType {
  INVALID_REQUEST("Client.InvalidRequest", 400, "The request is not valid"),
  INVALID_PERSONAL_ID("Client.InvalidPersonalId", 400, "The personal ID is not valid"),
  INVALID_CLIENT_HEADER("Client.InvalidClientHeader", 400, "X-Road-Client is missing or malformed"),
  MISSING_ISSUE("Client.MissingIssue", 400, "X-Road-Issue is required for this service"),
  INVALID_HEADER("Client.InvalidHeader", 400, "A request header is not valid"),
  INVALID_XML("Client.InvalidXml", 400, "The XML is not acceptable (no DTD, bounded size and depth)"),
  UNAUTHENTICATED("Client.Unauthenticated", 401, "Authentication is required"),
  CLIENT_MISMATCH("Client.ClientMismatch", 403, "X-Road-Client does not match the credentials"),
  ACCESS_DENIED("Client.AccessDenied", 403, "The client has no access right to this service"),
  UNKNOWN_SERVICE("Client.UnknownService", 404, "No such service"),
  NOT_FOUND("Client.NotFound", 404, "The register holds no such record"),
  METHOD_NOT_ALLOWED("Client.MethodNotAllowed", 405, "The service does not accept this method"),
  PAYLOAD_TOO_LARGE("Client.PayloadTooLarge", 413, "The request body is too large"),
  RATE_LIMITED("Client.RateLimited", 429, "Too many requests; retry after the time given"),
  REQUEST_TIMEOUT("Client.RequestTimeout", 408, "The request did not arrive in time"),
  AUTHENTICATION_THROTTLED(
      "Client.AuthenticationThrottled", 429, "Too many failed authentications; retry after the time given"),
  HEADER_TOO_LARGE("Client.HeaderTooLarge", 431, "The request headers are too large"),
  UNSUPPORTED_MEDIA_TYPE("Client.UnsupportedMediaType", 415, "The content type is not supported"),
  URI_TOO_LONG("Client.UriTooLong", 414, "The request path or query string is too long"),
  PROVIDER_UNAVAILABLE("Server.Provider.Unavailable", 503, "The provider is unavailable"),
  PROVIDER_TIMEOUT("Server.Provider.Timeout", 504, "The provider did not answer in time"),
  PROVIDER_FAULT("Server.Provider.Fault", 503, "The provider could not answer"),
  PROVIDER_RESPONSE_TOO_LARGE(
      "Server.Provider.ResponseTooLarge", 502, "The provider's answer is larger than the hub accepts"),
  HUB_MAINTENANCE("Server.Hub.Maintenance", 503, "The service is suspended for maintenance; try later"),
  HUB_OVERLOADED("Server.Hub.Overloaded", 503, "The hub is at capacity; retry after the time given"),
  DATABASE_UNAVAILABLE("Server.Hub.DatabaseUnavailable", 503, "The exchange log database is unavailable; try later"),
  EXCHANGE_LOG_UNAVAILABLE(
      "Server.Hub.ExchangeLogUnavailable", 503, "The hub cannot record the exchange; try later"),
  INTERNAL_ERROR("Server.Hub.InternalError", 500, "The hub could not process the request");

  private final String code;
  private final int status;
  private final String title;

  ProblemType(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
