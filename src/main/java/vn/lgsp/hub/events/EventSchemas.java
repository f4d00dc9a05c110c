package vn.lgsp.hub.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.lgsp.hub.protocol.HubProblemException;
import vn.lgsp.hub.protocol.ProblemType;

/**
 * The event types' JSON Schemas (draft 2020-12 unless a schema names its own draft), compiled once per
 * schema text. A schema may refer only within itself ({@code $ref} to {@code #...}): a reference to a
 * URL would make the hub fetch what a publisher names.
 */
@Component
class EventSchemas {

  private static final int REPORTED = 5;

  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /** Refuses a schema that is not an object, refers outside itself, or does not compile (400). */
  void check(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.schema-required");
    }
    if (refersOutside(schema)) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.schema-external-ref");
    }
    try {
      // not kept: only the schemas of stored event types are (there are few of them)
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema.toString(), InputFormat.JSON);
    } catch (RuntimeException e) {
      throw new HubProblemException(ProblemType.INVALID_REQUEST, "events.schema-invalid");
    }
  }

  /** Where {@code event} fails its schema, e.g. {@code $.changedOn (required)}: places and rules, never values. */
  List<String> problems(String schema, JsonNode event) {
    return compile(schema).validate(event).stream().map(EventSchemas::where).distinct().limit(REPORTED).toList();
  }

  private static String where(Error error) {
    return error.getInstanceLocation() + (error.getProperty() == null ? "" : "." + error.getProperty())
        + " (" + error.getKeyword() + ")";
  }

  private Schema compile(String schema) {
    return compiled.computeIfAbsent(schema, text -> SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(text, InputFormat.JSON));
  }

  private static boolean refersOutside(JsonNode node) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && (!ref.isString() || !ref.asString().startsWith("#"))) {
        return true;
      }
      for (JsonNode child : node.values()) {
        if (refersOutside(child)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node.values()) {
        if (refersOutside(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
