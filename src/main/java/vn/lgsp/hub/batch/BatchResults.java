package vn.lgsp.hub.batch;

import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One result line per input: its line (the input's position, from 1), its outcome ({@code ok},
 * {@code problem}, {@code pending}, {@code cancelled}), the HTTP status and X-Road-Id of its
 * exchange (the key of its exchange record), the input, and the answer or the problem as the
 * item's exchange gave it, minimised to what the caller may see.
 */
final class BatchResults {

  static final String CSV_HEADER = "line,outcome,status,xRoadId,input,answer\r\n";

  private final UUID job;
  private final ObjectMapper json;

  BatchResults(UUID job, ObjectMapper json) {
    this.job = job;
    this.json = json;
  }

  String jsonLine(BatchJobs.Item item) {
    ObjectNode line = json.createObjectNode();
    line.put("line", item.line());
    line.put("outcome", outcome(item));
    if (item.status() != null) {
      line.put("status", item.status());
      line.put("xRoadId", job + ":" + item.line());
    }
    line.set("input", parse(item.input()));
    if (item.answer() != null) {
      line.set("ok".equals(item.outcome()) ? "answer" : "problem", parse(item.answer()));
    }
    return line + "\n";
  }

  String csv(BatchJobs.Item item) {
    return item.line() + "," + outcome(item) + "," + (item.status() == null ? "" : item.status()) + ","
        + (item.status() == null ? "" : job + ":" + item.line()) + "," + quoted(parse(item.input()).toString()) + ","
        + (item.answer() == null ? "" : quoted(parse(item.answer()).toString())) + "\r\n";
  }

  private static String outcome(BatchJobs.Item item) {
    return item.outcome() == null ? "pending" : item.outcome();
  }

  /** An answer as stored; one that is not JSON (it always is: the engine writes JSON) is kept as text. */
  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JacksonException e) {
      return json.getNodeFactory().stringNode(text);
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
