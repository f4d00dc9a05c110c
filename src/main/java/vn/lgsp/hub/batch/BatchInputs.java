package vn.lgsp.hub.batch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemText;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * A batch job's inputs as the consumer sends them: JSON lines (one object per line) or CSV with a
 * header line (RFC 4180 quoting, a record per line). Every line is checked before the job is taken,
 * so a job either starts with inputs that are all well formed or is refused with the first bad
 * line's number; whether an input names a valid person is the item's own exchange's question.
 */
final class BatchInputs {

  static final List<String> JSON_LINES_TYPES =
      List.of("application/jsonl", "application/x-ndjson", "application/x-jsonlines", "application/json-lines");
  static final String CSV_TYPE = "text/csv";

  private BatchInputs() {}

  /** The inputs, one JSON object per input line, in order. */
  static List<ObjectNode> parse(byte[] body, String contentType, BatchProperties limits, ObjectMapper json) {
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    boolean csv = CSV_TYPE.equals(mediaType);
    if (!csv && !JSON_LINES_TYPES.contains(mediaType)) {
      throw new HubProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "batch.media-type");
    }
    String text = text(body);
    List<ObjectNode> inputs = new ArrayList<>();
    List<String> header = null;
    int lineNumber = 0;
    // line by line, refused at the first bad line or at one input too many: nothing is built beyond that
    for (int at = 0; at <= text.length(); ) {
      int end = text.indexOf('\n', at);
      end = end < 0 ? text.length() : end;
      String line = text.substring(at, end > at && text.charAt(end - 1) == '\r' ? end - 1 : end);
      at = end + 1;
      lineNumber++;
      check(line, lineNumber, limits);
      if (line.isBlank()) {
        continue;
      }
      if (!csv) {
        inputs.add(jsonLine(line, lineNumber, json));
      } else if (header == null) {
        header = header(line, lineNumber);
      } else {
        inputs.add(csvRecord(header, line, lineNumber, json));
      }
      if (inputs.size() > limits.maxInputs()) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.too-many", limits.maxInputs()));
      }
    }
    if (inputs.isEmpty()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.no-inputs");
    }
    return inputs;
  }

  private static String text(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.not-utf8");
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static void check(String line, int lineNumber, BatchProperties limits) {
    if (line.length() > limits.maxLineChars()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST,
          ProblemText.of("batch.line-too-long", lineNumber, limits.maxLineChars()));
    }
    if (line.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.line-control", lineNumber));
    }
  }

  private static ObjectNode jsonLine(String line, int lineNumber, ObjectMapper json) {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JacksonException e) {
      node = null;
    }
    if (!(node instanceof ObjectNode object)) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.line-not-object", lineNumber));
    }
    return object;
  }

  private static List<String> header(String line, int lineNumber) {
    List<String> header = fields(line, lineNumber);
    if (header.stream().anyMatch(String::isBlank) || header.stream().distinct().count() != header.size()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.csv-header");
    }
    return header;
  }

  private static ObjectNode csvRecord(List<String> header, String line, int lineNumber, ObjectMapper json) {
    List<String> values = fields(line, lineNumber);
    if (values.size() != header.size()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST,
          ProblemText.of("batch.csv-columns", lineNumber, header.size()));
    }
    ObjectNode input = json.createObjectNode();
    for (int c = 0; c < header.size(); c++) {
      input.put(header.get(c), values.get(c));
    }
    return input;
  }

  /** One CSV record's fields: comma-separated, a field in double quotes may hold commas and "" for a quote. */
  static List<String> fields(String line, int lineNumber) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.csv-quote", lineNumber));
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < line.length() && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.csv-quote", lineNumber));
        }
      } else {
        while (i < line.length() && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.csv-quote", lineNumber));
          }
          field.append(c);
        }
      }
      fields.add(field.toString().trim());
      field.setLength(0);
      if (i >= line.length()) {
        return fields;
      }
      i++; // the comma
    }
  }
}
