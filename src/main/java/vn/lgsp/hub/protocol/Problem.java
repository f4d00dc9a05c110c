package vn.lgsp.hub.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details as the hub writes them. The type is the stable problem code (a
 * relative URI reference, as X-Road does); {@code xRoadId} lets the caller quote the exchange to
 * an operator. Written only by the edge ({@code edge.ProblemWriter}), in the caller's language.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String xRoadId) {

  public static final String MEDIA_TYPE = ProblemAnswers.MEDIA_TYPE;
}
