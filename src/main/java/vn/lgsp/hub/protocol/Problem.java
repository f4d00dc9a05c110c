package vn.lgsp.hub.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details as the hub writes them. The type is the stable problem code (a
 * relative URI reference, as X-Road does); {@code xRoadId} lets the caller quote the exchange to
 * an operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String xRoadId) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemType type, String detail, String messageId) {
    return new Problem(type.code(), type.title(), type.status(), detail, messageId);
  }
}
