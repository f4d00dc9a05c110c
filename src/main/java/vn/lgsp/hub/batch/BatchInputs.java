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
    List<String> lines = lines(body, limits);
    List<ObjectNode> inputs = csv ? csv(lines, json) : jsonLines(lines, json);
    if (inputs.isEmpty()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.no-inputs");
    }
    if (inputs.size() > limits.maxInputs()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.too-many", limits.maxInputs()));
    }
    return inputs;
  }

  /** The body's lines (CRLF or LF), blank ones kept so that line numbers are the sender's. */
  private static List<String> lines(byte[] body, BatchProperties limits) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.not-utf8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).length() > limits.maxLineChars()) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST,
            ProblemText.of("batch.line-too-long", i + 1, limits.maxLineChars()));
      }
      if (lines.get(i).chars().anyMatch(c -> c < 0x20 && c != '\t')) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.line-control", i + 1));
      }
    }
    return lines;
  }

  private static List<ObjectNode> jsonLines(List<String> lines, ObjectMapper json) {
    List<ObjectNode> inputs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = json.readTree(lines.get(i));
      } catch (JacksonException e) {
        node = null;
      }
      if (!(node instanceof ObjectNode object)) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST, ProblemText.of("batch.line-not-object", i + 1));
      }
      inputs.add(object);
    }
    return inputs;
  }

  private static List<ObjectNode> csv(List<String> lines, ObjectMapper json) {
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      return List.of();
    }
    List<String> header = fields(lines.get(headerLine), headerLine + 1);
    if (header.stream().anyMatch(String::isBlank) || header.stream().distinct().count() != header.size()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "batch.csv-header");
    }
    List<ObjectNode> inputs = new ArrayList<>();
    for (int i = headerLine + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> values = fields(lines.get(i), i + 1);
      if (values.size() != header.size()) {
        throw new HubProblemException(ProblemType.INVALID_REQUEST,
            ProblemText.of("batch.csv-columns", i + 1, header.size()));
      }
      ObjectNode input = json.createObjectNode();
      for (int c = 0; c < header.size(); c++) {
        input.put(header.get(c), values.get(c));
      }
      inputs.add(input);
    }
    return inputs;
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
