package vn.lgsp.hub.support;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON Schemas of an OpenAPI document (in src/test/resources), checked by a validator nobody here wrote
 * (networknt json-schema-validator): a schema found by JSON pointer in the document, with the document's
 * {@code components} beside it so that its {@code $ref}s resolve.
 */
public final class SpecSchemas {

  private final JsonNode document;

  public SpecSchemas(String resource) {
    try (InputStream in = SpecSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      document = YAMLMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with {@code answer} by the schema at {@code pointer} (empty: valid). */
  public List<String> problems(String pointer, JsonNode answer) {
    JsonNode found = document.at(pointer);
    if (found.isMissingNode()) {
      throw new IllegalArgumentException("no schema at " + pointer);
    }
    ObjectNode schema = (ObjectNode) found.deepCopy();
    schema.set("components", document.get("components"));
    Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(schema.toString(), InputFormat.JSON);
    return validator.validate(answer).stream().map(Error::toString).toList();
  }
}
