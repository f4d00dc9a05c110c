package vn.lgsp.hub.ops;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/** What every admin action's body carries: the reason, required, printable, recorded in the trail. */
final class AdminRequests {

  private AdminRequests() {}

  static String reason(JsonNode body, HttpServletRequest request) {
    JsonNode reason = body == null ? null : body.get("reason");
    String text = reason != null && reason.isString() ? reason.asString("").strip() : "";
    if (text.isEmpty() || text.length() > 500 || text.chars().anyMatch(Character::isISOControl)) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "admin.reason");
    }
    request.setAttribute(AdminActionRecorder.REASON, text);
    return text;
  }

  /** The node an action is for, if the body names one (printable, short enough for its row); null for every hub. */
  static String node(JsonNode body) {
    JsonNode node = body == null ? null : body.get("node");
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.isString() ? node.asString("").strip() : "";
    if (text.isEmpty() || text.length() > 190 || text.chars().anyMatch(Character::isISOControl)) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "admin.node");
    }
    return text;
  }
}
