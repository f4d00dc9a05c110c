package vn.lgsp.hub.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import vn.lgsp.hub.protocol.SubsystemId;

/**
 * Event types shipped as files ({@code hub.events.types-directory}): {@code <room>/<type>.schema.json},
 * the room as four directories, e.g. {@code VN/GOV/BCA/DANCU/citizen.residence-changed.schema.json}.
 * Each is created at start when its room does not have it; one that exists is left as it is (the API
 * is where a type changes). A file that is not a valid schema stops the hub, naming the file.
 */
@Component
class EventTypeFiles {

  private static final Logger log = LoggerFactory.getLogger(EventTypeFiles.class);
  private static final String SUFFIX = ".schema.json";
  /** Who created the types, in the records' words. */
  static final String CREATED_BY = "configuration";

  private final EventStore store;
  private final EventSchemas schemas;
  private final EventProperties props;
  private final ObjectMapper json;

  EventTypeFiles(EventStore store, EventSchemas schemas, EventProperties props, ObjectMapper json) {
    this.store = store;
    this.schemas = schemas;
    this.props = props;
    this.json = json;
  }

  @EventListener(ApplicationStartedEvent.class)
  public void createMissing() {
    Path root = props.typesDirectory();
    if (root == null || !Files.isDirectory(root)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      Path relative = root.relativize(file);
      if (relative.getNameCount() != 5) {
        throw new IllegalStateException(file + ": an event type file is <instance>/<class>/<member>/<subsystem>/<type>"
            + SUFFIX);
      }
      String room = SubsystemId.parse(relative.getParent().toString().replace(java.io.File.separatorChar, '/')).toString();
      String type = relative.getFileName().toString();
      type = type.substring(0, type.length() - SUFFIX.length());
      JsonNode schema;
      try {
        schema = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
        schemas.check(schema);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(file + " is not a valid JSON Schema of an event type", e);
      }
      if (store.createType(room, type, schema.toString(), CREATED_BY)) {
        log.info("event type {} of {} created from {}", type, room, file);
      }
    }
  }
}
